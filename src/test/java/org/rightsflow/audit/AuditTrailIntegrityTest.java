package org.rightsflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Changing or deleting any audit entry is detected. Each case repairs what it broke. */
class AuditTrailIntegrityTest extends PostgresIntegrationTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    private long appendThree() {
        transaction.executeWithoutResult(s -> {
            audit.record("RR-TEST-0001", "test", "FIRST", "{\"n\":1}");
            audit.record("RR-TEST-0001", "test", "SECOND", null);
            audit.record("RR-TEST-0001", "test", "THIRD", "{\"n\":3}");
        });
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
    void entriesLockTheChainOnlyAtCommitAndVanishWithARollback() throws Exception {
        String action = "PROBE_" + System.nanoTime();
        transaction.executeWithoutResult(status -> {
            audit.record("RR-TEST-0002", "test", action, null);
            // Another transaction can still take the head row: recording did not lock it, so audited work in other
            // transactions (filings, jobs) does not queue behind this one until it commits.
            Long headSeq = CompletableFuture.supplyAsync(() -> transaction.execute(other ->
                    jdbc.queryForObject("select last_seq from audit_head where id = 1 for update nowait", Long.class)))
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(headSeq).isNotNull();
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = ?", Integer.class, action))
                .isZero();
        assertThat(verifier.verify().intact()).isTrue();
    }

    private void reinsert(java.util.Map<String, Object> row) {
        jdbc.update("insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash) values (?,?,?,?,?,?,?,?)",
                row.get("seq"), row.get("at"), row.get("reference"), row.get("actor"), row.get("action"), row.get("detail"),
                row.get("prev_hash"), row.get("hash"));
    }
}
