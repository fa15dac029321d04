package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CalendarDaysPolicyTest {

    private final CalendarDaysPolicy pipl = CalendarDaysPolicy.PIPL_STATEMENT;

    @Test
    void countsFromTheShanghaiDayOfReceiptNotTheUtcDay() {
        // 23:30 on 03-10 in Shanghai: day D is 03-10, due at the end of 03-25 (15:59:59 UTC).
        Instant lateEvening = Instant.parse("2025-03-10T15:30:00Z");
        assertThat(pipl.dueDate(lateEvening).at()).isEqualTo(Instant.parse("2025-03-25T15:59:59Z"));

        // 00:30 on 03-11 in Shanghai is still 03-10 in UTC, but D is 03-11: due at the end of 03-26.
        Instant justAfterMidnight = Instant.parse("2025-03-10T16:30:00Z");
        assertThat(pipl.dueDate(justAfterMidnight).at()).isEqualTo(Instant.parse("2025-03-26T15:59:59Z"));
    }

    @Test
    void piplStatementAllowsNoExtension() {
        assertThat(pipl.extendedDueDate(Shanghai.at("2025-03-10T10:00"))).isEmpty();
    }

    @Test
    void ccpaRunsFortyFiveDaysAndExtendsByFortyFiveMore() {
        Instant receivedAt = Shanghai.at("2025-01-10T10:00");
        assertThat(CalendarDaysPolicy.CCPA.dueDate(receivedAt).at()).isEqualTo(Shanghai.endOf("2025-02-24"));
        assertThat(CalendarDaysPolicy.CCPA.extendedDueDate(receivedAt)).contains(Shanghai.endOf("2025-04-10"));
    }

    @Test
    void theNumberOfDaysIsConfigurable() {
        CalendarDaysPolicy thirtyDays = new CalendarDaysPolicy("THIRTY", 30, 0);
        assertThat(thirtyDays.dueDate(Shanghai.at("2025-01-31T10:00")).at()).isEqualTo(Shanghai.endOf("2025-03-02"));
    }
}
