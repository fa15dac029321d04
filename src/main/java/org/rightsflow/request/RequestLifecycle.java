package org.rightsflow.request;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.TimeSource;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.review.RefusalGround;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of SPEC §3 that change a request's status, each with its notice (through the outbox) and audit entry
 * in one transaction. Every method is safe to run again (a retried job): the notice's dedup key and the status
 * checks make a repeat a no-op.
 */
@Service
public class RequestLifecycle {

    public static final String OUTCOME_COMPLETED = "COMPLETED";
    public static final String OUTCOME_PARTIALLY_COMPLETED = "PARTIALLY_COMPLETED";
    public static final String OUTCOME_REFUSED = "REFUSED";

    private final RequestRepository requests;
    private final RequestAccess access;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RightsflowProperties properties;
    private final TimeSource time;

    public RequestLifecycle(RequestRepository requests, RequestAccess access, RequesterContacts contacts,
                            Outbox outbox, AuditTrail audit, ApplicationEventPublisher events,
                            RightsflowProperties properties, TimeSource time) {
        this.requests = requests;
        this.access = access;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
    }

    /** The acknowledgement: reference, due date and what happens next, to the contact on file. */
    @Transactional
    public void acknowledge(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        notifyRequester(request, NoticeKind.ACKNOWLEDGEMENT, "acknowledgement", Map.of());
        audit.record(request.reference(), "system", "ACKNOWLEDGED", null);
    }

    /** Fulfilment starts: from here on the request can no longer be withdrawn. */
    @Transactional
    public void startFulfilment(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.status() == RequestStatus.IN_PROGRESS) {
            return;
        }
        Instant now = time.now();
        requests.markFulfilmentStarted(requestId, now);
        requests.updateStatus(requestId, RequestStatus.IN_PROGRESS, now);
        audit.record(request.reference(), "system", "FULFILMENT_STARTED", null);
    }

    /**
     * The one result notice (SPEC §3 step 6) and the final status.
     *
     * @param grounds     refusal ground codes (empty when none)
     * @param explanation the reviewer's explanation; staff text, never requester text
     */
    @Transactional
    public void finish(String requestId, String outcome, List<String> grounds, String explanation) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        RequestStatus status = switch (outcome) {
            case OUTCOME_COMPLETED -> RequestStatus.COMPLETED;
            case OUTCOME_PARTIALLY_COMPLETED -> RequestStatus.PARTIALLY_COMPLETED;
            case OUTCOME_REFUSED -> RequestStatus.REFUSED;
            default -> throw new IllegalArgumentException("Unknown outcome " + outcome);
        };
        if (request.status() != status) {
            requests.setOutcome(requestId, outcome);
            requests.updateStatus(requestId, status, time.now());
        }
        NoticeKind kind = switch (status) {
            case COMPLETED -> NoticeKind.RESULT_COMPLETED;
            case PARTIALLY_COMPLETED -> NoticeKind.RESULT_PARTIALLY_COMPLETED;
            default -> NoticeKind.RESULT_REFUSED;
        };
        Map<String, Object> model = new HashMap<>();
        model.put("grounds", RefusalGround.describe(grounds == null ? List.of() : grounds, request.language()));
        model.put("explanation", explanation == null ? "" : explanation);
        model.put("complaintChannel", properties.complaintChannel());
        notifyRequester(request, kind, "result", model);
        audit.record(request.reference(), "system", "REQUEST_" + status.name(),
                grounds == null || grounds.isEmpty() ? null : "{\"grounds\":\"" + String.join(",", grounds) + "\"}");
    }

    /** Seven days without verification (SPEC §3). */
    @Transactional
    public void closeUnverified(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.status() != RequestStatus.CLOSED_UNVERIFIED) {
            requests.updateStatus(requestId, RequestStatus.CLOSED_UNVERIFIED, time.now());
        }
        notifyRequester(request, NoticeKind.CLOSED_UNVERIFIED, "closed-unverified", Map.of());
        audit.record(request.reference(), "system", "CLOSED_UNVERIFIED", null);
    }

    /** The requester withdraws (until fulfilment starts). */
    @Transactional
    public RequestStatus withdraw(String reference, String statusToken) {
        RightsRequest request = requests.lockById(access.open(reference, statusToken).id()).orElseThrow();
        if (request.status() == RequestStatus.WITHDRAWN) {
            return request.status();
        }
        if (!request.status().allowsWithdrawal()) {
            throw new RequestStateConflictException("WITHDRAWAL_NOT_POSSIBLE",
                    "The request can no longer be withdrawn: it is " + request.status());
        }
        requests.updateStatus(request.id(), RequestStatus.WITHDRAWN, time.now());
        audit.record(reference, "requester", "WITHDRAWN", null);
        events.publishEvent(new RequestWithdrawn(request.id(), reference));
        return RequestStatus.WITHDRAWN;
    }

    /** The confirmation of a withdrawal, sent once the workflow has stopped. */
    @Transactional
    public void confirmWithdrawal(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        notifyRequester(request, NoticeKind.WITHDRAWN, "withdrawn", Map.of());
    }

    /** Five days before the due date (SPEC §4): staff are reminded. */
    @Transactional
    public void remindStaff(String requestId) {
        notifyStaff(requestId, NoticeKind.STAFF_TASK_REMINDER, "DEADLINE_REMINDER");
    }

    /** The due date passed: escalated to the privacy officers, never silent. */
    @Transactional
    public void escalateOverdue(String requestId) {
        notifyStaff(requestId, NoticeKind.STAFF_DEADLINE_ESCALATION, "DEADLINE_ESCALATED");
    }

    private void notifyStaff(String requestId, NoticeKind kind, String action) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if (request.status().isTerminal()) {
            return;
        }
        outbox.enqueue(new Notice(kind.name().toLowerCase() + ":" + requestId, requestId, kind,
                properties.staffMailbox(), "en", Map.of(
                        "reference", request.reference(),
                        "requestType", request.type().name(),
                        "status", request.status().name(),
                        "dueAt", NoticeFormats.dateTime(request.dueAt()),
                        "cockpitUrl", properties.publicBaseUrl() + "/camunda/app/cockpit/")));
        audit.record(request.reference(), "system", action, null);
    }

    private void notifyRequester(RightsRequest request, NoticeKind kind, String dedupPrefix, Map<String, Object> extra) {
        contacts.onFile(request).ifPresent(contact -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("reference", request.reference());
            model.put("requestType", request.type().label(request.language()));
            model.put("receivedAt", NoticeFormats.dateTime(request.receivedAt()));
            model.put("dueAt", NoticeFormats.dateTime(request.dueAt()));
            model.put("statusUrl", properties.publicBaseUrl() + "/privacy/status/" + request.reference());
            outbox.enqueue(new Notice(dedupPrefix + ":" + request.id(), request.id(), kind, contact.email(),
                    request.language(), model));
        });
    }

    public RequestView view(String reference, String statusToken) {
        RightsRequest request = access.open(reference, statusToken);
        return new RequestView(request, requests.history(request.id()));
    }

    public record RequestView(RightsRequest request, List<StatusChange> history) {
    }
}
