package org.rightsflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Waiting for the audit chain in tests of the whole application. An entry is chained just after its transaction
 * commits, by the thread that committed (the job executor's, for what a process did) or by whichever thread was
 * chaining then ({@code AuditTrail}): a test that saw the effect of a job, or of a request while another thread was
 * chaining, may otherwise read {@code audit_entry} a moment too early.
 */
public final class AuditWaits {

    /** Long enough for a loaded CI machine; a test that passes never waits this long. */
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private AuditWaits() {
    }

    /** Waits until every audit entry committed before the call is in {@code audit_entry}. */
    public static void awaitChained(JdbcTemplate jdbc) {
        Long last = jdbc.queryForObject("select max(id) from audit_pending", Long.class);
        if (last == null) {
            return;
        }
        // only entries up to the last one seen now: under a steady load the table might never be seen empty
        await().atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() ->
                jdbc.queryForObject("select count(*) from audit_pending where id <= ?", Long.class, last) == 0);
    }
}
