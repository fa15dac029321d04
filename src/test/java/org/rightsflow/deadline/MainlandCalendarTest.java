package org.rightsflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rightsflow.common.TimeSource;

/**
 * The calendar in force: built-in data plus the administrator's file, re-read when its content changes, a bad file
 * rejected whole with the data in force kept, and the outlook that health and the staff notice read.
 */
class MainlandCalendarTest {

    @TempDir
    Path dir;

    private final List<Object> published = new ArrayList<>();
    private final TimeSource time = new TimeSource();

    private MainlandCalendar calendar(Path file) {
        return new MainlandCalendar(DeadlineProperties.defaults()
                .withCalendarFile(file == null ? null : file.toString()), published::add, time);
    }

    private void today(String day) {
        time.useClock(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(DeadlineDays.ZONE).toInstant(),
                ZoneOffset.UTC));
    }

    private static void write(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void withoutAFileTheBuiltInDataIsInForce() {
        MainlandCalendar calendar = calendar(null);
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026);
        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.NOT_CONFIGURED);
        calendar.reloadIfChanged();
        assertThat(published).isEmpty();
    }

    @Test
    void aFileThatAppearsIsLoadedAtTheNextLookAndItsYearCountsAtOnce() throws Exception {
        Path file = dir.resolve("cn-holidays.txt");
        MainlandCalendar calendar = calendar(file);
        WorkingDaysPolicy policy = WorkingDaysPolicy.cnWorkingDays(calendar);
        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.ABSENT);
        DueDate before = policy.dueDate(LocalDate.of(2026, 12, 21).atTime(10, 0).atZone(DeadlineDays.ZONE).toInstant());
        assertThat(before.provisional()).isTrue();

        write(file, CalendarFixtures.fixture2027());
        calendar.reloadIfChanged();

        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.LOADED);
        assertThat(calendar.fileStatus().fileYears()).containsExactly(2027);
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026, 2027);
        assertThat(published).containsExactly(new CalendarDataChanged(calendar.get().coveredYears()));
        DueDate after = policy.dueDate(LocalDate.of(2026, 12, 21).atTime(10, 0).atZone(DeadlineDays.ZONE).toInstant());
        assertThat(after.provisional()).isFalse();
        // the fixture's New Year's Day is off, and the weekends of 2027 are no longer counted
        assertThat(after.at()).isAfter(before.at());

        calendar.reloadIfChanged();
        assertThat(published).as("unchanged content: nothing to do").hasSize(1);
    }

    @Test
    void aBadFileIsRejectedWholeAndTheDataInForceStays() throws Exception {
        Path file = dir.resolve("cn-holidays.txt");
        write(file, CalendarFixtures.fixture2027());
        MainlandCalendar calendar = calendar(file);
        WorkingDayCalendar good = calendar.get();
        assertThat(good.coveredYears()).containsExactly(2025, 2026, 2027);
        assertThat(published).as("at start nobody listens yet").isEmpty();

        List<String> broken = CalendarFixtures.fixture2027();
        broken.add("YEAR 2028 next year's notice");
        broken.add("2028-01-01 OFF New Year's Day");
        broken.add("2028-02-30 OFF typo");
        write(file, broken);
        calendar.reloadIfChanged();

        assertThat(calendar.get()).as("the data in force did not change").isSameAs(good);
        MainlandCalendar.FileStatus status = calendar.fileStatus();
        assertThat(status.state()).isEqualTo(MainlandCalendar.FileState.REJECTED);
        assertThat(status.problem()).isEqualTo(file.toAbsolutePath() + " line 27: not a date (YYYY-MM-DD): 2028-02-30");
        assertThat(status.fileYears()).as("the years still in force from the file").containsExactly(2027);
        assertThat(published).singleElement().isInstanceOfSatisfying(CalendarFileRejected.class,
                rejected -> assertThat(rejected.problem()).isEqualTo(status.problem()));
        assertThat(calendar.outlook().warning()).isTrue();

        calendar.reloadIfChanged();
        assertThat(published).as("the same bad content is reported once").hasSize(1);
        assertThat(calendar.reload().file().state()).as("an explicit reload reads it again")
                .isEqualTo(MainlandCalendar.FileState.REJECTED);
        assertThat(calendar.get()).isSameAs(good);

        // half a year is no year: 2028 without its Labour Day and National Day is rejected too
        write(file, broken.subList(0, broken.size() - 1));
        calendar.reloadIfChanged();
        assertThat(calendar.fileStatus().problem()).contains("2028-05-01 is a statutory holiday");

        List<String> fixed = CalendarFixtures.fixture2027();
        fixed.add("# 2028 comes when its notice is out");
        write(file, fixed);
        calendar.reloadIfChanged();
        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.LOADED);
        assertThat(calendar.get()).isNotSameAs(good);
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026, 2027);
    }

    @Test
    void aBadFileAtStartLeavesTheBuiltInDataInForce() throws Exception {
        Path file = dir.resolve("cn-holidays.txt");
        write(file, List.of("YEAR 2027", "2027-01-01 FREI"));
        MainlandCalendar calendar = calendar(file);
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026);
        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.REJECTED);
        assertThat(calendar.fileStatus().problem()).contains("line 2: expected 'YYYY-MM-DD OFF|WORK description'");
    }

    @Test
    void textThatIsNotUtf8OrFarTooLargeIsRejected() throws Exception {
        Path file = dir.resolve("cn-holidays.txt");
        Files.write(file, new byte[] {'Y', 'E', 'A', 'R', ' ', (byte) 0xC3, (byte) 0x28});
        assertThat(calendar(file).fileStatus().problem()).endsWith(": not UTF-8 text");
        Files.write(file, new byte[300 * 1024]);
        assertThat(calendar(file).fileStatus().problem()).endsWith("larger than 256 KB: not a calendar file");
    }

    @Test
    void aFileThatIsRemovedTakesItsYearsAway() throws Exception {
        Path file = dir.resolve("cn-holidays.txt");
        write(file, CalendarFixtures.fixture2027());
        MainlandCalendar calendar = calendar(file);
        Files.delete(file);
        calendar.reloadIfChanged();
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026);
        assertThat(calendar.fileStatus().state()).isEqualTo(MainlandCalendar.FileState.ABSENT);
    }

    @Test
    void theOutlookWarnsFromSixtyDaysBeforeTheDataRunsOut() {
        MainlandCalendar calendar = calendar(null);
        today("2026-10-31");
        assertThat(calendar.outlook().daysLeft()).isEqualTo(61);
        assertThat(calendar.outlook().warning()).isFalse();

        today("2026-11-01");
        CalendarOutlook soon = calendar.outlook();
        assertThat(soon.daysLeft()).isEqualTo(60);
        assertThat(soon.endingSoon()).isTrue();
        assertThat(soon.coveredUntil()).contains(LocalDate.of(2026, 12, 31));
        assertThat(soon.firstMissingYear()).isEqualTo(2027);

        today("2026-12-06");
        assertThat(calendar.outlook().daysLeft()).isEqualTo(25);
        assertThat(calendar.outlook().warning()).isTrue();

        today("2027-01-01");
        CalendarOutlook out = calendar.outlook();
        assertThat(out.ranOut()).isTrue();
        assertThat(out.daysLeft()).isZero();
        assertThat(out.firstMissingYear()).isEqualTo(2027);
        assertThat(out.warning()).isTrue();
    }
}
