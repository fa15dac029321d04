package org.rightsflow.retention;

import static org.rightsflow.common.Sql.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.audit.AuditEntries;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.request.ReducedRecord;
import org.rightsflow.request.RequestRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's own retention of a closed request's records (docs/retention.md, "A closed request's records"):
 * once a request has been closed for {@code closed-request-records-after} (by default the processes' history time to
 * live, 180 days, after which the engine keeps nothing of it), the nightly sweep reduces it to what its record needs.
 *
 * <p>Kept: the request row's reference, right, status, outcome, account id, language, deadline policy, verification
 * level and every date (the register, the statistics report and the repetition check read them); its status history
 * and what each system did (one compressed value on the row, {@link ReducedRecord}, read back as before); its deadline
 * events; the grounds, decisions, refusal proposals and the explanation sent; every notice's kind, dedup key,
 * subject, language and times and the download record's kind, file name, checksum, times and uses (in the same
 * value); every audit entry with its hashes, sealed into one row ({@link AuditEntries#seal}: the chain verifies as
 * before).
 *
 * <p>Removed: what the requester typed (the address the request was filed with, the request's details, a relative's
 * contact address, a clarification's answer) and what served the request only while it was open (the idempotency key
 * and body fingerprint, the verification codes, attempts and rounds, the addresses and rendered texts of the notices
 * sent, the expired download link's token hash and what its expiry left of the stored file's name and key, the count a
 * system's step planned, which its outcome repeats).
 *
 * <p>A request is not reduced while something of it still runs: a category held until its retention ends, a
 * restriction in force, a system's step still pending, a download whose result was not deleted yet (its link's expiry
 * deletes it), or a notice not yet sent or given up. Each batch is one
 * transaction; the row's {@code records_reduced_at} makes a retried or repeated batch change nothing.
 */
@Service
public class ClosedRequestRecords {

    public static final String REDUCED = "CLOSED_REQUEST_RECORDS_REDUCED";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final AuditEntries auditEntries;
    private final RequestRepository requests;
    private final SystemSteps systemSteps;
    private final TimeSource time;

    ClosedRequestRecords(JdbcClient jdbc, AuditTrail audit, AuditEntries auditEntries, RequestRepository requests,
                         SystemSteps systemSteps, TimeSource time) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.auditEntries = auditEntries;
        this.requests = requests;
        this.systemSteps = systemSteps;
        this.time = time;
    }

    /**
     * Reduces at most {@code batchSize} requests closed before {@code closedBefore}, oldest first, in the caller's
     * transaction (one batch). The audit entry (reference {@code runReference}) is written only when the batch
     * reduced something.
     *
     * @return how many requests this batch reduced, and whether it was full (there may be more)
     */
    @Transactional
    public Batch reduceBatch(String runReference, Instant closedBefore, int batchSize) {
        Instant now = time.now();
        List<String[]> requests = jdbc.sql("""
                select r.id, r.reference from rights_request r
                where r.records_reduced_at is null and r.closed_at < :before
                  and not exists (select 1 from erasure_hold h where h.request_id = r.id and h.status = 'HELD')
                  and not exists (select 1 from processing_restriction p where p.request_id = r.id
                                  and p.status = 'ACTIVE')
                  and not exists (select 1 from download d where d.request_id = r.id and d.deleted_at is null
                                  and (d.content is not null or d.storage_file is not null))
                  and not exists (select 1 from system_step s where s.request_id = r.id and s.status = 'PENDING')
                  and not exists (select 1 from notice_outbox o where o.request_id = r.id
                                  and o.sent_at is null and o.failed_at is null)
                order by r.closed_at, r.id
                fetch first :size rows only""")
                .param("before", ts(closedBefore)).param("size", batchSize)
                .query((rs, n) -> new String[] {rs.getString("id"), rs.getString("reference")}).list();
        int reduced = 0;
        for (String[] request : requests) {
            String id = request[0];
            // the condition makes a concurrent or retried batch that got here second skip the request
            if (jdbc.sql("""
                    update rights_request set records_reduced_at = :now, account_email = '', details = null,
                        relative_contact_email = null, idempotency_key = null, body_fingerprint = null
                    where id = :id and records_reduced_at is null""")
                    .param("now", ts(now)).param("id", id).update() == 1) {
                reduceDependents(id);
                auditEntries.seal(request[1]);
                reduced++;
            }
        }
        if (reduced > 0) {
            audit.record(runReference, ProactiveDeletionService.ACTOR, REDUCED, "{\"closedBefore\":\""
                    + closedBefore + "\",\"requests\":" + reduced + "}");
        }
        return new Batch(reduced, requests.size() >= batchSize);
    }

    /**
     * One batch's outcome.
     *
     * @param reduced the requests it reduced (a request another run reduced meanwhile is not counted)
     * @param full    whether it found as many requests as it could take: there may be more
     */
    public record Batch(int reduced, boolean full) {
    }

    /** What the record keeps of a table's rows of the request (their text columns and times), in their order. */
    private List<Map<String, String>> columns(String id, String table, List<String> texts, List<String> times) {
        return jdbc.sql("select * from " + table + " where request_id = :id order by created_at, id")
                .param("id", id)
                .query((rs, n) -> {
                    Map<String, String> columns = new LinkedHashMap<>();
                    for (String column : texts) {
                        columns.put(column, rs.getString(column));
                    }
                    for (String column : times) {
                        Instant at = Sql.instant(rs, column);
                        columns.put(column, at == null ? null : at.toString());
                    }
                    return columns;
                }).list();
    }

    /** The cutoff of a sweep's run minus the period: requests closed before it are reduced by that run. */
    public static Instant closedBefore(Instant runCutoff, Duration recordsAfter) {
        return runCutoff.minus(recordsAfter);
    }

    private void reduceDependents(String id) {
        for (String table : List.of("verification_code", "verification_attempt", "verification_round")) {
            jdbc.sql("delete from " + table + " where request_id = :id").param("id", id).update();
        }
        jdbc.sql("update clarification set answer = null where request_id = :id and answer is not null")
                .param("id", id).update();
        // the status history, what each system did and which notice left when stay, as one compressed value on the
        // request's row instead of a row and index entries each (what the request's page and evidence pack read back);
        // a step's planned count served a retried job only, a notice's address and text the sending only: not kept.
        // Once the request is stamped the outbox takes no notice for it (Outbox.enqueue): its dedup keys stay here.
        // a download's record keeps what was delivered and when, not the link's token hash (the link's content, key and
        // file went when it expired, DownloadService.deleteExpired)
        ReducedRecord record = new ReducedRecord(requests.history(id), systemSteps.columnsOf(id),
                columns(id, "notice_outbox", List.of("id", "dedup_key", "kind", "language", "subject", "attempts"),
                        List.of("created_at", "sent_at", "failed_at")),
                columns(id, "download", List.of("id", "kind", "file_name", "content_type", "sha256", "size_bytes",
                        "max_uses", "uses"), List.of("created_at", "published_at", "expires_at", "deleted_at")));
        jdbc.sql("update rights_request set reduced_record = :record where id = :id")
                .param("record", record.encode()).param("id", id).update();
        for (String table : List.of("request_status_history", "system_step", "notice_outbox", "download")) {
            jdbc.sql("delete from " + table + " where request_id = :id").param("id", id).update();
        }
    }
}
