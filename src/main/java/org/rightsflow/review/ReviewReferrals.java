package org.rightsflow.review;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.request.RightsRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending a request to the exemption review by hand: the triage DMN is not the only way in, a privacy officer can send
 * any request there until its fulfilment starts (for example after a phone call revealed an exemption). The referral
 * is a stored fact, read where the workflow decides: at triage (a request still being verified is referred the
 * moment it is triaged) and when fulfilment is about to start (a request already triaged goes back to the review
 * instead). Both places lock the request row, so a referral and the start of fulfilment never cross: one of them
 * wins, and a referral after the start is refused. Who and why are audited; the reason stays in this table.
 */
@Service
public class ReviewReferrals {

    public static final int MAX_REASON = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final AuditTrail audit;
    private final TimeSource time;

    public ReviewReferrals(JdbcClient jdbc, RequestRepository requests, AuditTrail audit, TimeSource time) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.audit = audit;
        this.time = time;
    }

    /**
     * Sends the request to the exemption review.
     *
     * @throws RequestStateConflictException  FULFILMENT_STARTED (too late: the right is being carried out) or
     *                                        REQUEST_CLOSED
     * @throws InvalidDecisionException       no staff member named, no request with this reference (staff may name
     *                                        it: a reference alone opens nothing), or no reason / one too long
     */
    @Transactional
    public ReviewReferral refer(String reference, String staffUser, String reason) {
        if (staffUser == null || staffUser.isBlank()) {
            throw new InvalidDecisionException("A referral to review is made by a named privacy officer: sign in first");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidDecisionException("Give the reason for sending the request to review");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new InvalidDecisionException("The reason is limited to " + MAX_REASON + " characters");
        }
        if (reference == null || reference.isBlank()) {
            throw new InvalidDecisionException("Give the reference of the request to send to review");
        }
        RightsRequest found = requests.findByReference(reference.strip()).orElseThrow(() ->
                new InvalidDecisionException("No request has the reference " + reference.strip()));
        RightsRequest request = requests.lockById(found.id()).orElseThrow();
        if (request.status().isTerminal()) {
            throw new RequestStateConflictException("REQUEST_CLOSED", "The request is closed: " + request.status());
        }
        if (request.fulfilmentStartedAt() != null) {
            throw new RequestStateConflictException("FULFILMENT_STARTED", "Fulfilment of " + reference
                    + " has started: it can no longer be sent to the exemption review");
        }
        Instant now = time.now();
        jdbc.sql("""
                insert into review_referral (request_id, referred_by, reason, referred_at)
                values (:id, :by, :reason, :at)""")
                .param("id", request.id()).param("by", staffUser).param("reason", reason.strip()).param("at", ts(now))
                .update();
        ReviewReferral referral = of(request.id()).get(of(request.id()).size() - 1);
        audit.record(reference, staffUser, "REFERRED_TO_REVIEW", json(Map.of("referral", referral.id(),
                "reason", referral.reason())));
        return referral;
    }

    /**
     * Whether a referral waits for a review. The caller holds the request's row lock (triage reads it as a fact, the
     * start of fulfilment under the lock it takes anyway).
     */
    public boolean pending(String requestId) {
        return jdbc.sql("select count(*) from review_referral where request_id = :id and reviewed_at is null")
                .param("id", requestId).query(Long.class).single() > 0;
    }

    /** An exemption review was completed: the referrals made until now are taken up. */
    @Transactional
    public void reviewed(String requestId) {
        jdbc.sql("update review_referral set reviewed_at = :at where request_id = :id and reviewed_at is null")
                .param("at", ts(time.now())).param("id", requestId).update();
    }

    /** Every referral of the request, oldest first, with the reasons (for staff). */
    public List<ReviewReferral> of(String requestId) {
        return jdbc.sql("""
                        select f.*, r.reference from review_referral f join rights_request r on r.id = f.request_id
                        where f.request_id = :id order by f.id""")
                .param("id", requestId).query(ReviewReferrals::map).list();
    }

    private static ReviewReferral map(ResultSet rs, int row) throws SQLException {
        return new ReviewReferral(rs.getLong("id"), rs.getString("request_id"), rs.getString("reference"),
                rs.getString("referred_by"),
                rs.getString("reason"), instant(rs, "referred_at"), instant(rs, "reviewed_at"));
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(detail));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
