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
import org.rightsflow.limits.Admission;
import org.rightsflow.limits.RequesterLimits;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.StatusTokenCheck;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.InvalidDecisionException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity verification (docs/verification.md): one-time codes to the contacts on file (level 1: the email; level 2:
 * also the phone, through the {@link SmsChannel}), checked with one attempt limit per request and one per account
 * over all its requests; new codes on request, rate-limited per request and per contact; and the hand-over to
 * intake staff when codes cannot decide. Unknown accounts go through exactly the same steps, limits and answers
 * (their limits count on the email as filed); they simply never have a code that matches.
 */
@Service
public class IdentityVerificationService {

    static final String EMAIL = VerificationFactor.EMAIL.name();
    /**
     * Reasons to verify by hand that a requester may be told about: they are counted by the email as filed, the same
     * for known and unknown accounts (the others, such as a recently changed contact, would reveal the account).
     */
    static final Set<ManualVerificationReason> LIMIT_REASONS = EnumSet.of(ManualVerificationReason.LOCKED,
            ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT, ManualVerificationReason.TOO_MANY_OPEN_REQUESTS,
            // every relative's filing has it, known account or not: it tells the requester nothing about the account
            ManualVerificationReason.RELATIVE_OF_DECEASED);
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private final RequestRepository requests;
    private final StatusTokenCheck tokenCheck;
    private final RequesterContacts contacts;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final SmsChannel sms;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final TimeSource time;
    private final JdbcClient jdbc;
    private final RequesterLimits limits;
    private final ManualVerificationCases cases;
    private final RequesterNotices notices;

    public IdentityVerificationService(RequestRepository requests, StatusTokenCheck tokenCheck, RequesterContacts contacts,
                                       VerificationCodes codes, Outbox outbox, SmsChannel sms, AuditTrail audit,
                                       ApplicationEventPublisher events, IdentityProperties properties,
                                       TimeSource time, JdbcClient jdbc, RequesterLimits limits,
                                       ManualVerificationCases cases, RequesterNotices notices) {
        this.requests = requests;
        this.notices = notices;
        this.tokenCheck = tokenCheck;
        this.contacts = contacts;
        this.codes = codes;
        this.outbox = outbox;
        this.sms = sms;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
        this.jdbc = jdbc;
        this.limits = limits;
        this.cases = cases;
    }

    /** Sends the first round of codes to the contacts on file (none for an unknown account) and waits. */
    @Transactional
    public void sendCodes(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Instant now = time.now();
        if (request.status() == RequestStatus.RECEIVED) {
            requests.updateStatus(requestId, RequestStatus.AWAITING_VERIFICATION, now);
        }
        // one statement records the first round unless it is out already (under the request's lock, taken above)
        if (jdbc.sql("""
                        insert into verification_round (request_id, round_no, sent_at) select :id, 1, :at
                        where not exists (select 1 from verification_round where request_id = :id)""")
                .param("id", requestId).param("at", ts(now)).update() == 0) {
            return; // the first round is out already
        }
        issueRound(request, 1, VerificationFactor.requiredFor(request.verificationLevel()), now);
    }

    /** Staff's reasons that stop codes, and codes held back by the contact limit: what the status page explains. */
    public record CodeDelivery(Optional<ManualVerificationReason> staffVerifies, Optional<Instant> heldBackUntil) {
    }

    /** Whether the latest round of codes went out, and whether codes count at all, for the requester's page. */
    public CodeDelivery codeDelivery(String requestId) {
        Optional<Instant> heldBack = jdbc.sql("""
                        select held_back_until from verification_round where request_id = :id order by round_no desc""")
                .param("id", requestId).query((rs, n) -> Optional.ofNullable(instant(rs, "held_back_until"))).list()
                .stream().findFirst().flatMap(o -> o).filter(until -> until.isAfter(time.now()));
        return new CodeDelivery(manualReason(requestId).filter(LIMIT_REASONS::contains), heldBack);
    }

