package org.rightsflow.web.staff;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.rightsflow.operations.ReportingRules;
import org.springframework.stereotype.Component;

/** Dates on the staff pages, in Beijing time (as the product counts days): {@code ${@staffFormat.dateTime(x)}}. */
@Component("staffFormat")
public class StaffFormat {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReportingRules.ZONE);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ReportingRules.ZONE);

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    public String seconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }

    /** 0.0 days to one decimal; empty when there is nothing to show. */
    public String days(Double days) {
        return days == null || days.isNaN() ? "–" : String.format(java.util.Locale.ROOT, "%.1f", days);
    }

    public String percent(Double share) {
        return share == null || share.isNaN() ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }
}
