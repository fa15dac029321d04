package org.rightsflow.request;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.TimeSource;
import org.rightsflow.deadline.Deadline;
import org.rightsflow.deadline.DeadlineChanged;
import org.rightsflow.deadline.DeadlineEvent;
import org.rightsflow.deadline.DeadlineEventKind;
import org.rightsflow.deadline.DeadlineEvents;
import org.rightsflow.deadline.DeadlineService;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.review.CategoryWords;
import org.rightsflow.review.RefusalGround;
import org.rightsflow.review.ReviewReferrals;
import org.rightsflow.review.ReviewScopes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of docs/lifecycle.md that change a request's status, each with its notice (through the outbox) and audit entry
 * in one transaction. Every method is safe to run again (a retried job): the notice's dedup key and the status
 * checks make a repeat a no-op.
 */
@Service
public class RequestLifecycle {

    private final StatusLinks statusLinks;
    private final RequestRepository requests;
    private final StatusTokenCheck tokenCheck;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RightsflowProperties properties;
    private final TimeSource time;
    private final DeadlineService deadlines;
    private final DeadlineEvents deadlineEvents;
    private final ReviewScopes reviewScopes;
    private final ReviewReferrals reviewReferrals;
    private final RequesterNotices notices;
    /** What each system did, for the result notice (absent where no fulfilment is wired, as in some tests). */
    private SystemResults systemResults;

    public RequestLifecycle(RequestRepository requests, StatusTokenCheck tokenCheck, Outbox outbox,
                            AuditTrail audit, ApplicationEventPublisher events,
                            RightsflowProperties properties, TimeSource time, DeadlineService deadlines,
                            DeadlineEvents deadlineEvents, ReviewScopes reviewScopes, ReviewReferrals reviewReferrals,
                            StatusLinks statusLinks, RequesterNotices notices) {
        this.statusLinks = statusLinks;
        this.notices = notices;
        this.requests = requests;
        this.tokenCheck = tokenCheck;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
        this.deadlines = deadlines;
        this.deadlineEvents = deadlineEvents;
        this.reviewScopes = reviewScopes;
        this.reviewReferrals = reviewReferrals;
    }

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setSystemResults(SystemResults systemResults) {
        this.systemResults = systemResults;
    }

    /** The acknowledgement: reference, due date and what happens next, to the contact on file. */
    @Transactional
    public void acknowledge(String requestId) {
        RequestRepository.WithEntry found = requests.findWithEntry(requestId).orElseThrow();
        RightsRequest request = found.request();
        notices.aboutRequest(found, NoticeKind.ACKNOWLEDGEMENT, "acknowledgement:" + request.id(), Map.of());
        audit.record(request.reference(), "system", "ACKNOWLEDGED", null);
    }

