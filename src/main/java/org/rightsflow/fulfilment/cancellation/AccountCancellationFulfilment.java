package org.rightsflow.fulfilment.cancellation;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.deadline.MainlandCalendar;
import org.rightsflow.deadline.WorkingDaysPolicy;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.StatusTokenCheck;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RightsRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CANCEL_ACCOUNT (docs/rights.md, GB/T 35273 §8.5): blockers first, then a cooling-off period in which the
 * requester can revoke, then deactivation (sessions and credentials ended), erasure or restriction of every
 * category ({@link ErasureFulfilment}, as for DELETE) and a certificate by email. The phase of each cancellation is
 * kept in {@code account_cancellation}; every step is safe to run again (status checks, notice dedup keys).
 */
@Service
public class AccountCancellationFulfilment {

    private final RequestRepository requests;
    private final StatusTokenCheck tokenCheck;
    private final RequestLifecycle lifecycle;
    private final RequesterContacts contacts;
    private final AccountDirectory accounts;
    private final ErasureFulfilment erasure;
    private final DataConnectors connectors;
    private final JdbcTemplate jdbc;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final CancellationProperties cancellation;
    private final WorkingDaysPolicy workingDays;
    private final TimeSource time;

    public AccountCancellationFulfilment(RequestRepository requests, StatusTokenCheck tokenCheck, RequestLifecycle lifecycle,
                                      RequesterContacts contacts, AccountDirectory accounts, ErasureFulfilment erasure,
                                      DataConnectors connectors, JdbcTemplate jdbc, RequesterNotices notices, AuditTrail audit,
                                      ApplicationEventPublisher events,
                                      CancellationProperties cancellation, MainlandCalendar mainlandCalendar,
                                      TimeSource time) {
        this.requests = requests;
        this.tokenCheck = tokenCheck;
        this.lifecycle = lifecycle;
        this.contacts = contacts;
        this.accounts = accounts;
        this.erasure = erasure;
        this.connectors = connectors;
        this.jdbc = jdbc;
        this.notices = notices;
        this.audit = audit;
        this.events = events;
        this.cancellation = cancellation;
        this.workingDays = WorkingDaysPolicy.cnWorkingDays(mainlandCalendar);
        this.time = time;
    }

    /**
     * The bounds of the cancellation, computed once: the stricter of the request's due date and 15 working days
     * (mainland calendar in force, CN_WORKING_DAYS) after receipt; a blocked cancellation waits at most until the cooling-off
     * period and a margin still fit before it (never before now).
     */
    @Transactional
    public CancellationSchedule schedule(String requestId) {
        Optional<CancellationSchedule> stored = jdbc.query("select cancellation_deadline, blockers_deadline"
                        + " from account_cancellation where request_id = ?",
                (rs, n) -> new CancellationSchedule(Sql.instant(rs, "cancellation_deadline"),
                        Sql.instant(rs, "blockers_deadline")), requestId).stream().findFirst();
        if (stored.isPresent()) {
            return stored.get();
        }
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Instant now = time.now();
        // Never throws: a year without calendar data counts every day (the earliest date; the intake counted the
        // same bound into the request's due date and its provisional flag, so the two agree).
        Instant workingDayDeadline = workingDays.dueDate(request.receivedAt()).at();
        Instant deadline = request.dueAt().isBefore(workingDayDeadline) ? request.dueAt() : workingDayDeadline;
        Instant blockersDeadline = deadline.minus(cancellation.coolingOff()).minus(cancellation.margin());
        if (blockersDeadline.isBefore(now)) {
            blockersDeadline = now;
        }
        jdbc.update("insert into account_cancellation (request_id, account_id, phase, cancellation_deadline,"
                        + " blockers_deadline) values (?, ?, 'CHECKING', ?, ?)", requestId, account(request),
                ts(deadline), ts(blockersDeadline));
        audit.record(request.reference(), "system", "CANCELLATION_SCHEDULED", "{\"deadline\":\"" + deadline + "\"}");
        return new CancellationSchedule(deadline, blockersDeadline);
    }

    /**
     * Unpaid bills and open invoices (the rows the data map's {@code blocksCancellation} names, through the billing
     * system's connector) and the active resources of the account system.
     */
    public CancellationBlockers checkBlockers(String requestId) {
        long accountId = account(requests.findById(requestId).orElseThrow());
        return new CancellationBlockers(
                connectors.cancellationBlockers(DataCategory.BILLING, accountId),
                count("select count(*) from account_resource where account_id = ? and status = 'ACTIVE'", accountId),
                connectors.cancellationBlockers(DataCategory.INVOICES, accountId));
    }

