package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.correction.DisputedCorrectionRestriction;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.springframework.stereotype.Component;

/** Task_RestrictContestedData: the categories of the disputed changes are restricted while the proposal is reviewed. */
@Component(CorrectionFulfilmentModel.BEAN_RESTRICT_CONTESTED_DATA)
public class RestrictContestedDataDelegate implements JavaDelegate {

    private final DisputedCorrectionRestriction disputed;

    public RestrictContestedDataDelegate(DisputedCorrectionRestriction disputed) {
        this.disputed = disputed;
    }

    @Override
    public void execute(DelegateExecution execution) {
        disputed.restrictContested(requestId(execution));
    }
}
