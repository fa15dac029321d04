package org.rightsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.TimeSource;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionProperties;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Figure 7 (BENCHMARKS.md): the nightly sweep's first run on a large table — {@code bench.largeAccountRows}
 * operation logs past their retention (200,000 at full scale) — through the ProactiveDeletionProcess and the job
 * executor, with the default batch size. Beside it, the baseline the sweep avoids: the same rows deleted by one
 * statement in one transaction (plain JDBC, an identical table). Figures: the run's time and rows per second, the
 * number of transactions, and how long the longest one held its locks.
 */
class ProactiveDeletionBenchmark extends PostgresIntegrationTest {

    /** Retention is judged in 1990, so that only the rows seeded here are past it in the shared database. */
    static final Instant SWEEP_AT = Instant.parse("1990-06-01T02:30:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TimeSource time;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ProactiveDeletionProperties properties;

    @AfterEach
    void realTime() {
        time.useClock(Clock.systemUTC());
        jdbc.execute("drop table if exists bench_operation_log");
    }

    @Test
    void firstRunOnALargeTablePastRetention() {
        int rows = BenchScale.fromSystemProperties().largeAccountRows();
        Figures figures = new Figures();
        long account = account();
        seed("account_operation_log", account, rows);

        // the baseline: one statement, one transaction, on an identical table with the same rows
        jdbc.execute("drop table if exists bench_operation_log");
        jdbc.execute("create table bench_operation_log (like account_operation_log including all)");
        seed("bench_operation_log", account, rows);
        long start = System.nanoTime();
        Integer deleted = transaction.execute(status -> jdbc.update("delete from bench_operation_log"
                + " where occurred_at <= ?", Timestamp.from(SWEEP_AT.minus(Duration.ofDays(183)))));
        double oneTransaction = (System.nanoTime() - start) / 1e9;
        assertThat(deleted).isEqualTo(rows);

        time.useClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), SWEEP_AT)));
        start = System.nanoTime();
        String id = runtime.startProcessInstanceByKey(ProactiveDeletionModel.PROCESS_ID).getId();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> history
                .createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1);
        double run = (System.nanoTime() - start) / 1e9;
        Object erased = history.createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName(ProactiveDeletionModel.ROWS_ERASED).singleResult().getValue();
        assertThat(erased).isEqualTo((long) rows);

        List<Long> batchMillis = new ArrayList<>();
        for (HistoricActivityInstance batch : history.createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId(ProactiveDeletionModel.TASK_ERASE_BATCH).list()) {
            batchMillis.add(batch.getDurationInMillis());
        }
        batchMillis.sort(null);
        int logBatches = jdbc.queryForObject("select batches from proactive_deletion_step where run_reference ="
                + " (select business_key_ from act_hi_procinst where id_ = ?) and category = 'OPERATION_LOGS'",
                Integer.class, id);

        figures.add("sweep: rows past retention erased (first run)", rows, "rows", null, null);
        figures.add("sweep: first run, start to end", run, "s", oneTransaction, "one DELETE, one transaction");
        figures.add("sweep: rows erased per second", rows / run, "rows/s", rows / oneTransaction,
                "one DELETE, one transaction");
        figures.add("sweep: transactions for the operation logs", logBatches, "batches", 1.0, "one transaction");
        figures.add("sweep: longest batch transaction (p100)", batchMillis.get(batchMillis.size() - 1) / 1000.0,
                "s", oneTransaction, "one DELETE, one transaction");
        figures.add("sweep: median batch transaction (p50)", batchMillis.get(batchMillis.size() / 2) / 1000.0, "s",
                null, null);
        figures.note("batch size " + properties.batchSize() + " (rightsflow.proactive-deletion.batch-size); every"
                + " batch is one job: erase, checkpoint, commit");
        System.out.println(figures.table("Figure 7: the nightly sweep's first run on a large table"));
    }

    private long account() {
        String email = "bench-sweep-" + System.nanoTime() + "@example.com";
        jdbc.update("insert into account (email, phone, display_name) values (?, '+8613933330000', 'bench')", email);
        return jdbc.queryForObject("select id from account where email = ?", Long.class, email);
    }

    private void seed(String table, long account, int rows) {
        List<Object[]> batch = new ArrayList<>();
        Instant oldest = SWEEP_AT.minus(Duration.ofDays(3 * 365));
        for (int i = 0; i < rows; i++) {
            batch.add(new Object[] {account, "console.login", "192.0.2.9", "bench",
                    Timestamp.from(oldest.plusSeconds(i * 60L))});
            if (batch.size() == 10_000 || i == rows - 1) {
                jdbc.batchUpdate("insert into " + table + " (account_id, action, ip, user_agent, occurred_at)"
                        + " values (?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }
    }
}
