package org.rightsflow.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test shorthand: instants written as Asia/Shanghai wall-clock times. */
final class Shanghai {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Shanghai() {
    }

    /** {@code at("2025-09-26T10:00")}: that local time in Shanghai. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    /** {@code endOf("2025-10-23")}: 23:59:59 of that day in Shanghai. */
    static Instant endOf(String localDate) {
        return LocalDate.parse(localDate).atTime(23, 59, 59).atZone(ZONE).toInstant();
    }
}
