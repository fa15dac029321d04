package org.rightsflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rightsflow.identity.IdentityProperties;
import org.rightsflow.limits.LimitProperties;
import org.rightsflow.notice.StaffDigestProperties;
import org.rightsflow.process.setup.DemoStaffProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The settings records bind as the README documents them: a record's {@code @DefaultValue}s when nothing is
 * configured, the configured value otherwise, and a start-up that fails on a value its constraints refuse (a limit of
 * 0, a blank mailbox) instead of running with it.
 */
class ConfigurationPropertiesTest {

    private static final String SECRET = "rightsflow.token-secret=a-test-secret-of-at-least-32-characters";

    @Configuration
    @EnableConfigurationProperties({RightsflowProperties.class, IdentityProperties.class, LimitProperties.class,
            DemoStaffProperties.class, StaffDigestProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void nothingConfiguredGivesTheDocumentedDefaults() {
        runner.withPropertyValues(SECRET).run(context -> {
            assertThat(context).hasNotFailed();
            RightsflowProperties rightsflow = context.getBean(RightsflowProperties.class);
            assertThat(rightsflow.publicBaseUrl()).isEqualTo("http://localhost:8080");
            assertThat(rightsflow.staffMailbox()).isEqualTo("privacy-team@rightsflow.invalid");
            assertThat(rightsflow.repeatWindow()).isEqualTo(Duration.ofDays(180));
            assertThat(rightsflow.downloadValidity()).isEqualTo(Duration.ofDays(7));
            assertThat(rightsflow.downloadMaxUses()).isEqualTo(3);
            assertThat(context.getBean(IdentityProperties.class)).isEqualTo(IdentityProperties.defaults());
            assertThat(context.getBean(LimitProperties.class)).isEqualTo(LimitProperties.defaults());
            assertThat(context.getBean(DemoStaffProperties.class).users()).isEmpty();
            assertThat(context.getBean(StaffDigestProperties.class)).isEqualTo(new StaffDigestProperties(true,
                    java.time.LocalTime.of(8, 0), java.time.ZoneId.of("Asia/Shanghai"), "zh-CN"));
        });
    }

    @Test
    void theDefaultsOutsideSpringAreTheDocumentedOnes() {
        IdentityProperties identity = IdentityProperties.defaults();
        assertThat(identity.codeValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(identity.maxAttempts()).isEqualTo(5);
        assertThat(identity.resendInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(identity.maxResends()).isEqualTo(3);
        assertThat(identity.contactChangeHold()).isEqualTo(Duration.ofDays(7));
        LimitProperties limits = LimitProperties.defaults();
        assertThat(limits.wrongCodesPerAccountPerDay()).isEqualTo(10);
        assertThat(limits.openUnverifiedPerAccount()).isEqualTo(3);
        assertThat(limits.messagesPerContactPerHour()).isEqualTo(5);
        assertThat(limits.messagesPerContactPerDay()).isEqualTo(10);
        assertThat(limits.filingsPerClientPerMinute()).isEqualTo(5);
        assertThat(limits.filingsPerClientPerHour()).isEqualTo(30);
        assertThat(limits.signInFailuresPerClient()).isEqualTo(10);
        assertThat(limits.signInFailureWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void configuredValuesWinAndATrailingSlashIsDropped() {
        runner.withPropertyValues(SECRET, "rightsflow.public-base-url=https://privacy.example.cn/",
                "rightsflow.limits.filings-per-client-per-hour=7", "rightsflow.identity.code-validity=5m", "rightsflow.staff-digest.time=07:30:45").run(context -> {
            assertThat(context.getBean(RightsflowProperties.class).publicBaseUrl()).isEqualTo("https://privacy.example.cn");
            assertThat(context.getBean(LimitProperties.class).filingsPerClientPerHour()).isEqualTo(7);
            assertThat(context.getBean(LimitProperties.class).filingsPerClientPerMinute()).isEqualTo(5);
            assertThat(context.getBean(IdentityProperties.class).codeValidity()).isEqualTo(Duration.ofMinutes(5));
            assertThat(context.getBean(StaffDigestProperties.class).time()).isEqualTo(java.time.LocalTime.of(7, 30));
        });
    }

    @Test
    void aValueTheConstraintsRefuseStopsTheStart() {
        runner.withPropertyValues(SECRET, "rightsflow.limits.filings-per-client-per-hour=0").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("filingsPerClientPerHour"));
        runner.withPropertyValues(SECRET, "rightsflow.identity.max-attempts=-1").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("maxAttempts"));
        runner.withPropertyValues(SECRET, "rightsflow.staff-mailbox= ").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("staffMailbox"));
        runner.withPropertyValues(SECRET, "rightsflow.staff-digest.language=fr").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("language"));
        runner.run(context -> assertThat(context).getFailure().hasStackTraceContaining("token-secret"));
    }
}
