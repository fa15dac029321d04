package org.rightsflow.web.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.deadline.DeadlineEvent;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff actions on a request's clock (docs/clock.md), for privacy officers with their Camunda user (HTTP Basic):
 * {@code POST /staff/requests/{reference}/extension}, {@code /pause} and {@code /resume}, each with
 * {@code {"reason": "..."}}; {@code GET /staff/requests/{reference}/deadline-events} lists what happened.
 * The reason is staff text: write no personal data in it (an extension's reason is sent to the requester).
 */
@RestController
@RequestMapping(path = "/staff/requests/{reference}", produces = MediaType.APPLICATION_JSON_VALUE)
public class StaffRequestController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 1000;

    private final StaffAuthentication authentication;
    private final RequestLifecycle lifecycle;
    private final RequestRepository requests;

    StaffRequestController(StaffAuthentication authentication, RequestLifecycle lifecycle, RequestRepository requests) {
        this.authentication = authentication;
        this.lifecycle = lifecycle;
        this.requests = requests;
    }

    @PostMapping("/extension")
    public Map<String, Object> extend(@PathVariable String reference, @RequestBody(required = false) String body,
                                      HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        return answer(reference, lifecycle.extendDeadline(reference, staff, reason(body, true)));
    }

    @PostMapping("/pause")
    public Map<String, Object> pause(@PathVariable String reference, @RequestBody(required = false) String body,
                                     HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        return answer(reference, lifecycle.pause(reference, staff, reason(body, true)));
    }

    @PostMapping("/resume")
    public Map<String, Object> resume(@PathVariable String reference, @RequestBody(required = false) String body,
                                      HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        String reason = reason(body, false);
        return answer(reference, lifecycle.resume(reference, staff, reason == null ? "Resumed" : reason));
    }

    @GetMapping("/deadline-events")
    public List<Map<String, Object>> events(@PathVariable String reference, HttpServletRequest http) {
        authentication.requirePrivacyOfficer(http);
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        return lifecycle.deadlineEvents(request.id()).stream().map(StaffRequestController::event).toList();
    }

    private Map<String, Object> answer(String reference, DeadlineEvent event) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reference", reference);
        answer.put("status", request.status().name());
        answer.put("dueDate", request.dueAt().toString());
        answer.put("dueDateProvisional", request.dueDateProvisional());
        answer.put("event", event(event));
        return answer;
    }

    private static Map<String, Object> event(DeadlineEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", event.kind().name());
        json.put("reason", event.reason());
        json.put("oldDueDate", iso(event.oldDueAt()));
        json.put("newDueDate", iso(event.newDueAt()));
        json.put("staffUser", event.staffUser());
        json.put("at", iso(event.at()));
        return json;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** {@code {"reason": "..."}} and nothing else. */
    private static String reason(String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw new StaffProblem(400, "REASON_REQUIRED", "Give a reason: {\"reason\": \"...\"}");
            }
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new StaffProblem(400, "MALFORMED_JSON", "The body is not well-formed JSON");
        }
        if (json == null || !json.isObject()) {
            throw new StaffProblem(400, "MALFORMED_JSON", "The body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"reason".equals(name)) {
                throw new StaffProblem(400, "UNKNOWN_FIELD", "Unknown field: only \"reason\" is accepted");
            }
        }
        JsonNode reason = json.get("reason");
        if (reason == null || reason.isNull() || !reason.isTextual() || reason.asText().isBlank()) {
            if (required) {
                throw new StaffProblem(400, "REASON_REQUIRED", "Give a reason: {\"reason\": \"...\"}");
            }
            return null;
        }
        String text = reason.asText().strip();
        if (text.length() > MAX_REASON) {
            throw new StaffProblem(400, "REASON_TOO_LONG", "The reason is limited to " + MAX_REASON + " characters");
        }
        return text;
    }
}
