package org.rightsflow.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the requester API (docs/api.md). */
final class ApiResponses {

    private ApiResponses() {
    }

    static final String PROVISIONAL = "true while the due date counts days of a year without official working-day"
            + " calendar data: it is then the earliest possible date, and it stays when the data arrives (then false)";

    record Filed(String reference, String status, Instant receivedAt, Instant dueDate,
                 @Schema(description = PROVISIONAL) boolean dueDateProvisional, String statusToken) {
    }

    record HistoryEntry(String status, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String reference, String type, String status, Instant receivedAt, Instant dueDate,
                  @Schema(description = PROVISIONAL) boolean dueDateProvisional, List<HistoryEntry> history,
                  String outcome) {
    }

    record StatusOnly(String status) {
    }
}
