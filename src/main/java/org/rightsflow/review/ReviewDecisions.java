package org.rightsflow.review;

import java.util.List;
import java.util.Set;

/**
 * Server-side rules for staff decisions (forms validate only in the browser, so the engine checks again):
 * allowed values, grounds required for a refusal, an explanation always, and the four-eyes rule.
 */
public final class ReviewDecisions {

    public static final Set<String> REVIEW = Set.of("PROCEED", "PARTIAL", "REFUSE");
    public static final Set<String> APPROVAL = Set.of("APPROVE", "REJECT");
    public static final Set<String> IDENTITY = Set.of("VERIFIED", "NOT_VERIFIED");
    public static final Set<String> MANUAL_FULFILMENT = Set.of("COMPLETED", "PARTIALLY_COMPLETED");

    private ReviewDecisions() {
    }

    public static void requireOneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidDecisionException(field + " must be one of " + allowed);
        }
    }

    public static void requireExplanation(String explanation) {
        if (explanation == null || explanation.isBlank()) {
            throw new InvalidDecisionException("An explanation is required");
        }
        if (explanation.length() > 4000) {
            throw new InvalidDecisionException("The explanation is limited to 4000 characters");
        }
    }

    /** Every refusal, whole or partial, names at least one ground from the vocabulary (PIPL Art. 50). */
    public static void requireGroundsForRefusal(boolean refusing, List<String> grounds) {
        for (String ground : grounds) {
            if (RefusalGround.fromCode(ground).isEmpty()) {
                throw new InvalidDecisionException("Unknown ground " + ground);
            }
        }
        if (refusing && grounds.isEmpty()) {
            throw new InvalidDecisionException("A refusal or partial refusal needs at least one ground");
        }
    }

    /** Four eyes: whoever proposed a refusal can never approve it. */
    public static void requireSecondPerson(String proposer, String approver) {
        if (approver == null) {
            throw new InvalidDecisionException("The approver must be signed in");
        }
        if (approver.equals(proposer)) {
            throw new InvalidDecisionException("Four-eyes rule: the proposer of a refusal cannot approve it");
        }
    }
}
