package org.rightsflow.audit;

import static org.rightsflow.common.Sql.instant;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Walks the audit chain and reports the first entry that was changed, removed or inserted out of order. */
@Service
public class AuditVerifier {

    private final JdbcClient jdbc;

    public AuditVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Result(boolean intact, long entriesChecked, String problem) {
    }

    @Transactional(readOnly = true)
    public Result verify() {
        AtomicReference<String> problem = new AtomicReference<>();
        long[] expectedSeq = {1};
        String[] prevHash = {"0".repeat(64)};
        jdbc.sql("select seq, at, reference, actor, action, detail, prev_hash, hash from audit_entry order by seq")
                .query(rs -> {
                    if (problem.get() != null) {
                        return;
                    }
                    long seq = rs.getLong("seq");
                    if (seq != expectedSeq[0]) {
                        problem.set("entry " + expectedSeq[0] + " is missing");
                        return;
                    }
                    if (!prevHash[0].equals(rs.getString("prev_hash"))) {
                        problem.set("entry " + seq + " does not follow entry " + (seq - 1));
                        return;
                    }
                    String recomputed = AuditTrail.hash(seq, instant(rs, "at"), rs.getString("reference"),
                            rs.getString("actor"), rs.getString("action"), rs.getString("detail"), prevHash[0]);
                    if (!recomputed.equals(rs.getString("hash"))) {
                        problem.set("entry " + seq + " was changed");
                        return;
                    }
                    prevHash[0] = recomputed;
                    expectedSeq[0]++;
                });
        if (problem.get() == null) {
            var head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
            if ((long) head[0] != expectedSeq[0] - 1 || !head[1].equals(prevHash[0])) {
                problem.set("the chain ends at entry " + (expectedSeq[0] - 1) + " but its head says " + head[0]
                        + ": entries were removed from the end");
            }
        }
        return new Result(problem.get() == null, expectedSeq[0] - 1, problem.get());
    }
}
