package org.rightsflow.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The day arithmetic every policy shares. Rightsflow answers to mainland-China law, so days are
 * counted on the Asia/Shanghai calendar whatever the jurisdiction of the policy or the server's zone.
 */
final class DeadlineDays {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /*
     * A due date is the END of the last allowed day: the rules count whole days, so the last day
     * belongs to the controller in full and a timer must not fire at its first minute.
     * 23:59:59 rather than LocalTime.MAX (…:59.999999999) because Camunda stores dates to the
     * millisecond and a whole second reads unambiguously in Tasklist and Cockpit.
     */
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private DeadlineDays() {
    }

    /** The Shanghai calendar day on which an instant falls (a receipt at 00:30 local is that day, not the UTC day before). */
    static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    static Instant endOf(LocalDate day) {
        return day.atTime(END_OF_DAY).atZone(ZONE).toInstant();
    }
}
