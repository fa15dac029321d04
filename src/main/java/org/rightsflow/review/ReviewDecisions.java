package org.rightsflow.review;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.request.RequestOutcome;

/**
 * Server-side rules for staff decisions (forms validate only in the browser, so the engine checks again):
 * allowed values, grounds required for a refusal, an explanation always, and the four-eyes rule.
 */
public final class ReviewDecisions {

    public static final Set<String> REVIEW = Set.of("PROCEED", "PARTIAL", "REFUSE");
    public static final Set<String> APPROVAL = Set.of("APPROVE", "REJECT");
    public static final Set<String> IDENTITY = Set.of("VERIFIED", "NOT_VERIFIED");
    public static final Set<String> MANUAL_FULFILMENT =
            Set.of(RequestOutcome.COMPLETED.name(), RequestOutcome.PARTIALLY_COMPLETED.name());

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

    /**
     * The scope of a PARTIAL decision: which data categories are refused. At least one, each a known category, and
     * not every category (refusing all of them is a REFUSE). Other decisions carry no scope.
     *
     * @return the refused categories, without duplicates, in the order of {@link DataCategory}
     */
    public static List<String> requireRefusedCategories(String decision, List<String> categories) {
        if (!"PARTIAL".equals(decision)) {
            return List.of();
        }
        for (String category : categories) {
            if (Arrays.stream(DataCategory.values()).noneMatch(c -> c.name().equals(category))) {
                throw new InvalidDecisionException("Unknown data category " + category);
            }
        }
        List<String> refused = Arrays.stream(DataCategory.values()).map(Enum::name).filter(categories::contains).toList();
        if (refused.isEmpty()) {
            throw new InvalidDecisionException("A partial refusal names the data categories it refuses");
        }
        if (refused.size() == DataCategory.values().length) {
            throw new InvalidDecisionException("Refusing every data category is a REFUSE, not a PARTIAL decision");
        }
        return refused;
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
