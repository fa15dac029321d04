package org.rightsflow.web.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.deadline.DeadlineEvent;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.ClarificationTopic;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.ReviewReferral;
import org.rightsflow.review.ReviewReferrals;
import org.rightsflow.web.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff actions on a request, for privacy officers with their Camunda user (HTTP Basic or the webapps' session):
 * <ul>
 *   <li>its clock: {@code POST /staff/requests/{reference}/extension} and {@code /resume} with
 *       {@code {"reason": "..."}}, {@code /pause} with {@code {"reason": "...", "needed": [topics]}} (docs/clock.md; a pause asks
 *       the requester for a clarification; {@code GET .../clarifications} shows their answers);
 *       {@code GET /staff/requests/{reference}/deadline-events} lists what happened;</li>
 *   <li>the exemption review: {@code POST /staff/requests/{reference}/review-referral} with {@code {"reason": "..."}}
 *       sends it there (until its fulfilment starts; afterwards 409 FULFILMENT_STARTED), and
 *       {@code GET /staff/requests/{reference}/review-referrals} lists who sent it and why.</li>
 * </ul>
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
    private final ReviewReferrals referrals;
    private final ClarificationService clarifications;

    StaffRequestController(StaffAuthentication authentication, RequestLifecycle lifecycle, RequestRepository requests,
                           ReviewReferrals referrals, ClarificationService clarifications) {
        this.authentication = authentication;
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.referrals = referrals;
        this.clarifications = clarifications;
    }

    /** Sends the request to the exemption review; who and why are recorded and audited. */
    @PostMapping("/review-referral")
    public ResponseEntity<Map<String, Object>> referToReview(@PathVariable String reference,
                                                             @RequestBody(required = false) String body,
                                                             HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        String reason = reason(body, true);
        requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        ReviewReferral referral = referrals.refer(reference, staff, reason);
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reference", reference);
        answer.put("status", request.status().name());
        answer.put("referral", referral(referral));
        return ResponseEntity.status(201).body(answer);
    }

    @GetMapping("/review-referrals")
    public List<Map<String, Object>> referrals(@PathVariable String reference, HttpServletRequest http) {
        authentication.requirePrivacyOfficer(http);
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        return referrals.of(request.id()).stream().map(StaffRequestController::referral).toList();
    }

    private static Map<String, Object> referral(ReviewReferral referral) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("referredBy", referral.referredBy());
        json.put("reason", referral.reason());
        json.put("referredAt", iso(referral.referredAt()));
        json.put("reviewedAt", iso(referral.reviewedAt()));
        return json;
    }

    @PostMapping("/extension")
    public Map<String, Object> extend(@PathVariable String reference, @RequestBody(required = false) String body,
                                      HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        return answer(reference, lifecycle.extendDeadline(reference, staff, reason(body, true)));
    }

    /**
     * A pause is a clarification: {@code {"reason": "...", "needed": ["DATA_CATEGORIES", ...]}}. The requester is sent
     * what is needed (the topics, worded in their language; never the reason, which is for staff) and how to answer.
     */
    @PostMapping("/pause")
    public Map<String, Object> pause(@PathVariable String reference, @RequestBody(required = false) String body,
                                     HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        JsonNode json = object(body, Set.of("reason", "needed"));
        String reason = reason(json, true);
        List<String> needed = new ArrayList<>();
        JsonNode topics = json.get("needed");
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw Problems.staff(400, "TOPICS_REQUIRED", "Name what the requester must clarify: \"needed\": "
                    + Arrays.stream(ClarificationTopic.values()).map(Enum::name).toList());
        }
        topics.forEach(t -> needed.add(t.asText()));
        return answer(reference, clarifications.ask(reference, staff, reason, needed));
    }

    @PostMapping("/resume")
    public Map<String, Object> resume(@PathVariable String reference, @RequestBody(required = false) String body,
                                      HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        String reason = body == null || body.isBlank() ? null : reason(object(body, Set.of("reason")), false);
        return answer(reference, clarifications.resumeByStaff(reference, staff, reason == null ? "Resumed" : reason));
    }

    /** The clarifications asked and the requester's answers (their own text: each read is audited). */
    @GetMapping("/clarifications")
    public List<Map<String, Object>> clarifications(@PathVariable String reference, HttpServletRequest http) {
        String staff = authentication.requirePrivacyOfficer(http);
        return clarifications.forStaff(reference, staff).stream().map(c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("needed", c.topics().stream().map(Enum::name).toList());
            json.put("askedBy", c.askedBy());
            json.put("askedAt", iso(c.askedAt()));
            json.put("answer", c.answer());
            json.put("answeredAt", iso(c.answeredAt()));
            json.put("ended", c.ended());
            json.put("endedAt", iso(c.endedAt()));
            return json;
        }).toList();
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
                throw Problems.staff(400, "REASON_REQUIRED", "Give a reason: {\"reason\": \"...\"}");
            }
            return null;
        }
        return reason(object(body, Set.of("reason")), required);
    }

    private static JsonNode object(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            throw Problems.staff(400, "REASON_REQUIRED", "Give a reason: {\"reason\": \"...\"}");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw Problems.staff(400, "MALFORMED_JSON", "The body is not well-formed JSON");
        }
        if (json == null || !json.isObject()) {
            throw Problems.staff(400, "MALFORMED_JSON", "The body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Problems.staff(400, "UNKNOWN_FIELD", "Unknown field: only " + allowed + " are accepted");
            }
        }
        return json;
    }

    private static String reason(JsonNode json, boolean required) {
        JsonNode reason = json.get("reason");
        if (reason == null || reason.isNull() || !reason.isTextual() || reason.asText().isBlank()) {
            if (required) {
                throw Problems.staff(400, "REASON_REQUIRED", "Give a reason: {\"reason\": \"...\"}");
            }
            return null;
        }
        String text = reason.asText().strip();
        if (text.length() > MAX_REASON) {
            throw Problems.staff(400, "REASON_TOO_LONG", "The reason is limited to " + MAX_REASON + " characters");
        }
        return text;
    }
}
