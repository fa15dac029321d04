package org.rightsflow.request;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rightsflow.common.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persistence of the request aggregate and its status history. */
@Repository
public class RequestRepository {

    private static final String COLUMNS = """
            id, reference, request_type, status, account_email, account_id, language, details, received_at,
            due_at, reminder_at, deadline_policy, verification_level, outcome, verified_at,
            fulfilment_started_at, closed_at, due_date_provisional, filed_as""";

    private final JdbcClient jdbc;
    /**
     * PostgreSQL: a status change and its history row go to the database in one round trip, two statements sent
     * together (the driver sends them at once; they run in order in the caller's transaction). H2 takes one at a time.
     */
    private final boolean postgres;

    public RequestRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.postgres = Sql.isPostgres(template);
    }

    /** Inserts a new request; a second insert with the same idempotency key fails on the unique constraint. */
    public void insert(RightsRequest r, String statusTokenHash, String statusTokenNonce,
                       String idempotencyKey, String bodyFingerprint) {
        jdbc.sql("""
                insert into rights_request (id, reference, request_type, status, account_email, account_id, language,
                  details, received_at, due_at, reminder_at, deadline_policy, verification_level, status_token_hash,
                  status_token_nonce, idempotency_key, body_fingerprint, due_date_provisional, filed_as)
                values (:id, :reference, :type, :status, :email, :accountId, :language, :details, :receivedAt,
                  :dueAt, :reminderAt, :policy, :level, :tokenHash, :tokenNonce, :idempotencyKey, :fingerprint,
                  :provisional, :filedAs)""" + (postgres ? ";\n" + HISTORY : ""))
                .param("id", r.id())
                .param("reference", r.reference())
                .param("type", r.type().name())
                .param("status", r.status().name())
                .param("email", r.accountEmail())
                .param("accountId", r.accountId())
                .param("language", r.language())
                .param("details", r.detailsJson())
                .param("receivedAt", ts(r.receivedAt()))
                .param("dueAt", ts(r.dueAt()))
                .param("reminderAt", ts(r.reminderAt()))
                .param("policy", r.deadlinePolicy())
                .param("level", r.verificationLevel())
                .param("tokenHash", statusTokenHash)
                .param("tokenNonce", statusTokenNonce)
                .param("idempotencyKey", idempotencyKey)
                .param("fingerprint", bodyFingerprint)
                .param("provisional", r.dueDateProvisional())
                .param("filedAs", r.filedAs().name())
                .param("historyStatus", r.status().name())
                .param("at", ts(r.receivedAt()))
                .update();
        if (!postgres) {
            appendHistory(r.id(), r.status(), r.receivedAt());
        }
    }

    public Optional<RightsRequest> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from rights_request where id = :id")
                .param("id", id).query(RequestRepository::map).optional();
    }

    /** A request and whether intake staff entered it, in one read (see {@link #enteredBy}). */
    public record WithEntry(RightsRequest request, boolean enteredByStaff) {
    }

    /** {@link #findById} and {@link #enteredBy} in one read: what a notice about the request needs. */
    public Optional<WithEntry> findWithEntry(String id) {
        return jdbc.sql("select " + COLUMNS + ", (entered_by_staff = true and entered_by is not null) as staff_entered"
                        + " from rights_request where id = :id")
                .param("id", id).query((rs, n) -> new WithEntry(map(rs, n), rs.getBoolean("staff_entered"))).optional();
    }

    public Optional<RightsRequest> findByReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from rights_request where reference = :reference")
                .param("reference", reference).query(RequestRepository::map).optional();
    }

    /** Locks the row for the rest of the transaction, so that concurrent state changes serialise. */
    public Optional<RightsRequest> lockById(String id) {
        return jdbc.sql("select " + COLUMNS + " from rights_request where id = :id for update")
                .param("id", id).query(RequestRepository::map).optional();
    }

    public Optional<String> statusTokenHash(String reference) {
        return jdbc.sql("select status_token_hash from rights_request where reference = :reference")
                .param("reference", reference).query(String.class).optional();
    }

    public record IdempotentOriginal(String requestId, String bodyFingerprint, String statusTokenNonce) {
    }

    public Optional<IdempotentOriginal> findByIdempotencyKey(String key) {
        return jdbc.sql("select id, body_fingerprint, status_token_nonce from rights_request where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new IdempotentOriginal(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public void updateStatus(String id, RequestStatus status, Instant at) {
        jdbc.sql("update rights_request set status = :status, closed_at = :closedAt where id = :id"
                        + (postgres ? ";\n" + HISTORY : ""))
                .param("status", status.name())
                .param("closedAt", status.isTerminal() ? ts(at) : null)
                .param("id", id)
                .param("historyStatus", status.name())
                .param("at", ts(at))
                .update();
        if (!postgres) {
            appendHistory(id, status, at);
        }
        if (status.isTerminal()) {
            // A relative's evidence served the identity check and the review only: it goes when the request closes.
            jdbc.sql("delete from request_evidence where request_id = :id").param("id", id).update();
        }
    }

    /** The address a close relative of a deceased holder gave for the notices of their request (no contact on file). */
    public Optional<String> relativeContactEmail(String id) {
        return jdbc.sql("select relative_contact_email from rights_request where id = :id and relative_contact_email is not null")
                .param("id", id).query(String.class).optional();
    }

    public void markVerified(String id, Instant at) {
        jdbc.sql("update rights_request set verified_at = :at where id = :id").param("at", ts(at)).param("id", id).update();
    }

    public void markFulfilmentStarted(String id, Instant at) {
        jdbc.sql("update rights_request set fulfilment_started_at = :at where id = :id")
                .param("at", ts(at)).param("id", id).update();
    }

    public void setOutcome(String id, String outcome) {
        jdbc.sql("update rights_request set outcome = :outcome where id = :id")
                .param("outcome", outcome).param("id", id).update();
    }

    /** Its status changes in order; a closed request's whose records were reduced, from its reduced record. */
    public List<StatusChange> history(String id) {
        List<StatusChange> rows = jdbc.sql("select status, at from request_status_history where request_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> new StatusChange(RequestStatus.valueOf(rs.getString("status")), instant(rs, "at")))
                .list();
        return rows.isEmpty() ? reducedRecord(id).map(ReducedRecord::statusHistory).orElse(rows) : rows;
    }

    /** What a closed request kept of its status history and systems' steps when its records were reduced. */
    public Optional<ReducedRecord> reducedRecord(String id) {
        return jdbc.sql("select reduced_record from rights_request where id = :id and reduced_record is not null")
                .param("id", id).query((rs, n) -> ReducedRecord.decode(rs.getBytes(1))).optional();
    }

    /**
     * Earlier verified requests of the same type for the same account since {@code since} (repetition evidence).
     * Unverified ones do not count: anyone can file in someone's name, and that must not make the account holder
     * look repetitive.
     */
    public List<String> earlierReferences(long accountId, RequestType type, Instant since, String excludingId) {
        return jdbc.sql("""
                select reference from rights_request
                where account_id = :accountId and request_type = :type and received_at >= :since and id <> :id
                  and verified_at is not null
                order by received_at""")
                .param("accountId", accountId).param("type", type.name()).param("since", ts(since)).param("id", excludingId)
                .query(String.class).list();
    }

    /** The staff user who entered the request from a call, letter or email; empty for a requester's own filing. */
    public Optional<String> enteredBy(String id) {
        return jdbc.sql("select entered_by from rights_request where id = :id and entered_by_staff = true")
                .param("id", id).query(String.class).optional();
    }

    /**
     * Requests filed by a requester (not by staff) with this account email that still wait for verification: the
     * open ones an account may have at once are limited. Counted by the email as filed, known account or not.
     */
    public int countOpenUnverified(String accountEmail) {
        return jdbc.sql("""
                select count(*) from rights_request
                where account_email = :email and status in ('RECEIVED', 'AWAITING_VERIFICATION')
                  and entered_by_staff = false""")
                .param("email", accountEmail).query(Integer.class).single();
    }

    /** Requests of this account email still waiting for a code (none handed to staff yet), oldest first. */
    public List<String> awaitingCodes(String accountEmail) {
        return jdbc.sql("""
                select id from rights_request
                where account_email = :email and status = 'AWAITING_VERIFICATION' and manual_verification_reason is null
                  and entered_by_staff = false
                order by received_at""")
                .param("email", accountEmail).query(String.class).list();
    }

    private static final String HISTORY =
            "insert into request_status_history (request_id, status, at) values (:id, :historyStatus, :at)";

    private void appendHistory(String id, RequestStatus status, Instant at) {
        jdbc.sql(HISTORY).param("id", id).param("historyStatus", status.name()).param("at", ts(at)).update();
    }

    private static RightsRequest map(ResultSet rs, int row) throws SQLException {
        long accountIdValue = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : accountIdValue;
        return new RightsRequest(
                rs.getString("id"),
                rs.getString("reference"),
                RequestType.valueOf(rs.getString("request_type")),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getString("account_email"),
                accountId,
                rs.getString("language"),
                rs.getString("details"),
                instant(rs, "received_at"),
                instant(rs, "due_at"),
                instant(rs, "reminder_at"),
                rs.getString("deadline_policy"),
                rs.getInt("verification_level"),
                rs.getString("outcome"),
                instant(rs, "verified_at"),
                instant(rs, "fulfilment_started_at"),
                instant(rs, "closed_at"),
                rs.getBoolean("due_date_provisional"),
                FiledAs.valueOf(rs.getString("filed_as")));
    }
}
