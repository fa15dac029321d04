package org.rightsflow.deadline;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one policy answers for one receipt.
 *
 * @param at           end (23:59:59 Asia/Shanghai) of the last allowed day
 * @param assumedYears years without official calendar data that the count crossed; every day in them was counted
 *                     as a working day, so {@code at} is the earliest the true date can be, never later
 */
public record DueDate(Instant at, SortedSet<Integer> assumedYears) {

    public DueDate {
        Objects.requireNonNull(at, "at");
        assumedYears = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(assumedYears));
    }

    /** A date that depends on no calendar data (calendar days, months). */
    public static DueDate certain(Instant at) {
        return new DueDate(at, new TreeSet<>());
    }

    static DueDate assuming(Instant at, Set<Integer> assumedYears) {
        return new DueDate(at, new TreeSet<>(assumedYears));
    }

    /** True where the official arrangement of a year the count crossed was not yet known. */
    public boolean provisional() {
        return !assumedYears.isEmpty();
    }
}
