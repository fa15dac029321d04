package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.springframework.stereotype.Component;

/**
 * Task_AnnounceRestriction, Task_AnnounceLift: every system did its part of the restriction (or of its lift); the
 * requester is told (once, even when retried).
 */
@Component(RestrictionFulfilmentModel.BEAN_ANNOUNCE_RESTRICTION)
public class AnnounceRestrictionDelegate implements JavaDelegate {

    private final RestrictionFulfilment restrictions;

    public AnnounceRestrictionDelegate(RestrictionFulfilment restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.announce(requestId(execution));
    }
}
