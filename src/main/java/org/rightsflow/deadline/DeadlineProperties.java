package org.rightsflow.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.NotNull;
import org.rightsflow.common.PropertyDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties(prefix = "rightsflow.deadline")
public record DeadlineProperties(@DefaultValue("PIPL_STATEMENT") List<String> policies,
                                 Map<String, List<String>> policiesByType,
                                 @DefaultValue("5d") @NotNull Duration staffReminderBefore,
                                 String calendarFile,
                                 @DefaultValue("1m") @NotNull Duration calendarPollInterval,
                                 @DefaultValue("60d") @NotNull Duration calendarWarningBefore) {

    /** CANCEL_ACCOUNT also counts mainland working days (a map's entries cannot be written as a @DefaultValue). */
    private static final Map<String, List<String>> POLICIES_BY_TYPE =
            Map.of("CANCEL_ACCOUNT", List.of(WorkingDaysPolicy.CN_WORKING_DAYS));

    @ConstructorBinding
    public DeadlineProperties {
        policies = List.copyOf(policies);
        policiesByType = policiesByType == null ? POLICIES_BY_TYPE : Map.copyOf(policiesByType);
        if (staffReminderBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "rightsflow.deadline.staff-reminder-before must not be negative: " + staffReminderBefore);
        }
        calendarFile = calendarFile == null || calendarFile.isBlank() ? null : calendarFile.strip();
        if (calendarWarningBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "rightsflow.deadline.calendar-warning-before must not be negative: " + calendarWarningBefore);
        }
    }

    /** The defaults, as the application binds them when nothing is configured (tests, tools). */
    public static DeadlineProperties defaults() {
        return PropertyDefaults.of("rightsflow.deadline", DeadlineProperties.class);
    }

    public DeadlineProperties withPolicies(List<String> policies) {
        return new DeadlineProperties(policies, policiesByType, staffReminderBefore, calendarFile, calendarPollInterval,
                calendarWarningBefore);
    }

    public DeadlineProperties withPoliciesByType(Map<String, List<String>> policiesByType) {
        return new DeadlineProperties(policies, policiesByType, staffReminderBefore, calendarFile, calendarPollInterval,
                calendarWarningBefore);
    }

    public DeadlineProperties withStaffReminderBefore(Duration staffReminderBefore) {
        return new DeadlineProperties(policies, policiesByType, staffReminderBefore, calendarFile, calendarPollInterval,
                calendarWarningBefore);
    }

    public DeadlineProperties withCalendarFile(String calendarFile) {
        return new DeadlineProperties(policies, policiesByType, staffReminderBefore, calendarFile, calendarPollInterval,
                calendarWarningBefore);
    }
}
