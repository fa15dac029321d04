package org.rightsflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.TestDatabases;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain is extended after the audited transaction commits, by whoever holds its head, on both databases
 * the product runs on (the default profile's H2 and PostgreSQL). Each case has a database of its own, so what it
 * finds pending or chained is its own doing.
 */
class AuditChainingTest {

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private DataSource database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private AuditTrail audit;

    private void on(String kind) {
        database = kind.equals("h2") ? h2WithTheAuditTables() : TestDatabases.freshPostgres();
        jdbc = new JdbcTemplate(database);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        transaction = new TransactionTemplate(transactions);
        TimeSource time = new TimeSource();
        time.useClock(Clock.fixed(Instant.parse("2026-12-07T08:00:00.123Z"), ZoneOffset.UTC));
        audit = new AuditTrail(jdbc, time, transactions);
    }

    /** The audit tables as the migrations create them (V1, the sealed and the pending entries), without the engine's. */
    private static DataSource h2WithTheAuditTables() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try {
            for (String table : List.of("audit_seal", "audit_pending")) {
                Resource[] migration = new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/migration/V*__" + table + ".sql");
                assertThat(migration).hasSize(1);
                new ResourceDatabasePopulator(migration[0]).execute(ds);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private void assertIntact(long entries) {
        AuditVerifier.Result result = new AuditVerifier(JdbcClient.create(database)).verify();
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(entries);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCallersEntriesAreChainedWhenItsTransactionHasCommitted(String kind) {
        on(kind);
        transaction.executeWithoutResult(s -> {
            audit.record("RR-TEST-0001", "test", "FIRST", "{\"n\":1}");
            audit.record("RR-TEST-0001", "test", "SECOND", null);
            assertThat(count("select count(*) from audit_entry")).as("not in the chain before the commit").isZero();
        });
        assertThat(jdbc.queryForList("select action from audit_entry order by seq", String.class))
                .containsExactly("FIRST", "SECOND");
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertIntact(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRolledBackCallerLeavesNothing(String kind) {
        on(kind);
        transaction.executeWithoutResult(s -> {
            audit.record("RR-TEST-0002", "test", "ROLLED_BACK", null);
            s.setRollbackOnly();
        });
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertThat(count("select count(*) from audit_entry")).isZero();
        assertIntact(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChainerNeverWaitsForTheHeadAndTheSweepTakesWhatWasLeft(String kind) throws Exception {
        on(kind);
        CountDownLatch headTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // another node chaining: it holds the head row
        CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            jdbc.queryForObject("select last_seq from audit_head where id = 1 for update", Long.class);
            headTaken.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(headTaken.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s ->
                            audit.record("RR-TEST-0003", "test", "WHILE_HEAD_TAKEN", null)))
                    .orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(count("select count(*) from audit_pending where action = 'WHILE_HEAD_TAKEN'"))
                    .as("committed, left to whoever holds the head").isEqualTo(1);
            assertThat(count("select count(*) from audit_entry")).isZero();
        } finally {
            release.countDown();
            otherNode.get(30, TimeUnit.SECONDS);
        }
        // that holder's last read was before our commit: the sweep chains it
        audit.chainLeftBehind();
        assertThat(jdbc.queryForList("select action from audit_entry order by seq", String.class))
                .containsExactly("WHILE_HEAD_TAKEN");
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertIntact(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEntryLeftPendingByACrashIsChainedByTheSweepAfterTheOthers(String kind) {
        on(kind);
        transaction.executeWithoutResult(s -> audit.record("RR-TEST-0004", "test", "BEFORE", null));
        jdbc.update("insert into audit_pending (at, reference, actor, action, detail) values (?, ?, ?, ?, ?)",
                java.time.OffsetDateTime.parse("2026-12-07T08:00:01.456Z"), "RR-TEST-0004", "test", "LEFT_BEHIND",
                "{\"n\":2}");
        audit.chainLeftBehind();
        assertThat(jdbc.queryForList("select action from audit_entry order by seq", String.class))
                .containsExactly("BEFORE", "LEFT_BEHIND");
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertIntact(2);

        jdbc.update("update audit_entry set detail = '{\"n\":3}' where action = 'LEFT_BEHIND'");
        assertThat(new AuditVerifier(JdbcClient.create(database)).verify().problem()).isEqualTo("entry 2 was changed");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBurstLargerThanABatchIsChainedInOrderAcrossBatches(String kind) {
        on(kind);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < AuditTrail.BATCH * 2 + 7; i++) {
            rows.add(new Object[] {java.time.OffsetDateTime.parse("2026-12-07T08:00:00Z").plusNanos(i * 1_000_000L),
                    "RR-TEST-0005", "test", "BURST", "{\"i\":" + i + "}"});
        }
        jdbc.batchUpdate("insert into audit_pending (at, reference, actor, action, detail) values (?, ?, ?, ?, ?)", rows);
        audit.chainLeftBehind();
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertThat(jdbc.queryForList("select detail from audit_entry order by seq", String.class))
                .hasSize(rows.size()).startsWith("{\"i\":0}", "{\"i\":1}").endsWith("{\"i\":" + (rows.size() - 1) + "}");
        assertIntact(rows.size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void manyThreadsRecordingAtOnceAreEachChainedOnceWithoutGaps(String kind) throws Exception {
        on(kind);
        int threads = 8;
        int transactionsEach = 15;
        inParallel(threads, transactionsEach, (thread, n) -> transaction.executeWithoutResult(s -> {
            audit.record("RR-TEST-0006", "test", "CONCURRENT", "{\"t\":" + thread + ",\"n\":" + n + ",\"e\":1}");
            audit.record("RR-TEST-0006", "test", "CONCURRENT", "{\"t\":" + thread + ",\"n\":" + n + ",\"e\":2}");
        }));
        // the last chainer may have stopped after its rounds with entries just committed: the sweep's turn
        audit.chainLeftBehind();
        long expected = (long) threads * transactionsEach * 2;
        assertThat(count("select count(*) from audit_pending")).isZero();
        assertThat(count("select count(distinct detail) from audit_entry where action = 'CONCURRENT'")).isEqualTo(expected);
        assertThat(count("select count(*) from audit_entry")).as("each exactly once").isEqualTo(expected);
        assertThat(count("select max(seq) - min(seq) + 1 from audit_entry")).as("no gap").isEqualTo(expected);
        assertIntact(expected);
    }

    /** What many transactions do at once: each of {@code threads} threads runs {@code work} {@code each} times. */
    static void inParallel(int threads, int each, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < each; n++) {
                        work.run(thread, n);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Work {
        void run(int thread, int n);
    }
}