    /**
     * Fulfilment starts: from here on the request can no longer be withdrawn, paused or sent to review. Unless, under
     * the request's row lock (a referral or a pause at this very moment waits for it, or comes first), a privacy
     * officer has sent it to the exemption review since it was triaged, or its clock is paused for a clarification:
     * then nothing starts, and the workflow goes to the review or waits for the clock.
     */
    @Transactional
    public FulfilmentStart startFulfilment(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.fulfilmentStartedAt() != null) {
            return FulfilmentStart.STARTED; // a retried job
        }
        if (reviewReferrals.pending(requestId)) {
            return FulfilmentStart.REFERRED_TO_REVIEW;
        }
        if (request.status() == RequestStatus.WAITING_FOR_REQUESTER) {
            return FulfilmentStart.WAITING_FOR_REQUESTER;
        }
        Instant now = time.now();
        requests.markFulfilmentStarted(requestId, now);
        requests.updateStatus(requestId, RequestStatus.IN_PROGRESS, now);
        audit.record(request.reference(), "system", "FULFILMENT_STARTED", null);
        return FulfilmentStart.STARTED;
    }

    /**
     * The one result notice (docs/lifecycle.md, completion) and the final status.
     *
     * @param grounds     refusal ground codes (empty when none)
     * @param explanation the reviewer's explanation; staff text, never requester text
     */
    @Transactional
    public void finish(String requestId, String outcome, List<String> grounds, String explanation) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        RequestOutcome answer = RequestOutcome.of(outcome);
        if (answer == RequestOutcome.WITHDRAWN) {
            throw new IllegalArgumentException("A withdrawn request is not answered: outcome " + outcome);
        }
        RequestStatus status = answer.status();
        if (request.status() != status) {
            Instant answeredAt = time.now();
            requests.setOutcome(requestId, outcome);
            requests.updateStatus(requestId, status, answeredAt);
            events.publishEvent(new RequestAnswered(requestId, request.reference(), request.type(), status,
                    request.receivedAt(), answeredAt, status == RequestStatus.COMPLETED ? List.of() : grounds));
        }
        NoticeKind kind = switch (status) {
            case COMPLETED -> NoticeKind.RESULT_COMPLETED;
            case PARTIALLY_COMPLETED -> NoticeKind.RESULT_PARTIALLY_COMPLETED;
            default -> NoticeKind.RESULT_REFUSED;
        };
        Map<String, Object> model = new HashMap<>();
        model.put("grounds", RefusalGround.describe(grounds == null ? List.of() : grounds, request.language()));
        model.put("explanation", explanation == null ? "" : explanation);
        // A partial refusal names the data categories the privacy officer refused (empty for other outcomes).
        model.put("refusedCategories", status == RequestStatus.PARTIALLY_COMPLETED
                ? CategoryWords.describe(reviewScopes.refusedCategories(requestId), request.language()) : List.of());
        // What a refusal kept from a deletion and restricted instead (excessive technical means, impractical).
        model.put("restrictedCategories", systemResults == null ? List.of()
                : systemResults.keptRestricted(requestId, request.language()));
        // What each system did (its connector, its worker or our staff by hand); none for a refusal.
        model.put("systems", status == RequestStatus.REFUSED || systemResults == null ? List.of()
                : systemResults.perSystem(requestId, request.language()));
        notices.aboutRequest(request, kind, "result:" + request.id(), model);
        audit.record(request.reference(), "system", "REQUEST_" + status.name(),
                grounds == null || grounds.isEmpty() ? null : "{\"grounds\":\"" + String.join(",", grounds) + "\"}");
    }

    /** Seven days without verification (docs/verification.md). */
    @Transactional
    public void closeUnverified(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.status() != RequestStatus.CLOSED_UNVERIFIED) {
            requests.updateStatus(requestId, RequestStatus.CLOSED_UNVERIFIED, time.now());
        }
        // Only staff deciding "not verified" closes a request before the 7 days for its codes have passed.
        boolean byStaff = time.now().isBefore(request.receivedAt().plus(java.time.Duration.ofDays(7)));
        notices.aboutRequest(request, NoticeKind.CLOSED_UNVERIFIED, "closed-unverified:" + request.id(),
                Map.of("closedByStaff", byStaff));
        audit.record(request.reference(), "system", "CLOSED_UNVERIFIED", null);
    }

    /** The requester withdraws (until fulfilment starts). */
    @Transactional
    public RequestStatus withdraw(String reference, String statusToken) {
        RightsRequest request = requests.lockById(tokenCheck.open(reference, statusToken).id()).orElseThrow();
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
        notices.aboutRequest(request, NoticeKind.WITHDRAWN, "withdrawn:" + request.id(), Map.of());
    }

    /** Five days before the due date (docs/clock.md): staff are reminded, at the configured staff mailbox. */
    @Transactional
    public void remindStaff(String requestId) {
        remindStaff(requestId, List.of());
    }

    /**
     * Five days before the due date (docs/clock.md): the members of the groups whose tasks are open are reminded; with
     * nobody to write to, the configured staff mailbox is.
     */
    @Transactional
    public void remindStaff(String requestId, List<String> staffEmails) {
        notifyStaff(requestId, staffEmails, NoticeKind.STAFF_TASK_REMINDER, "DEADLINE_REMINDER");
    }

    /** The due date passed: escalated to the staff mailbox, never silent. */
    @Transactional
    public void escalateOverdue(String requestId) {
        escalateOverdue(requestId, List.of());
    }

    /** The due date passed: escalated to the privacy officers (their emails), else the staff mailbox. */
    @Transactional
    public void escalateOverdue(String requestId, List<String> privacyOfficerEmails) {
        notifyStaff(requestId, privacyOfficerEmails, NoticeKind.STAFF_DEADLINE_ESCALATION, "DEADLINE_ESCALATED");
    }

    private void notifyStaff(String requestId, List<String> emails, NoticeKind kind, String action) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if (request.status().isTerminal()) {
            return;
        }
        LinkedHashSet<String> recipients = new LinkedHashSet<>();
        emails.stream().filter(e -> e != null && !e.isBlank()).map(String::trim).forEach(recipients::add);
        if (recipients.isEmpty()) {
            recipients.add(properties.staffMailbox());
        }
        // Keyed by the due date too: after an extension or a pause the moved timer reminds again.
        String dedupBase = kind.name().toLowerCase() + ":" + requestId + ":" + request.dueAt().toEpochMilli();
        for (String recipient : recipients) {
            outbox.enqueue(new Notice(dedupBase + ":" + Hashing.sha256Hex(recipient.toLowerCase()).substring(0, 16),
                    requestId, kind, recipient, "en", Map.of(
                            "reference", request.reference(),
                            "requestType", request.type().name(),
                            "status", request.status().name(),
                            "dueAt", NoticeFormats.dateTime(request.dueAt()),
                            "dueDateProvisional", request.dueDateProvisional(),
                            "cockpitUrl", properties.publicBaseUrl() + "/camunda/app/cockpit/")));
        }
        audit.record(request.reference(), "system", action, "{\"recipients\":" + recipients.size() + "}");
    }

    /**
     * A privacy officer extends the deadline as far as the request's policy allows (docs/clock.md), once. The clock's
     * finished pauses are added on top; the requester is told the reason and the new date.
     *
     * @throws RequestStateConflictException EXTENSION_NOT_ALLOWED (the policy allows none), ALREADY_EXTENDED,
     *                                       REQUEST_PAUSED (resume first) or REQUEST_CLOSED
     */
    @Transactional
    public DeadlineEvent extendDeadline(String reference, String staffUser, String reason) {
        RightsRequest request = lockOpen(reference);
        if (deadlineEvents.openPause(request.id()).isPresent()) {
            throw new RequestStateConflictException("REQUEST_PAUSED", "The clock is paused; resume it before extending");
        }
        if (deadlineEvents.wasExtended(request.id())) {
            throw new RequestStateConflictException("ALREADY_EXTENDED", "The deadline of this request was already extended");
        }
        Instant extended = deadlines.extendedDueDate(new Deadline(request.deadlinePolicy(), request.receivedAt(),
                        request.dueAt(), request.reminderAt(), request.dueDateProvisional()))
                .orElseThrow(() -> new RequestStateConflictException("EXTENSION_NOT_ALLOWED",
                        "The deadline policy " + request.deadlinePolicy() + " allows no extension"));
        Instant newDue = extended.plus(deadlineEvents.pausedTotal(request.id()));
        if (!newDue.isAfter(request.dueAt())) {
            throw new RequestStateConflictException("EXTENSION_NOT_ALLOWED", "The extension would not move the due date");
        }
        Instant now = time.now();
        Instant reminder = deadlines.reminderFor(newDue, now);
        deadlineEvents.record(request.id(), DeadlineEventKind.EXTENDED, reason, request.dueAt(), newDue, null, staffUser, now);
        deadlineEvents.moveDueDate(request.id(), newDue, reminder);
        audit.record(reference, staffUser, "DEADLINE_EXTENDED", "{\"newDueAt\":\"" + newDue + "\"}");
        RightsRequest moved = requests.findById(request.id()).orElseThrow();
        notices.aboutRequest(moved, NoticeKind.DEADLINE_EXTENDED,
                "deadline-extended:" + newDue.toEpochMilli() + ":" + moved.id(), Map.of(
                "reason", reason,
                "previousDueAt", NoticeFormats.dateTime(request.dueAt())));
        events.publishEvent(new DeadlineChanged(request.id(), reference, DeadlineEventKind.EXTENDED, newDue, reminder));
        return lastEvent(request.id());
    }

    /**
     * The request waits on the requester (clarification, a blocker): the status becomes WAITING_FOR_REQUESTER and the
     * clock stops until {@link #resume}.
     */
    @Transactional
    public DeadlineEvent pause(String reference, String staffUser, String reason) {
        RightsRequest request = lockOpen(reference);
        if (request.status() == RequestStatus.WAITING_FOR_REQUESTER || deadlineEvents.openPause(request.id()).isPresent()) {
            throw new RequestStateConflictException("ALREADY_PAUSED", "The request already waits on the requester");
        }
        if (request.fulfilmentStartedAt() != null) {
            // WAITING_FOR_REQUESTER lets the requester withdraw, which must never interrupt a running fulfilment;
            // fulfilment processes wait on the requester themselves (e.g. cancellation blockers).
            throw new RequestStateConflictException("FULFILMENT_STARTED",
                    "Fulfilment has started; the request can no longer be paused from here");
        }
        Instant now = time.now();
        deadlineEvents.record(request.id(), DeadlineEventKind.PAUSED, reason, request.dueAt(), request.dueAt(),
                request.status().name(), staffUser, now);
        requests.updateStatus(request.id(), RequestStatus.WAITING_FOR_REQUESTER, now);
        audit.record(reference, staffUser, "DEADLINE_PAUSED", null);
        events.publishEvent(new DeadlineChanged(request.id(), reference, DeadlineEventKind.PAUSED, request.dueAt(),
                request.reminderAt()));
        return lastEvent(request.id());
    }

    /** The clock runs again: the due date moves by the paused duration and the status returns to what it was. */
    @Transactional
    public DeadlineEvent resume(String reference, String staffUser, String reason) {
        RightsRequest request = lockOpen(reference);
        DeadlineEvent pause = deadlineEvents.openPause(request.id()).orElseThrow(() ->
                new RequestStateConflictException("NOT_PAUSED", "The request is not paused"));
        Instant now = time.now();
        Duration paused = Duration.between(pause.at(), now);
        Instant newDue = request.dueAt().plus(paused);
        Instant reminder = deadlines.reminderFor(newDue, now);
        deadlineEvents.record(request.id(), DeadlineEventKind.RESUMED, reason, request.dueAt(), newDue, null, staffUser, now);
        deadlineEvents.moveDueDate(request.id(), newDue, reminder);
        if (request.status() == RequestStatus.WAITING_FOR_REQUESTER && pause.statusBefore() != null) {
            requests.updateStatus(request.id(), RequestStatus.valueOf(pause.statusBefore()), now);
        }
        audit.record(reference, staffUser, "DEADLINE_RESUMED", "{\"newDueAt\":\"" + newDue + "\"}");
        RightsRequest moved = requests.findById(request.id()).orElseThrow();
        notices.aboutRequest(moved, NoticeKind.DEADLINE_RESUMED, "deadline-resumed:" + pause.id() + ":" + moved.id(),
                Map.of());
        events.publishEvent(new DeadlineChanged(request.id(), reference, DeadlineEventKind.RESUMED, newDue, reminder));
        return lastEvent(request.id());
    }

    public List<DeadlineEvent> deadlineEvents(String requestId) {
        return deadlineEvents.of(requestId);
    }

    private RightsRequest lockOpen(String reference) {
        RightsRequest found = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        RightsRequest request = requests.lockById(found.id()).orElseThrow();
        if (request.status().isTerminal()) {
            throw new RequestStateConflictException("REQUEST_CLOSED", "The request is closed: " + request.status());
        }
        return request;
    }

    private DeadlineEvent lastEvent(String requestId) {
        List<DeadlineEvent> all = deadlineEvents.of(requestId);
        return all.get(all.size() - 1);
    }

    /** The link for emails about the request that opens its status page on any device ({@link StatusLinks}). */
    public String statusUrl(RightsRequest request) {
        return statusLinks.url(request);
    }

    public RequestView view(String reference, String statusToken) {
        RightsRequest request = tokenCheck.open(reference, statusToken);
        return new RequestView(request, requests.history(request.id()));
    }

    public record RequestView(RightsRequest request, List<StatusChange> history) {
    }
}
