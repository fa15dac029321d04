package org.rightsflow.deadline;

import java.time.Instant;
import java.util.Optional;

/**
 * One legal rule for how long a request may take. Every period is counted in whole days from the
 * Asia/Shanghai day of receipt, and every date returned is the end (23:59:59) of the last allowed
 * Shanghai day.
 */
public interface DeadlinePolicy {

    /** The code that configuration and stored deadlines use for this rule, e.g. {@code PIPL_STATEMENT}. */
    String code();

    /**
     * Never throws for a receipt: a rule counted on calendar data the product lacks answers the earliest date the
     * law can mean and says so ({@link DueDate#provisional()}).
     */
    DueDate dueDate(Instant receivedAt);

    /** The latest the answer may come once extended, or empty if the rule allows no extension. */
    Optional<Instant> extendedDueDate(Instant receivedAt);
}
