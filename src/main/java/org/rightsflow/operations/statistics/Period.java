package org.rightsflow.operations.statistics;

import java.time.Instant;
import java.time.LocalDate;
import org.rightsflow.operations.Filters;
import org.rightsflow.operations.InvalidFilterException;
import org.rightsflow.operations.ReportingRules;

/** A reporting period: whole days in Asia/Shanghai, both ends included. */
public record Period(LocalDate from, LocalDate to) {

    public static final int MAX_YEARS = 10;

    public Period {
        if (from == null || to == null) {
            throw new InvalidFilterException("BAD_PERIOD", from == null ? "from" : "to", "A period needs from and to");
        }
        if (from.isAfter(to)) {
            throw new InvalidFilterException("BAD_DATE_RANGE", "from", "from is after to");
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw new InvalidFilterException("PERIOD_TOO_LONG", "to", "A report covers at most " + MAX_YEARS + " years");
        }
    }

    /** From the page's or API's parameters; without any, the current year so far. */
    public static Period parse(String from, String to, LocalDate today) {
        LocalDate start = Filters.date("from", from);
        LocalDate end = Filters.date("to", to);
        if (start == null && end == null) {
            return new Period(today.withDayOfYear(1), today);
        }
        if (start == null || end == null) {
            throw new InvalidFilterException("BAD_PERIOD", start == null ? "from" : "to", "Give both from and to (yyyy-MM-dd)");
        }
        return new Period(start, end);
    }

    public Instant start() {
        return from.atStartOfDay(ReportingRules.ZONE).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ReportingRules.ZONE).toInstant();
    }
}
