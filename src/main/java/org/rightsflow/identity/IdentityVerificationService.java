package org.rightsflow.identity;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Identity verification (docs/verification.md): one-time codes to the contacts on file (level 1: the email; level 2:
 * also the phone, through the {@link SmsChannel}), checked with one attempt limit per request; new codes on
 * request, rate-limited; and the hand-over to intake staff when codes cannot decide. Unknown accounts go through
 * exactly the same steps and answers; they simply never have a code that matches.
 */
@Service
public class IdentityVerificationService {

    static final String EMAIL = VerificationFactor.EMAIL.name();
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private final RequestRepository requests;
    private final RequestAccess access;
    private final RequesterContacts contacts;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final SmsChannel sms;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final TimeSource time;
    private final JdbcClient jdbc;

    public IdentityVerificationService(RequestRepository requests, RequestAccess access, RequesterContacts contacts,
                                       VerificationCodes codes, Outbox outbox, SmsChannel sms, AuditTrail audit,
                                       ApplicationEventPublisher events, IdentityProperties properties,
                                       TimeSource time, JdbcClient jdbc) {
        this.requests = requests;
        this.access = access;
        this.contacts = contacts;
        this.codes = codes;
        this.outbox = outbox;
        this.sms = sms;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
        this.jdbc = jdbc;
    }

