package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_ApplyRestriction: records the restriction, or the lift of the earlier one (once, even when retried); each system does its part next. */
@Component(RestrictionFulfilmentModel.BEAN_APPLY_RESTRICTION)
public class ApplyRestrictionDelegate implements JavaDelegate {

    private final RestrictionFulfilment restrictions;

    public ApplyRestrictionDelegate(RestrictionFulfilment restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RestrictionFulfilment.Fulfilled done = restrictions.fulfil(requestId(execution));
        execution.setVariable(VariableNames.OUTCOME, done.outcome());
        execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ACTION, done.action());
        execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ID, done.restrictionId());
        execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ENDS,
                done.endsAt() == null ? null : Date.from(done.endsAt()));
    }
}