    /** The requester is told what to settle (once) and the request waits on them. */
    @Transactional
    public void notifyBlockers(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        CancellationBlockers blockers = checkBlockers(requestId);
        CancellationSchedule schedule = schedule(requestId);
        setPhase(requestId, "BLOCKED");
        waitForRequester(request);
        Map<String, Object> model = new HashMap<>();
        model.put("blockers", blockers.describe(request.language()));
        model.put("blockersDeadline", NoticeFormats.dateTime(schedule.blockersDeadline()));
        notifyWithStatusLink(request, contacts.onFile(request), NoticeKind.CANCELLATION_BLOCKED, "cancellation-blocked",
                model);
        audit.record(request.reference(), "system", "CANCELLATION_BLOCKED", "{\"unpaidBills\":"
                + blockers.unpaidBills() + ",\"activeResources\":" + blockers.activeResources() + ",\"openInvoices\":"
                + blockers.openInvoices() + "}");
    }

    /** Called by the account system (billing, resources) when a blocked account settled something. */
    @Transactional
    public void reportBlockersCleared(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if ("BLOCKED".equals(phase(requestId).orElse(null))) {
            events.publishEvent(new BlockersCleared(requestId, request.reference()));
        }
    }

    /**
     * The blockers were not settled in time and a privacy officer's refusal of the cancellation was approved by a
     * second person: the cancellation is closed (the request is refused on the proposal's grounds).
     */
    @Transactional
    public void closeBlocked(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        setPhase(requestId, "CLOSED");
        audit.record(request.reference(), "system", "CANCELLATION_CLOSED_BLOCKED", null);
    }

