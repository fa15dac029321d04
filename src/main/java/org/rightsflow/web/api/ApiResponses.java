package org.rightsflow.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the requester API (docs/api.md). */
final class ApiResponses {

    private ApiResponses() {
    }

    record Filed(String reference, String status, Instant receivedAt, Instant dueDate, String statusToken) {
    }

    record HistoryEntry(String status, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String reference, String type, String status, Instant receivedAt, Instant dueDate,
                  List<HistoryEntry> history, String outcome) {
    }

    record StatusOnly(String status) {
    }
}
