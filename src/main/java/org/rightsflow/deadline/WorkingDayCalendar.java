package org.rightsflow.deadline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official mainland-China working-day calendar: weekdays are worked and weekends are not, except
 * where the State Council's yearly notice says otherwise (holidays OFF, make-up working days WORK, 调休).
 * The notice comes out each autumn for the following year only, so the calendar knows exactly the years
 * its data lists. A day of any other year counts as a working day: that never makes a deadline later than
 * the official arrangement will (holidays can only add days), and callers learn from {@link #covers(int)}
 * that the result is provisional. A request must never stop because a year's notice is not out yet.
 */
public final class WorkingDayCalendar {

    static final String MAINLAND_CHINA_RESOURCE = "deadline/cn-holidays.txt";

    /** {@code YYYY-MM-DD OFF|WORK description}; the description is for people and is ignored. */
    private static final Pattern ENTRY = Pattern.compile("(\\S+)\\s+(OFF|WORK)\\b.*");

    private final String source;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpWorkingDays;
    private final SortedSet<Integer> coveredYears;

    private WorkingDayCalendar(String source, Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays,
            SortedSet<Integer> coveredYears) {
        this.source = source;
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        this.coveredYears = Collections.unmodifiableSortedSet(coveredYears);
    }

    /** The calendar from the classpath resource {@value #MAINLAND_CHINA_RESOURCE}. */
    public static WorkingDayCalendar mainlandChina() {
        InputStream data = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(MAINLAND_CHINA_RESOURCE);
        if (data == null) {
            throw new IllegalStateException("Classpath resource " + MAINLAND_CHINA_RESOURCE + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8))) {
            return parse(MAINLAND_CHINA_RESOURCE, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MAINLAND_CHINA_RESOURCE, e);
        }
    }

    /** Reads the data format; a line it cannot understand stops the start-up rather than drop a holiday. */
    static WorkingDayCalendar parse(String source, List<String> lines) {
        Set<LocalDate> daysOff = new HashSet<>();
        Set<LocalDate> makeUpWorkingDays = new HashSet<>();
        SortedSet<Integer> coveredYears = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new IllegalStateException(where + ": expected 'YYYY-MM-DD OFF|WORK description' but got: " + line);
            }
            LocalDate day = parseDate(entry.group(1), where);
            if (daysOff.contains(day) || makeUpWorkingDays.contains(day)) {
                throw new IllegalStateException(where + ": " + day + " is listed twice");
            }
            if ("OFF".equals(entry.group(2))) {
                daysOff.add(day);
            } else {
                requireWeekend(day, where);
                makeUpWorkingDays.add(day);
            }
            coveredYears.add(day.getYear());
        }
        return new WorkingDayCalendar(source, daysOff, makeUpWorkingDays, coveredYears);
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

    /** The years that appear in the data, in order. */
    public SortedSet<Integer> coveredYears() {
        return coveredYears;
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar[" + source + ", years " + coveredYears + "]";
    }

    private static void requireWeekend(LocalDate day, String where) {
        // A weekday is worked anyway, so WORK on one can only be a mistyped date.
        if (!isWeekend(day)) {
            throw new IllegalStateException(where + ": " + day + " is a " + day.getDayOfWeek()
                    + "; only a Saturday or Sunday can be a make-up working day");
        }
    }

    private static LocalDate parseDate(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + ": not a date: " + text, e);
        }
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
