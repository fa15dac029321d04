package org.rightsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rightsflow.limits.Limits;
import org.rightsflow.retention.ClosedRequestRecords;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Figure 9 (BENCHMARKS.md): a simulated year of closed requests, then the engine's history cleanup in its batch
 * window. {@code mvn -B -Pbench verify -Dtest=HistoryCleanupBenchmark -Dbench.yearRequests=1000000}.
 *
 * <p>How the year is made: {@code bench.yearSample} ACCESS requests run through the whole application from filing to
 * {@code COMPLETED} (HTTP, the code from the mail GreenMail received, the job executor; the engine writes their
 * history as the product's history handler decides and sets every row's removal time at the end, end + the
 * process's {@code historyTimeToLive}). Their history rows, in every history table and the history's byte arrays,
 * are then copied with SQL until there are {@code bench.yearRequests} closed requests: each copy gets new ids (the
 * MD5 of the sample's id and the copy's number, so every reference between rows still holds) and all its times
 * moved so that the requests' ends are spread evenly over the last 365 days — removal times included. Definitions,
 * activity ids, users and groups stay as they are. The application's own rows are not copied (the engine's cleanup does not touch them;
 * what they cost per closed request is printed from the sample).
 *
 * <p>Then the cleanup: the benchmark's engine has the production batch window's length (4 hours) starting now; the
 * cleanup job, made due, deletes every row whose removal time has passed in batches of
 * {@code historyCleanupBatchSize}, as it would on the first night after such a year. Printed: the history tables'
 * sizes and rows before and after, how long the cleanup took, and the oldest closed request left (bounded by the TTL).
 */
@EnabledIfSystemProperty(named = "test", matches = ".*HistoryCleanupBenchmark.*",
        disabledReason = "a simulated year is long: run it alone with -Dtest=HistoryCleanupBenchmark")
class HistoryCleanupBenchmark extends PostgresIntegrationTest {

    private static final int YEAR_REQUESTS = Integer.getInteger("bench.yearRequests",
            "full".equals(System.getProperty("bench.scale")) ? 1_000_000 : 20_000);
    private static final int SAMPLE = Integer.getInteger("bench.yearSample", 40);
    /** The processes' historyTimeToLive (every model of the request's hierarchy: P180D). */
    private static final Duration TTL = Duration.ofDays(180);
    /** Columns ending in _ID_ that name a definition, an activity, a user or a group: copied unchanged. */
    private static final Set<String> SHARED_COLUMNS = Set.of("proc_def_id_", "process_def_id_", "case_def_id_",
            "dec_def_id_", "dec_req_id_", "deployment_id_", "job_def_id_", "seed_job_def_id_", "monitor_job_def_id_",
            "batch_job_def_id_", "act_id_", "start_act_id_", "end_act_id_", "activity_id_", "failed_activity_id_",
            "failed_act_id_", "user_id_", "start_user_id_", "create_user_id_", "assigner_id_", "group_id_",
            "tenant_id_", "clause_id_", "rule_id_", "worker_id_");

