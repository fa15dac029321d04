package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.RestrictionPeriodModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_LiftAtEndDate: the restriction ends at its end date (once, even when retried); the systems lift it next. */
@Component(RestrictionPeriodModel.BEAN_LIFT_AT_END_DATE)
public class LiftRestrictionAtEndDateDelegate implements JavaDelegate {

    private final RestrictionFulfilment restrictions;

    public LiftRestrictionAtEndDateDelegate(RestrictionFulfilment restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.endAtEndDate(ProcessVariables.string(execution, RestrictionFulfilmentModel.RESTRICTION_ID));
        // a data operator's part of the lift (a manual system) is due at once: at the end date
        execution.setVariable(VariableNames.DUE_DATE, execution.getVariable(RestrictionFulfilmentModel.RESTRICTION_ENDS));
    }
}
