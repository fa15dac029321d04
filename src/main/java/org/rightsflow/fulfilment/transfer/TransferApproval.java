package org.rightsflow.fulfilment.transfer;

import java.util.List;
import java.util.Map;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.review.ReviewDecisions;

/**
 * The privacy officer's transfer decision, checked on the server (forms validate only in the browser). docs/rights.md: a
 * transfer needs all four conditions — identity verified, data provided with consent or under a contract, technically
 * feasible, no harm to others' legitimate rights. APPROVE needs all four ticked; both need an explanation. A rejection is
 * only a proposal (its grounds and explanation are checked where it is stored) until a second person approves it.
 */
public final class TransferApproval {

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
    public static final String GROUND = "TRANSFER_CONDITIONS_NOT_MET";

    /** The form's checkbox keys, one per transfer condition of docs/rights.md. */
    public static final String IDENTITY_VERIFIED = "conditionIdentityVerified";
    public static final String CONSENT_OR_CONTRACT = "conditionConsentOrContract";
    public static final String TECHNICALLY_FEASIBLE = "conditionTechnicallyFeasible";
    public static final String NO_HARM_TO_OTHERS = "conditionNoHarmToOthers";
    public static final List<String> CONDITIONS =
            List.of(IDENTITY_VERIFIED, CONSENT_OR_CONTRACT, TECHNICALLY_FEASIBLE, NO_HARM_TO_OTHERS);

    private TransferApproval() {
    }

    /**
     * @param conditions the four checkboxes (a missing one counts as not ticked)
     * @return whether the transfer is approved
     * @throws InvalidDecisionException for a decision that the rules do not allow
     */
    public static boolean check(String decision, Map<String, Boolean> conditions, String explanation) {
        ReviewDecisions.requireOneOf("decision", decision, ReviewDecisions.APPROVAL);
        ReviewDecisions.requireExplanation(explanation);
        boolean allHold = CONDITIONS.stream().allMatch(c -> Boolean.TRUE.equals(conditions.get(c)));
        if (APPROVE.equals(decision)) {
            if (!allHold) {
                throw new InvalidDecisionException("A transfer can be approved only when all four conditions hold");
            }
            return true;
        }
        return false;
    }

    /**
     * The product's finding for the approver: a condition the officer did not tick is a reason the law gives for not
     * transferring ({@value #GROUND}). A suggestion only: the officer's proposal names the grounds.
     */
    public static String suggestedGrounds(Map<String, Boolean> conditions) {
        return CONDITIONS.stream().allMatch(c -> Boolean.TRUE.equals(conditions.get(c))) ? "" : GROUND;
    }
}
