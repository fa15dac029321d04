package org.rightsflow.notice;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The daily digest of new and overdue tasks that each staff group receives by email.
 *
 * @param enabled  false: the digest process still runs each day but sends nothing
 * @param time     when it goes out each day, local time in {@code zone}
 * @param zone     the staff's time zone (Beijing time by default, as every date in a notice)
 * @param language the digest's language, {@code zh-CN} or {@code en}
 */
@ConfigurationProperties(prefix = "rightsflow.staff-digest")
public record StaffDigestProperties(Boolean enabled, LocalTime time, ZoneId zone, String language) {

    public StaffDigestProperties {
        enabled = enabled == null || enabled;
        time = time == null ? LocalTime.of(8, 0) : time.withSecond(0).withNano(0);
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        language = language == null || language.isBlank() ? "zh-CN" : language;
        if (!language.equals("zh-CN") && !language.equals("en")) {
            throw new IllegalStateException("rightsflow.staff-digest.language must be zh-CN or en, not " + language);
        }
    }
}
