package org.rightsflow.audit;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.TimeSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Append-only audit trail. Each entry's hash covers its content and the previous entry's hash, so changing or
 * deleting any entry breaks the chain ({@link AuditVerifier}). Entries are numbered without gaps and in commit
 * order because appending locks the single head row.
 *
 * <p>The head row is locked as late as possible: {@link #record} only collects the entry, and the transaction's
 * entries are appended just before it commits. A lock taken at the first record would be held through everything
 * the transaction does afterwards (a process start with full history, a job's delegate), and every other audited
 * transaction (filings, jobs, verifications) would queue behind it; BENCHMARKS.md figure 1 measured that as most of
 * a filing's time. Details must never hold personal data in clear.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final TimeSource time;

    public AuditTrail(JdbcClient jdbc, TimeSource time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /**
     * Records an entry in the caller's transaction: it is written just before that transaction commits, and is lost
     * with it when it rolls back, like the state change it records.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String reference, String actor, String action, String detail) {
        PendingEntries pending = pendingEntries();
        pending.entries.add(new Entry(time.now(), reference, actor, action, detail));
    }

    private PendingEntries pendingEntries() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingEntries pending && pending.owner == this) {
                return pending;
            }
        }
        PendingEntries pending = new PendingEntries(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** Appends the transaction's entries to the chain, holding the head row until the commit that follows. */
    private void append(List<Entry> entries) {
        Head head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.lastSeq();
        String prev = head.lastHash();
        for (Entry entry : entries) {
            seq++;
            String hash = hash(seq, entry.at(), entry.reference(), entry.actor(), entry.action(), entry.detail(), prev);
            jdbc.sql("""
                    insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash)
                    values (:seq, :at, :reference, :actor, :action, :detail, :prev, :hash)""")
                    .param("seq", seq).param("at", ts(entry.at())).param("reference", entry.reference())
                    .param("actor", entry.actor()).param("action", entry.action()).param("detail", entry.detail())
                    .param("prev", prev).param("hash", hash)
                    .update();
            prev = hash;
        }
        jdbc.sql("update audit_head set last_seq = :seq, last_hash = :hash where id = 1")
                .param("seq", seq).param("hash", prev).update();
    }

    public static String hash(long seq, Instant at, String reference, String actor, String action, String detail,
                       String prevHash) {
        // Length-prefixed fields: no two different entries can serialise to the same text.
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at.toString(), reference, actor, action, detail, prevHash}) {
            String value = field == null ? "\u0000" : field;
            text.append(value.length()).append(':').append(value).append('|');
        }
        return Hashing.sha256Hex(text.toString());
    }

    /** The entries recorded in one transaction, appended by its last step before the commit. */
    private static final class PendingEntries implements TransactionSynchronization {
        private final AuditTrail owner;
        private final List<Entry> entries = new ArrayList<>();

        PendingEntries(AuditTrail owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!entries.isEmpty()) {
                owner.append(entries);
            }
        }

        @Override
        public int getOrder() {
            // after every other synchronization's beforeCommit (the engine flushes its changes in its own), so the
            // head row is locked only for the commit itself
            return LOWEST_PRECEDENCE;
        }
    }

    private record Entry(Instant at, String reference, String actor, String action, String detail) {
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
