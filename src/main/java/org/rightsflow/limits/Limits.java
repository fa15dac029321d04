package org.rightsflow.limits;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts uses of a {@link Limit} per subject in the database, so that a limit holds however many nodes share it.
 * Each check locks the subject's row first ({@code select ... for update}): two nodes checking the same subject at
 * the same moment take turns, and the second one sees the first one's use. Everything runs in the caller's
 * transaction (or one of its own): a use whose transaction rolls back was never counted.
 */
@Service
public class Limits {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final TimeSource time;
    private final LimitMetrics metrics;
    private final boolean postgres;

    public Limits(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, TimeSource time,
                  LimitMetrics metrics) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = new TransactionTemplate(transactions);
        this.time = time;
        this.metrics = metrics;
        this.postgres = Sql.isPostgres(template);
    }

    /**
     * Counts one use if every window of the limit has room; otherwise counts nothing and says when to retry. Runs in the
     * caller's transaction when there is one; otherwise on PostgreSQL in one round trip of its own, which commits by
     * itself (see {@link #lockCountAndRead}), and on H2 in a transaction of its own.
     */
    public Admission tryUse(Limit limit, String subject) {
        Instant now = time.now();
        Admission admission;
        if (postgres) {
            admission = lockCountAndRead(limit, subject, now);
        } else {
            admission = transaction.execute(status -> {
                serialise(limit.name(), subject);
                Admission check = check(limit, uses(limit, subject, now), now);
                if (!check.allowed()) {
                    return check;
                }
                jdbc.sql("insert into limit_use (limit_name, subject, at) values (:name, :subject, :at)")
                        .param("name", limit.name()).param("subject", subject).param("at", ts(now)).update();
                return Admission.allowed(check.remaining() - 1);
            });
        }
        if (!admission.allowed()) {
            metrics.refused(limit);
        } else if (admission.remaining() == 0) {
            metrics.reached(limit);
        }
        return admission;
    }

    /** Whether a use would be allowed now, counting nothing (the subject stays locked until the transaction ends). */
    @Transactional
    public Admission peek(Limit limit, String subject) {
        return peekAfterLocking(null, null, limit, subject);
    }

    /**
     * Locks another subject first (as {@link #serialise} does), then peeks like {@link #peek}: both stay locked until
     * the transaction ends. On PostgreSQL one round trip instead of two.
     */
    @Transactional
    public Admission peekAfterLocking(String otherLimitName, String otherSubject, Limit limit, String subject) {
        Instant now = time.now();
        if (postgres) {
            // the locks, then the uses, in one round trip: the uses are read with a snapshot taken after the locks
            // (Sql.executeTogether)
            String sql = (otherLimitName == null ? "" : LOCK + ";\n") + LOCK + ";\n" + USES;
            return template.execute(sql, (PreparedStatementCallback<Admission>) statement -> {
                int p = 1;
                if (otherLimitName != null) {
                    p = bindLock(statement, p, otherLimitName, otherSubject);
                }
                p = bindLock(statement, p, limit.name(), subject);
                bindUses(statement, p, limit, subject, now);
                return check(limit, results(statement).uses(), now);
            });
        }
        if (otherLimitName != null) {
            serialise(otherLimitName, otherSubject);
        }
        serialise(limit.name(), subject);
        return check(limit, uses(limit, subject, now), now);
    }

    /**
     * Whether a use would be allowed now, without locking: a cheap check in front of something frequent (a signed-in
     * REST call), where a use slipping past at the same moment costs nothing. A full window counts as a refusal.
     */
    @Transactional(readOnly = true)
    public Admission admits(Limit limit, String subject) {
        Instant now = time.now();
        Admission check = check(limit, uses(limit, subject, now), now);
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
            template.update(LOCK, limitName, subject);
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

    /**
     * PostgreSQL: {@link #tryUse} in one round trip of three statements. The driver sends them together and PostgreSQL
     * runs them in one transaction (the caller's, or an implicit one that commits at their end), each with a
     * snapshot of its own: the lock first; then the use, inserted only if every window has room, counted by a
     * statement that sees every use committed before the lock was granted; then the uses in the longest window
     * (this one among them), for what remains or when to retry. Before, the same took three round trips and a
     * commit (BENCHMARKS.md, figure 1).
     */
    private Admission lockCountAndRead(Limit limit, String subject, Instant now) {
        StringBuilder insert = new StringBuilder(
                "insert into limit_use (limit_name, subject, at) select ?, ?, ? where true");
        for (int i = 0; i < limit.windows().size(); i++) {
            insert.append(" and (select count(*) from limit_use where limit_name = ? and subject = ? and at > ?) < ?");
        }
        return template.execute(LOCK + ";\n" + insert + ";\n" + USES, (PreparedStatementCallback<Admission>) statement -> {
            int p = bindLock(statement, 1, limit.name(), subject);
            statement.setString(p++, limit.name());
            statement.setString(p++, subject);
            statement.setObject(p++, ts(now));
            for (Limit.Window window : limit.windows()) {
                statement.setString(p++, limit.name());
                statement.setString(p++, subject);
                statement.setObject(p++, ts(now.minus(window.length())));
                statement.setInt(p++, window.uses());
            }
            bindUses(statement, p, limit, subject, now);
            Results results = results(statement);
            if (results.updateCounts().size() != 2) {
                throw new IllegalStateException("limit " + limit.name() + ": expected two update counts, got "
                        + results.updateCounts());
            }
            Admission check = check(limit, results.uses(), now);
            if (results.updateCounts().get(1) == 1) {
                // the uses read include this one, counted: what is left after it
                return Admission.allowed(check.allowed() ? check.remaining() : 0);
            }
            // not inserted: a window was full when the insert counted, and the uses read say until when
            return check.allowed() ? Admission.refused(Duration.ofSeconds(1)) : check;
        });
    }

    private static final String LOCK = """
            insert into limit_subject (limit_name, subject) values (?, ?)
            on conflict (limit_name, subject) do update set limit_name = excluded.limit_name where false""";
    private static final String USES = """
            select at from limit_use where limit_name = ? and subject = ? and at > ? order by at""";

    private static int bindLock(PreparedStatement statement, int p, String limitName, String subject) throws SQLException {
        statement.setString(p++, limitName);
        statement.setString(p++, subject);
        return p;
    }

    private static void bindUses(PreparedStatement statement, int p, Limit limit, String subject, Instant now)
            throws SQLException {
        statement.setString(p++, limit.name());
        statement.setString(p++, subject);
        statement.setObject(p, ts(now.minus(limit.longestWindow())));
    }

    private record Results(List<Integer> updateCounts, List<Instant> uses) {
    }

    /** The update counts of the statements sent together, and the uses the last one read. */
    private static Results results(PreparedStatement statement) throws SQLException {
        List<Instant> uses = new ArrayList<>();
        List<Integer> counts = Sql.executeTogether(statement, (resultSet, rows) -> uses.add(instant(rows, "at")));
        return new Results(counts, uses);
    }

    /** The subject's uses in the limit's longest window, oldest first. */
    private List<Instant> uses(Limit limit, String subject, Instant now) {
        return jdbc.sql("select at from limit_use where limit_name = :name and subject = :subject and at > :since order by at")
                .param("name", limit.name()).param("subject", subject)
                .param("since", ts(now.minus(limit.longestWindow())))
                .query((rs, n) -> instant(rs, "at")).list();
    }

    private static Admission check(Limit limit, List<Instant> uses, Instant now) {
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
