package org.rightsflow.request;

import java.time.Instant;
import java.util.Optional;

/** The request aggregate as stored; personal data (the typed email, details) stays in this table. */
public record RightsRequest(
        String id,
        String reference,
        RequestType type,
        RequestStatus status,
        String accountEmail,
        Long accountId,
        String language,
        String detailsJson,
        Instant receivedAt,
        Instant dueAt,
        Instant reminderAt,
        String deadlinePolicy,
        int verificationLevel,
        String outcome,
        Instant verifiedAt,
        Instant fulfilmentStartedAt,
        Instant closedAt) {

    public Optional<Long> account() {
        return Optional.ofNullable(accountId);
    }
}
