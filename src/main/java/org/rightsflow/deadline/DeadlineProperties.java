package org.rightsflow.deadline;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param policies            {@code rightsflow.deadline.policies}: codes of the policies that apply to
 *                            every request; the strictest wins. Default: {@code [PIPL_STATEMENT]}.
 * @param staffReminderBefore {@code rightsflow.deadline.staff-reminder-before}: how long before the due
 *                            date staff are reminded. Default: 5 days.
 */
@ConfigurationProperties(prefix = "rightsflow.deadline")
public record DeadlineProperties(List<String> policies, Duration staffReminderBefore) {

    public DeadlineProperties {
        policies = policies == null ? List.of(CalendarDaysPolicy.PIPL_STATEMENT.code()) : List.copyOf(policies);
        staffReminderBefore = staffReminderBefore == null ? Duration.ofDays(5) : staffReminderBefore;
        if (staffReminderBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "rightsflow.deadline.staff-reminder-before must not be negative: " + staffReminderBefore);
        }
    }
}
