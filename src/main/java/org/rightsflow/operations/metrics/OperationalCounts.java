package org.rightsflow.operations.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts behind the verification and outbox metrics, from the database (the same on every node). */
@Repository
public class OperationalCounts {

    /** The verification channels codes go out on (identity.VerificationFactor): always reported, zeros included. */
    static final String[] CHANNELS = {"EMAIL", "SMS"};

    private final JdbcClient jdbc;

    public OperationalCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param codesSentByChannel codes sent (each round and resend), by channel
     * @param failedAttempts     wrong codes entered
     * @param lockedRequests     requests whose verification locked after too many wrong codes
     */
    public record Verification(Map<String, Long> codesSentByChannel, long failedAttempts, long lockedRequests) {
    }

    /**
     * @param backlog         notices waiting to be sent (not sent, not given up)
     * @param retrying        of those, notices that failed at least once and wait for another attempt
     * @param failed          notices given up after the configured attempts
     * @param oldestPending   age of the oldest waiting notice (zero when none waits)
     */
    public record Outbox(long backlog, long retrying, long failed, Duration oldestPending) {
    }

    public Verification verification() {
        Map<String, Long> sent = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            sent.put(channel, 0L);
        }
        jdbc.sql("select channel, count(*) from verification_code group by channel")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(row -> sent.put(row.getKey(), row.getValue()));
        long failed = jdbc.sql("select count(*) from verification_attempt where success = false").query(Long.class).single();
        long locked = jdbc.sql("select count(*) from rights_request where manual_verification_reason = 'LOCKED'")
                .query(Long.class).single();
        return new Verification(sent, failed, locked);
    }

    public Outbox outbox(Instant now) {
        return jdbc.sql("""
                select sum(case when sent_at is null and failed_at is null then 1 else 0 end),
                  sum(case when sent_at is null and failed_at is null and attempts > 0 then 1 else 0 end),
                  sum(case when failed_at is not null then 1 else 0 end),
                  min(case when sent_at is null and failed_at is null then created_at end)
                from notice_outbox where sent_at is null""")
                .query((rs, n) -> {
                    java.time.OffsetDateTime oldest = rs.getObject(4, java.time.OffsetDateTime.class);
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now);
                    return new Outbox(rs.getLong(1), rs.getLong(2), rs.getLong(3), age.isNegative() ? Duration.ZERO : age);
                }).single();
    }
}
