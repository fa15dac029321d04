package org.rightsflow.request;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the transaction that gave a request its final answer (COMPLETED, PARTIALLY_COMPLETED or
 * REFUSED), once: a retried result job that finds the status already set publishes nothing.
 *
 * @param grounds the refusal ground codes of a whole or partial refusal (empty otherwise)
 */
public record RequestAnswered(String requestId, String reference, RequestType type, RequestStatus status,
                              Instant receivedAt, Instant answeredAt, List<String> grounds) {

    public RequestAnswered {
        grounds = grounds == null ? List.of() : List.copyOf(grounds);
    }
}
