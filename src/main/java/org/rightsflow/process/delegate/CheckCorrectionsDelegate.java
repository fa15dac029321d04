package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.springframework.stereotype.Component;

/** Task_CheckCorrections: which requested changes can be corrected at all; the rest are refused per change. */
@Component(CorrectionFulfilmentModel.BEAN_CHECK_CORRECTIONS)
public class CheckCorrectionsDelegate implements JavaDelegate {

    private final CorrectionFulfilment corrections;

    public CheckCorrectionsDelegate(CorrectionFulfilment corrections) {
        this.corrections = corrections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(CorrectionFulfilmentModel.REVIEWABLE_CHANGES, corrections.register(requestId(execution)));
    }
}
