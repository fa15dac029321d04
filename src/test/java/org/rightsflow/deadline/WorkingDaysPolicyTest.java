package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysPolicyTest {

    private final WorkingDaysPolicy policy = WorkingDaysPolicy.cnWorkingDays(WorkingDayCalendar.mainlandChina());

    @ParameterizedTest(name = "received {0} → due end of {1}")
    @CsvSource({
            // The test vectors of docs/clock.md: each runs across make-up Sundays and a holiday week.
            "2025-09-26T10:00, 2025-10-23",
            "2025-01-24T10:00, 2025-02-20",
            "2025-04-25T10:00, 2025-05-20",
            // No holiday in the way: three plain weeks.
            "2025-03-03T10:00, 2025-03-24",
            // 2026 data: make-up Sunday 09-20, Mid-Autumn 09-25..27, National Day 10-01..07, make-up Saturday 10-10.
            "2026-09-18T10:00, 2026-10-15",
    })
    void countsFifteenWorkingDaysFromTheDayAfterReceipt(String receivedAt, String dueDay) {
        assertThat(policy.dueDate(Shanghai.at(receivedAt)).at()).isEqualTo(Shanghai.endOf(dueDay));
    }

    @Test
    void theHourOfReceiptDoesNotMatterOnlyTheShanghaiDay() {
        // 2025-09-26T23:30 Shanghai is still Friday; 00:30 the next day is a Saturday, whose next working day is the same make-up Sunday.
        assertThat(policy.dueDate(Shanghai.at("2025-09-26T23:30")).at()).isEqualTo(Shanghai.endOf("2025-10-23"));
        assertThat(policy.dueDate(Shanghai.at("2025-09-27T00:30")).at()).isEqualTo(Shanghai.endOf("2025-10-23"));
        // 00:30 on Monday 2025-03-03 in Shanghai is still Sunday in UTC: it counts from Monday.
        assertThat(policy.dueDate(Shanghai.at("2025-03-03T00:30")).at()).isEqualTo(Shanghai.endOf("2025-03-24"));
    }

    @Test
    void aDateWithinTheDataIsCertain() {
        DueDate due = policy.dueDate(Shanghai.at("2026-09-18T10:00"));
        assertThat(due.provisional()).isFalse();
        assertThat(due.assumedYears()).isEmpty();
    }

    @Test
    void aReceiptInAYearWithoutDataCountsEveryDayAsWorkedAndIsProvisional() {
        // Mon 2027-02-01: the Spring Festival of 2027 is unknown here, so 15 days in a row count.
        DueDate due = policy.dueDate(Shanghai.at("2027-02-01T10:00"));
        assertThat(due.at()).isEqualTo(Shanghai.endOf("2027-02-16"));
        assertThat(due.provisional()).isTrue();
        assertThat(due.assumedYears()).containsExactly(2027);
    }

    @Test
    void aPeriodRunningIntoAYearWithoutDataCountsTheKnownPartExactly() {
        // Mon 2026-12-21: Dec 22-25 and 28-31 are 8 known working days (weekends off), then 2027-01-01..07 count.
        DueDate due = policy.dueDate(Shanghai.at("2026-12-21T10:00"));
        assertThat(due.at()).isEqualTo(Shanghai.endOf("2027-01-07"));
        assertThat(due.assumedYears()).containsExactly(2027);
    }

    @Test
    void theAssumedDateIsNeverLaterThanTheOneTheRealArrangementGives() throws Exception {
        // The test fixture's 2027 (not the official arrangement): holidays, make-up Saturdays.
        WorkingDaysPolicy known = WorkingDaysPolicy.cnWorkingDays(WorkingDayCalendar.mainlandChina()
                .withYearsOf(WorkingDayCalendar.parse("fixture", CalendarFixtures.fixture2027())));
        for (LocalDate receipt = LocalDate.of(2026, 11, 1); receipt.isBefore(LocalDate.of(2027, 12, 1));
                receipt = receipt.plusDays(1)) {
            Instant at = receipt.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
            DueDate assumed = policy.dueDate(at);
            DueDate real = known.dueDate(at);
            assertThat(real.provisional()).isFalse();
            assertThat(real.at()).as("received %s", receipt).isAfterOrEqualTo(assumed.at());
            assertThat(assumed.provisional()).as("received %s", receipt).isEqualTo(assumed.at().isAfter(
                    Shanghai.endOf("2026-12-31")));
        }
    }

    @Test
    void allowsNoExtension() {
        assertThat(policy.extendedDueDate(Shanghai.at("2025-09-26T10:00"))).isEmpty();
    }

    @Test
    void theNumberOfWorkingDaysIsConfigurable() {
        WorkingDaysPolicy fiveDays = new WorkingDaysPolicy("FIVE", WorkingDayCalendar::mainlandChina, 5);
        // Fri 09-26 → Sun 09-28 (make-up), 09-29, 09-30, then National Day, then Thu 10-09, Fri 10-10.
        assertThat(fiveDays.dueDate(Shanghai.at("2025-09-26T10:00")).at()).isEqualTo(Shanghai.endOf("2025-10-10"));
    }
}
