package org.rightsflow.identity;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestAccess;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Level-1 identity verification (SPEC §3 step 3): a one-time code to the email on file, checked with an attempt
 * limit per request. Unknown accounts go through exactly the same steps and answers; they simply never have a
 * code that matches.
 */
@Service
public class IdentityVerificationService {

    static final String EMAIL = "EMAIL";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private final RequestRepository requests;
    private final RequestAccess access;
    private final RequesterContacts contacts;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final TimeSource time;
    private final JdbcClient jdbc;

    public IdentityVerificationService(RequestRepository requests, RequestAccess access, RequesterContacts contacts,
                                       VerificationCodes codes, Outbox outbox, AuditTrail audit,
                                       ApplicationEventPublisher events, IdentityProperties properties,
                                       TimeSource time, JdbcClient jdbc) {
        this.requests = requests;
        this.access = access;
        this.contacts = contacts;
        this.codes = codes;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
        this.jdbc = jdbc;
    }

    /** Sends the code to the contact on file (none for an unknown account) and waits for the requester. */
    @Transactional
    public void sendCodes(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Instant now = time.now();
        if (request.status() == RequestStatus.RECEIVED) {
            requests.updateStatus(requestId, RequestStatus.AWAITING_VERIFICATION, now);
        }
        var contact = contacts.onFile(request);
        if (contact.isEmpty()) {
            audit.record(request.reference(), "system", "VERIFICATION_NO_CONTACT_ON_FILE", null);
            return;
        }
        Instant expiresAt = now.plus(properties.codeValidity());
        String code = codes.issue(requestId, EMAIL, now, expiresAt);
        outbox.enqueue(new Notice("verification-code:" + requestId + ":1", requestId, NoticeKind.VERIFICATION_CODE,
                contact.get().email(), request.language(), Map.of(
                        "reference", request.reference(),
                        "requestType", request.type().label(request.language()),
                        "code", code,
                        "expiresAt", NoticeFormats.dateTime(expiresAt),
                        "guardian", contact.get().guardian())));
        audit.record(request.reference(), "system", "VERIFICATION_CODE_SENT", "{\"channel\":\"EMAIL\"}");
    }

    @Transactional
    public VerificationOutcome verify(String reference, String statusToken, String code) {
        RightsRequest request = access.open(reference, statusToken);
        request = requests.lockById(request.id()).orElseThrow(); // serialises concurrent guesses
        if (code == null || !SIX_DIGITS.matcher(code).matches()) {
            throw new InvalidRequestException("INVALID_CODE_FORMAT", "The code is the 6 digits from the email");
        }
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return new VerificationOutcome.NotAwaitingVerification(request.status());
        }
        int failures = failedAttempts(request.id());
        if (failures >= properties.maxAttempts()) {
            return new VerificationOutcome.Locked();
        }
        Instant now = time.now();
        boolean matched = codes.consume(request.id(), EMAIL, code, now);
        jdbc.sql("insert into verification_attempt (request_id, at, success) values (:id, :at, :success)")
                .param("id", request.id()).param("at", ts(now)).param("success", matched).update();
        if (matched) {
            requests.markVerified(request.id(), now);
            requests.updateStatus(request.id(), RequestStatus.IN_REVIEW, now);
            audit.record(reference, "requester", "IDENTITY_VERIFIED", "{\"level\":1}");
            events.publishEvent(new IdentityVerified(request.id(), reference));
            return new VerificationOutcome.Verified(RequestStatus.IN_REVIEW);
        }
        int left = properties.maxAttempts() - failures - 1;
        audit.record(reference, "requester", "VERIFICATION_FAILED", "{\"attemptsLeft\":" + left + "}");
        if (left == 0) {
            audit.record(reference, "system", "VERIFICATION_LOCKED", null);
            events.publishEvent(new VerificationLocked(request.id(), reference));
            return new VerificationOutcome.Locked();
        }
        return new VerificationOutcome.WrongCode(left);
    }

    /** Day 3 without verification: a reminder to the contact on file (nothing for unknown accounts). */
    @Transactional
    public void remind(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        contacts.onFile(request).ifPresent(contact -> outbox.enqueue(new Notice(
                "verification-reminder:" + requestId, requestId, NoticeKind.VERIFICATION_REMINDER, contact.email(),
                request.language(), Map.of("reference", request.reference(), "requestType", request.type().label(request.language())))));
        audit.record(request.reference(), "system", "VERIFICATION_REMINDER", null);
    }

    /** Intake staff decided by hand (locked, or no way to receive codes); the evidence stays in their form. */
    @Transactional
    public void recordManualDecision(String requestId, boolean verified, String staffUser) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Instant now = time.now();
        if (verified && request.status() == RequestStatus.AWAITING_VERIFICATION) {
            requests.markVerified(requestId, now);
            requests.updateStatus(requestId, RequestStatus.IN_REVIEW, now);
        }
        audit.record(request.reference(), "staff:" + staffUser, verified ? "IDENTITY_VERIFIED_MANUALLY"
                : "IDENTITY_NOT_VERIFIED_MANUALLY", null);
    }

    private int failedAttempts(String requestId) {
        return jdbc.sql("select count(*) from verification_attempt where request_id = :id and success = false")
                .param("id", requestId).query(Integer.class).single();
    }
}
