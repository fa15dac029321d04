package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.RestrictionPeriodModel;
import org.springframework.stereotype.Component;

/**
 * Task_EndRestrictionPeriod: the lifted restriction's period process stops waiting for its end date. Correlated to
 * all (none when its timer ended it first, or on a repeated run): the lift itself already happened.
 */
@Component(RestrictionFulfilmentModel.BEAN_END_RESTRICTION_PERIOD)
public class EndRestrictionPeriodDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.getProcessEngineServices().getRuntimeService()
                .createMessageCorrelation(RestrictionPeriodModel.MSG_RESTRICTION_LIFTED)
                .processInstanceVariableEquals(RestrictionFulfilmentModel.RESTRICTION_ID,
                        execution.getVariable(RestrictionFulfilmentModel.RESTRICTION_ID))
                .correlateAllWithResult();
    }
}
