package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.RestrictionPeriodModel;
import org.springframework.stereotype.Component;

/** Task_AnnounceEnd: every system lifted the restriction that reached its end date; the requester is told (once). */
@Component(RestrictionPeriodModel.BEAN_ANNOUNCE_RESTRICTION_ENDED)
public class AnnounceRestrictionEndedDelegate implements JavaDelegate {

    private final RestrictionFulfilment restrictions;

    public AnnounceRestrictionEndedDelegate(RestrictionFulfilment restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.announceEnded(ProcessVariables.string(execution, RestrictionFulfilmentModel.RESTRICTION_ID));
    }
}
