package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysPolicyTest {

    private final WorkingDaysPolicy policy = WorkingDaysPolicy.cnWorkingDays(WorkingDayCalendar.mainlandChina());

    @ParameterizedTest(name = "received {0} → due end of {1}")
    @CsvSource({
            // The SPEC's test vectors: each runs across make-up Sundays and a holiday week.
            "2025-09-26T10:00, 2025-10-23",
            "2025-01-24T10:00, 2025-02-20",
            "2025-04-25T10:00, 2025-05-20",
            // No holiday in the way: three plain weeks.
            "2025-03-03T10:00, 2025-03-24",
            // 2026 data: make-up Sunday 09-20, Mid-Autumn 09-25..27, National Day 10-01..07, make-up Saturday 10-10.
            "2026-09-18T10:00, 2026-10-15",
    })
    void countsFifteenWorkingDaysFromTheDayAfterReceipt(String receivedAt, String dueDay) {
        assertThat(policy.dueDate(Shanghai.at(receivedAt))).isEqualTo(Shanghai.endOf(dueDay));
    }

    @Test
    void theHourOfReceiptDoesNotMatterOnlyTheShanghaiDay() {
        // 2025-09-26T23:30 Shanghai is still Friday; 00:30 the next day is a Saturday, whose next working day is the same make-up Sunday.
        assertThat(policy.dueDate(Shanghai.at("2025-09-26T23:30"))).isEqualTo(Shanghai.endOf("2025-10-23"));
        assertThat(policy.dueDate(Shanghai.at("2025-09-27T00:30"))).isEqualTo(Shanghai.endOf("2025-10-23"));
        // 00:30 on Monday 2025-03-03 in Shanghai is still Sunday in UTC: it counts from Monday.
        assertThat(policy.dueDate(Shanghai.at("2025-03-03T00:30"))).isEqualTo(Shanghai.endOf("2025-03-24"));
    }

    @Test
    void aReceiptInAYearWithoutDataFailsLoudly() {
        assertThatThrownBy(() -> policy.dueDate(Shanghai.at("2027-02-01T10:00")))
                .isInstanceOfSatisfying(CalendarYearNotCoveredException.class, e -> assertThat(e.year()).isEqualTo(2027));
    }

    @Test
    void aPeriodRunningIntoAYearWithoutDataFailsLoudly() {
        assertThatThrownBy(() -> policy.dueDate(Shanghai.at("2026-12-21T10:00")))
                .isInstanceOfSatisfying(CalendarYearNotCoveredException.class, e -> assertThat(e.year()).isEqualTo(2027));
    }

    @Test
    void allowsNoExtension() {
        assertThat(policy.extendedDueDate(Shanghai.at("2025-09-26T10:00"))).isEmpty();
    }

    @Test
    void theNumberOfWorkingDaysIsConfigurable() {
        WorkingDaysPolicy fiveDays = new WorkingDaysPolicy("FIVE", WorkingDayCalendar.mainlandChina(), 5);
        // Fri 09-26 → Sun 09-28 (make-up), 09-29, 09-30, then National Day, then Thu 10-09, Fri 10-10.
        assertThat(fiveDays.dueDate(Shanghai.at("2025-09-26T10:00"))).isEqualTo(Shanghai.endOf("2025-10-10"));
    }
}
