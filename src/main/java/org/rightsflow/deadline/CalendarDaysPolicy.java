package org.rightsflow.deadline;

import java.time.Instant;
import java.util.Optional;

/** A period of calendar days: received on Shanghai day D, due at the end of day D + {@code days}. */
public record CalendarDaysPolicy(String code, int days, int extensionDays) implements DeadlinePolicy {

    /**
     * The default. PIPL art. 50 asks for a timely answer without fixing a period; 15 calendar days is
     * what the privacy statement commits to (docs/clock.md). No extension.
     */
    public static final CalendarDaysPolicy PIPL_STATEMENT = new CalendarDaysPolicy("PIPL_STATEMENT", 15, 0);

    /** CCPA (Cal. Civ. Code 1798.130): 45 days, extendable once by 45 more. */
    public static final CalendarDaysPolicy CCPA = new CalendarDaysPolicy("CCPA", 45, 45);

    public CalendarDaysPolicy {
        if (code == null || code.isBlank() || days < 1 || extensionDays < 0) {
            throw new IllegalArgumentException(
                    "A calendar-days policy needs a code, at least one day and no negative extension: "
                            + code + ", " + days + ", " + extensionDays);
        }
    }

    @Override
    public DueDate dueDate(Instant receivedAt) {
        return DueDate.certain(DeadlineDays.endOf(DeadlineDays.dayOf(receivedAt).plusDays(days)));
    }

    @Override
    public Optional<Instant> extendedDueDate(Instant receivedAt) {
        if (extensionDays == 0) {
            return Optional.empty();
        }
        return Optional.of(DeadlineDays.endOf(DeadlineDays.dayOf(receivedAt).plusDays(days + extensionDays)));
    }
}
