package org.rightsflow.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The counting behind every abuse limit, on PostgreSQL: sliding windows, the wait until a use leaves its window, and
 * no overshoot when many callers check the same subject at once (each caller has its own connection and
 * transaction, as two nodes would). The limits' wiring into intake and verification, with their default values, is
 * tested over HTTP on two nodes by {@code AbuseResistanceIT}.
 */
class LimitsTest extends PostgresIntegrationTest {

    @Autowired
    Limits limits;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWindowAllowsItsUsesThenSaysWhenTheOldestLeaves() {
        Limit limit = Limit.of("TEST_WINDOW", 3, Duration.ofHours(1));
        String subject = UUID.randomUUID().toString();
        assertThat(limits.tryUse(limit, subject).remaining()).isEqualTo(2);
        assertThat(limits.tryUse(limit, subject).remaining()).isEqualTo(1);
        Admission third = limits.tryUse(limit, subject);
        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();
        Admission fourth = limits.tryUse(limit, subject);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(limits.peek(limit, subject).allowed()).isFalse();
        assertThat(limits.usesInWindow(limit, subject, Duration.ofHours(1))).as("a refused use is not counted").isEqualTo(3);
        assertThat(limits.tryUse(limit, UUID.randomUUID().toString()).allowed()).as("another subject has its own count")
                .isTrue();

        // an hour later the oldest use has left the window
        jdbc.update("update limit_use set at = at - interval '61 minutes' where limit_name = ? and subject = ? "
                + "and id = (select min(id) from limit_use where limit_name = ? and subject = ?)",
                limit.name(), subject, limit.name(), subject);
        assertThat(limits.tryUse(limit, subject).allowed()).isTrue();
        assertThat(limits.tryUse(limit, subject).allowed()).isFalse();
    }

    @Test
    void theSweepDeletesUsesPastEveryWindowThenTheSubjectsLeftWithoutAUse() {
        Limit limit = Limit.of("TEST_SWEPT", 5, Duration.ofHours(1));
        String idle = UUID.randomUUID().toString();
        String active = UUID.randomUUID().toString();
        limits.tryUse(limit, idle);
        limits.tryUse(limit, active);
        jdbc.update("update limit_use set at = at - interval '3 days' where limit_name = ? and subject = ?",
                limit.name(), idle);

        limits.sweep(Duration.ofDays(2));
        assertThat(subjectRows(limit, idle)).as("a keyed contact is kept no longer than its uses").isZero();
        assertThat(subjectRows(limit, active)).isEqualTo(1);
        assertThat(limits.usesInWindow(limit, active, Duration.ofHours(1))).isEqualTo(1);
        // a later use creates it again
        assertThat(limits.tryUse(limit, idle).remaining()).isEqualTo(4);
        assertThat(subjectRows(limit, idle)).isEqualTo(1);
    }

    private int subjectRows(Limit limit, String subject) {
        return jdbc.queryForObject("select count(*) from limit_subject where limit_name = ? and subject = ?",
                Integer.class, limit.name(), subject);
    }

    @Test
    void everyWindowMustHaveRoom() {
        Limit limit = new Limit("TEST_TWO_WINDOWS", List.of(new Limit.Window(2, Duration.ofMinutes(1)),
                new Limit.Window(3, Duration.ofDays(1))));
        String subject = UUID.randomUUID().toString();
        assertThat(limits.tryUse(limit, subject).allowed()).isTrue();
        assertThat(limits.tryUse(limit, subject).allowed()).isTrue();
        Admission minuteFull = limits.tryUse(limit, subject);
        assertThat(minuteFull.allowed()).isFalse();
        assertThat(minuteFull.retryAfter()).isLessThanOrEqualTo(Duration.ofMinutes(1));
        jdbc.update("update limit_use set at = at - interval '2 minutes' where limit_name = ? and subject = ?",
                limit.name(), subject);
        assertThat(limits.tryUse(limit, subject).allowed()).as("the minute is free again").isTrue();
        Admission dayFull = limits.tryUse(limit, subject);
        assertThat(dayFull.allowed()).as("three in the day").isFalse();
        assertThat(dayFull.retryAfter()).isGreaterThan(Duration.ofHours(23));
    }

    @Test
    void concurrentCallersNeverOvershoot() throws Exception {
        Limit limit = Limit.of("TEST_CONCURRENT", 7, Duration.ofHours(1));
        String subject = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> limits.tryUse(limit, subject).allowed());
        }
        int allowed = 0;
        for (Future<Boolean> answer : pool.invokeAll(calls)) {
            allowed += answer.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(allowed).isEqualTo(7);
        assertThat(limits.usesInWindow(limit, subject, Duration.ofHours(1))).isEqualTo(7);
    }

    /**
     * Outside a transaction, a use is locked, counted and read in one round trip: the lock must hold until the use is
     * inserted, so the subject's row and its first use are written by one and the same transaction.
     */
    @Test
    void withoutACallersTransactionTheLockAndTheUseCommitTogether() {
        Limit limit = Limit.of("TEST_ONE_TRIP", 2, Duration.ofHours(1));
        String subject = UUID.randomUUID().toString();
        assertThat(limits.tryUse(limit, subject).remaining()).isEqualTo(1);
        String subjectWrittenBy = jdbc.queryForObject("select xmin::text from limit_subject where limit_name = ? and subject = ?",
                String.class, limit.name(), subject);
        String useWrittenBy = jdbc.queryForObject("select xmin::text from limit_use where limit_name = ? and subject = ?",
                String.class, limit.name(), subject);
        assertThat(useWrittenBy).isEqualTo(subjectWrittenBy);
        assertThat(limits.tryUse(limit, subject).remaining()).isZero();
        assertThat(limits.tryUse(limit, subject).allowed()).isFalse();
        assertThat(limits.peek(limit, subject).allowed()).isFalse();
        assertThat(limits.usesInWindow(limit, subject, Duration.ofHours(1))).isEqualTo(2);

        // a peek that locks another subject first creates that subject's row too, and counts nothing
        String other = UUID.randomUUID().toString();
        assertThat(limits.peekAfterLocking("TEST_OTHER_LOCK", other, limit, subject).allowed()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from limit_subject where limit_name = 'TEST_OTHER_LOCK' and subject = ?",
                Integer.class, other)).isEqualTo(1);
        assertThat(limits.usesInWindow(limit, subject, Duration.ofHours(1))).isEqualTo(2);
    }

    @Test
    void subjectsAreKeyedHashesNeverTheClearValue() {
        LimitSubjects subjects = new LimitSubjects(new org.rightsflow.common.RightsflowProperties(null,
                "a-test-secret-of-at-least-32-characters", null, null, null, null));
        assertThat(subjects.account(" Li.Lei@Example.com ")).isEqualTo(subjects.account("li.lei@example.com"))
                .doesNotContain("li.lei").hasSize(64);
        assertThat(subjects.phone("+86 138-0000-0001")).isEqualTo(subjects.phone("+8613800000001"));
        assertThat(subjects.email("li.lei@example.com")).isNotEqualTo(subjects.account("li.lei@example.com"));
        assertThat(subjects.phoneOfUnknownAccount("x@example.com")).isNotEqualTo(subjects.email("x@example.com"));
    }
}
