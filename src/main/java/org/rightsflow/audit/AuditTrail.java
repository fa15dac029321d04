package org.rightsflow.audit;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.TimeSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Append-only audit trail. Each entry's hash covers its content and the previous entry's hash, so changing or
 * deleting any entry breaks the chain ({@link AuditVerifier}). Appends lock the single head row: entries are
 * numbered without gaps and in commit order. Details must never hold personal data in clear.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final TimeSource time;

    public AuditTrail(JdbcClient jdbc, TimeSource time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** Appends an entry in the caller's transaction (it commits or rolls back with the state change it records). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String reference, String actor, String action, String detail) {
        Head head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.lastSeq() + 1;
        Instant at = time.now();
        String hash = hash(seq, at, reference, actor, action, detail, head.lastHash());
        jdbc.sql("""
                insert into audit_entry (seq, at, reference, actor, action, detail, prev_hash, hash)
                values (:seq, :at, :reference, :actor, :action, :detail, :prev, :hash)""")
                .param("seq", seq).param("at", ts(at)).param("reference", reference).param("actor", actor)
                .param("action", action).param("detail", detail).param("prev", head.lastHash()).param("hash", hash)
                .update();
        jdbc.sql("update audit_head set last_seq = :seq, last_hash = :hash where id = 1")
                .param("seq", seq).param("hash", hash).update();
    }

    static String hash(long seq, Instant at, String reference, String actor, String action, String detail,
                       String prevHash) {
        // Length-prefixed fields: no two different entries can serialise to the same text.
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at.toString(), reference, actor, action, detail, prevHash}) {
            String value = field == null ? "\u0000" : field;
            text.append(value.length()).append(':').append(value).append('|');
        }
        return Hashing.sha256Hex(text.toString());
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
