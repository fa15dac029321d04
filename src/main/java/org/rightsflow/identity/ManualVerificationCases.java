package org.rightsflow.identity;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.limits.RequesterLimits;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestWithdrawn;
import org.rightsflow.request.RightsRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One intake task per account and day, however many of its requests need staff (README, "Security"): without this,
 * anyone could fill intake's queue by locking requests with wrong codes, one task each. The first request of an
 * account that goes to staff opens a case and gets the task; while it is open, every further one joins it and waits
 * for its decision, which the task's form lets staff give per request (the holder may confirm some and not others).
 * Once the day's case is decided, a further request of the account waits for the next day (Beijing time) and is
 * routed again then, so that locking the account's requests again and again never makes a second task that day.
 * Requests entered by staff always get their own task (their evidence is their own), and requests of an unknown
 * account none (nobody to check; they close when their verification window ends).
 */
@Service
public class ManualVerificationCases {

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final RequesterLimits limits;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TimeSource time;

    public ManualVerificationCases(JdbcClient jdbc, RequestRepository requests, RequesterLimits limits, AuditTrail audit,
                                   ApplicationEventPublisher events, TimeSource time) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.limits = limits;
        this.audit = audit;
        this.events = events;
        this.time = time;
    }

    /** A request of a case, as its task shows it: codes and dates only. */
    public record Member(String requestId, String reference, String type, String reason, Instant receivedAt,
                         boolean lead) {
    }

    /**
     * How the request reaches staff; runs in the transaction that hands it over. The account's cases are serialised
     * on every node first, so two requests locked at the same moment never open two cases.
     */
    @Transactional
    public ManualVerificationRoute route(RightsRequest request, ManualVerificationReason reason) {
        if (reason == ManualVerificationReason.STAFF_ENTERED || reason == ManualVerificationReason.RELATIVE_OF_DECEASED) {
            return ManualVerificationRoute.TASK; // their evidence is their own, never the account holder's case
        }
        if (request.accountId() == null) {
            return ManualVerificationRoute.WAIT;
        }
        limits.serialiseManualVerificationFor(request.accountEmail());
        Optional<String[]> open = jdbc.sql("""
                        select c.id, r.id, r.reference from manual_verification_case c
                        join rights_request r on r.id = c.lead_request_id
                        where c.account_id = :account and c.closed_at is null""")
                .param("account", request.accountId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).optional();
        if (open.isPresent() && !open.get()[1].equals(request.id())) {
            setCase(request.id(), open.get()[0]);
            audit.record(request.reference(), "system", "MANUAL_VERIFICATION_JOINED",
                    "{\"with\":\"" + open.get()[2] + "\",\"reason\":\"" + reason + "\"}");
            events.publishEvent(new ManualVerificationJoined(open.get()[1], open.get()[2]));
            return ManualVerificationRoute.JOIN;
        }
        if (open.isEmpty() && openedToday(request.accountId())) {
            audit.record(request.reference(), "system", "MANUAL_VERIFICATION_DEFERRED",
                    "{\"until\":\"" + nextDay() + "\",\"reason\":\"" + reason + "\"}");
            return ManualVerificationRoute.DEFER;
        }
        if (open.isEmpty()) {
            String caseId = UUID.randomUUID().toString();
            jdbc.sql("""
                    insert into manual_verification_case (id, account_id, lead_request_id, opened_at)
                    values (:id, :account, :lead, :at)""")
                    .param("id", caseId).param("account", request.accountId()).param("lead", request.id())
                    .param("at", ts(time.now())).update();
            setCase(request.id(), caseId);
        }
        return ManualVerificationRoute.TASK;
    }

    /** When a request routed {@link ManualVerificationRoute#DEFER} now is routed again: the next day, Beijing time. */
    public Instant nextDay() {
        return LocalDate.ofInstant(time.now(), DataMap.ZONE).plusDays(1).atStartOfDay(DataMap.ZONE).toInstant();
    }

    private boolean openedToday(long accountId) {
        Instant today = LocalDate.ofInstant(time.now(), DataMap.ZONE).atStartOfDay(DataMap.ZONE).toInstant();
        return jdbc.sql("select count(*) from manual_verification_case where account_id = :account and opened_at >= :today")
                .param("account", accountId).param("today", ts(today)).query(Long.class).single() > 0;
    }

    /** The lead request's case with every request still waiting in it, lead first (empty without an open case). */
    public List<Member> members(String leadRequestId) {
        return jdbc.sql("""
                        select r.id, r.reference, r.request_type, r.manual_verification_reason, r.received_at,
                               r.id = c.lead_request_id as lead
                        from manual_verification_case c join rights_request r on r.manual_case_id = c.id
                        where c.lead_request_id = :lead and c.closed_at is null and r.status = 'AWAITING_VERIFICATION'
                        order by lead desc, r.received_at""")
                .param("lead", leadRequestId)
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, "received_at"), rs.getBoolean(6))).list();
    }

    /**
     * Staff decided the lead's task: the case closes, and every request that joined it and still waits is verified
     * if its reference is among {@code confirmedReferences}, else closed as not verified.
     */
    @Transactional
    public void decideJoined(RightsRequest lead, String staffUser, Set<String> confirmedReferences) {
        if (lead.accountId() != null) {
            limits.serialiseManualVerificationFor(lead.accountEmail());
        }
        List<Member> joined = members(lead.id()).stream().filter(m -> !m.lead()).toList();
        jdbc.sql("update manual_verification_case set closed_at = :at, closed_by = :by where lead_request_id = :lead "
                        + "and closed_at is null")
                .param("at", ts(time.now())).param("by", staffUser).param("lead", lead.id()).update();
        for (Member member : joined) {
            RightsRequest request = requests.lockById(member.requestId()).orElseThrow();
            if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
                continue;
            }
            boolean verified = confirmedReferences.contains(member.reference());
            Instant now = time.now();
            if (verified) {
                requests.markVerified(request.id(), now);
                requests.updateStatus(request.id(), RequestStatus.IN_REVIEW, now);
            }
            audit.record(request.reference(), "staff:" + staffUser, verified ? "IDENTITY_VERIFIED_MANUALLY"
                    : "IDENTITY_NOT_VERIFIED_MANUALLY", "{\"with\":\"" + lead.reference() + "\"}");
            events.publishEvent(new StaffVerificationDecided(request.id(), request.reference(), verified));
        }
    }

    /**
     * A request leading an open case was withdrawn: the oldest request still waiting in the case takes the task;
     * with none left, the case closes (the account's next one opens a new case).
     */
    @EventListener
    public void on(RequestWithdrawn withdrawn) {
        Optional<String> caseId = jdbc.sql(
                        "select id from manual_verification_case where lead_request_id = :lead and closed_at is null")
                .param("lead", withdrawn.requestId()).query(String.class).optional();
        if (caseId.isEmpty()) {
            return;
        }
        Optional<Member> next = members(withdrawn.requestId()).stream().filter(m -> !m.lead()).findFirst();
        if (next.isEmpty()) {
            jdbc.sql("update manual_verification_case set closed_at = :at, closed_by = 'withdrawn' where id = :id")
                    .param("at", ts(time.now())).param("id", caseId.get()).update();
            return;
        }
        jdbc.sql("update manual_verification_case set lead_request_id = :lead where id = :id")
                .param("lead", next.get().requestId()).param("id", caseId.get()).update();
        audit.record(next.get().reference(), "system", "MANUAL_VERIFICATION_HANDED_OVER",
                "{\"from\":\"" + withdrawn.reference() + "\"}");
        events.publishEvent(new ManualVerificationHandedOver(next.get().requestId(), next.get().reference()));
    }

    private void setCase(String requestId, String caseId) {
        jdbc.sql("update rights_request set manual_case_id = :case where id = :id")
                .param("case", caseId).param("id", requestId).update();
    }
}
