package org.rightsflow.notice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How dates appear in notices: minutes, Beijing time, with the zone named in the templates. */
public final class NoticeFormats {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private NoticeFormats() {
    }

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
