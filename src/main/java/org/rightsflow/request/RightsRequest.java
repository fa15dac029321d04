package org.rightsflow.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Optional;

/**
 * The request aggregate as stored; personal data (the typed email, details) stays in this table.
 *
 * @param dueDateProvisional the due date rests on a year without official working-day calendar data: it is the
 *                           earliest possible one and stays when the data arrives (then the flag clears)
 * @param filedAs            who filed it: the account holder, a guardian or a close relative of a deceased holder
 */
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
        Instant closedAt,
        boolean dueDateProvisional,
        FiledAs filedAs) {

    private static final ObjectMapper DETAILS = new ObjectMapper();

    /** A request the account holder filed. */
    public RightsRequest(String id, String reference, RequestType type, RequestStatus status, String accountEmail,
                         Long accountId, String language, String detailsJson, Instant receivedAt, Instant dueAt,
                         Instant reminderAt, String deadlinePolicy, int verificationLevel, String outcome,
                         Instant verifiedAt, Instant fulfilmentStartedAt, Instant closedAt, boolean dueDateProvisional) {
        this(id, reference, type, status, accountEmail, accountId, language, detailsJson, receivedAt, dueAt,
                reminderAt, deadlinePolicy, verificationLevel, outcome, verifiedAt, fulfilmentStartedAt, closedAt,
                dueDateProvisional, FiledAs.ACCOUNT_HOLDER);
    }

    /**
     * The details the requester gave for the right (docs/api.md) as JSON; an empty object when there are none. They
     * were checked when the request was filed, so unreadable details are a fault of the store, not of the input.
     */
    public JsonNode details() {
        if (detailsJson == null || detailsJson.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return DETAILS.readTree(detailsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request " + reference + " has unreadable details", e);
        }
    }

    public Optional<Long> account() {
        return Optional.ofNullable(accountId);
    }
}
