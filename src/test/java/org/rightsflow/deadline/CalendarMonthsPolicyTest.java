package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalendarMonthsPolicyTest {

    private final CalendarMonthsPolicy gdpr = CalendarMonthsPolicy.GDPR;

    @Test
    void oneMonthEndsOnTheSameDayOfTheNextMonth() {
        assertThat(gdpr.dueDate(Shanghai.at("2025-01-15T10:00")).at()).isEqualTo(Shanghai.endOf("2025-02-15"));
    }

    @Test
    void aMonthWithoutThatDayEndsOnItsLastDay() {
        assertThat(gdpr.dueDate(Shanghai.at("2025-01-31T10:00")).at()).isEqualTo(Shanghai.endOf("2025-02-28"));
        assertThat(gdpr.dueDate(Shanghai.at("2024-01-31T10:00")).at()).isEqualTo(Shanghai.endOf("2024-02-29"));
    }

    @Test
    void theExtensionRunsThreeMonthsFromReceiptNotTwoFromTheShortenedFirstDueDate() {
        assertThat(gdpr.extendedDueDate(Shanghai.at("2025-01-31T10:00"))).contains(Shanghai.endOf("2025-04-30"));
    }

    @Test
    void countsFromTheShanghaiDayOfReceipt() {
        // 00:30 on 02-01 in Shanghai is still 01-31 in UTC: the month runs from 02-01.
        assertThat(gdpr.dueDate(Shanghai.at("2025-02-01T00:30")).at()).isEqualTo(Shanghai.endOf("2025-03-01"));
    }
}
