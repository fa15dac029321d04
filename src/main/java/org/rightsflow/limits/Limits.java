package org.rightsflow.limits;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts uses of a {@link Limit} per subject in the database, so that a limit holds however many nodes share it.
 * Each check locks the subject's row first ({@code select ... for update}): two nodes checking the same subject at
 * the same moment take turns, and the second one sees the first one's use. Everything runs in the caller's
 * transaction (or a new one): a use whose transaction rolls back was never counted.
 */
@Service
public class Limits {

    private final JdbcClient jdbc;
    private final TimeSource time;
    private final LimitMetrics metrics;
    private final boolean postgres;

    public Limits(JdbcClient jdbc, JdbcTemplate template, TimeSource time, LimitMetrics metrics) {
        this.jdbc = jdbc;
        this.time = time;
        this.metrics = metrics;
        this.postgres = Sql.isPostgres(template);
    }

    /** Counts one use if every window of the limit has room; otherwise counts nothing and says when to retry. */
    @Transactional
    public Admission tryUse(Limit limit, String subject) {
        serialise(limit.name(), subject);
        Instant now = time.now();
        Admission check = check(limit, subject, now);
        if (!check.allowed()) {
            metrics.refused(limit);
            return check;
        }
        jdbc.sql("insert into limit_use (limit_name, subject, at) values (:name, :subject, :at)")
                .param("name", limit.name()).param("subject", subject).param("at", ts(now)).update();
        int remaining = check.remaining() - 1;
        if (remaining == 0) {
            metrics.reached(limit);
        }
        return Admission.allowed(remaining);
    }

    /** Whether a use would be allowed now, counting nothing (the subject stays locked until the transaction ends). */
    @Transactional
    public Admission peek(Limit limit, String subject) {
        serialise(limit.name(), subject);
        return check(limit, subject, time.now());
    }

    /**
     * Whether a use would be allowed now, without locking: a cheap check in front of something frequent (a signed-in
     * REST call), where a use slipping past at the same moment costs nothing. A full window counts as a refusal.
     */
    @Transactional(readOnly = true)
    public Admission admits(Limit limit, String subject) {
        Admission check = check(limit, subject, time.now());
        if (!check.allowed()) {
            metrics.refused(limit);
        }
        return check;
    }

    /**
     * Locks the subject's row until the transaction ends, creating it if needed: the mutex behind every check, and
     * for anything else that must not run twice at once for one subject on any node (for example counting an
     * account's open requests before filing another one).
     */
    @Transactional
    public void serialise(String limitName, String subject) {
        if (postgres) {
            // One statement creates the row or locks it: "do update ... where false" updates nothing but locks the
            // row it conflicts with, as "select ... for update" would, and an uncommitted insert of the same subject
            // makes it wait for that transaction. A row the sweep deletes meanwhile is inserted again by the same
            // statement. Three statements before (count, insert, lock), five times a filing (BENCHMARKS.md, figure 1).
            jdbc.sql("""
                            insert into limit_subject (limit_name, subject) values (:name, :subject)
                            on conflict (limit_name, subject) do update set limit_name = excluded.limit_name where false""")
                    .param("name", limitName).param("subject", subject).update();
            return;
        }
        // H2 (one node): the hourly sweep deletes subjects without uses (sweep): one deleted between our insert and
        // our lock is created again
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean exists = jdbc.sql("select count(*) from limit_subject where limit_name = :name and subject = :subject")
                    .param("name", limitName).param("subject", subject).query(Integer.class).single() > 0;
            if (!exists) {
                try {
                    jdbc.sql("merge into limit_subject (limit_name, subject) key (limit_name, subject) values (:name, :subject)")
                            .param("name", limitName).param("subject", subject).update();
                } catch (DuplicateKeyException createdMeanwhile) {
                    // another transaction created it: lock it below like any other
                }
            }
            if (jdbc.sql("select limit_name from limit_subject where limit_name = :name and subject = :subject for update")
                    .param("name", limitName).param("subject", subject).query(String.class).optional().isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("limit " + limitName + ": its subject's row was deleted three times while locking it");
    }

    /** Uses of the subject still inside the limit's longest window (for reports and tests). */
    @Transactional(readOnly = true)
    public int usesInWindow(Limit limit, String subject, Duration window) {
        return jdbc.sql("select count(*) from limit_use where limit_name = :name and subject = :subject and at > :since")
                .param("name", limit.name()).param("subject", subject).param("since", ts(time.now().minus(window)))
                .query(Integer.class).single();
    }

    /**
     * Deletes uses older than {@code olderThan}: they no longer count in any window; then the subjects left without a
     * use (a keyed HMAC of a contact, an account email or a client address is kept no longer than its uses need it;
     * {@link #serialise} creates it again when needed).
     *
     * @return the uses deleted
     */
    @Transactional
    public int sweep(Duration olderThan) {
        int uses = jdbc.sql("delete from limit_use where at < :before")
                .param("before", ts(time.now().minus(olderThan))).update();
        // PostgreSQL: rows a check holds right now are skipped (next hour), so the sweep never waits for a check nor
        // deadlocks with one that locks two subjects
        String unused = "select limit_name, subject from limit_subject s where not exists (select 1 from limit_use u"
                + " where u.limit_name = s.limit_name and u.subject = s.subject)";
        jdbc.sql("delete from limit_subject where (limit_name, subject) in (" + unused
                + (postgres ? " for update skip locked)" : ")")).update();
        return uses;
    }

    private Admission check(Limit limit, String subject, Instant now) {
        List<Instant> uses = jdbc.sql("""
                        select at from limit_use where limit_name = :name and subject = :subject and at > :since
                        order by at""")
                .param("name", limit.name()).param("subject", subject)
                .param("since", ts(now.minus(limit.longestWindow())))
                .query((rs, n) -> instant(rs, "at")).list();
        int remaining = Integer.MAX_VALUE;
        Duration wait = Duration.ZERO;
        for (Limit.Window window : limit.windows()) {
            Instant since = now.minus(window.length());
            List<Instant> inWindow = uses.stream().filter(at -> at.isAfter(since)).toList();
            int room = window.uses() - inWindow.size();
            if (room <= 0) {
                // the use that must leave the window before one more fits
                Instant leaving = inWindow.get(inWindow.size() - window.uses());
                Duration untilFree = Duration.between(now, leaving.plus(window.length()));
                wait = untilFree.compareTo(wait) > 0 ? untilFree : wait;
            }
            remaining = Math.min(remaining, room);
        }
        return remaining > 0 ? Admission.allowed(remaining) : Admission.refused(wait);
    }
}