    /**
     * Checks a code. Before looking at it, the account's wrong codes of the last 24 hours are counted (over all its
     * requests, on every node: the count is locked first, then the request); past the limit no code is checked and
     * every open request of the account goes to intake staff.
     */
    @Transactional
    public VerificationOutcome verify(String reference, String statusToken, String code) {
        RightsRequest opened = tokenCheck.open(reference, statusToken);
        if (code == null || !SIX_DIGITS.matcher(code).matches()) {
            throw new InvalidRequestException("INVALID_CODE_FORMAT", "The code is the 6 digits from the email");
        }
        Admission accountRoom = limits.wrongCodeRoom(opened.accountEmail()); // serialises guesses on the account
        RightsRequest request = requests.lockById(opened.id()).orElseThrow(); // serialises guesses on the request
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return new VerificationOutcome.NotAwaitingVerification(request.status());
        }
        Optional<ManualVerificationReason> staffVerifies = manualReason(request.id()).filter(LIMIT_REASONS::contains);
        if (staffVerifies.isPresent()) {
            audit.record(reference, "requester", "VERIFICATION_ATTEMPT_WHILE_LOCKED", null);
            return new VerificationOutcome.Locked(staffVerifies.get());
        }
        int failures = failedAttempts(request.id());
        if (failures >= properties.maxAttempts()) {
            audit.record(reference, "requester", "VERIFICATION_ATTEMPT_WHILE_LOCKED", null);
            return new VerificationOutcome.Locked(ManualVerificationReason.LOCKED);
        }
        if (!accountRoom.allowed()) {
            audit.record(reference, "requester", "VERIFICATION_ATTEMPT_WHILE_LOCKED", "{\"reason\":\"ACCOUNT\"}");
            handToStaff(request, ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT);
            return new VerificationOutcome.Locked(ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT);
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
        Admission account = limits.wrongCode(request.accountEmail());
        audit.record(reference, "requester", "VERIFICATION_FAILED",
                "{\"attemptsLeft\":" + Math.min(left, account.remaining()) + "}");
        if (account.remaining() == 0) {
            // the account's daily limit is reached: no more guesses on any of its requests, staff take over
            audit.record(reference, "system", "ACCOUNT_WRONG_CODE_LIMIT_REACHED", null);
            for (String id : requests.awaitingCodes(request.accountEmail())) {
                handToStaff(requests.lockById(id).orElseThrow(), ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT);
            }
            return new VerificationOutcome.Locked(ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT);
        }
        if (left == 0) {
            handToStaff(request, ManualVerificationReason.LOCKED);
            return new VerificationOutcome.Locked(ManualVerificationReason.LOCKED);
        }
        return new VerificationOutcome.WrongCode(Math.min(left, account.remaining()));
    }

