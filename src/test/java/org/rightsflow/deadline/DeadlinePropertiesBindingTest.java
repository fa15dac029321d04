package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The deadline settings as an operator writes them bind as the README says (request types keep their names). */
class DeadlinePropertiesBindingTest {

    private static DeadlineProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("rightsflow.deadline", DeadlineProperties.class).orElseGet(DeadlineProperties::defaults);
    }

    @Test
    void nothingConfiguredGivesTheDefaults() {
        DeadlineProperties defaults = bind(Map.of());
        assertThat(defaults.policies()).containsExactly("PIPL_STATEMENT");
        assertThat(defaults.policiesByType()).isEqualTo(Map.of("CANCEL_ACCOUNT", List.of("CN_WORKING_DAYS")));
        assertThat(defaults.calendarFile()).isNull();
        assertThat(defaults.calendarPollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.calendarWarningBefore()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void typeNamesAndDurationsBindAsWritten() {
        DeadlineProperties bound = bind(Map.of(
                "rightsflow.deadline.policies-by-type.CANCEL_ACCOUNT[0]", "CN_WORKING_DAYS",
                "rightsflow.deadline.policies-by-type.WITHDRAW_CONSENT[0]", "GDPR",
                "rightsflow.deadline.calendar-file", " /etc/rightsflow/calendar/cn-holidays.txt ",
                "rightsflow.deadline.calendar-warning-before", "90d"));
        assertThat(bound.policiesByType()).containsOnlyKeys("CANCEL_ACCOUNT", "WITHDRAW_CONSENT");
        assertThat(bound.calendarFile()).isEqualTo("/etc/rightsflow/calendar/cn-holidays.txt");
        assertThat(bound.calendarWarningBefore()).isEqualTo(Duration.ofDays(90));
    }
}