    /** The cleanup's window as in production (01:00–05:00: four hours), here starting a minute ago. */
    @DynamicPropertySource
    static void windowNow(DynamicPropertyRegistry registry) {
        LocalTime start = LocalTime.now().truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        registry.add("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time",
                () -> start.format(hhmm));
        registry.add("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time",
                () -> start.plusHours(4).format(hhmm));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;
    @Autowired
    ClosedRequestRecords closedRequestRecords;
    @Autowired
    Limits limits;

    private final Figures figures = new Figures();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    @Test
    void aYearOfClosedRequestsThenTheNightlyCleanup() throws Exception {
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) engineConfiguration;
        System.out.println("[bench] simulated year: " + YEAR_REQUESTS + " closed requests from a sample of " + SAMPLE
                + "; history cleanup strategy " + engine.getHistoryCleanupStrategy() + ", removal time "
                + engine.getHistoryRemovalTimeStrategy() + ", batch size " + engine.getHistoryCleanupBatchSize()
                + ", degree of parallelism " + engine.getHistoryCleanupDegreeOfParallelism() + ", window "
                + engine.getHistoryCleanupBatchWindowStartTime() + "–" + engine.getHistoryCleanupBatchWindowEndTime()
                + "; load " + loadAverage());

        // 1. the sample, through the whole application
        String prefix = "bench-year-" + run + "-";
        List<Object[]> accounts = new ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) {
            accounts.add(new Object[] {prefix + i + "@example.com", String.format("+86137%08d", i)});
        }
        jdbc.batchUpdate("insert into account (email, phone) values (?, ?)", accounts);
        vacuumFullApplicationTables();
        jdbc.execute("checkpoint");
        Map<String, Long> appBefore = tableSizes(false);
        long start = System.nanoTime();
        List<String> roots = closeSample(prefix);
        figures.note("year: " + SAMPLE + " ACCESS requests filed, verified and COMPLETED through the API in "
                + Figures.number(seconds(start)) + " s");
        Map<String, Long> appAfter = tableSizes(false);
        long appBytes = appAfter.entrySet().stream().mapToLong(e -> e.getValue() - appBefore.getOrDefault(e.getKey(), 0L))
                .sum();
        Map<String, Long> sampleHistory = historyBytesOf(roots);
        long sampleHistoryBytes = sampleHistory.values().stream().mapToLong(Long::longValue).sum();
        figures.note("year: the sample's " + roots.size() + " process hierarchies (the request's and its download"
                + " link's expiry)");
        figures.add("9. engine history per closed request (sample rows)", sampleHistoryBytes / 1024.0 / SAMPLE, "KiB",
                null, "row sizes (pg_column_size) of the sample's history, without index entries");
        figures.add("9. application's tables per closed request", appBytes / 1024.0 / SAMPLE, "KiB", null,
                "growth of the application's tables (with indexes) over the sample; kept after the history's TTL");
        figures.note("year: the application's tables' growth over the sample (bytes per request): "
                + perRequest(appAfter.entrySet().stream().filter(e -> e.getValue() > appBefore.getOrDefault(e.getKey(), 0L))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue() - appBefore.getOrDefault(e.getKey(), 0L)))));
        figures.note("year: sample history rows by table (bytes per request): " + perRequest(sampleHistory));
        reduceTheSamplesRecords(prefix, appBefore);

        // 2. the year: the sample's history copied, ends spread over the last 365 days. The cleanup job is held
        // meanwhile: in its window, it would already delete the expired copies while they are written
        List<Job> held = history.findHistoryCleanupJobs();
        held.forEach(job -> management.suspendJobById(job.getId()));
        prepareSample(roots);
        start = System.nanoTime();
        long copied = copyYear();
        jdbc.execute("vacuum analyze");
        figures.note("year: " + copied + " history rows written by SQL in " + Figures.number(seconds(start)) + " s");

        Instant cleanupAt = Instant.now();
        Map<String, Long> rowsBefore = historyRows();
        Map<String, Long> sizesBefore = historySizes();
        long expiredBefore = expiredRows(cleanupAt);
        long closedBefore = closedRoots();
        figures.add("9. history tables before the cleanup", mib(sizesBefore), "MiB", null,
                Figures.number(closedBefore) + " closed requests over 365 days");
        figures.add("9. history per closed request before the cleanup", (double) sum(sizesBefore) / 1024 / closedBefore,
                "KiB", null, "table sizes with indexes / closed requests");
        figures.note("year: before the cleanup, rows " + rowsBefore + "; past their removal time " + expiredBefore
                + "; MiB " + mibs(sizesBefore));

        // 3. the cleanup in its window: the engine's job, made due now
        start = System.nanoTime();
        held.forEach(job -> management.activateJobById(job.getId()));
        history.cleanUpHistoryAsync(true);
        long lastReport = System.nanoTime();
        while (expiredRows(cleanupAt) > 0) {
            assertThat(seconds(start)).as("the cleanup ends within its 4-hour window").isLessThan(4 * 3600);
            if (seconds(lastReport) > 60) {
                System.out.println("[bench] cleanup: " + Figures.number(seconds(start)) + " s, rows past their removal"
                        + " time left " + expiredRows(cleanupAt) + ", load " + loadAverage());
                lastReport = System.nanoTime();
            }
            Thread.sleep(500);
        }
        double cleanupSeconds = seconds(start);
        List<Job> cleanupJobs = history.findHistoryCleanupJobs();
        // a plain VACUUM (autovacuum's) makes the space reusable by the next months' rows but gives little back to the
        // file system; VACUUM FULL rewrites the tables: what the rows left really take
        jdbc.execute("vacuum analyze");
        Map<String, Long> sizesVacuumed = historySizes();
        long fullStart = System.nanoTime();
        for (String table : historyTables()) {
            jdbc.execute("vacuum full " + table);
        }
        figures.note("year: after the cleanup, on disk after a plain VACUUM " + Figures.number(mib(sizesVacuumed))
                + " MiB; VACUUM FULL of the history tables took " + Figures.number(seconds(fullStart)) + " s");
        Map<String, Long> rowsAfter = historyRows();
        Map<String, Long> sizesAfter = historySizes();
        long closedAfter = closedRoots();
        Instant oldestEnd = jdbc.queryForObject("select min(end_time_) from act_hi_procinst where end_time_ is not null"
                + " and super_process_instance_id_ is null", java.sql.Timestamp.class).toInstant();
        Duration oldest = Duration.between(oldestEnd, cleanupAt);

        figures.add("9. cleanup of the year's expired history", cleanupSeconds, "s", 4 * 3600.0,
                "the batch window (4 hours)");
        figures.add("9. closed requests' history deleted", closedBefore - closedAfter, "requests", null,
                Figures.number((closedBefore - closedAfter) / cleanupSeconds) + " requests/s, "
                        + Figures.number((sum(rowsBefore) - sum(rowsAfter)) / cleanupSeconds) + " rows/s");
        figures.add("9. history tables after the cleanup (VACUUM FULL)", mib(sizesAfter), "MiB", null,
                Figures.number(closedAfter) + " closed requests left, the oldest closed "
                        + Figures.number(oldest.toHours() / 24.0) + " days ago");
        figures.add("9. history per closed request within its TTL", (double) sum(sizesAfter) / 1024 / closedAfter,
                "KiB", null, "table sizes with indexes / requests left");
        figures.add("9. database per closed request after its TTL, before the records' reduction", appBytes / 1024.0
                / SAMPLE, "KiB", null, "the application's rows only (growth, dead row versions included): the engine's"
                + " history is gone");
        figures.note("year: after the cleanup, rows " + rowsAfter + "; MiB " + mibs(sizesAfter) + "; cleanup jobs "
                + cleanupJobs.size() + "; load " + loadAverage());
        System.out.println(figures.table("Simulated year, " + YEAR_REQUESTS + " closed requests"));

        assertThat(oldest).as("no closed request's history outlives its TTL").isLessThanOrEqualTo(TTL.plusDays(1));
        assertThat(closedAfter).as("the requests within their TTL keep their history")
                .isGreaterThan(closedBefore * 170 / 365);
    }

    /**
     * What the application keeps of a closed request after the history's TTL, before and after the nightly sweep's
     * reduction of its records (ClosedRequestRecords) and the hourly limits sweep: the tables' growth over the sample
     * after a VACUUM FULL (live rows with their indexes), and the sample's own rows (pg_column_size, no indexes).
     * Every closed request in the database is reduced (the sample's, and any other test data's).
     */
    private void reduceTheSamplesRecords(String prefix, Map<String, Long> appBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (jdbc.queryForObject("select count(*) from notice_outbox o join rights_request r on r.id = o.request_id"
                + " where r.account_email like ? and o.sent_at is null and o.failed_at is null", Long.class,
                prefix + "%") > 0) {
            assertThat(System.nanoTime()).as("the sample's notices are sent").isLessThan(deadline);
            Thread.sleep(200);
        }
        vacuumFullApplicationTables();
        Map<String, Long> live = growth(appBefore, tableSizes(false));
        Map<String, Long> rowsLive = sampleRows(prefix);
        long start = System.nanoTime();
        long reduced = 0;
        ClosedRequestRecords.Batch batch;
        do {
            batch = closedRequestRecords.reduceBatch("bench-" + run, Instant.now().plusSeconds(1), 5000);
            reduced += batch.reduced();
        } while (batch.full());
        double reduceSeconds = seconds(start);
        // by the TTL the hourly limits sweep has deleted every use of the sample's limits and the subjects left
        limits.sweep(Duration.ZERO);
        vacuumFullApplicationTables();
        Map<String, Long> after = growth(appBefore, tableSizes(false));
        Map<String, Long> rowsAfter = sampleRows(prefix);
        assertThat(reduced).as("the sample's requests are reduced").isGreaterThanOrEqualTo(SAMPLE);
        figures.add("9. application's tables per closed request after its TTL, live (VACUUM FULL), before the"
                + " reduction", sum(live) / 1024.0 / SAMPLE, "KiB", 5.0, "the issue's target, 5 KB");
        figures.add("9. application's tables per closed request after its TTL, live (VACUUM FULL), after the"
                + " reduction", sum(after) / 1024.0 / SAMPLE, "KiB", 5.0, "the issue's target, 5 KB");
        figures.add("9. the sample's own rows per closed request, before the reduction", sum(rowsLive) / 1024.0
                / SAMPLE, "KiB", null, "pg_column_size of its rows, without indexes");
        figures.add("9. the sample's own rows per closed request, after the reduction", sum(rowsAfter) / 1024.0
                / SAMPLE, "KiB", null, "pg_column_size of its rows, without indexes");
        figures.note("year: reduced " + reduced + " closed requests in " + Figures.number(reduceSeconds) + " s");
        figures.note("year: application's tables per closed request, live, before the reduction (bytes): "
                + perRequest(live));
        figures.note("year: application's tables per closed request, live, after the reduction (bytes): "
                + perRequest(after));
        figures.note("year: the sample's rows per closed request before the reduction (bytes, no indexes): "
                + perRequest(rowsLive));
        figures.note("year: the sample's rows per closed request after the reduction (bytes, no indexes): "
                + perRequest(rowsAfter));
    }

    private static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> growth = new LinkedHashMap<>();
        after.forEach((table, size) -> {
            long grown = size - before.getOrDefault(table, 0L);
            if (grown != 0) {
                growth.put(table, grown);
            }
        });
        return growth;
    }

    /** The application's tables rewritten without dead row versions (what a table holds, not what it once held). */
    private void vacuumFullApplicationTables() {
        for (String table : tableSizes(false).keySet()) {
            jdbc.execute("vacuum full " + table);
        }
    }

    /** The sizes of the sample's rows (by request id, the audit trail by reference), per table. */
    private Map<String, Long> sampleRows(String prefix) {
        // the sample's references, kept aside: the reduction empties the address they were found by
        jdbc.execute("create table if not exists bench_year_requests (reference varchar(20) primary key)");
        jdbc.update("insert into bench_year_requests select reference from rights_request where account_email like ?"
                + " on conflict do nothing", prefix + "%");
        String ids = "select r.id from rights_request r join bench_year_requests b on b.reference = r.reference";
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("rights_request", jdbc.queryForObject("select coalesce(sum(pg_column_size(t.*)), 0) from"
                + " rights_request t where t.id in (" + ids + ")", Long.class));
        rows.put("audit_entry", jdbc.queryForObject("select coalesce(sum(pg_column_size(t.*)), 0) from audit_entry t"
                + " where t.reference in (select reference from bench_year_requests)", Long.class));
        rows.put("audit_seal", jdbc.queryForObject("select coalesce(sum(pg_column_size(t.*)), 0) from audit_seal t"
                + " where t.reference in (select reference from bench_year_requests)", Long.class));
        for (String table : jdbc.queryForList("select table_name from information_schema.columns where table_schema ="
                + " current_schema() and column_name = 'request_id' and table_name not like 'act_%'"
                + " and table_name not like 'bench_%' order by table_name", String.class)) {
            long size = jdbc.queryForObject("select coalesce(sum(pg_column_size(t.*)), 0) from " + table
                    + " t where t.request_id in (" + ids + ")", Long.class);
            if (size > 0) {
                rows.put(table, size);
            }
        }
        return rows;
    }

    /** Files, verifies and awaits COMPLETED for SAMPLE ACCESS requests; returns their root process instance ids. */
    private List<String> closeSample(String prefix) throws Exception {
        Api api = new Api(port);
        try (DeliveredVerificationCodes codes = new DeliveredVerificationCodes(TestInfrastructure.mail())) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Void>> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    clients.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < SAMPLE) {
                            Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", "ACCESS",
                                    "accountEmail", prefix + i + "@example.com", "language", "en")));
                            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
                            String reference = filed.json().get("reference").asText();
                            Api.Response verified = api.post("/api/requests/" + reference + "/verification",
                                    Api.json(Map.of("code", codes.await(reference, 180_000))), "X-Status-Token",
                                    filed.json().get("statusToken").asText());
                            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
                        }
                        return null;
                    }));
                }
                for (Future<Void> client : clients) {
                    client.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        // every process instance of a sample request with the reference as business key and no caller: the request's
        // own and its download link's expiry (DownloadExpiryProcess), whose timer is fired here instead of in 7 days
        String roots = "from act_hi_procinst p join rights_request r on r.reference = p.business_key_"
                + " where r.account_email like ? and p.super_process_instance_id_ is null";
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (jdbc.queryForObject("select count(*) from rights_request where account_email like ? and status ="
                + " 'COMPLETED'", Long.class, prefix + "%") < SAMPLE
                || jdbc.queryForObject("select count(*) " + roots + " and p.end_time_ is null", Long.class, prefix + "%")
                > 0) {
            assertThat(System.nanoTime()).as("the sample's requests are closed within 15 minutes").isLessThan(deadline);
            for (String timer : jdbc.queryForList("select j.id_ from act_ru_job j where j.type_ = 'timer' and"
                    + " j.process_instance_id_ in (select p.id_ " + roots + " and p.end_time_ is null"
                    + " and p.proc_def_key_ = 'DownloadExpiryProcess')", String.class, prefix + "%")) {
                management.executeJob(timer);
            }
            Thread.sleep(500);
        }
        return jdbc.queryForList("select p.id_ " + roots + " and p.removal_time_ is not null", String.class,
                prefix + "%");
    }

    /** The sample's roots numbered 0..SAMPLE-1, with their end time: the copies' times are moved relative to it. */
    private void prepareSample(List<String> roots) {
        jdbc.execute("drop table if exists bench_year_sample");
        jdbc.execute("create table bench_year_sample (root_id varchar(64) primary key, ord int, end_time timestamp)");
        for (String root : roots) {
            jdbc.update("insert into bench_year_sample select id_, 0, end_time_ from act_hi_procinst where id_ = ?", root);
        }
        // one number per request (0..SAMPLE-1), shared by its roots
        jdbc.update("update bench_year_sample s set ord = n.ord from (select p.id_, dense_rank() over (order by"
                + " p.business_key_) - 1 as ord from act_hi_procinst p join bench_year_sample b on b.root_id = p.id_) n"
                + " where n.id_ = s.root_id");
        assertThat(jdbc.queryForObject("select count(distinct ord) from bench_year_sample", Integer.class))
                .isEqualTo(SAMPLE);
    }

    /**
     * Copy g (1, 2, ...) of sample request j is request i = g * SAMPLE + j of the year (the sample itself are the
     * first SAMPLE, closed today); it ends at (year start + i / YEAR_REQUESTS × 365 days), every time of its rows moved
     * by the same offset. Each statement copies a block of copies of one table.
     */
    private long copyYear() {
        int copies = (YEAR_REQUESTS - 1) / SAMPLE;
        long rowsPerCopy = historyTables().stream().mapToLong(table -> jdbc.queryForObject("select count(*) from "
                + table + " where root_proc_inst_id_ in (select root_id from bench_year_sample)", Long.class)).sum();
        int block = (int) Math.max(1, Math.min(copies, 200_000 / Math.max(1, rowsPerCopy)));
        String yearStart = "timestamp '" + java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(365))) + "'";
        String offset = "((" + yearStart + " + ((g * " + SAMPLE + " + s.ord)::float8 / " + YEAR_REQUESTS
                + ") * interval '365 days') - s.end_time)";
        long written = 0;
        long started = System.nanoTime();
        long lastReport = started;
        for (int from = 1; from <= copies; from += block) {
            int to = Math.min(copies, from + block - 1);
            for (String table : historyTables()) {
                List<String> columns = new ArrayList<>();
                List<String> values = new ArrayList<>();
                jdbc.query("select column_name, data_type from information_schema.columns where table_schema ="
                        + " current_schema() and table_name = ? order by ordinal_position", rs -> {
                            String column = rs.getString(1);
                            String type = rs.getString(2);
                            columns.add(column);
                            if (type.startsWith("timestamp")) {
                                values.add("t." + column + " + " + offset);
                            } else if (column.endsWith("id_") && !SHARED_COLUMNS.contains(column)) {
                                // the same id gives the same new id in every table (32 characters: an activity
                                // instance's id, "activity:uuid", with a suffix would not fit in 64)
                                values.add("md5(t." + column + " || '#' || g)");
                            } else if (column.equals("business_key_")) {
                                values.add("t." + column + " || '#' || g");
                            } else {
                                values.add("t." + column);
                            }
                        }, table);
                written += jdbc.update("insert into " + table + " (" + String.join(", ", columns) + ") select "
                        + String.join(", ", values) + " from " + table + " t join bench_year_sample s on s.root_id ="
                        + " t.root_proc_inst_id_ cross join generate_series(" + from + ", " + to + ") g where g * "
                        + SAMPLE + " + s.ord < " + YEAR_REQUESTS);
            }
            if (seconds(lastReport) > 30 || to == copies) {
                lastReport = System.nanoTime();
                System.out.println("[bench] year: copies " + to + " of " + copies + ", " + written + " rows, "
                        + Figures.number(seconds(started)) + " s, load " + loadAverage());
            }
        }
        return written;
    }

    /** The engine's history tables that a request's hierarchy writes to, and the history's byte arrays. */
    private List<String> historyTables() {
        return jdbc.queryForList("select c.table_name from information_schema.columns c where c.table_schema ="
                + " current_schema() and c.column_name = 'root_proc_inst_id_' and (c.table_name like 'act_hi_%'"
                + " or c.table_name = 'act_ge_bytearray') order by c.table_name", String.class);
    }

    private Map<String, Long> historyBytesOf(List<String> roots) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        String in = "'" + String.join("','", roots) + "'";
        for (String table : historyTables()) {
            Long size = jdbc.queryForObject("select coalesce(sum(pg_column_size(t.*)), 0) from " + table
                    + " t where t.root_proc_inst_id_ in (" + in + ")", Long.class);
            if (size != null && size > 0) {
                bytes.put(table, size);
            }
        }
        return bytes;
    }

    private Map<String, Long> historyRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : historyTables()) {
            long count = jdbc.queryForObject("select count(*) from " + table
                    + (table.equals("act_ge_bytearray") ? " where root_proc_inst_id_ is not null" : ""), Long.class);
            if (count > 0) {
                rows.put(table, count);
            }
        }
        return rows;
    }

    private Map<String, Long> historySizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : historyTables()) {
            sizes.put(table, jdbc.queryForObject("select pg_total_relation_size(?)", Long.class, table));
        }
        return sizes;
    }

    private long expiredRows(Instant at) {
        long rows = 0;
        for (String table : historyTables()) {
            rows += jdbc.queryForObject("select count(*) from " + table + " where removal_time_ <= ?", Long.class,
                    java.sql.Timestamp.from(at));
        }
        return rows;
    }

    private long closedRoots() {
        return jdbc.queryForObject("select count(*) from act_hi_procinst where end_time_ is not null"
                + " and super_process_instance_id_ is null and proc_def_key_ = 'RightsRequestProcess'", Long.class);
    }

    /** Every table's size with indexes and TOAST: the engine's ({@code act_}) or the application's. */
    private Map<String, Long> tableSizes(boolean engine) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        jdbc.query("select relname, pg_total_relation_size(relid) from pg_stat_user_tables", rs -> {
            if (rs.getString(1).startsWith("act_") == engine && !rs.getString(1).startsWith("flyway")
                    && !rs.getString(1).startsWith("bench_")) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        });
        return sizes;
    }

    private String perRequest(Map<String, Long> bytes) {
        StringBuilder out = new StringBuilder();
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue() / SAMPLE));
        return out.toString();
    }

    private static String mibs(Map<String, Long> sizes) {
        StringBuilder out = new StringBuilder();
        sizes.forEach((table, size) -> {
            if (size > 65_536) {
                out.append(out.isEmpty() ? "" : ", ").append(table).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", size / 1_048_576.0));
            }
        });
        return out.toString();
    }

    private static double mib(Map<String, Long> sizes) {
        return sum(sizes) / 1_048_576.0;
    }

    private static long sum(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
