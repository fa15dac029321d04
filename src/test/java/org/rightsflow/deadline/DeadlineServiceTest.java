package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DeadlineServiceTest {

    private static final List<DeadlinePolicy> KNOWN_POLICIES = List.of(
            CalendarDaysPolicy.PIPL_STATEMENT,
            WorkingDaysPolicy.cnWorkingDays(WorkingDayCalendar.mainlandChina()),
            CalendarMonthsPolicy.GDPR,
            CalendarDaysPolicy.CCPA);

    private final DeadlineService defaults = service(DeadlineProperties.defaults());

    @Test
    void propertiesDefaultToPiplStatementAndFiveDays() {
        DeadlineProperties properties = DeadlineProperties.defaults();
        assertThat(properties.policies()).containsExactly("PIPL_STATEMENT");
        assertThat(properties.staffReminderBefore()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void byDefaultTheDeadlineIsFifteenCalendarDaysWithAReminderFiveDaysBefore() {
        Instant receivedAt = Shanghai.at("2025-03-10T10:00");
        assertThat(defaults.deadlineFor(receivedAt)).isEqualTo(new Deadline("PIPL_STATEMENT", receivedAt,
                Shanghai.endOf("2025-03-25"), Shanghai.endOf("2025-03-20"), false));
    }

    @Test
    void theStrictestApplicablePolicyWins() {
        Instant receivedAt = Shanghai.at("2025-01-31T10:00");
        Deadline all = defaults.deadlineFor(receivedAt, Set.of("CCPA", "GDPR", "CN_WORKING_DAYS", "PIPL_STATEMENT"));
        assertThat(all.policyCode()).isEqualTo("PIPL_STATEMENT");
        assertThat(all.dueAt()).isEqualTo(Shanghai.endOf("2025-02-15"));

        Deadline gdprAndCcpa = defaults.deadlineFor(receivedAt, List.of("CCPA", "GDPR"));
        assertThat(gdprAndCcpa.policyCode()).isEqualTo("GDPR");
        assertThat(gdprAndCcpa.dueAt()).isEqualTo(Shanghai.endOf("2025-02-28"));
    }

    @Test
    void workingDaysCanBeStricterThanAMonth() {
        // 15 working days from 2025-09-26 end on 10-23; GDPR's month would end on 10-26.
        Deadline deadline = defaults.deadlineFor(Shanghai.at("2025-09-26T10:00"), List.of("GDPR", "CN_WORKING_DAYS"));
        assertThat(deadline.policyCode()).isEqualTo("CN_WORKING_DAYS");
        assertThat(deadline.dueAt()).isEqualTo(Shanghai.endOf("2025-10-23"));
        assertThat(deadline.reminderAt()).isEqualTo(Shanghai.endOf("2025-10-18"));
    }

    @Test
    void theConfiguredPoliciesApplyWhenNoneAreGiven() {
        DeadlineService ccpaOnly = service(DeadlineProperties.defaults().withPolicies(List.of("CCPA"))
                .withStaffReminderBefore(Duration.ofDays(10)));
        Instant receivedAt = Shanghai.at("2025-01-10T10:00");
        assertThat(ccpaOnly.deadlineFor(receivedAt)).isEqualTo(new Deadline("CCPA", receivedAt,
                Shanghai.endOf("2025-02-24"), Shanghai.endOf("2025-02-14"), false));
    }

    @Test
    void aReminderThatWouldFallBeforeReceiptIsSentAtReceipt() {
        DeadlineService longReminder = service(DeadlineProperties.defaults().withStaffReminderBefore(Duration.ofDays(20)));
        Instant receivedAt = Shanghai.at("2025-03-10T10:00");
        assertThat(longReminder.deadlineFor(receivedAt).reminderAt()).isEqualTo(receivedAt);
    }

    @Test
    void aMissingCalendarYearNeverStopsTheComputation() {
        // Every policy together, on receipts whose periods reach 2027: never an exception.
        for (String receipt : List.of("2026-12-11T10:00", "2026-12-21T10:00", "2026-12-31T23:30", "2027-06-01T10:00")) {
            Deadline all = defaults.deadlineFor(Shanghai.at(receipt), List.of("CN_WORKING_DAYS", "GDPR", "CCPA",
                    "PIPL_STATEMENT"));
            assertThat(all.policyCode()).as(receipt).isEqualTo("PIPL_STATEMENT");
            assertThat(all.provisional()).as("15 calendar days depend on no calendar data: " + receipt).isFalse();
        }
    }

    @Test
    void aWorkingDayDeadlineInAYearWithoutDataIsProvisionalAndTheEarliestPossible() {
        Deadline deadline = defaults.deadlineFor(Shanghai.at("2026-12-21T10:00"), List.of("GDPR", "CN_WORKING_DAYS"));
        assertThat(deadline.policyCode()).isEqualTo("CN_WORKING_DAYS");
        assertThat(deadline.dueAt()).isEqualTo(Shanghai.endOf("2027-01-07"));
        assertThat(deadline.provisional()).isTrue();
    }

    @Test
    void anAccountCancellationAlsoCountsFifteenWorkingDays() {
        Instant receivedAt = Shanghai.at("2026-12-21T10:00");
        // default: 15 calendar days are stricter, and certain
        Deadline byDefault = defaults.deadlineFor(receivedAt, "CANCEL_ACCOUNT");
        assertThat(byDefault.policyCode()).isEqualTo("PIPL_STATEMENT");
        assertThat(byDefault.dueAt()).isEqualTo(Shanghai.endOf("2027-01-05"));
        assertThat(byDefault.provisional()).isFalse();
        // where only GDPR's month applies, the working-day bound of a cancellation is the stricter, and provisional
        DeadlineService gdpr = service(DeadlineProperties.defaults().withPolicies(List.of("GDPR")));
        Deadline cancellation = gdpr.deadlineFor(receivedAt, "CANCEL_ACCOUNT");
        assertThat(cancellation.policyCode()).isEqualTo("CN_WORKING_DAYS");
        assertThat(cancellation.dueAt()).isEqualTo(Shanghai.endOf("2027-01-07"));
        assertThat(cancellation.provisional()).isTrue();
        Deadline access = gdpr.deadlineFor(receivedAt, "ACCESS");
        assertThat(access.policyCode()).isEqualTo("GDPR");
        assertThat(access.provisional()).isFalse();
    }

    @Test
    void theTypePoliciesAreConfigurableAndCheckedAtStart() {
        DeadlineProperties properties = DeadlineProperties.defaults().withPolicies(List.of("CCPA"))
                .withPoliciesByType(java.util.Map.of("EXPLAIN", List.of("GDPR")));
        DeadlineService service = service(properties);
        Instant receivedAt = Shanghai.at("2025-01-10T10:00");
        assertThat(service.deadlineFor(receivedAt, "EXPLAIN").policyCode()).isEqualTo("GDPR");
        assertThat(service.deadlineFor(receivedAt, "CANCEL_ACCOUNT").policyCode())
                .as("a configured map replaces the default one").isEqualTo("CCPA");
        assertThatThrownBy(() -> service(DeadlineProperties.defaults()
                .withPoliciesByType(java.util.Map.of("DELETE", List.of("GDRP")))))
                .hasMessageContaining("rightsflow.deadline.policies-by-type.DELETE");
    }

    @Test
    void aProvisionalDateIsRecountedOnTheDataInForce() {
        WorkingDayCalendar[] data = {WorkingDayCalendar.mainlandChina()};
        DeadlineService service = new DeadlineService(DeadlineProperties.defaults().withPolicies(List.of("CN_WORKING_DAYS")),
                List.of(WorkingDaysPolicy.cnWorkingDays(() -> data[0])));
        Instant receivedAt = Shanghai.at("2026-12-21T10:00");
        assertThat(service.recount("CN_WORKING_DAYS", receivedAt).provisional()).isTrue();
        data[0] = WorkingDayCalendar.mainlandChina().withYearsOf(WorkingDayCalendar.parse("fixture", List.of(
                "YEAR 2027", "2027-01-01 OFF", "2027-05-01 OFF", "2027-05-03 OFF", "2027-10-01 OFF", "2027-10-04 OFF",
                "2027-05-02 OFF", "2027-10-02 OFF", "2027-10-03 OFF")));
        DueDate official = service.recount("CN_WORKING_DAYS", receivedAt);
        assertThat(official.provisional()).isFalse();
        // 8 working days in 2026, then Jan 4-8 and 11-12 (New Year's Day off, weekends off)
        assertThat(official.at()).isEqualTo(Shanghai.endOf("2027-01-12"));
    }

    @Test
    void onATieTheCertainDateWinsOverTheProvisionalOne() {
        // In 2027 every day counts, so 15 working days tie with 15 calendar days: the same date, but certain.
        Deadline deadline = defaults.deadlineFor(Shanghai.at("2027-06-01T10:00"),
                List.of("CN_WORKING_DAYS", "PIPL_STATEMENT"));
        assertThat(deadline.policyCode()).isEqualTo("PIPL_STATEMENT");
        assertThat(deadline.dueAt()).isEqualTo(Shanghai.endOf("2027-06-16"));
        assertThat(deadline.provisional()).isFalse();
    }

    @Test
    void anUnknownPolicyInConfigurationStopsTheStartUp() {
        assertThatThrownBy(() -> service(DeadlineProperties.defaults().withPolicies(List.of("PIPL_STATEMENT", "GDRP"))))
                .isInstanceOf(UnknownDeadlinePolicyException.class)
                .hasMessage("Unknown deadline policy 'GDRP' in rightsflow.deadline.policies; "
                        + "known policies: [CCPA, CN_WORKING_DAYS, GDPR, PIPL_STATEMENT]");
    }

    @Test
    void anUnknownOrMissingPolicyInACallIsRejected() {
        Instant receivedAt = Shanghai.at("2025-03-10T10:00");
        assertThatThrownBy(() -> defaults.deadlineFor(receivedAt, List.of("HIPAA")))
                .isInstanceOf(UnknownDeadlinePolicyException.class)
                .hasMessageContaining("'HIPAA'");
        assertThatThrownBy(() -> defaults.deadlineFor(receivedAt, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("At least one deadline policy");
    }

    @Test
    void aNegativeReminderOffsetIsRejected() {
        assertThatThrownBy(() -> DeadlineProperties.defaults().withStaffReminderBefore(Duration.ofDays(-1)))
                .hasMessageContaining("staff-reminder-before");
    }

    @Test
    void theExtensionComesFromThePolicyThatSetTheDeadline() {
        Instant receivedAt = Shanghai.at("2025-01-31T10:00");
        Deadline gdpr = defaults.deadlineFor(receivedAt, List.of("GDPR"));
        assertThat(defaults.extendedDueDate(gdpr)).contains(Shanghai.endOf("2025-04-30"));

        Deadline pipl = defaults.deadlineFor(receivedAt);
        assertThat(defaults.extendedDueDate(pipl)).isEmpty();
    }

    private static DeadlineService service(DeadlineProperties properties) {
        return new DeadlineService(properties, KNOWN_POLICIES);
    }
}
