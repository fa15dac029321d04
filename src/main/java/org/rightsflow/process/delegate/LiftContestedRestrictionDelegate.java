package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.correction.DisputedCorrectionRestriction;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.springframework.stereotype.Component;

/** Task_LiftContestedRestriction: the correction is decided; a restriction made while it was disputed ends. */
@Component(CorrectionFulfilmentModel.BEAN_LIFT_CONTESTED_RESTRICTION)
public class LiftContestedRestrictionDelegate implements JavaDelegate {

    private final DisputedCorrectionRestriction disputed;

    public LiftContestedRestrictionDelegate(DisputedCorrectionRestriction disputed) {
        this.disputed = disputed;
    }

    @Override
    public void execute(DelegateExecution execution) {
        disputed.liftAfterDecision(requestId(execution));
    }
}
