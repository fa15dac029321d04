package org.rightsflow.deadline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SortedSet;

/**
 * How long the working-day calendar data lasts, seen from today (Asia/Shanghai), and whether health and the staff
 * mailbox should warn: from {@code calendar-warning-before} (60 days) before it runs out, while it has run out,
 * and while the administrator's file stands rejected.
 *
 * @param coveredUntil     the last day of data without a gap from today; empty when today's year has none
 * @param firstMissingYear the first year from today on without data: the one to add
 * @param daysLeft         days from today to {@code coveredUntil} (0 when it ran out)
 */
public record CalendarOutlook(LocalDate today, SortedSet<Integer> coveredYears, Optional<LocalDate> coveredUntil,
                              int firstMissingYear, long daysLeft, boolean endingSoon,
                              MainlandCalendar.FileStatus file) {

    static CalendarOutlook of(WorkingDayCalendar calendar, MainlandCalendar.FileStatus file, LocalDate today,
                              long warningDays) {
        Optional<LocalDate> until = calendar.coveredUntil(today);
        int missing = until.map(day -> day.getYear() + 1).orElse(today.getYear());
        long daysLeft = until.map(day -> ChronoUnit.DAYS.between(today, day)).orElse(0L);
        return new CalendarOutlook(today, calendar.coveredYears(), until, missing, daysLeft,
                until.isEmpty() || daysLeft <= warningDays, file);
    }

    public boolean ranOut() {
        return coveredUntil.isEmpty();
    }

    public boolean fileRejected() {
        return file.state() == MainlandCalendar.FileState.REJECTED;
    }

    /** Whether anyone should be told: the data runs out soon or did, or the file was rejected. */
    public boolean warning() {
        return endingSoon || fileRejected();
    }
}
