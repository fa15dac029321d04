package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.mainlandChina();

    @Test
    void coversExactlyTheYearsInTheData() {
        assertThat(calendar.coveredYears()).containsExactly(2025, 2026);
    }

    @Test
    void ordinaryWeekdaysWorkAndOrdinaryWeekendsDoNot() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 26))).as("Friday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 27))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 8))).as("Sunday").isFalse();
    }

    @Test
    void makeUpWeekendDaysAreWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 28))).as("Sunday 2025-09-28").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("Saturday 2026-10-10").isTrue();
    }

    @Test
    void holidaysOnWeekdaysAreOff() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 1))).as("Wednesday, National Day").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Monday, Spring Festival").isFalse();
    }

    @Test
    void everyDayOfAYearWithoutDataCountsAsWorked() {
        assertThat(calendar.covers(2027)).isFalse();
        assertThat(calendar.covers(2026)).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 3, 6))).as("a Saturday in 2027").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).as("New Year's Day 2027").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 12, 29))).as("a Sunday in 2024").isTrue();
    }

    @Test
    void aLineThatIsNotAnEntryStopsTheLoad() {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("# comment", "2025-10-01 HOLIDAY")))
                .hasMessageContaining("test line 2");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("2025-02-30 OFF nonsense")))
                .hasMessageContaining("not a date");
    }

    @Test
    void aMakeUpWorkingDayOnAWeekdayIsRejectedAsATypo() {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("2025-09-29 WORK make-up day")))
                .hasMessageContaining("2025-09-29 is a MONDAY");
    }
}
