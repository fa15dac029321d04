package org.rightsflow.notice;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The daily digest of new and overdue tasks that each staff group receives by email.
 *
 * @param enabled  false: the digest process still runs each day but sends nothing
 * @param time     when it goes out each day, local time in {@code zone}
 * @param zone     the staff's time zone (Beijing time by default, as every date in a notice)
 * @param language the digest's language, {@code zh-CN} or {@code en}
 */
@Validated
@ConfigurationProperties(prefix = "rightsflow.staff-digest")
public record StaffDigestProperties(@DefaultValue("true") @NotNull Boolean enabled,
                                    @DefaultValue("08:00") @NotNull LocalTime time,
                                    @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
                                    @DefaultValue("zh-CN") @Pattern(regexp = "zh-CN|en") String language) {

    public StaffDigestProperties {
        // the digest goes out on the minute (its timer cycle is a cron expression without seconds)
        time = time == null ? null : time.withSecond(0).withNano(0);
    }
}
