package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_ApplyCorrections: writes the approved changes (once, even when retried) and reports the outcome. */
@Component(CorrectionFulfilmentModel.BEAN_APPLY_CORRECTIONS)
public class ApplyCorrectionsDelegate implements JavaDelegate {

    private final CorrectionFulfilment corrections;

    public ApplyCorrectionsDelegate(CorrectionFulfilment corrections) {
        this.corrections = corrections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CorrectionFulfilment.Result result = corrections.apply(requestId(execution),
                ProcessVariables.stringList(execution, VariableNames.RESULT_GROUNDS),
                ProcessVariables.string(execution, VariableNames.RESULT_EXPLANATION));
        execution.setVariable(VariableNames.OUTCOME, result.outcome());
        execution.setVariable(VariableNames.RESULT_GROUNDS, String.join(",", result.grounds()));
        execution.setVariable(VariableNames.RESULT_EXPLANATION, result.explanation());
    }
}
