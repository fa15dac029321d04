package org.rightsflow.fulfilment.correction;

import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A disputed correction may restrict the contested categories while it is reviewed (docs/rights.md, CORRECT and
 * RESTRICT; PIPL Art. 44): when the privacy officer does not apply changes and chooses to, the categories of those
 * changes are restricted (storage and security only) until the correction is decided, then the restriction ends.
 */
@Service
public class DisputedCorrectionRestriction {

    private final CorrectionFulfilment corrections;
    private final RestrictionFulfilment restrictions;

    public DisputedCorrectionRestriction(CorrectionFulfilment corrections, RestrictionFulfilment restrictions) {
        this.corrections = corrections;
        this.restrictions = restrictions;
    }

    /** Restricts the categories of the changes the officer disputes. Safe to run again. */
    @Transactional
    public void restrictContested(String requestId) {
        restrictions.restrictWhileDisputed(requestId, corrections.contestedCategories(requestId));
    }

    /** The correction is decided: the restriction made while it was disputed, if any, ends. Safe to run again. */
    @Transactional
    public void liftAfterDecision(String requestId) {
        restrictions.liftAfterDispute(requestId);
    }
}
