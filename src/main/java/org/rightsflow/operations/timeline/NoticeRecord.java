package org.rightsflow.operations.timeline;

import java.time.Instant;

/**
 * A notice of the request as the outbox holds it.
 *
 * @param recipient masked ({@link Masking#email})
 * @param sentAt    when the mail server took it (null: waiting, or given up at {@code failedAt})
 */
public record NoticeRecord(String id, String kind, String recipient, String language, String subject,
                           Instant createdAt, Instant sentAt, Instant failedAt, int attempts, String messageId) {
}