    /**
     * The blockers were still open at the end of the wait and a privacy officer decided to cancel all the same (for
     * example the bill was settled by other means): recorded, and the cancellation goes on with its cooling-off.
     */
    @Transactional
    public void proceedDespiteBlockers(String requestId, String officer) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        CancellationBlockers blockers = checkBlockers(requestId);
        audit.record(request.reference(), officer == null ? "unknown" : officer, "CANCELLATION_BLOCKERS_WAIVED",
                "{\"unpaidBills\":" + blockers.unpaidBills() + ",\"activeResources\":" + blockers.activeResources()
                        + ",\"openInvoices\":" + blockers.openInvoices() + "}");
    }

    /**
     * Starts the cooling-off period: the requester is told until when they can revoke.
     *
     * @return when the cooling-off period ends (capped so that the cancellation still ends before its deadline)
     */
    @Transactional
    public Instant startCoolingOff(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        CancellationSchedule schedule = schedule(requestId);
        Optional<Instant> stored = jdbc.query("select cooling_off_ends from account_cancellation where request_id = ?",
                (rs, n) -> Sql.instant(rs, "cooling_off_ends"), requestId).stream().filter(java.util.Objects::nonNull)
                .findFirst();
        Instant now = time.now();
        Instant ends = stored.orElseGet(() -> {
            Instant wanted = now.plus(cancellation.coolingOff());
            Instant latest = schedule.cancellationDeadline().minus(cancellation.margin());
            return wanted.isAfter(latest) ? (latest.isBefore(now) ? now : latest) : wanted;
        });
        jdbc.update("update account_cancellation set phase = 'COOLING_OFF', cooling_off_ends = ? where request_id = ?",
                ts(ends), requestId);
        waitForRequester(request);
        notifyWithStatusLink(request, contacts.onFile(request), NoticeKind.CANCELLATION_COOLING_OFF,
                "cancellation-cooling-off", Map.of("coolingOffEnds", NoticeFormats.dateTime(ends)));
        audit.record(request.reference(), "system", "CANCELLATION_COOLING_OFF", "{\"ends\":\"" + ends + "\"}");
        return ends;
    }

    /**
     * The requester revokes the cancellation (only during the cooling-off period, else 409). The revocation ends the
     * cancellation process ({@link CancellationRevoked}) and withdraws the request, so its status becomes WITHDRAWN.
     */
    @Transactional
    public RequestStatus revoke(String reference, String statusToken) {
        RightsRequest request = requests.lockById(tokenCheck.open(reference, statusToken).id()).orElseThrow();
        String phase = phase(request.id()).orElse(null);
        if ("REVOKED".equals(phase) && request.status() == RequestStatus.WITHDRAWN) {
            return RequestStatus.WITHDRAWN;
        }
        if (!"COOLING_OFF".equals(phase) || request.status() != RequestStatus.WAITING_FOR_REQUESTER) {
            throw new RequestStateConflictException("CANCELLATION_NOT_REVOCABLE",
                    "Only an account cancellation in its cooling-off period can be revoked");
        }
        setPhase(request.id(), "REVOKED");
        notifyWithStatusLink(request, contacts.onFile(request), NoticeKind.CANCELLATION_REVOKED, "cancellation-revoked",
                Map.of());
        audit.record(reference, "requester", "CANCELLATION_REVOKED", null);
        events.publishEvent(new CancellationRevoked(request.id(), reference));
        return lifecycle.withdraw(reference, statusToken);
    }

    /** The cooling-off period ended: the account is deactivated, its sessions and credentials ended. */
    @Transactional
    public void deactivate(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        long accountId = account(request);
        Instant now = time.now();
        if (request.status() != RequestStatus.IN_PROGRESS) {
            requests.updateStatus(requestId, RequestStatus.IN_PROGRESS, now);
        }
        jdbc.update("update account set status = 'DEACTIVATED', restricted = ?,"
                + " deactivated_at = coalesce(deactivated_at, ?) where id = ?", true, ts(now), accountId);
        int sessions = jdbc.update("update account_session set revoked_at = ? where account_id = ?"
                + " and revoked_at is null", ts(now), accountId);
        int credentials = jdbc.update("update account_credential set revoked_at = ?, secret_hash = null"
                + " where account_id = ? and revoked_at is null", ts(now), accountId);
        jdbc.update("update account_cancellation set phase = 'DEACTIVATED', deactivated_at = coalesce(deactivated_at, ?)"
                + " where request_id = ?", ts(now), requestId);
        audit.record(request.reference(), "system", "ACCOUNT_DEACTIVATED",
                "{\"sessions\":" + sessions + ",\"credentials\":" + credentials + "}");
    }

    /**
     * The certificate (reference, masked account, what was erased, what is restricted until when) goes to the
     * address on file; then the account record itself is anonymised, in the same transaction.
     */
    @Transactional
    public void certify(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = account(request);
        Instant deactivatedAt = jdbc.query("select deactivated_at from account_cancellation where request_id = ?",
                (rs, n) -> Sql.instant(rs, "deactivated_at"), requestId).stream().filter(java.util.Objects::nonNull)
                .findFirst().orElse(time.now());
        if (!"CERTIFIED".equals(phase(requestId).orElse(null))) {
            Map<String, Object> model = erasure.summaryModel(requestId, Locale.forLanguageTag(request.language()));
            model.put("account", accounts.findById(accountId).map(a -> mask(a.email())).orElse("***"));
            model.put("deactivatedAt", NoticeFormats.dateTime(deactivatedAt));
            // The account is deactivated by now: its contact is used one last time, before it is anonymised.
            notifyWithStatusLink(request, contacts.onFileIncludingDeactivated(request), NoticeKind.CANCELLATION_CERTIFICATE,
                    "cancellation-certificate", model);
            erasure.anonymiseSubject(accountId);
            setPhase(requestId, "CERTIFIED");
            audit.record(request.reference(), "system", "CANCELLATION_CERTIFIED", null);
        }
    }

    /** {@code li.lei@example.com} → {@code l*****@example.com}. */
    static String mask(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        if (at < 1) {
            return "***";
        }
        return email.charAt(0) + "*".repeat(Math.max(3, at - 1)) + email.substring(at);
    }

    /** When the cooling-off period ends (or ended), once it has started. */
    public Optional<Instant> coolingOffEnds(String requestId) {
        return jdbc.query("select cooling_off_ends from account_cancellation where request_id = ?",
                (rs, n) -> Sql.instant(rs, "cooling_off_ends"), requestId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public Optional<String> phase(String requestId) {
        return jdbc.queryForList("select phase from account_cancellation where request_id = ?", String.class,
                requestId).stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------------------------

    private void waitForRequester(RightsRequest request) {
        if (request.status() != RequestStatus.WAITING_FOR_REQUESTER && !request.status().isTerminal()) {
            requests.updateStatus(request.id(), RequestStatus.WAITING_FOR_REQUESTER, time.now());
        }
    }

    private void setPhase(String requestId, String phase) {
        jdbc.update("update account_cancellation set phase = ? where request_id = ?", phase, requestId);
    }

    /** A notice of the cancellation to the contact given, with the request's status link; once per request. */
    private void notifyWithStatusLink(RightsRequest request, Optional<RequesterContacts.Contact> to, NoticeKind kind,
                                 String dedupPrefix, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("statusUrl", lifecycle.statusUrl(request));
        notices.send(request, to, kind, dedupPrefix + ":" + request.id(), model);
    }

    private long count(String sql, long accountId) {
        Long n = jdbc.queryForObject(sql, Long.class, accountId);
        return n == null ? 0 : n;
    }

    private static long account(RightsRequest request) {
        return request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to cancel"));
    }
}
