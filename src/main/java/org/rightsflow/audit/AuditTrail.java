package org.rightsflow.audit;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Append-only audit trail. Each entry's hash covers its content and the previous entry's hash, so changing or
 * deleting any entry breaks the chain ({@link AuditVerifier}). Entries are numbered without gaps, in the order they
 * were chained.
 *
 * <p>An audited transaction does not touch the chain: {@link #record} only inserts the entry into
 * {@code audit_pending}, which commits or rolls back with the caller's state change. After the caller commits, the
 * same thread chains the pending entries (its own and everyone else's) in a transaction of its own: it takes the head
 * row with {@code skip locked}, moves the pending entries into {@code audit_entry} in id order, in batches, and
 * advances the head. When the head is taken, another thread or node is chaining and its loop, which reads the pending
 * entries again until none are left, takes ours; an entry committed just after that loop's last read, or left by a
 * crash between commit and chaining, is chained by {@link #chainLeftBehind} (every
 * {@code rightsflow.audit.chain-interval}, and at start). Before this, every audited transaction locked the head
 * until its commit, and they passed one at a time (BENCHMARKS.md figure 1: intake stopped near 50 filings a second
 * whatever the number of clients). The price: an entry is in the chain just after its transaction commits, not with
 * it; a reader that must not miss a committed entry (a check that something was already audited) reads
 * {@code audit_pending} as well. Details must never hold personal data in clear.
 *
 * <p>Within one node, one thread chains at a time and the others leave their entries to it: chaining needs a second
 * connection while the caller's is still held (Spring runs {@code afterCommit} before releasing it), and every
 * committing thread asking for one at once could exhaust the pool.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    /** Entries chained per statement round; a burst of thousands is chained in several. */
    static final int BATCH = 500;
    /** Batches one transaction chains at most. */
    private static final int BATCHES_PER_ROUND = 20;
    /**
     * Rounds one caller chains for others before it returns (the next committing thread or the sweep goes on): under
     * a steady load, the first thread to chain would otherwise keep chaining everyone's entries and never answer.
     */
    private static final int MAX_ROUNDS = 4;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;
    private final TimeSource time;
    private final TransactionTemplate separately;
    private final ReentrantLock chaining = new ReentrantLock();
    /** Set by every thread that wants its entries chained; the chaining thread clears it before each round. */
    private final AtomicBoolean requested = new AtomicBoolean();

    public AuditTrail(JdbcTemplate template, TimeSource time, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(template);
        this.template = template;
        this.postgres = Sql.isPostgres(template);
        this.time = time;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records an entry in the caller's transaction: it is lost with that transaction when it rolls back, like the state
     * change it records, and chained just after it commits.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String reference, String actor, String action, String detail) {
        jdbc.sql("""
                insert into audit_pending (at, reference, actor, action, detail)
                values (:at, :reference, :actor, :action, :detail)""")
                .param("at", ts(time.now())).param("reference", reference).param("actor", actor)
                .param("action", action).param("detail", detail)
                .update();
        chainAfterCommit();
    }

    private void chainAfterCommit() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof ChainAfterCommit chain && chain.owner == this) {
                return;
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new ChainAfterCommit(this));
    }

    /**
     * Chains what a crash, another node or the last moment of another thread's chaining left pending; the first run
     * is at start. Only looks (without a lock) while nothing is pending, which is most of the time.
     */
    @Scheduled(fixedDelayString = "${rightsflow.audit.chain-interval:PT1S}")
    public void chainLeftBehind() {
        if (jdbc.sql("select count(*) from (select id from audit_pending fetch first 1 rows only) p")
                .query(Integer.class).single() > 0) {
            chainPending();
        }
    }

    /**
     * Chains the pending entries unless another thread of this node or another node is doing it (then it will take
     * them, or the sweep will). Never throws: an entry that stays pending is chained by the next call.
     */
    public void chainPending() {
        requested.set(true);
        int rounds = 0;
        // Whoever asks while this thread chains finds the lock taken and leaves; the flag it set makes this thread
        // go round once more, so no request is lost between this thread's last read and its unlock.
        while (rounds < MAX_ROUNDS && requested.get() && chaining.tryLock()) {
            try {
                requested.set(false);
                rounds++;
                Round round = separately.execute(status -> chainWhileHoldingTheHead());
                if (round == Round.HEAD_TAKEN) {
                    return;
                }
                if (round == Round.MORE) {
                    requested.set(true);
                }
            } catch (RuntimeException e) {
                // the entries stay pending, committed; the sweep tries again
                log.warn("Audit entries left pending for the next round: {}", e.toString());
                return;
            } finally {
                chaining.unlock();
            }
        }
    }

    /** What one round found. */
    private enum Round {
        /** another node holds the head: it chains what is pending */
        HEAD_TAKEN,
        /** nothing was pending at the round's last read */
        DRAINED,
        /** the round stopped at its size with entries still pending */
        MORE
    }

    private Round chainWhileHoldingTheHead() {
        if (postgres) {
            return chainInFewRoundTrips();
        }
        List<Head> heads = jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update skip locked")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).list();
        if (heads.isEmpty()) {
            return Round.HEAD_TAKEN;
        }
        long first = heads.get(0).lastSeq();
        long seq = first;
        String prev = heads.get(0).lastHash();
        Round round = Round.MORE;
        // Reads again until a read finds nothing (an entry committed meanwhile is taken too), but not without end:
        // after a long stop thousands may be pending, and they are chained in several transactions.
        for (int batches = 0; batches < BATCHES_PER_ROUND; batches++) {
            List<Pending> batch = jdbc.sql("""
                    select id, at, reference, actor, action, detail from audit_pending
                    order by id fetch first :batch rows only""")
                    .param("batch", BATCH)
                    .query((rs, n) -> new Pending(rs.getLong("id"), instant(rs, "at"), rs.getString("reference"),
                            rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
                    .list();
            if (batch.isEmpty()) {
                round = Round.DRAINED;
                break;
            }
            List<Long> chained = new ArrayList<>(batch.size());
            for (Pending entry : batch) {
                seq++;
                String hash = hash(seq, entry.at(), entry.reference(), entry.actor(), entry.action(), entry.detail(),
                        prev);
                jdbc.sql("""
                        insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash)
                        values (:seq, :at, :reference, :actor, :action, :detail, :prev, :hash)""")
                        .param("seq", seq).param("at", ts(entry.at())).param("reference", entry.reference())
                        .param("actor", entry.actor()).param("action", entry.action()).param("detail", entry.detail())
                        .param("prev", prev).param("hash", hash)
                        .update();
                prev = hash;
                chained.add(entry.id());
            }
            jdbc.sql("delete from audit_pending where id in (:ids)").param("ids", chained).update();
        }
        if (seq != first) {
            jdbc.sql("update audit_head set last_seq = :seq, last_hash = :hash where id = 1")
                    .param("seq", seq).param("hash", prev).update();
        }
        return round;
    }

    /**
     * PostgreSQL: the same round as {@link #chainWhileHoldingTheHead} in two round trips a batch and a commit, where it
     * took five and one more per entry (three entries a filing: BENCHMARKS.md, figure 1). The statements sent together
     * ({@link Sql#executeTogether}) run in order in this transaction, each with its own snapshot: the pending entries
     * are read after the head's lock is granted, as before, and each batch's statements insert the entries, delete
     * them from the pending ones, advance the head and read the next batch.
     */
    private Round chainInFewRoundTrips() {
        List<Head> heads = new ArrayList<>();
        List<Pending> first = new ArrayList<>();
        template.execute("select last_seq, last_hash from audit_head where id = 1 for update skip locked;\n" + READ_PENDING,
                (PreparedStatementCallback<Void>) statement -> {
                    statement.setInt(1, BATCH);
                    Sql.executeTogether(statement, (resultSet, rows) -> {
                        if (resultSet == 0) {
                            heads.add(new Head(rows.getLong(1), rows.getString(2)));
                        } else if (!heads.isEmpty()) {
                            first.add(pending(rows));
                        }
                    });
                    return null;
                });
        if (heads.isEmpty()) {
            return Round.HEAD_TAKEN;
        }
        long seq = heads.get(0).lastSeq();
        String prev = heads.get(0).lastHash();
        List<Pending> batch = first;
        for (int batches = 0; batches < BATCHES_PER_ROUND; batches++) {
            if (batch.isEmpty()) {
                return Round.DRAINED;
            }
            List<Chained> chained = new ArrayList<>(batch.size());
            for (Pending entry : batch) {
                seq++;
                String hash = hash(seq, entry.at(), entry.reference(), entry.actor(), entry.action(), entry.detail(), prev);
                chained.add(new Chained(seq, entry, prev, hash));
                prev = hash;
            }
            boolean last = batches == BATCHES_PER_ROUND - 1;
            StringBuilder sql = new StringBuilder(
                    "insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash) values ");
            sql.append(String.join(", ", java.util.Collections.nCopies(chained.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")));
            sql.append(";\ndelete from audit_pending where id in (")
                    .append(String.join(", ", java.util.Collections.nCopies(chained.size(), "?"))).append(")");
            sql.append(";\nupdate audit_head set last_seq = ?, last_hash = ? where id = 1");
            if (!last) {
                sql.append(";\n").append(READ_PENDING);
            }
            long lastSeq = seq;
            String lastHash = prev;
            List<Pending> next = new ArrayList<>();
            template.execute(sql.toString(), (PreparedStatementCallback<Void>) statement -> {
                int p = 1;
                for (Chained entry : chained) {
                    p = bind(statement, p, entry);
                }
                for (Chained entry : chained) {
                    statement.setLong(p++, entry.pending().id());
                }
                statement.setLong(p++, lastSeq);
                statement.setString(p++, lastHash);
                if (!last) {
                    statement.setInt(p, BATCH);
                }
                List<Integer> counts = Sql.executeTogether(statement, (resultSet, rows) -> next.add(pending(rows)));
                if (counts.size() != 3 || counts.get(0) != chained.size() || counts.get(1) != chained.size()
                        || counts.get(2) != 1) {
                    // rolls the round back: its entries stay pending for the next
                    throw new IllegalStateException("audit chaining: unexpected update counts " + counts);
                }
                return null;
            });
            batch = next;
        }
        return Round.MORE;
    }

    private static final String READ_PENDING =
            "select id, at, reference, actor, action, detail from audit_pending order by id fetch first ? rows only";

    private static Pending pending(java.sql.ResultSet rows) throws SQLException {
        return new Pending(rows.getLong("id"), instant(rows, "at"), rows.getString("reference"), rows.getString("actor"),
                rows.getString("action"), rows.getString("detail"));
    }

    private static int bind(PreparedStatement statement, int p, Chained entry) throws SQLException {
        statement.setLong(p++, entry.seq());
        statement.setObject(p++, ts(entry.pending().at()));
        statement.setString(p++, entry.pending().reference());
        statement.setString(p++, entry.pending().actor());
        statement.setString(p++, entry.pending().action());
        statement.setString(p++, entry.pending().detail());
        statement.setString(p++, entry.prevHash());
        statement.setString(p++, entry.hash());
        return p;
    }

    private record Chained(long seq, Pending pending, String prevHash, String hash) {
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

    /** Registered once per transaction that recorded an entry: chains after it commits, on the committing thread. */
    private static final class ChainAfterCommit implements TransactionSynchronization {
        private final AuditTrail owner;

        ChainAfterCommit(AuditTrail owner) {
            this.owner = owner;
        }

        @Override
        public void afterCommit() {
            owner.chainPending();
        }
    }

    private record Pending(long id, Instant at, String reference, String actor, String action, String detail) {
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
