package org.rightsflow.deadline;

import java.util.Set;

/**
 * A working-day count reached a year whose official holiday arrangement is not in the calendar data.
 * Thrown instead of guessing, because a guessed working day silently moves a legal deadline; the fix
 * is to add the year's State Council notice to {@code deadline/cn-holidays.txt}.
 */
public class CalendarYearNotCoveredException extends RuntimeException {

    private final int year;

    CalendarYearNotCoveredException(int year, String source, Set<Integer> coveredYears) {
        super("The working-day calendar " + source + " has no data for " + year + " (it covers " + coveredYears
                + "); add that year's official holidays and make-up working days before counting working days in it");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