    /**
     * New codes for the factors still missing, superseding the earlier ones; the attempt counter is not reset. At
     * most one round per {@code resendInterval} and {@code maxResends} rounds per request, counted the same way
     * whether or not the account exists.
     */
    @Transactional
    public ResendOutcome resend(String reference, String statusToken) {
        RightsRequest request = tokenCheck.open(reference, statusToken);
        request = requests.lockById(request.id()).orElseThrow();
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return new ResendOutcome.NotAwaitingVerification(request.status());
        }
        Optional<ManualVerificationReason> staffVerifies = manualReason(request.id()).filter(LIMIT_REASONS::contains);
        if (staffVerifies.isPresent()) {
            return new ResendOutcome.Locked(staffVerifies.get());
        }
        if (failedAttempts(request.id()) >= properties.maxAttempts()) {
            return new ResendOutcome.Locked(ManualVerificationReason.LOCKED);
        }
        Instant now = time.now();
        int rounds = roundsSent(request.id());
        if (rounds - 1 >= properties.maxResends()) {
            audit.record(reference, "requester", "VERIFICATION_RESEND_LIMITED", "{\"reason\":\"MAX_RESENDS\"}");
            return new ResendOutcome.Limited(0, ResendOutcome.Limited.Reason.NO_RESENDS_LEFT);
        }
        Instant last = lastRoundAt(request.id()).orElse(request.receivedAt());
        Instant allowedFrom = last.plus(properties.resendInterval());
        if (now.isBefore(allowedFrom)) {
            long wait = Math.max(1, (Duration.between(now, allowedFrom).toMillis() + 999) / 1000);
            audit.record(reference, "requester", "VERIFICATION_RESEND_LIMITED", "{\"reason\":\"TOO_SOON\"}");
            return new ResendOutcome.Limited(wait, ResendOutcome.Limited.Reason.TOO_SOON);
        }
        boolean manual = manualReason(request.id()).isPresent();
        if (!manual) {
            Optional<Duration> contactWait = contactWait(request, pendingFactors(request));
            if (contactWait.isPresent()) {
                audit.record(reference, "requester", "VERIFICATION_RESEND_LIMITED", "{\"reason\":\"CONTACT_LIMIT\"}");
                return new ResendOutcome.Limited(Math.max(1, (contactWait.get().toMillis() + 999) / 1000),
                        ResendOutcome.Limited.Reason.CONTACT_LIMIT);
            }
        }
        int round = rounds + 1;
        recordRound(request.id(), round, now);
        if (!manual) {
            issueRound(request, round, pendingFactors(request), now);
        }
        audit.record(reference, "requester", "VERIFICATION_CODES_RESENT", "{\"round\":" + round + "}");
        return new ResendOutcome.Resent(RequestStatus.AWAITING_VERIFICATION);
    }

    /**
     * The request goes to intake staff without codes (staff-entered, contact recently changed, no phone on file, or a
     * limit held its codes back): it now waits for verification, and codes it might still be sent would not count.
     *
     * @return how it reaches staff: a task of its own, joining its account's open one, or none (unknown account)
     */
    @Transactional
    public ManualVerificationRoute awaitManualVerification(String requestId, ManualVerificationReason reason) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (request.status() == RequestStatus.RECEIVED) {
            requests.updateStatus(requestId, RequestStatus.AWAITING_VERIFICATION, time.now());
        }
        if (manualReason(requestId).isEmpty()) {
            setManualReason(requestId, reason);
            audit.record(request.reference(), "system", "MANUAL_VERIFICATION_REQUIRED",
                    "{\"reason\":\"" + reason + "\"}");
        }
        return cases.route(request, reason);
    }

    /** Day 3 without verification: a reminder to the contact on file (nothing for unknown accounts). */
    @Transactional
    public void remind(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        var contact = contacts.onFile(request);
        Admission room = limits.messageToEmail(contact.map(RequesterContacts.Contact::email).orElse(request.accountEmail()));
        if (!room.allowed()) {
            audit.record(request.reference(), "system", "VERIFICATION_REMINDER_HELD_BACK", "{\"reason\":\"CONTACT_LIMIT\"}");
            return;
        }
        contact.ifPresent(c -> outbox.enqueue(new Notice(
                "verification-reminder:" + requestId, requestId, NoticeKind.VERIFICATION_REMINDER, c.email(),
                request.language(), Map.of("reference", request.reference(), "requestType", request.type().label(request.language())))));
        audit.record(request.reference(), "system", "VERIFICATION_REMINDER", null);
    }

    /**
     * Intake staff decided by hand; the evidence stays in their form. Separation of duties: whoever entered a
     * request from a call, letter or email can never verify it (the engine refuses it through any client).
     */
    @Transactional
    public void recordManualDecision(String requestId, boolean verified, String staffUser) {
        recordManualDecision(requestId, verified, staffUser, Set.of());
    }

    /**
     * As {@link #recordManualDecision(String, boolean, String)}, for a task that carries its account's other waiting
     * requests too ({@link ManualVerificationCases}): those whose references staff confirmed are verified, the others
     * close as not verified.
     */
    @Transactional
    public void recordManualDecision(String requestId, boolean verified, String staffUser, Set<String> confirmedJoined) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        if (staffUser == null || staffUser.isBlank()) {
            throw new InvalidDecisionException("The staff member deciding must be signed in");
        }
        if (requests.enteredBy(requestId).filter(staffUser::equals).isPresent()) {
            throw new InvalidDecisionException("Separation of duties: whoever entered a request cannot verify it; "
                    + "another member of intake staff decides");
        }
        Instant now = time.now();
        if (verified && request.status() == RequestStatus.AWAITING_VERIFICATION) {
            requests.markVerified(requestId, now);
            requests.updateStatus(requestId, RequestStatus.IN_REVIEW, now);
        }
        String reason = manualReason(requestId).map(Enum::name).orElse("NONE");
        audit.record(request.reference(), "staff:" + staffUser, verified ? "IDENTITY_VERIFIED_MANUALLY"
                : "IDENTITY_NOT_VERIFIED_MANUALLY", "{\"reason\":\"" + reason + "\"}");
        cases.decideJoined(request, staffUser, confirmedJoined);
    }

    /** Why this request is (or was) verified by hand, if it is. */
    public Optional<ManualVerificationReason> manualReason(String requestId) {
        return jdbc.sql("select manual_verification_reason from rights_request where id = :id")
                .param("id", requestId).query(String.class).optional().map(ManualVerificationReason::valueOf);
    }

    // ------------------------------------------------------------------ internals

    /** Codes stop counting for the request: recorded, and the process hands it to intake staff (once). */
    private void handToStaff(RightsRequest request, ManualVerificationReason reason) {
        audit.record(request.reference(), "system", "VERIFICATION_LOCKED", "{\"reason\":\"" + reason + "\"}");
        if (manualReason(request.id()).isEmpty()) {
            setManualReason(request.id(), reason);
            events.publishEvent(new VerificationLocked(request.id(), request.reference(), reason,
                    cases.route(request, reason)));
        }
        // else: intake staff already have the request; the lock only stops the guessing
    }

    /**
     * Codes for the given factors to the contacts on file, each within its contact's message limit (a factor whose
     * contact had enough messages is held back, and the round records until when). For an unknown account nothing
     * is sent, but the same limits are counted on the email as filed, so every answer stays the same.
     */
    private void issueRound(RightsRequest request, int round, List<VerificationFactor> factors, Instant now) {
        var contact = contacts.onFile(request);
        if (contact.isPresent() && contact.get().relative()) {
            // a relative's address is one they typed: a code there would prove nothing (intake staff verify by hand)
            audit.record(request.reference(), "system", "VERIFICATION_NO_CONTACT_ON_FILE", null);
            return;
        }
        Instant expiresAt = now.plus(properties.codeValidity());
        Instant heldBackUntil = null;
        for (VerificationFactor factor : factors) {
            boolean textMessage = factor == VerificationFactor.SMS;
            if (textMessage && contact.isPresent() && (contact.get().phone() == null || contact.get().phone().isBlank())) {
                audit.record(request.reference(), "system", "VERIFICATION_NO_PHONE_ON_FILE", null);
                continue;
            }
            Admission room = contact.isEmpty()
                    ? (textMessage ? limits.messageToPhoneOfUnknownAccount(request.accountEmail())
                           : limits.messageToEmail(request.accountEmail()))
                    : (textMessage ? limits.messageToPhone(contact.get().phone()) : limits.messageToEmail(contact.get().email()));
            if (!room.allowed()) {
                Instant until = now.plus(room.retryAfter());
                heldBackUntil = heldBackUntil == null || until.isAfter(heldBackUntil) ? until : heldBackUntil;
                audit.record(request.reference(), "system", "VERIFICATION_CODE_HELD_BACK",
                        "{\"channel\":\"" + factor + "\",\"round\":" + round + ",\"reason\":\"CONTACT_LIMIT\"}");
                continue;
            }
            if (contact.isEmpty()) {
                continue;
            }
            Map<String, Object> model = new java.util.HashMap<>(Map.of(
                    "reference", request.reference(),
                    "requestType", request.type().label(request.language()),
                    "expiresAt", NoticeFormats.dateTime(expiresAt),
                    "guardian", contact.get().guardian(),
                    "secondFactor", request.verificationLevel() >= VerificationLevelPolicy.EMAIL_AND_PHONE_CODES));
            // the first round's are the request's first codes: none to supersede
            model.put("code", codes.issue(request.id(), factor.name(), now, expiresAt, round > 1));
            if (textMessage) {
                sms.send(new SmsChannel.TextMessage("verification-sms:" + request.id() + ":" + round, request.id(),
                        contact.get().phone(), request.language(), model));
            } else {
                // worded for the contact on file here (the outbox would read request and account again to do it)
                notices.enqueueWorded(request, contact.get(), NoticeKind.VERIFICATION_CODE,
                        "verification-code:" + request.id() + ":" + round, model);
            }
            audit.record(request.reference(), "system", "VERIFICATION_CODE_SENT",
                    "{\"channel\":\"" + factor + "\",\"round\":" + round + "}");
        }
        if (contact.isEmpty()) {
            audit.record(request.reference(), "system", "VERIFICATION_NO_CONTACT_ON_FILE", null);
        }
        if (heldBackUntil != null) {
            jdbc.sql("update verification_round set held_back_until = :until where request_id = :id and round_no = :round")
                    .param("until", ts(heldBackUntil)).param("id", request.id()).param("round", round).update();
        }
    }

    /** How long until every given factor's contact has room for one more message; empty when all have room now. */
    private Optional<Duration> contactWait(RightsRequest request, List<VerificationFactor> factors) {
        var contact = contacts.onFile(request);
        Duration wait = Duration.ZERO;
        for (VerificationFactor factor : factors) {
            boolean textMessage = factor == VerificationFactor.SMS;
            if (textMessage && contact.isPresent() && (contact.get().phone() == null || contact.get().phone().isBlank())) {
                continue;
            }
            Admission room = contact.isEmpty()
                    ? (textMessage ? limits.messageRoomForPhoneOfUnknownAccount(request.accountEmail())
                           : limits.messageRoomForEmail(request.accountEmail()))
                    : (textMessage ? limits.messageRoomForPhone(contact.get().phone())
                           : limits.messageRoomForEmail(contact.get().email()));
            if (!room.allowed() && room.retryAfter().compareTo(wait) > 0) {
                wait = room.retryAfter();
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** The codes still to be entered for a request, in the order they are asked for: what the requester's page asks. */
    @Transactional(readOnly = true)
    public List<VerificationFactor> codesStillToEnter(String requestId) {
        return requests.findById(requestId).map(this::pendingFactors).orElse(List.of());
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
