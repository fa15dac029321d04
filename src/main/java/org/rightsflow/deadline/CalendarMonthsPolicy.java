package org.rightsflow.deadline;

import java.time.Instant;
import java.util.Optional;

/**
 * A period of calendar months: received on Shanghai day D, due at the end of the same day of the
 * month {@code months} later, or of that month's last day where it is shorter (Jan 31 → Feb 28/29).
 */
public record CalendarMonthsPolicy(String code, int months, int extensionMonths) implements DeadlinePolicy {

    /** GDPR art. 12(3): one month, extendable by two further months (the requester told within the first). */
    public static final CalendarMonthsPolicy GDPR = new CalendarMonthsPolicy("GDPR", 1, 2);

    public CalendarMonthsPolicy {
        if (code == null || code.isBlank() || months < 1 || extensionMonths < 0) {
            throw new IllegalArgumentException(
                    "A calendar-months policy needs a code, at least one month and no negative extension: "
                            + code + ", " + months + ", " + extensionMonths);
        }
    }

    @Override
    public DueDate dueDate(Instant receivedAt) {
        return DueDate.certain(endOfMonthsAfter(receivedAt, months));
    }

    /*
     * Counted from the receipt, not from the first due date: a receipt on Jan 31 may run to Apr 30,
     * where adding two months to Feb 28 would wrongly stop at Apr 28.
     */
    @Override
    public Optional<Instant> extendedDueDate(Instant receivedAt) {
        if (extensionMonths == 0) {
            return Optional.empty();
        }
        return Optional.of(endOfMonthsAfter(receivedAt, months + extensionMonths));
    }

    private static Instant endOfMonthsAfter(Instant receivedAt, int monthsToAdd) {
        return DeadlineDays.endOf(DeadlineDays.dayOf(receivedAt).plusMonths(monthsToAdd));
    }
}
