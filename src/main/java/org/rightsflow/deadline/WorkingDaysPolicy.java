package org.rightsflow.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A period of working days on a {@link WorkingDayCalendar}: day 1 is the first working day after the
 * Shanghai day of receipt, whatever the hour of receipt and whether or not that day was a working day.
 *
 * @param calendar the calendar in force at the moment of counting (an administrator may add a year at run time)
 */
public record WorkingDaysPolicy(String code, Supplier<WorkingDayCalendar> calendar, int workingDays)
        implements DeadlinePolicy {

    public static final String CN_WORKING_DAYS = "CN_WORKING_DAYS";

    /** Account cancellation handled by hand: at most 15 working days on the mainland-China calendar (GB/T 35273 §8.5; docs/clock.md). No extension. */
    public static WorkingDaysPolicy cnWorkingDays(Supplier<WorkingDayCalendar> mainlandChinaCalendar) {
        return new WorkingDaysPolicy(CN_WORKING_DAYS, mainlandChinaCalendar, 15);
    }

    /** The same on fixed calendar data (tests, tools). */
    public static WorkingDaysPolicy cnWorkingDays(WorkingDayCalendar fixedCalendar) {
        return cnWorkingDays(() -> fixedCalendar);
    }

    public WorkingDaysPolicy {
        Objects.requireNonNull(calendar, "calendar");
        if (code == null || code.isBlank() || workingDays < 1) {
            throw new IllegalArgumentException(
                    "A working-days policy needs a code and at least one working day: " + code + ", " + workingDays);
        }
    }

    /**
     * Days of a year without calendar data count as working days: the answer is then the earliest the official
     * arrangement can give, and provisional.
     */
    @Override
    public DueDate dueDate(Instant receivedAt) {
        WorkingDayCalendar data = calendar.get();
        LocalDate day = DeadlineDays.dayOf(receivedAt);
        Set<Integer> assumedYears = new TreeSet<>();
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (!data.covers(day.getYear())) {
                assumedYears.add(day.getYear());
            }
            if (data.isWorkingDay(day)) {
                counted++;
            }
        }
        return DueDate.assuming(DeadlineDays.endOf(day), assumedYears);
    }

    @Override
    public Optional<Instant> extendedDueDate(Instant receivedAt) {
        return Optional.empty();
    }
}
