package org.rightsflow.deadline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official mainland-China working-day calendar: weekdays are worked and weekends are not, except
 * where the State Council's yearly notice says otherwise (holidays OFF, make-up working days WORK, 调休).
 * The notice comes out each autumn for the following year only, so the calendar knows exactly the years
 * its data declares. A day of any other year counts as a working day: that never makes a deadline later
 * than the official arrangement will (an arrangement can only take days away from a count that already
 * includes every day), and callers learn from {@link #covers(int)} that the result is provisional. A
 * request must never stop because a year's notice is not out yet.
 *
 * <p>Data format (UTF-8 text, {@code #} starts a comment line):
 * <pre>
 * YEAR 2027 国办发明电〔…〕…号        declares that the file holds the whole arrangement of 2027
 * 2027-01-01 OFF New Year's Day     a day off (weekend days inside a holiday block may be listed too)
 * 2027-02-20 WORK make-up day       a Saturday or Sunday that is worked (调休上班)
 * </pre>
 */
public final class WorkingDayCalendar {

    static final String MAINLAND_CHINA_RESOURCE = "deadline/cn-holidays.txt";

    /** {@code YEAR yyyy description}; the description (the notice's number) is for people. */
    private static final Pattern YEAR = Pattern.compile("YEAR\\s+(\\S+)(?:\\s.*)?");
    /** {@code YYYY-MM-DD OFF|WORK description}; the description is for people and is ignored. */
    private static final Pattern ENTRY = Pattern.compile("(\\S+)\\s+(OFF|WORK)(?:\\s.*)?");

    /*
     * Days the law itself fixes (全国年节及纪念日放假办法, in force since 2025): New Year's Day, Labour Day's first
     * two days and National Day's first three. No arrangement can make them working days, so data that does is a
     * mistyped or misplaced year. (The lunar holidays move and cannot be checked this way.)
     */
    private static final List<MonthDay> FIXED_HOLIDAYS = List.of(MonthDay.of(1, 1), MonthDay.of(5, 1),
            MonthDay.of(5, 2), MonthDay.of(10, 1), MonthDay.of(10, 2), MonthDay.of(10, 3));
    /*
     * A make-up working day always sits next to the holiday block it pays for: the farthest in the arrangements of
     * 2015-2026 is six days away. Fourteen leaves room for a new pattern and still catches a mistyped date.
     */
    private static final int MAX_DAYS_FROM_MAKE_UP_DAY_TO_HOLIDAY = 14;
    /** The arrangements this product can have data for; a year outside is a typo (2072 for 2027). */
    private static final int FIRST_PLAUSIBLE_YEAR = 2000;
    private static final int LAST_PLAUSIBLE_YEAR = 2100;

    private final String source;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpWorkingDays;
    private final SortedSet<Integer> coveredYears;

    private WorkingDayCalendar(String source, Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays,
                               Set<Integer> coveredYears) {
        this.source = source;
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        this.coveredYears = Collections.unmodifiableSortedSet(new TreeSet<>(coveredYears));
    }

    /** The built-in calendar, the classpath resource {@value #MAINLAND_CHINA_RESOURCE}. */
    public static WorkingDayCalendar mainlandChina() {
        InputStream data = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(MAINLAND_CHINA_RESOURCE);
        if (data == null) {
            throw new IllegalStateException("Classpath resource " + MAINLAND_CHINA_RESOURCE + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8))) {
            return parse("classpath:" + MAINLAND_CHINA_RESOURCE, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MAINLAND_CHINA_RESOURCE, e);
        }
    }

    /**
     * Reads and checks the data format. Nothing is half-read: the first problem rejects the whole source.
     *
     * @throws InvalidCalendarDataException naming the source and the line: not an entry, not a date, a date in a
     *                                      year no YEAR line declares, a day listed twice (or both OFF and WORK), WORK
     *                                      on a weekday or far from any holiday, a fixed statutory holiday worked, a
     *                                      declared year without entries, no YEAR line at all
     */
    public static WorkingDayCalendar parse(String source, List<String> lines) {
        Map<Integer, Integer> declaredYears = new TreeMap<>();
        Map<LocalDate, Integer> lineOf = new HashMap<>();
        Set<LocalDate> daysOff = new HashSet<>();
        Set<LocalDate> makeUpWorkingDays = new HashSet<>();
        // YEAR lines first: an entry may come before its year's declaration.
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher year = YEAR.matcher(line);
            if (year.matches()) {
                int number = parseYear(year.group(1), source, i + 1);
                if (declaredYears.putIfAbsent(number, i + 1) != null) {
                    throw new InvalidCalendarDataException(source, i + 1, "YEAR " + number + " is declared twice");
                }
            }
        }
        if (declaredYears.isEmpty()) {
            throw new InvalidCalendarDataException(source, 0, "no 'YEAR yyyy' line: declare every year whose whole"
                    + " arrangement the file holds");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || YEAR.matcher(line).matches()) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new InvalidCalendarDataException(source, number,
                        "expected 'YYYY-MM-DD OFF|WORK description' or 'YEAR yyyy' but got: " + abbreviate(line));
            }
            LocalDate day = parseDate(entry.group(1), source, number);
            if (!declaredYears.containsKey(day.getYear())) {
                throw new InvalidCalendarDataException(source, number, day + " is in " + day.getYear()
                        + ", which no YEAR line declares (declared: " + declaredYears.keySet() + ")");
            }
            Integer earlier = lineOf.putIfAbsent(day, number);
            if (earlier != null) {
                throw new InvalidCalendarDataException(source, number, day + " is already listed on line " + earlier
                        + (daysOff.contains(day) != "OFF".equals(entry.group(2)) ? " (a day cannot be both OFF and WORK)"
                        : ""));
            }
            if ("OFF".equals(entry.group(2))) {
                daysOff.add(day);
            } else {
                // A weekday is worked anyway, so WORK on one can only be a mistyped date.
                if (!isWeekend(day)) {
                    throw new InvalidCalendarDataException(source, number, day + " is a " + day.getDayOfWeek()
                            + "; only a Saturday or Sunday can be a make-up working day");
                }
                makeUpWorkingDays.add(day);
            }
        }
        for (Map.Entry<Integer, Integer> year : declaredYears.entrySet()) {
            checkYear(year.getKey(), year.getValue(), source, daysOff, makeUpWorkingDays, lineOf);
        }
        return new WorkingDayCalendar(source, daysOff, makeUpWorkingDays, declaredYears.keySet());
    }

    private static void checkYear(int year, int declaredOn, String source, Set<LocalDate> daysOff,
                                  Set<LocalDate> makeUpWorkingDays, Map<LocalDate, Integer> lineOf) {
        if (daysOff.stream().noneMatch(d -> d.getYear() == year)) {
            throw new InvalidCalendarDataException(source, declaredOn, "YEAR " + year + " has no OFF day: every"
                    + " official arrangement has holidays, so the year's entries are missing or mistyped");
        }
        for (MonthDay fixed : FIXED_HOLIDAYS) {
            LocalDate day = fixed.atYear(year);
            if (makeUpWorkingDays.contains(day) || !isWeekend(day) && !daysOff.contains(day)) {
                throw new InvalidCalendarDataException(source, lineOf.getOrDefault(day, declaredOn), day
                        + " is a statutory holiday that no arrangement makes a working day; list it as OFF (is the"
                        + " year right?)");
            }
        }
        for (LocalDate workDay : makeUpWorkingDays) {
            if (workDay.getYear() == year && daysOff.stream().noneMatch(off -> Math.abs(off.toEpochDay()
                    - workDay.toEpochDay()) <= MAX_DAYS_FROM_MAKE_UP_DAY_TO_HOLIDAY)) {
                throw new InvalidCalendarDataException(source, lineOf.get(workDay), workDay + " is a make-up working"
                        + " day more than " + MAX_DAYS_FROM_MAKE_UP_DAY_TO_HOLIDAY + " days from any holiday; a"
                        + " make-up day always sits next to the holiday it pays for");
            }
        }
    }

    /**
     * This calendar with the years of {@code other} added; where both hold a year, {@code other}'s arrangement of
     * it replaces this one's whole (an administrator's file corrects a built-in year, never half of it).
     */
    public WorkingDayCalendar withYearsOf(WorkingDayCalendar other) {
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        for (LocalDate day : daysOff) {
            if (!other.covers(day.getYear())) {
                off.add(day);
            }
        }
        for (LocalDate day : makeUpWorkingDays) {
            if (!other.covers(day.getYear())) {
                work.add(day);
            }
        }
        off.addAll(other.daysOff);
        work.addAll(other.makeUpWorkingDays);
        Set<Integer> years = new TreeSet<>(coveredYears);
        years.addAll(other.coveredYears);
        return new WorkingDayCalendar(source + " + " + other.source, off, work, years);
    }

    /** Whether the day is worked; every day of a year the data does not cover counts as worked (see the class). */
    public boolean isWorkingDay(LocalDate day) {
        if (!covers(day.getYear())) {
            return true;
        }
        return isWeekend(day) ? makeUpWorkingDays.contains(day) : !daysOff.contains(day);
    }

    /** Whether the official arrangement of the year is in the data. */
    public boolean covers(int year) {
        return coveredYears.contains(year);
    }

    /** The years whose arrangement the data holds, in order. */
    public SortedSet<Integer> coveredYears() {
        return coveredYears;
    }

    /**
     * The last day up to which the data holds without a gap, counted from {@code today}: 2026-12-31 for data of
     * 2025 and 2026 seen in 2026. Empty when today's own year is not covered (the data has already run out).
     */
    public java.util.Optional<LocalDate> coveredUntil(LocalDate today) {
        int year = today.getYear();
        if (!covers(year)) {
            return java.util.Optional.empty();
        }
        while (covers(year + 1)) {
            year++;
        }
        return java.util.Optional.of(LocalDate.of(year, 12, 31));
    }

    /** Where the data came from, for messages. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar[" + source + ", years " + coveredYears + "]";
    }

    private static int parseYear(String text, String source, int line) {
        int year;
        try {
            year = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidCalendarDataException(source, line, "not a year: " + abbreviate(text));
        }
        if (year < FIRST_PLAUSIBLE_YEAR || year > LAST_PLAUSIBLE_YEAR) {
            throw new InvalidCalendarDataException(source, line, "implausible year " + year);
        }
        return year;
    }

    private static LocalDate parseDate(String text, String source, int line) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidCalendarDataException(source, line, "not a date (YYYY-MM-DD): " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
