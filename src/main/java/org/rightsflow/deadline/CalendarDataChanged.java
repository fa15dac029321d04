package org.rightsflow.deadline;

import java.util.SortedSet;

/** The calendar data in force changed (a year was added, replaced or dropped): provisional due dates are rechecked. */
public record CalendarDataChanged(SortedSet<Integer> coveredYears) {
}