    /** Sends the first round of codes to the contacts on file (none for an unknown account) and waits. */
    @Transactional
    public void sendCodes(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Instant now = time.now();
        if (request.status() == RequestStatus.RECEIVED) {
            requests.updateStatus(requestId, RequestStatus.AWAITING_VERIFICATION, now);
        }
        if (roundsSent(requestId) > 0) {
            return; // the first round is out already
        }
        recordRound(requestId, 1, now);
        issueRound(request, 1, VerificationFactor.requiredFor(request.verificationLevel()), now);
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
            audit.record(reference, "requester", "VERIFICATION_ATTEMPT_WHILE_LOCKED", null);
            return new VerificationOutcome.Locked();
        }
        Instant now = time.now();
        List<VerificationFactor> pending = pendingFactors(request);
        VerificationFactor matched = null;
        for (VerificationFactor factor : pending) {
            // a code counts for the channel it was sent to, and for that one only
            if (codes.consume(request.id(), factor.name(), code, now)) {
                matched = factor;
                break;
            }
        }
        jdbc.sql("insert into verification_attempt (request_id, at, success) values (:id, :at, :success)")
                .param("id", request.id()).param("at", ts(now)).param("success", matched != null).update();
        if (matched != null) {
            List<VerificationFactor> stillPending = new ArrayList<>(pending);
            stillPending.remove(matched);
            String detail = "{\"channel\":\"" + matched + "\",\"level\":" + request.verificationLevel() + "}";
            if (!stillPending.isEmpty()) {
                audit.record(reference, "requester", "VERIFICATION_FACTOR_CONFIRMED", detail);
                return new VerificationOutcome.FactorConfirmed(RequestStatus.AWAITING_VERIFICATION, stillPending);
            }
            requests.markVerified(request.id(), now);
            requests.updateStatus(request.id(), RequestStatus.IN_REVIEW, now);
            audit.record(reference, "requester", "IDENTITY_VERIFIED", detail);
            events.publishEvent(new IdentityVerified(request.id(), reference));
            return new VerificationOutcome.Verified(RequestStatus.IN_REVIEW);
        }
        int left = properties.maxAttempts() - failures - 1;
        audit.record(reference, "requester", "VERIFICATION_FAILED", "{\"attemptsLeft\":" + left + "}");
        if (left == 0) {
            lock(request);
            return new VerificationOutcome.Locked();
        }
        return new VerificationOutcome.WrongCode(left);
    }

    /**
     * New codes for the factors still missing, superseding the earlier ones; the attempt counter is not reset. At
     * most one round per {@code resendInterval} and {@code maxResends} rounds per request, counted the same way
     * whether or not the account exists.
     */
    @Transactional
    public ResendOutcome resend(String reference, String statusToken) {
        RightsRequest request = access.open(reference, statusToken);
        request = requests.lockById(request.id()).orElseThrow();
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return new ResendOutcome.NotAwaitingVerification(request.status());
        }
        if (failedAttempts(request.id()) >= properties.maxAttempts()) {
            return new ResendOutcome.Locked();
        }
        Instant now = time.now();
        int rounds = roundsSent(request.id());
        if (rounds - 1 >= properties.maxResends()) {
            audit.record(reference, "requester", "VERIFICATION_RESEND_LIMITED", "{\"reason\":\"MAX_RESENDS\"}");
            return new ResendOutcome.Limited(0);
        }
        Instant last = lastRoundAt(request.id()).orElse(request.receivedAt());
        Instant allowedFrom = last.plus(properties.resendInterval());
        if (now.isBefore(allowedFrom)) {
            long wait = Math.max(1, (Duration.between(now, allowedFrom).toMillis() + 999) / 1000);
            audit.record(reference, "requester", "VERIFICATION_RESEND_LIMITED", "{\"reason\":\"TOO_SOON\"}");
            return new ResendOutcome.Limited(wait);
        }
        int round = rounds + 1;
        recordRound(request.id(), round, now);
        if (manualReason(request.id()).isEmpty()) {
            issueRound(request, round, pendingFactors(request), now);
        }
        audit.record(reference, "requester", "VERIFICATION_CODES_RESENT", "{\"round\":" + round + "}");
        return new ResendOutcome.Resent(RequestStatus.AWAITING_VERIFICATION);
    }

    /**
     * The request goes to intake staff without codes (staff-entered, contact recently changed, no phone on file):
     * it now waits for verification, and codes it might still be sent would not count.
     */
    @Transactional
    public void awaitManualVerification(String requestId, ManualVerificationReason reason) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.status() == RequestStatus.RECEIVED) {
            requests.updateStatus(requestId, RequestStatus.AWAITING_VERIFICATION, time.now());
        }
        if (manualReason(requestId).isEmpty()) {
            setManualReason(requestId, reason);
            audit.record(request.reference(), "system", "MANUAL_VERIFICATION_REQUIRED",
                    "{\"reason\":\"" + reason + "\"}");
        }
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

    /** Intake staff decided by hand; the evidence stays in their form. */
    @Transactional
    public void recordManualDecision(String requestId, boolean verified, String staffUser) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Instant now = time.now();
        if (verified && request.status() == RequestStatus.AWAITING_VERIFICATION) {
            requests.markVerified(requestId, now);
            requests.updateStatus(requestId, RequestStatus.IN_REVIEW, now);
        }
        String reason = manualReason(requestId).map(Enum::name).orElse("NONE");
        audit.record(request.reference(), "staff:" + staffUser, verified ? "IDENTITY_VERIFIED_MANUALLY"
                : "IDENTITY_NOT_VERIFIED_MANUALLY", "{\"reason\":\"" + reason + "\"}");
    }

    /** Why this request is (or was) verified by hand, if it is. */
    public Optional<ManualVerificationReason> manualReason(String requestId) {
        return jdbc.sql("select manual_verification_reason from rights_request where id = :id")
                .param("id", requestId).query(String.class).optional().map(ManualVerificationReason::valueOf);
    }

    // ------------------------------------------------------------------ internals

    private void lock(RightsRequest request) {
        audit.record(request.reference(), "system", "VERIFICATION_LOCKED", null);
        if (manualReason(request.id()).isEmpty()) {
            setManualReason(request.id(), ManualVerificationReason.LOCKED);
            events.publishEvent(new VerificationLocked(request.id(), request.reference()));
        }
        // else: intake staff already have the request; the lock only stops the guessing
    }

    /** Codes for the given factors to the contacts on file; for an unknown account nothing is sent. */
    private void issueRound(RightsRequest request, int round, List<VerificationFactor> factors, Instant now) {
        var contact = contacts.onFile(request);
        if (contact.isEmpty()) {
            audit.record(request.reference(), "system", "VERIFICATION_NO_CONTACT_ON_FILE", null);
            return;
        }
        Instant expiresAt = now.plus(properties.codeValidity());
        Map<String, Object> model = Map.of(
                "reference", request.reference(),
                "requestType", request.type().label(request.language()),
                "expiresAt", NoticeFormats.dateTime(expiresAt),
                "guardian", contact.get().guardian(),
                "secondFactor", request.verificationLevel() >= VerificationLevelPolicy.EMAIL_AND_PHONE_CODES);
        for (VerificationFactor factor : factors) {
            if (factor == VerificationFactor.SMS && (contact.get().phone() == null || contact.get().phone().isBlank())) {
                audit.record(request.reference(), "system", "VERIFICATION_NO_PHONE_ON_FILE", null);
                continue;
            }
            String code = codes.issue(request.id(), factor.name(), now, expiresAt);
            Map<String, Object> withCode = new java.util.HashMap<>(model);
            withCode.put("code", code);
            if (factor == VerificationFactor.EMAIL) {
                outbox.enqueue(new Notice("verification-code:" + request.id() + ":" + round, request.id(),
                        NoticeKind.VERIFICATION_CODE, contact.get().email(), request.language(), withCode));
            } else {
                sms.send(new SmsChannel.TextMessage("verification-sms:" + request.id() + ":" + round, request.id(),
                        contact.get().phone(), request.language(), withCode));
            }
            audit.record(request.reference(), "system", "VERIFICATION_CODE_SENT",
                    "{\"channel\":\"" + factor + "\",\"round\":" + round + "}");
        }
    }

    private List<VerificationFactor> pendingFactors(RightsRequest request) {
        Set<VerificationFactor> confirmed = EnumSet.noneOf(VerificationFactor.class);
        jdbc.sql("select distinct channel from verification_code where request_id = :id and used_at is not null")
                .param("id", request.id()).query(String.class).list()
                .forEach(channel -> confirmed.add(VerificationFactor.valueOf(channel)));
        return VerificationFactor.requiredFor(request.verificationLevel()).stream()
                .filter(factor -> !confirmed.contains(factor)).toList();
    }

    private int failedAttempts(String requestId) {
        return jdbc.sql("select count(*) from verification_attempt where request_id = :id and success = false")
                .param("id", requestId).query(Integer.class).single();
    }

    private int roundsSent(String requestId) {
        return jdbc.sql("select count(*) from verification_round where request_id = :id")
                .param("id", requestId).query(Integer.class).single();
    }

    private Optional<Instant> lastRoundAt(String requestId) {
        return jdbc.sql("select sent_at from verification_round where request_id = :id order by round_no desc")
                .param("id", requestId).query((rs, n) -> instant(rs, "sent_at")).list().stream().findFirst();
    }

    private void recordRound(String requestId, int round, Instant at) {
        jdbc.sql("insert into verification_round (request_id, round_no, sent_at) values (:id, :round, :at)")
                .param("id", requestId).param("round", round).param("at", ts(at)).update();
    }

    private void setManualReason(String requestId, ManualVerificationReason reason) {
        jdbc.sql("update rights_request set manual_verification_reason = :reason where id = :id")
                .param("reason", reason.name()).param("id", requestId).update();
    }
}
