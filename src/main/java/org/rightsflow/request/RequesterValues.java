package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.rightsflow.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The text a requester typed into a request (a correction's values, a transfer's recipient), in full, for the staff
 * member who decides on it. It lives only in the request's row: never in an engine variable, a notice to the contact
 * on file or a log. Every reading is audited (who, when; never what).
 */
@Service
public class RequesterValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestRepository requests;
    private final AuditTrail audit;

    public RequesterValues(RequestRepository requests, AuditTrail audit) {
        this.requests = requests;
        this.audit = audit;
    }

    /** One typed value: what it is for (a field name or a code, never typed text) and the value as typed. */
    public record TypedValue(String name, String value) {
    }

    /** The request's typed values, in the order of its details; the reading is audited. */
    @Transactional
    public List<TypedValue> read(String reference, String staffUser) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        audit.record(reference, "staff:" + staffUser, "REQUESTER_VALUES_VIEWED", null);
        return typedValues(request);
    }

    static List<TypedValue> typedValues(RightsRequest request) {
        List<TypedValue> values = new ArrayList<>();
        if (request.detailsJson() == null) {
            return values;
        }
        JsonNode details;
        try {
            details = JSON.readTree(request.detailsJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Request " + request.reference() + " has unreadable details", e);
        }
        switch (request.type()) {
            case CORRECT -> {
                int number = 0;
                for (JsonNode change : details.path("corrections")) {
                    number++;
                    values.add(new TypedValue(number + ". " + change.path("field").asText(), change.path("value").asText()));
                }
            }
            case TRANSFER -> {
                values.add(new TypedValue("recipientName", details.path("recipientName").asText()));
                values.add(new TypedValue("recipientEmail", details.path("recipientEmail").asText()));
            }
            default -> {
                // the other rights carry codes only (grounds, categories, purposes): nothing typed
            }
        }
        return values;
    }
}
