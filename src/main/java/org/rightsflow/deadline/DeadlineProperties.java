package org.rightsflow.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param policies              {@code rightsflow.deadline.policies}: codes of the policies that apply to every
 *                              request; the strictest wins. Default: {@code [PIPL_STATEMENT]}.
 * @param policiesByType        {@code rightsflow.deadline.policies-by-type.<TYPE>}: policies that apply to requests
 *                              of one type on top of {@code policies}. Default: CANCEL_ACCOUNT also counts 15
 *                              mainland working days (GB/T 35273 §8.5, cancellation handled by hand).
 * @param staffReminderBefore   {@code rightsflow.deadline.staff-reminder-before}: how long before the due
 *                              date staff are reminded. Default: 5 days.
 * @param calendarFile          {@code rightsflow.deadline.calendar-file}: the administrator's working-day calendar
 *                              file (years the built-in data lacks); none when blank. A missing file is no error.
 * @param calendarPollInterval  {@code rightsflow.deadline.calendar-poll-interval}: how often the file is checked
 *                              for a change. Default: 1 minute.
 * @param calendarWarningBefore {@code rightsflow.deadline.calendar-warning-before}: how long before the calendar
 *                              data runs out health and the staff mailbox warn. Default: 60 days.
 */
@ConfigurationProperties(prefix = "rightsflow.deadline")
public record DeadlineProperties(List<String> policies, Map<String, List<String>> policiesByType,
                                 Duration staffReminderBefore, String calendarFile, Duration calendarPollInterval,
                                 Duration calendarWarningBefore) {

    @ConstructorBinding
    public DeadlineProperties {
        policies = policies == null ? List.of(CalendarDaysPolicy.PIPL_STATEMENT.code()) : List.copyOf(policies);
        policiesByType = policiesByType == null
                ? Map.of("CANCEL_ACCOUNT", List.of(WorkingDaysPolicy.CN_WORKING_DAYS)) : Map.copyOf(policiesByType);
        staffReminderBefore = staffReminderBefore == null ? Duration.ofDays(5) : staffReminderBefore;
        if (staffReminderBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "rightsflow.deadline.staff-reminder-before must not be negative: " + staffReminderBefore);
        }
        calendarFile = calendarFile == null || calendarFile.isBlank() ? null : calendarFile.strip();
        calendarPollInterval = calendarPollInterval == null ? Duration.ofMinutes(1) : calendarPollInterval;
        calendarWarningBefore = calendarWarningBefore == null ? Duration.ofDays(60) : calendarWarningBefore;
        if (calendarWarningBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "rightsflow.deadline.calendar-warning-before must not be negative: " + calendarWarningBefore);
        }
    }

    /** The defaults (tests, tools). */
    public DeadlineProperties(List<String> policies, Duration staffReminderBefore) {
        this(policies, null, staffReminderBefore, null, null, null);
    }
}
