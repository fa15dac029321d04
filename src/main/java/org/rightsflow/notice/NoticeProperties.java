package org.rightsflow.notice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from          sender address of every notice
 * @param maxAttempts   after this many failed sends a notice is marked failed and logged for operators
 * @param retryBackoff  wait before the first retry; doubles with each attempt
 * @param batchSize     notices claimed per dispatcher round, sent over one SMTP connection
 * @param claimTimeout  how long a claimed notice is reserved for the node that claimed it
 */
@ConfigurationProperties(prefix = "rightsflow.notice")
public record NoticeProperties(String from, Integer maxAttempts, Duration retryBackoff, Integer batchSize,
                               Duration claimTimeout) {

    public NoticeProperties {
        from = from == null ? "Rightsflow <no-reply@rightsflow.invalid>" : from;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(30) : retryBackoff;
        batchSize = batchSize == null ? 50 : batchSize;
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(2) : claimTimeout;
    }
}
