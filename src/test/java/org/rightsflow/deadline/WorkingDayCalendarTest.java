package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.mainlandChina();

    private static List<String> with(List<String> lines, String... more) {
        List<String> all = new ArrayList<>(lines);
        all.addAll(List.of(more));
        return all;
    }

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
    void theDataLastsUntilTheEndOfTheLastYearWithoutAGap() {
        assertThat(calendar.coveredUntil(LocalDate.of(2026, 12, 6))).contains(LocalDate.of(2026, 12, 31));
        assertThat(calendar.coveredUntil(LocalDate.of(2025, 3, 1))).contains(LocalDate.of(2026, 12, 31));
        assertThat(calendar.coveredUntil(LocalDate.of(2027, 1, 1))).isEmpty();
    }

    @Test
    void aFileAddsItsYearsAndReplacesAYearItAlsoHolds() throws Exception {
        WorkingDayCalendar file = WorkingDayCalendar.parse("file", CalendarFixtures.fixture2027());
        WorkingDayCalendar merged = calendar.withYearsOf(file);
        assertThat(merged.coveredYears()).containsExactly(2025, 2026, 2027);
        assertThat(merged.isWorkingDay(LocalDate.of(2027, 2, 8))).as("fixture Spring Festival").isFalse();
        assertThat(merged.isWorkingDay(LocalDate.of(2027, 2, 13))).as("fixture make-up Saturday").isTrue();
        assertThat(merged.isWorkingDay(LocalDate.of(2027, 3, 6))).as("an ordinary Saturday").isFalse();
        assertThat(merged.isWorkingDay(LocalDate.of(2026, 10, 1))).as("built-in 2026 kept").isFalse();
        assertThat(merged.coveredUntil(LocalDate.of(2026, 12, 6))).contains(LocalDate.of(2027, 12, 31));

        // a file that also declares 2026 replaces the built-in 2026 whole: its National Day week is the file's
        WorkingDayCalendar replacing = WorkingDayCalendar.parse("file", List.of("YEAR 2026 corrected",
                "2026-01-01 OFF", "2026-05-01 OFF", "2026-05-02 OFF", "2026-10-01 OFF", "2026-10-02 OFF",
                "2026-10-05 OFF"));
        WorkingDayCalendar corrected = calendar.withYearsOf(replacing);
        assertThat(corrected.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        assertThat(corrected.isWorkingDay(LocalDate.of(2026, 10, 6))).as("built-in OFF, not in the file").isTrue();
        assertThat(corrected.isWorkingDay(LocalDate.of(2025, 10, 6))).as("2025 untouched").isFalse();
    }

    // --- validation: every problem names the source and the line, and nothing is half-read

    @Test
    void aLineThatIsNotAnEntryStopsTheLoad() {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("YEAR 2025", "# comment",
                "2025-10-01 HOLIDAY")))
                .isInstanceOfSatisfying(InvalidCalendarDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageStartingWith("test line 3: expected 'YYYY-MM-DD OFF|WORK description'");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("YEAR 2025", "2025-02-30 OFF nonsense")))
                .hasMessage("test line 2: not a date (YYYY-MM-DD): 2025-02-30");
    }

    @Test
    void aMakeUpWorkingDayOnAWeekdayIsRejectedAsATypo() throws Exception {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "2027-10-11 WORK make-up")))
                .hasMessageContaining("line 25: 2027-10-11 is a MONDAY; only a Saturday or Sunday");
    }

    @Test
    void aDayListedTwiceOrBothOffAndWorkIsRejected() throws Exception {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "2027-05-03 OFF again")))
                .hasMessage("test line 25: 2027-05-03 is already listed on line 15");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "2027-02-13 OFF")))
                .hasMessage("test line 25: 2027-02-13 is already listed on line 12 (a day cannot be both OFF and WORK)");
    }

    @Test
    void everyDateMustBeInADeclaredYear() throws Exception {
        // 2072 for 2027: the typo would otherwise "cover" 2072 and leave 2027 assumed
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "2072-10-08 OFF")))
                .hasMessage("test line 25: 2072-10-08 is in 2072, which no YEAR line declares (declared: [2027])");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("2027-01-01 OFF")))
                .hasMessageStartingWith("test: no 'YEAR yyyy' line");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "YEAR 2027 again")))
                .hasMessage("test line 25: YEAR 2027 is declared twice");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", List.of("YEAR 27")))
                .hasMessage("test line 1: implausible year 27");
    }

    @Test
    void aDeclaredYearMustHoldItsHolidays() throws Exception {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "YEAR 2028")))
                .hasMessageStartingWith("test line 25: YEAR 2028 has no OFF day");
        // National Day left out: 2027-10-01 is a Friday that no arrangement works
        List<String> noNationalDay = CalendarFixtures.fixture2027();
        noNationalDay.removeIf(line -> line.startsWith("2027-10-01"));
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", noNationalDay))
                .hasMessage("test line 3: 2027-10-01 is a statutory holiday that no arrangement makes a working day;"
                        + " list it as OFF (is the year right?)");
    }

    @Test
    void aMakeUpDayFarFromAnyHolidayIsRejected() throws Exception {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("test", with(CalendarFixtures.fixture2027(), "2027-08-14 WORK")))
                .hasMessage("test line 25: 2027-08-14 is a make-up working day more than 14 days from any holiday;"
                        + " a make-up day always sits next to the holiday it pays for");
    }

    @Test
    void theBuiltInDataPassesItsOwnChecks() {
        assertThat(WorkingDayCalendar.mainlandChina().source()).isEqualTo("classpath:deadline/cn-holidays.txt");
    }
}
