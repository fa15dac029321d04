package org.rightsflow.audit;

import static org.rightsflow.common.Sql.instant;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit chain and reports the first entry that was changed, removed or inserted out of order. The chain is
 * one sequence across all requests, its entries either rows of their own ({@code audit_entry}) or sealed with their
 * closed request ({@code audit_seal}, {@link AuditEntries#seal}): the walk reads both in one statement (one snapshot,
 * so a request sealed meanwhile is seen either sealed or not) ordered by sequence number and by a seal's first entry,
 * and holds a seal's entries until the walk reaches them. It holds at most the entries of the seals whose requests
 * were open at the same time (a request's entries are spread over its life).
 */
@Service
public class AuditVerifier {

    private static final String NO_HASH = "0".repeat(64);

    private final JdbcClient jdbc;

    public AuditVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Result(boolean intact, long entriesChecked, String problem) {
    }

    @Transactional(readOnly = true)
    public Result verify() {
        // the head first: entries appended while the walk runs lie beyond it and are walked too
        var head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        Walk walk = new Walk((long) head[0]);
        jdbc.sql("""
                select seq as k, at, reference, actor, action, detail, prev_hash, hash, cast(null as bytea) as content
                from audit_entry
                union all
                select first_seq as k, cast(null as timestamp with time zone), reference, cast(null as varchar(100)),
                  cast(null as varchar(64)), cast(null as text), cast(null as varchar(64)),
                  cast(null as varchar(64)), content
                from audit_seal
                order by k""")
                .query(rs -> {
                    if (walk.problem != null) {
                        return;
                    }
                    long k = rs.getLong("k");
                    byte[] content = rs.getBytes("content");
                    if (content != null) {
                        walk.sealed(rs.getString("reference"), k, content);
                    } else {
                        walk.upTo(k);
                        walk.check(new AuditEntry(k, instant(rs, "at"), rs.getString("reference"), rs.getString("actor"),
                                rs.getString("action"), rs.getString("detail"), rs.getString("prev_hash"),
                                rs.getString("hash")));
                    }
                });
        walk.upTo(Long.MAX_VALUE);
        if (walk.problem == null && (walk.expected - 1 < (long) head[0]
                || (long) head[0] > 0 && !head[1].equals(walk.headHash))) {
            walk.problem = "the chain ends at entry " + (walk.expected - 1) + " but its head says " + head[0]
                    + ": entries were removed from the end";
        }
        return new Result(walk.problem == null, walk.expected - 1, walk.problem);
    }

    /** The walk's state: the next sequence number, the hash it must name, and the sealed entries not reached yet. */
    private static final class Walk {
        private final long headSeq;
        private final PriorityQueue<AuditEntry> sealed = new PriorityQueue<>(Comparator.comparingLong(AuditEntry::seq));
        private long expected = 1;
        private String prevHash = NO_HASH;
        private String headHash;
        private String problem;

        Walk(long headSeq) {
            this.headSeq = headSeq;
        }

        void sealed(String reference, long firstSeq, byte[] content) {
            upTo(firstSeq);
            if (problem != null) {
                return;
            }
            try {
                sealed.addAll(AuditEntries.unseal(reference, firstSeq, content));
            } catch (AuditEntries.SealUnreadable e) {
                problem = e.getMessage();
            }
        }

        /** Checks the sealed entries before {@code seq}: every seal that holds one began before it and was read. */
        void upTo(long seq) {
            while (problem == null && !sealed.isEmpty() && sealed.peek().seq() < seq) {
                check(sealed.poll());
            }
        }

        void check(AuditEntry entry) {
            if (problem != null) {
                return;
            }
            long seq = entry.seq();
            if (seq < expected || !sealed.isEmpty() && sealed.peek().seq() == seq) {
                problem = "entry " + seq + " is recorded twice";
                return;
            }
            if (seq != expected) {
                problem = "entry " + expected + " is missing";
                return;
            }
            if (!prevHash.equals(entry.prevHash())) {
                problem = "entry " + seq + " does not follow entry " + (seq - 1);
                return;
            }
            String recomputed = AuditTrail.hash(seq, entry.at(), entry.reference(), entry.actor(), entry.action(),
                    entry.detail(), prevHash);
            if (!recomputed.equals(entry.hash())) {
                problem = "entry " + seq + " was changed";
                return;
            }
            if (seq == headSeq) {
                headHash = recomputed;
            }
            prevHash = recomputed;
            expected++;
        }
    }
}
