package org.rightsflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain in the whole application on PostgreSQL: entries recorded at once by many transactions are chained
 * once each without gaps, an entry left pending is chained by the sweep, and changing or deleting any entry is
 * detected. Each case repairs what it broke.
 */
class AuditTrailIntegrityTest extends PostgresIntegrationTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    AuditEntries entries;

    private long appendThree() {
        transaction.executeWithoutResult(s -> {
            audit.record("RR-TEST-0001", "test", "FIRST", "{\"n\":1}");
            audit.record("RR-TEST-0001", "test", "SECOND", null);
            audit.record("RR-TEST-0001", "test", "THIRD", "{\"n\":3}");
        });
        AuditWaits.awaitChained(jdbc);
        return jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
    }

    @Test
    void anIntactChainVerifies() {
        appendThree();
        AuditVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aChangedEntryIsDetected() {
        long last = appendThree();
        String original = jdbc.queryForObject("select action from audit_entry where seq = ?", String.class, last - 1);
        jdbc.update("update audit_entry set action = 'TAMPERED' where seq = ?", last - 1);
        try {
            AuditVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.problem()).contains("entry " + (last - 1) + " was changed");
        } finally {
            jdbc.update("update audit_entry set action = ? where seq = ?", original, last - 1);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aDeletedEntryIsDetectedInTheMiddleAndAtTheEnd() {
        long last = appendThree();
        var middle = jdbc.queryForMap("select * from audit_entry where seq = ?", last - 1);
        jdbc.update("delete from audit_entry where seq = ?", last - 1);
        try {
            assertThat(verifier.verify().problem()).contains("entry " + (last - 1) + " is missing");
        } finally {
            reinsert(middle);
        }
        var end = jdbc.queryForMap("select * from audit_entry where seq = ?", last);
        jdbc.update("delete from audit_entry where seq = ?", last);
        try {
            assertThat(verifier.verify().problem()).contains("removed from the end");
        } finally {
            reinsert(end);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void recordingNeverLocksTheChainAndARollbackLeavesNothing() throws Exception {
        String action = "PROBE_" + System.nanoTime();
        transaction.executeWithoutResult(status -> {
            audit.record("RR-TEST-0002", "test", action, null);
            // Another transaction can still take the head row: recording did not lock it, so audited work in other
            // transactions (filings, jobs) does not queue behind this one.
            Long headSeq = CompletableFuture.supplyAsync(() -> transaction.execute(other ->
                    jdbc.queryForObject("select last_seq from audit_head where id = 1 for update nowait", Long.class)))
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(headSeq).isNotNull();
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = ?", Integer.class, action))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_pending where action = ?", Integer.class, action))
                .isZero();
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * A closed request's entries sealed into one row (as its records' reduction does) keep the chain verifiable end to
     * end: between and after them other requests' entries remain rows, and a sealed entry that is changed, removed or
     * also present as a row is found like any other.
     */
    @Test
    void sealedEntriesVerifyWithTheRestOfTheChainAndTamperingWithThemIsDetected() {
        String sealedRef = "RR-SEAL-" + (System.nanoTime() % 1_000_000_000L);
        transaction.executeWithoutResult(s -> audit.record(sealedRef, "requester", "REQUEST_FILED", null));
        transaction.executeWithoutResult(s -> audit.record("RR-TEST-0003", "test", "BETWEEN", "{\"n\":1}"));
        transaction.executeWithoutResult(s -> {
            audit.record(sealedRef, "Officer Lin Test", "DECIDED", "{\"decision\":\"COMPLETE\",\"note\":\"已完成\"}");
            audit.record(sealedRef, "system", "REQUEST_COMPLETED", "{\"outcome\":\"COMPLETED\"}");
        });
        transaction.executeWithoutResult(s -> audit.record("RR-TEST-0003", "test", "AFTER", null));
        AuditWaits.awaitChained(jdbc);
        List<AuditEntry> before = entries.of(sealedRef);
        assertThat(before).hasSize(3);

        Integer sealedNow = transaction.execute(s -> entries.seal(sealedRef));
        assertThat(sealedNow).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ?", Integer.class, sealedRef))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_seal where reference = ?", Integer.class, sealedRef))
                .isOne();
        assertThat(entries.of(sealedRef)).isEqualTo(before);
        assertThat(before).allSatisfy(e -> assertThat(entries.hashOf(e.seq())).contains(e.hash()));
        AuditVerifier.Result sealed = verifier.verify();
        assertThat(sealed.intact()).as(sealed.problem()).isTrue();
        // nothing left to seal: a second call changes nothing
        Integer sealedAgain = transaction.execute(s -> entries.seal(sealedRef));
        assertThat(sealedAgain).isZero();

        long first = before.get(0).seq();
        byte[] original = jdbc.queryForObject("select content from audit_seal where first_seq = ?", byte[].class, first);
        AuditEntry middle = before.get(1);
        List<AuditEntry> changed = new ArrayList<>(before);
        changed.set(1, new AuditEntry(middle.seq(), middle.at(), sealedRef, middle.actor(), "TAMPERED", middle.detail(),
                middle.prevHash(), middle.hash()));
        try {
            jdbc.update("update audit_seal set content = ? where first_seq = ?", SealedEntries.encode(changed), first);
            assertThat(verifier.verify().problem()).isEqualTo("entry " + middle.seq() + " was changed");

            byte[] flipped = original.clone();
            flipped[flipped.length / 2] ^= 0x40;
            jdbc.update("update audit_seal set content = ? where first_seq = ?", flipped, first);
            AuditVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.problem()).containsAnyOf("entry " + first, "entry " + middle.seq(),
                    "entry " + before.get(2).seq(), "the sealed audit entries of " + sealedRef);

            // the request's sealed entries under another reference: each hash covers the reference
            jdbc.update("update audit_seal set content = ?, reference = 'RR-OTHER' where first_seq = ?", original, first);
            assertThat(verifier.verify().problem()).isEqualTo("entry " + first + " was changed");
            jdbc.update("update audit_seal set reference = ? where first_seq = ?", sealedRef, first);

            // removed: the chain misses its first entry
            jdbc.update("delete from audit_seal where first_seq = ?", first);
            assertThat(verifier.verify().problem()).isEqualTo("entry " + first + " is missing");
            jdbc.update("insert into audit_seal (first_seq, last_seq, reference, content) values (?, ?, ?, ?)", first,
                    before.get(2).seq(), sealedRef, original);

            // sealed and also a row again
            AuditEntry last = before.get(2);
            jdbc.update("insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash)"
                    + " values (?,?,?,?,?,?,?,?)", last.seq(), java.sql.Timestamp.from(last.at()), sealedRef, last.actor(),
                    last.action(), last.detail(), last.prevHash(), last.hash());
            assertThat(verifier.verify().problem()).isEqualTo("entry " + last.seq() + " is recorded twice");
            jdbc.update("delete from audit_entry where seq = ?", last.seq());
        } finally {
            jdbc.update("update audit_seal set content = ?, reference = ? where first_seq = ?", original, sealedRef, first);
        }
        AuditVerifier.Result repaired = verifier.verify();
        assertThat(repaired.intact()).as(repaired.problem()).isTrue();
    }

    @Test
    void entriesRecordedByManyThreadsAtOnceAreEachChainedOnceWithoutGaps() throws Exception {
        String action = "CONCURRENT_" + System.nanoTime();
        int threads = 16;
        int transactionsEach = 10;
        AuditChainingTest.inParallel(threads, transactionsEach, (thread, n) -> transaction.executeWithoutResult(s -> {
            String detail = "{\"t\":" + thread + ",\"n\":" + n + "}";
            audit.record("RR-TEST-0003", "test", action, detail + "a");
            audit.record("RR-TEST-0003", "test", action, detail + "b");
        }));
        AuditWaits.awaitChained(jdbc);
        int expected = threads * transactionsEach * 2;
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = ?", Integer.class, action))
                .as("each exactly once").isEqualTo(expected);
        assertThat(jdbc.queryForObject("select count(distinct detail) from audit_entry where action = ?", Integer.class,
                action)).isEqualTo(expected);
        AuditVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as("no gap, no fork: " + result.problem()).isTrue();
    }

    @Test
    void anEntryLeftPendingIsChainedByTheSweepWithoutAnyoneRecording() {
        // as a node that died between its commit and chaining leaves it: nobody's commit will chain it
        String action = "LEFT_BEHIND_" + System.nanoTime();
        jdbc.update("insert into audit_pending (at, reference, actor, action) values (?, 'RR-TEST-0004', 'test', ?)",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), action);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from audit_entry where action = ?", Integer.class, action) == 1);
        assertThat(jdbc.queryForObject("select count(*) from audit_pending where action = ?", Integer.class, action))
                .isZero();
        AuditVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(result.problem()).isTrue();
    }

    private void reinsert(java.util.Map<String, Object> row) {
        jdbc.update("insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash) values (?,?,?,?,?,?,?,?)",
                row.get("seq"), row.get("at"), row.get("reference"), row.get("actor"), row.get("action"), row.get("detail"),
                row.get("prev_hash"), row.get("hash"));
    }
}
