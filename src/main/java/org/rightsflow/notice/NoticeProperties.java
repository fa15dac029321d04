package org.rightsflow.notice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.rightsflow.common.PropertyDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param from          sender address of every notice
 * @param maxAttempts   after this many failed sends a notice is marked failed and logged for operators
 * @param retryBackoff  wait before the first retry; doubles with each attempt
 * @param batchSize     notices claimed per dispatcher round, sent over one SMTP connection
 * @param claimTimeout  how long a claimed notice is reserved for the node that claimed it
 */
@Validated
@ConfigurationProperties(prefix = "rightsflow.notice")
public record NoticeProperties(@DefaultValue("Rightsflow <no-reply@rightsflow.invalid>") @NotBlank String from,
                               @DefaultValue("8") @Positive int maxAttempts,
                               @DefaultValue("30s") @NotNull Duration retryBackoff,
                               @DefaultValue("50") @Positive int batchSize,
                               @DefaultValue("2m") @NotNull Duration claimTimeout) {

    /** The defaults, as the application binds them when nothing is configured (tests, tools). */
    public static NoticeProperties defaults() {
        return PropertyDefaults.of("rightsflow.notice", NoticeProperties.class);
    }
}
