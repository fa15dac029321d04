package org.rightsflow.operations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Parsing of the staff pages' and APIs' parameters, each failure an {@link InvalidFilterException} naming the field. */
public final class Filters {

    private Filters() {
    }

    public static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A day as {@code yyyy-MM-dd} (a day in Asia/Shanghai), or null when absent. */
    public static LocalDate date(String field, String value) {
        String text = trimmed(value);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 2000 || date.getYear() > 2999) {
                throw new InvalidFilterException("BAD_DATE", field, field + " must be a day between 2000 and 2999");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException("BAD_DATE", field, field + " must be a day as yyyy-MM-dd");
        }
    }

    public static void requireOrder(String fromField, LocalDate from, String toField, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidFilterException("BAD_DATE_RANGE", fromField, fromField + " is after " + toField);
        }
    }

    /** {@code true}/{@code false}, or null when absent (no filter). */
    public static Boolean flag(String field, String value) {
        String text = trimmed(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new InvalidFilterException("BAD_FLAG", field, field + " must be true or false");
        };
    }

    public static int number(String field, String value, int absent, int min, int max, String tooLargeCode) {
        String text = trimmed(value);
        if (text == null) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidFilterException("BAD_NUMBER", field, field + " must be a whole number");
        }
        if (number < min) {
            throw new InvalidFilterException("BAD_NUMBER", field, field + " must be at least " + min);
        }
        if (number > max) {
            throw new InvalidFilterException(tooLargeCode, field, field + " must be at most " + max);
        }
        return number;
    }

    /** Comma-separated (or repeated) enum names; unknown ones are refused with the allowed values. */
    public static <E extends Enum<E>> Set<E> codes(String field, Iterable<String> values, Class<E> type,
                                                   Function<String, java.util.Optional<E>> lookup, String unknownCode) {
        Set<E> codes = EnumSet.noneOf(type);
        if (values == null) {
            return codes;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String code = part.strip();
                if (code.isEmpty()) {
                    continue;
                }
                codes.add(lookup.apply(code.toUpperCase(Locale.ROOT)).orElseThrow(() -> new InvalidFilterException(
                        unknownCode, field, field + " has an unknown value; allowed: "
                        + String.join(", ", EnumSet.allOf(type).stream().map(Enum::name).toList()))));
            }
        }
        return codes;
    }
}
