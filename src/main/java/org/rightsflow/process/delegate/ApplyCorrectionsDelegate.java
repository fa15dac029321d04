package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.correction.CorrectionService;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.Variables;
import org.springframework.stereotype.Component;

/** Task_ApplyCorrections: writes the approved changes (once, even when retried) and reports the outcome. */
@Component(CorrectionFulfilmentModel.BEAN_APPLY_CORRECTIONS)
public class ApplyCorrectionsDelegate implements JavaDelegate {

    private final CorrectionService corrections;

    public ApplyCorrectionsDelegate(CorrectionService corrections) {
        this.corrections = corrections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CorrectionService.Result result = corrections.apply(requestId(execution),
                ProcessVariables.stringList(execution, Variables.RESULT_GROUNDS),
                ProcessVariables.string(execution, Variables.RESULT_EXPLANATION));
        execution.setVariable(Variables.OUTCOME, result.outcome());
        execution.setVariable(Variables.RESULT_GROUNDS, String.join(",", result.grounds()));
        execution.setVariable(Variables.RESULT_EXPLANATION, result.explanation());
    }
}
