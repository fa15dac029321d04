package org.rightsflow.review;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * No refusal by one person (PIPL Art. 50 and the product's own rule): every outcome that refuses anything is proposed
 * by a named staff member with grounds and an explanation, and approved or sent back by a second one who did not
 * propose it. Proposals and decisions are kept in {@code refusal_proposal} and audited, so that who proposed and who
 * approved which refusal can be shown later (request register, evidence pack).
 *
 * <p>The four-eyes rule is checked against the stored proposal, found by the request's reference. Process variables
 * are no safe source for it: whoever completes a task through the engine REST API can set any variable with the
 * completion, the proposer's name included.
 */
@Service
public class RefusalProposals {

    public static final String REFUSE = "REFUSE";
    public static final String PARTIAL = "PARTIAL";
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
    private static final Set<String> PROPOSALS = Set.of(REFUSE, PARTIAL);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TimeSource time;

    public RefusalProposals(JdbcClient jdbc, AuditTrail audit, TimeSource time) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.time = time;
    }

    /**
     * Records a proposal, checked again on the server: REFUSE or PARTIAL, at least one known ground, an explanation,
     * a named proposer. A proposal still waiting for its approval is replaced (it can only be left behind by a step
     * that ran again), so there is never more than one open proposal per request.
     *
     * @throws InvalidDecisionException when a rule is broken; nothing is recorded
     */
    @Transactional
    public RefusalProposal propose(String requestId, RefusalSubject subject, String decision, List<String> grounds,
                                   String explanation, String proposer) {
        ReviewDecisions.requireOneOf("decision", decision, PROPOSALS);
        ReviewDecisions.requireGroundsForRefusal(true, grounds);
        ReviewDecisions.requireExplanation(explanation);
        if (proposer == null || proposer.isBlank()) {
            throw new InvalidDecisionException("A refusal is proposed by a named staff member: sign in first");
        }
        String reference = reference(requestId);
        jdbc.sql("delete from refusal_proposal where request_id = :id and approval is null")
                .param("id", requestId).update();
        jdbc.sql("""
                insert into refusal_proposal (request_id, subject, decision, grounds, explanation, proposed_by, proposed_at)
                values (:id, :subject, :decision, :grounds, :explanation, :proposer, :at)""")
                .param("id", requestId).param("subject", subject.name()).param("decision", decision)
                .param("grounds", String.join(",", grounds)).param("explanation", explanation.strip())
                .param("proposer", proposer).param("at", ts(time.now()))
                .update();
        audit.record(reference, proposer, "REFUSAL_PROPOSED", "{\"subject\":\"" + subject + "\",\"decision\":\""
                + decision + "\",\"grounds\":\"" + String.join(",", grounds) + "\"}");
        return open(requestId).orElseThrow();
    }

    /**
     * The second person's decision on the request's open proposal.
     *
     * @param reference the request's reference (the business key of the approval: a task completion cannot change it)
     * @throws InvalidDecisionException when no proposal waits, the approver proposed it (four eyes), the approval is
     *                                  not APPROVE/REJECT or the comment is missing
     */
    @Transactional
    public RefusalProposal decide(String reference, String approver, String approval, String comment) {
        if (approver == null || approver.isBlank()) {
            throw new InvalidDecisionException("The approver must be signed in");
        }
        String requestId = jdbc.sql("select id from rights_request where reference = :reference")
                .param("reference", reference).query(String.class).optional().orElse(null);
        RefusalProposal proposal = jdbc.sql("""
                        select * from refusal_proposal where request_id = :id and approval is null
                        order by id desc for update""")
                .param("id", requestId).query(RefusalProposals::map).list().stream().findFirst()
                .orElseThrow(() -> new InvalidDecisionException("No refusal proposal of request " + reference
                        + " waits for approval"));
        ReviewDecisions.requireSecondPerson(proposal.proposedBy(), approver);
        ReviewDecisions.requireOneOf("decision", approval, Set.of(APPROVE, REJECT));
        ReviewDecisions.requireExplanation(comment);
        jdbc.sql("""
                update refusal_proposal set approval = :approval, decided_by = :approver, approval_comment = :comment,
                    decided_at = :at
                where id = :id and approval is null""")
                .param("approval", approval).param("approver", approver).param("comment", comment.strip())
                .param("at", ts(time.now())).param("id", proposal.id())
                .update();
        audit.record(reference, approver, APPROVE.equals(approval) ? "REFUSAL_APPROVED" : "REFUSAL_REJECTED",
                "{\"subject\":\"" + proposal.subject() + "\",\"decision\":\"" + proposal.decision()
                        + "\",\"proposedBy\":\"" + proposal.proposedBy() + "\"}");
        return byId(proposal.id());
    }

    /** The proposal of the request that waits for its second person, if any. */
    public Optional<RefusalProposal> open(String requestId) {
        return jdbc.sql("select * from refusal_proposal where request_id = :id and approval is null order by id desc")
                .param("id", requestId).query(RefusalProposals::map).list().stream().findFirst();
    }

    /** Every proposal of the request, oldest first, with the decisions on them. */
    public List<RefusalProposal> of(String requestId) {
        return jdbc.sql("select * from refusal_proposal where request_id = :id order by id")
                .param("id", requestId).query(RefusalProposals::map).list();
    }

    private RefusalProposal byId(long id) {
        return jdbc.sql("select * from refusal_proposal where id = :id").param("id", id)
                .query(RefusalProposals::map).single();
    }

    private String reference(String requestId) {
        return jdbc.sql("select reference from rights_request where id = :id").param("id", requestId)
                .query(String.class).single();
    }

    private static RefusalProposal map(ResultSet rs, int row) throws SQLException {
        String grounds = rs.getString("grounds");
        return new RefusalProposal(rs.getLong("id"), rs.getString("request_id"),
                RefusalSubject.valueOf(rs.getString("subject")), rs.getString("decision"),
                Arrays.stream(grounds.split(",")).filter(g -> !g.isBlank()).toList(), rs.getString("explanation"),
                rs.getString("proposed_by"), instant(rs, "proposed_at"), rs.getString("approval"),
                rs.getString("decided_by"), rs.getString("approval_comment"), instant(rs, "decided_at"));
    }
}
