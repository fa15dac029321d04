package org.rightsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;
import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheBootstrap;
import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheConfiguration;
import org.camunda.bpm.engine.rest.hal.caseDefinition.HalCaseDefinition;
import org.camunda.bpm.engine.rest.hal.group.HalGroup;
import org.camunda.bpm.engine.rest.hal.identitylink.HalIdentityLink;
import org.camunda.bpm.engine.rest.hal.processDefinition.HalProcessDefinition;
import org.camunda.bpm.engine.rest.hal.user.HalUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.rightsflow.demo.DemoAccounts;
import org.rightsflow.demo.DemoAccountsSeeder;
import org.rightsflow.fulfilment.copy.CopyFulfilment;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.process.model.ExemptionReviewModel;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.support.Api;
import org.rightsflow.support.GeneratedHistory;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark suite of issue 8 (BENCHMARKS.md): the whole application with its job executor on embedded
 * PostgreSQL, mail over SMTP to GreenMail, like the Spring Boot tests, and beside every figure a baseline measured in
 * the same run. It is not a test: only {@code mvn -B -Pbench verify} runs it, it prints its figures and never fails on
 * a time. It fails only when the work was not really done (requests not persisted, reminders not sent...).
 *
 * <p>The figures run in a fixed order, because each leaves work behind (in-flight requests, open tasks) that would
 * disturb the ones before it: intake, life cycle, export, memory per request and timer storm (on the same in-flight
 * requests), staff queries last (50,000 open tasks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RightsflowBenchmark {

    static final BenchScale SCALE = BenchScale.fromSystemProperties();

    private static final String BARE_ONE_WAIT = "BenchOneWaitProcess";
    private static final String BARE_TIMER = "BenchTimerProcess";
    /** The product's RightsRequestProcess with every delegate and listener a no-op: the engine's share of a filing. */
    private static final String MODEL_SHAPE = "BenchRightsRequestShape";
    private static final String AWAIT_VERIFICATION = "ReceiveTask_AwaitVerification";
    private static final String VERIFICATION_REMINDER = "BoundaryEvent_VerificationReminder";
    private static final String REVIEW_TASK = "Task_ReviewExemptions";
    /** docs/architecture.md performance notes: the bare engine drains about 240 async jobs/s on this machine class. */
    private static final double DESIGN_BARE_JOBS_PER_SECOND = 240;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgres().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // the demo's systems without its paper archive (a manual system: each request would wait for a data operator)
        registry.add("rightsflow.datamap.locations",
                () -> String.join(",", org.rightsflow.datamap.DataMap.DEFAULT_LOCATIONS));
        // 32 concurrent HTTP clients plus the job executor: more than Hikari's default 10 connections would queue
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
        // -Dbench.workMem=32MB: a work_mem on the application's connections (the product sets none: BENCHMARKS.md,
        // figure 5, run I); unset, PostgreSQL's default 4 MB, and figure 5's work_mem levers can set it per run
        String workMem = System.getProperty("bench.workMem");
        if (workMem != null) {
            // a pool with its own init SQL is left alone by EngineQueryPlans: repeat what it sets
            registry.add("spring.datasource.hikari.connection-init-sql",
                    () -> "set random_page_cost = 1.1; SET work_mem = '" + workMem + "'");
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().getSmtp().getPort());
        registry.add("rightsflow.demo.mail-sink.enabled", () -> "false");
        registry.add("rightsflow.demo.large-account-operation-logs", () -> Integer.toString(SCALE.largeAccountRows()));
        registry.add("rightsflow.notice.dispatch-interval", () -> "PT0.2S");
        TestInfrastructure.raiseAbuseLimits(registry::add);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    org.camunda.bpm.engine.ProcessEngineConfiguration engineConfiguration;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DemoAccountsSeeder seeder;
    @Autowired
    CopyFulfilment copy;
    @Autowired
    DownloadService downloads;

    private final Figures figures = new Figures();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private Api api;
    /** Measured by figure 4's baseline; figure 2's baseline derives from it. */
    private double bareJobsPerSecond = Double.NaN;
    private double lifecycleJobsPerRequest = Double.NaN;
    private double lifecycleRate = Double.NaN;
    private double bareChainsPerSecond = Double.NaN;

    @BeforeAll
    void deployBaselines() {
        api = new Api(port);
        // chen.jie's operation log is seeded in the background after start-up: let it finish before anything is
        // measured, or the seeding would share the 2 cores with the first figures
        seeder.awaitLargeAccount(Duration.ofMinutes(10));
        repository.createDeployment().name("rightsflow-benchmark-baselines")
                .addClasspathResource("bench/bench-one-wait.bpmn")
                .addClasspathResource("bench/bench-timer.bpmn")
                .addString("bench-rights-request-shape.bpmn", modelShape())
                .enableDuplicateFiltering(true)
                .deploy();
        System.out.println("[bench] scale " + SCALE);
        // the database settings that decide what a commit costs (embedded PostgreSQL's defaults unless changed)
        System.out.println("[bench] postgres " + jdbc.queryForObject("select version()", String.class) + "; "
                + String.join(", ", jdbc.queryForList("select name || '=' || setting from pg_settings where name in"
                + " ('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'wal_level')", String.class)));
    }

    /**
     * The product's model with its own id, every delegate and listener replaced by a no-op expression: started with
     * the variables a filing sets, it runs to the verification wait with the same scopes, timers, subscriptions and
     * history as a filing, but none of the application's work (HTTP, request row, audit, notices).
     */
    private static String modelShape() {
        try (var in = RightsflowBenchmark.class.getClassLoader().getResourceAsStream("processes/rights-request.bpmn")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // service tasks carry camunda:delegateExpression, listeners (camunda: elements) a plain delegateExpression
            String shape = xml.replace("\"RightsRequestProcess\"", "\"" + MODEL_SHAPE + "\"")
                    .replaceAll("(camunda:)?delegateExpression=\"\\$\\{[a-zA-Z]+}\"", "$1expression=\"\\${null}\"");
            assertThat(shape).contains(MODEL_SHAPE).doesNotContain("delegateExpression");
            return shape;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void printTable() {
        if (!Double.isNaN(lifecycleRate) && !Double.isNaN(bareChainsPerSecond)) {
            figures.add("2. life cycle against the bare-engine bound of the same run", lifecycleRate, "req/s",
                    bareChainsPerSecond, "bare async chains/s, same jobs per instance, same clients, same run");
        }
        if (!Double.isNaN(lifecycleRate) && !Double.isNaN(lifecycleJobsPerRequest)) {
            double jobs = Double.isNaN(bareJobsPerSecond) ? DESIGN_BARE_JOBS_PER_SECOND : bareJobsPerSecond;
            figures.add("2. life cycle: bare-engine bound", jobs / lifecycleJobsPerRequest, "req/s", null,
                    Figures.number(jobs) + " bare jobs/s / " + Figures.number(lifecycleJobsPerRequest)
                            + " jobs per request");
        }
        System.out.println(figures.table("Rightsflow benchmark, scale " + SCALE.name() + " (" + SCALE + "), "
                + Runtime.getRuntime().availableProcessors() + " processors, Java "
                + System.getProperty("java.version")));
    }

    // ------------------------------------------------------------------ 1. intake

    /**
     * Figure 1. The application's filings, the bare start and the model alone run in alternating rounds
     * ({@code -Dbench.intakeRounds}, 4 by default), each rate from the summed times of its rounds: on a machine shared
     * with other work, load that comes and goes falls on all three alike instead of on whichever ran at that moment.
     */
    @Test
    @Order(1)
    void intakeThroughput() throws Exception {
        int rounds = Math.max(1, Integer.getInteger("bench.intakeRounds", 4));
        resetStatementStatistics();
        for (int clients : new int[] {1, 8, 32}) {
            int n = Math.max(clients, SCALE.intakeRequests() / rounds);
            double appSeconds = 0;
            double httpSeconds = 0;
            double bareSeconds = 0;
            double shapeSeconds = 0;
            double appCpu = 0;
            double bareCpu = 0;
            for (int round = 0; round < rounds; round++) {
                String prefix = "bench-intake-" + run + "-c" + clients + "-r" + round + "-";
                insertAccounts(prefix, n);
                CpuSpent cpuBefore = CpuSpent.now(jdbc);
                long start = System.nanoTime();
                List<String> references = fileConcurrently(prefix, n, n, clients, "ACCESS");
                httpSeconds += seconds(start);
                awaitCount("intake c" + clients + " at the verification wait, acknowledged", n, Duration.ofMinutes(10),
                        () -> Math.min(waitingAt(AWAIT_VERIFICATION, prefix), outboxCount("ACKNOWLEDGEMENT", prefix)));
                appSeconds += seconds(start);
                CpuSpent filed = CpuSpent.now(jdbc);
                appCpu += filed.since(cpuBefore).total();
                assertThat(references).hasSize(n).doesNotHaveDuplicates();
                bareSeconds += n / bareStarts(n, clients, "r" + round);
                bareCpu += CpuSpent.now(jdbc).since(filed).total();
                shapeSeconds += n / modelShapeStarts(n, clients, "r" + round);
            }
            int total = n * rounds;
            double bareRate = total / bareSeconds;
            figures.add("1. intake, " + clients + " client(s)", total / appSeconds, "req/s", bareRate,
                    "bare Camunda start, one wait state");
            figures.add("1. intake, " + clients + " client(s): HTTP answers only", total / httpSeconds, "req/s", bareRate,
                    "bare Camunda start, one wait state");
            figures.add("1. intake, " + clients + " client(s): the model alone, no-op delegates (Java API)",
                    total / shapeSeconds, "req/s", bareRate, "bare Camunda start, one wait state");
            // the same comparison in CPU (JVM and PostgreSQL) rather than time: it moves less with other load
            figures.add("1. intake, " + clients + " client(s): CPU per filing (JVM and PostgreSQL)", appCpu / total * 1000,
                    "ms", bareCpu / total * 1000, "CPU per bare start");
        }
        figures.note("intake: per client count " + rounds + " alternating rounds of filings, bare starts and model-alone"
                + " starts, each rate from the summed times of its rounds");
        printStatementStatistics("intake (filings, bare starts and model-alone starts together)");
    }

    private double bareStarts(int n, int clients, String round) throws Exception {
        String prefix = "bench-" + run + "-" + clients + "-" + round + "-";
        long start = System.nanoTime();
        startInstances(BARE_ONE_WAIT, prefix, n, clients);
        double rate = n / seconds(start);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(BARE_ONE_WAIT)
                .processInstanceBusinessKeyLike(prefix + "%").count()).isEqualTo(n);
        return rate;
    }

    /** Starts of the product's model with no-op delegates (see {@link #modelShape()}), the variables of a filing. */
    private double modelShapeStarts(int n, int clients, String round) throws Exception {
        String prefix = "bench-shape-" + run + "-" + clients + "-" + round + "-";
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        parallel(clients, () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                Instant now = Instant.now();
                Map<String, Object> variables = new HashMap<>();
                variables.put("requestId", UUID.randomUUID().toString());
                variables.put("reference", prefix + i);
                variables.put("requestType", "ACCESS");
                variables.put("dueDate", Date.from(now.plus(Duration.ofDays(21))));
                variables.put("reminderDate", Date.from(now.plus(Duration.ofDays(18))));
                runtime.startProcessInstanceByKey(MODEL_SHAPE, prefix + i, variables);
            }
            return null;
        });
        double rate = n / seconds(start);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MODEL_SHAPE)
                .processInstanceBusinessKeyLike(prefix + "%").activityIdIn(AWAIT_VERIFICATION).count())
                .as("every shape instance at the verification wait").isEqualTo(n);
        return rate;
    }

    // ------------------------------------------------------------------ 2. life cycle

    @Test
    @Order(2)
    void lifecycleThroughputAndLatency() throws Exception {
        int n = SCALE.lifecycleRequests();
        String prefix = "bench-life-" + run + "-";
        // one account per request: no account has earlier ACCESS requests, so triage never sends one to review
        insertAccounts(prefix, n);
        TestInfrastructure.mail().purgeEmailFromAllMailboxes();
        long jobsBefore = successfulJobs();
        resetStatementStatistics();
        CpuSpent cpuBefore = CpuSpent.now(jdbc);
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        try (DeliveredVerificationCodes codes = new DeliveredVerificationCodes(TestInfrastructure.mail())) {
            AtomicInteger next = new AtomicInteger();
            parallel(SCALE.lifecycleClients(), () -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", "ACCESS",
                            "accountEmail", prefix + i + "@example.com", "language", "en")));
                    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
                    String reference = filed.json().get("reference").asText();
                    String code = codes.await(reference, 180_000);
                    Api.Response verified = api.post("/api/requests/" + reference + "/verification",
                            Api.json(Map.of("code", code)), "X-Status-Token", filed.json().get("statusToken").asText());
                    assertThat(verified.status()).as(verified.text()).isEqualTo(200);
                }
                return null;
            });
        }
        awaitCount("life cycle COMPLETED with the result notice", n, Duration.ofMinutes(15),
                () -> Math.min(statusCount("COMPLETED", prefix), outboxCount("RESULT_COMPLETED", prefix)));
        double elapsed = seconds(start);
        CpuSpent cpu = CpuSpent.now(jdbc).since(cpuBefore);
        List<Long> latencies = jdbc.queryForList("select cast(extract(epoch from (h.at - r.received_at)) * 1000 as bigint)"
                + " from rights_request r join request_status_history h on h.request_id = r.id and h.status = 'COMPLETED'"
                + " where r.account_email like ?", Long.class, prefix + "%");
        assertThat(latencies).hasSize(n);
        Collections.sort(latencies);
        // the jobs the engine executed during the batch (its job-successful metric: the history keeps no job log of
        // jobs that succeeded, docs/operations.md); nothing else runs jobs while the life cycle is measured
        long jobs = successfulJobs() - jobsBefore;
        lifecycleJobsPerRequest = (double) jobs / n;
        lifecycleRate = n / elapsed;
        figures.add("2. life cycle ACCESS, filing to COMPLETED", lifecycleRate, "req/s", null,
                "see 'bare-engine bound' below");
        figures.add("2. life cycle latency p50", percentile(latencies, 50) / 1000.0, "s", null, null);
        figures.add("2. life cycle latency p95", percentile(latencies, 95) / 1000.0, "s", null, null);
        figures.add("2. life cycle latency p99", percentile(latencies, 99) / 1000.0, "s", null, null);
        figures.add("2. life cycle: async jobs per request", lifecycleJobsPerRequest, "jobs", null, null);
        // what a request costs the two cores, which moves much less with other load than the rate (CpuSpent)
        figures.add("2. life cycle: CPU per request, the JVM (clients and mail server included)",
                cpu.jvmSeconds() / n * 1000, "ms", null, null);
        figures.add("2. life cycle: CPU per request, PostgreSQL", cpu.postgresSeconds() / n * 1000, "ms", null, null);
        figures.add("2. life cycle: statement calls per request", statementCalls() / (double) n, "calls", null, null);
        printStatementStatistics("life cycle");
        bareChainsPerSecond = bareJobChains(n, SCALE.lifecycleClients(), (int) Math.round(lifecycleJobsPerRequest));
        figures.note("life cycle: " + n + " ACCESS requests, " + SCALE.lifecycleClients()
                + " clients, started " + startedAt + "; latency = COMPLETED status time - filing time (server clock)");
    }

    /**
     * The life cycle's bare-engine bound measured in the same run: as many instances as requests, started by as many
     * clients, of a bare chain of as many async no-op service tasks as a request executes jobs; instances completed
     * per second. It is what the engine alone does with the same jobs on the same machine at the same moment, so the
     * ratio does not lean on a figure measured on another day (the design figure of 240 jobs/s).
     */
    private double bareJobChains(int n, int clients, int jobs) throws Exception {
        String key = "BenchAsyncChain" + jobs;
        org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> chain =
                org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent();
        for (int j = 0; j < jobs; j++) {
            chain = chain.serviceTask("Task_Noop" + j).camundaAsyncBefore().camundaExpression("${null}");
        }
        repository.createDeployment().name("rightsflow-benchmark-async-chain")
                .addModelInstance(key + ".bpmn", chain.endEvent().done()).enableDuplicateFiltering(true).deploy();
        String prefix = "bench-chain-" + run + "-";
        long jobsBefore = successfulJobs();
        long start = System.nanoTime();
        startInstances(key, prefix, n, clients);
        awaitCount("bare async chains ended", n, Duration.ofMinutes(15),
                () -> n - runtime.createProcessInstanceQuery().processDefinitionKey(key)
                        .processInstanceBusinessKeyLike(prefix + "%").count());
        double elapsed = seconds(start);
        double executed = successfulJobs() - jobsBefore;
        figures.add("2. bare-engine bound: " + n + " chains of " + jobs + " async no-op jobs, " + clients + " clients",
                n / elapsed, "req/s", null, Figures.number(executed / elapsed) + " bare jobs/s in this run");
        return n / elapsed;
    }

    /** With {@code -Dbench.statements=true}: the statements PostgreSQL ran since the last reset; NaN without. */
    private double statementCalls() {
        if (!Boolean.getBoolean(TestInfrastructure.STATEMENT_STATISTICS)) {
            return Double.NaN;
        }
        return jdbc.queryForObject("select coalesce(sum(calls), 0) from pg_stat_statements", Double.class);
    }

    /** With {@code -Dbench.statements=true} (pg_stat_statements loaded): forget what earlier figures did. */
    private void resetStatementStatistics() {
        if (Boolean.getBoolean(TestInfrastructure.STATEMENT_STATISTICS)) {
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.execute("select pg_stat_statements_reset()");
        }
    }

    /**
     * With {@code -Dbench.statements=true}: the statements that took the database's time since the last reset, the
     * measurement that says which statement or lock a wait-bound figure waits for (BENCHMARKS.md, figures 1 and 2).
     */
    private void printStatementStatistics(String figure) {
        if (!Boolean.getBoolean(TestInfrastructure.STATEMENT_STATISTICS)) {
            return;
        }
        System.out.println("[bench] statements, " + figure + ": total ms | calls | mean ms | rows | statement");
        jdbc.query("""
                select total_exec_time, calls, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements order by total_exec_time desc limit 25""", rs -> {
            System.out.printf("[bench]   %,10.0f | %,8d | %8.2f | %,9d | %.220s%n", rs.getDouble(1), rs.getLong(2),
                    rs.getDouble(3), rs.getLong(4), rs.getString(5));
        });
        jdbc.query("select sum(total_exec_time), sum(calls) from pg_stat_statements", rs -> {
            System.out.printf("[bench]   all statements: %,.0f ms in %,d calls%n", rs.getDouble(1), rs.getLong(2));
        });
    }

    // ------------------------------------------------------------------ 3. export

    @Test
    @Order(3)
    void export() throws Exception {
        long chenJie = jdbc.queryForObject("select id from account where email = ?", Long.class, DemoAccounts.CHEN_JIE);
        seeder.awaitLargeAccount(Duration.ofMinutes(10));
        // two generated accounts, the second with ten times the rows of the first: the issue's "peak heap flat as rows
        // grow tenfold" read directly from two lines of the table
        int smallRows = SCALE.exportVariantRows() / 10;
        long small = generatedAccount(smallRows);
        long large = generatedAccount(SCALE.exportVariantRows());
        // not recorded: the first package after a start runs before the JIT has compiled its path (twice as slow
        // when this figure runs alone); the figures are of a node that has been up for a while
        exportOne(null, small);

        exportOne("chen.jie", chenJie);
        exportOne(smallRows / 1000 + "k-row variant", small);
        exportOne(SCALE.exportVariantRows() / 1000 + "k-row variant", large);
    }

    /** An account with {@code rows} operation-log rows, generated by PostgreSQL for the run. */
    private long generatedAccount(int rows) {
        String email = "bench-export-" + run + "-" + rows + "@example.com";
        jdbc.update("insert into account (email, phone, display_name) values (?, '+8613900000000', 'Bench Export')", email);
        long account = jdbc.queryForObject("select id from account where email = ?", Long.class, email);
        long generation = System.nanoTime();
        // PostgreSQL only (the benchmark runs on embedded PostgreSQL): a server-side generator is much faster than
        // batched inserts from here
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " select ?, case g % 4 when 0 then 'LOGIN' when 1 then 'LOGOUT' when 2 then 'PASSWORD_CHANGE'"
                + " else 'ORDER_PLACED' end, '10.0.' || (g % 250) || '.' || (g % 200), 'RightsflowBench/1.0 (X11; Linux)',"
                + " now() - g * interval '1 minute' from generate_series(1, ?) g", account, rows);
        jdbc.execute("analyze account_operation_log");
        figures.note("export variant: " + rows + " operation-log rows generated in " + Figures.number(seconds(generation))
                + " s");
        return account;
    }

    /** @param label the figures' name for the account; null for a warm-up that records nothing */
    private void exportOne(String label, long accountId) throws Exception {
        long rows = jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?", Long.class,
                accountId);
        // a COPY request that waits for verification gives the package its request row; it is never verified, so
        // the COPY process itself does not run and only the call below builds a package
        String email = jdbc.queryForObject("select email from account where id = ?", String.class, accountId);
        Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", "COPY", "accountEmail", email,
                "language", "en")));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.json().get("reference").asText());

        // baseline first: plain JDBC to JSON, no ZIP, no encryption
        Path json = Files.createTempFile("bench-export-", ".json");
        long baseBefore = heapAfterGc();
        resetPeaks();
        long start = System.nanoTime();
        long[] written;
        long baseLive;
        try (LiveHeapPeak live = new LiveHeapPeak()) {
            written = jdbcToJson(accountId, json);
            baseLive = live.collections() == 0 ? -1 : Math.max(live.peakAfterGc(), baseBefore) - baseBefore;
        }
        double baseSeconds = seconds(start);
        long basePeak = peakHeap() - baseBefore;
        Files.deleteIfExists(json);
        assertThat(written[0]).isEqualTo(rows);

        long before = heapAfterGc();
        resetPeaks();
        start = System.nanoTime();
        DownloadService.StoredPackage stored;
        long live;
        long collections;
        try (LiveHeapPeak liveHeap = new LiveHeapPeak()) {
            stored = copy.buildPackage(requestId, CopyFulfilment.KIND);
            live = liveHeap.collections() == 0 ? -1 : Math.max(liveHeap.peakAfterGc(), before) - before;
            collections = liveHeap.collections();
        }
        double seconds = seconds(start);
        long peak = peakHeap() - before;
        assertThat(stored.size()).isPositive();
        downloads.packageFile(stored.downloadId()).ifPresent(file -> file.toFile().delete());

        if (label == null) {
            return; // the warm-up
        }
        double mb = stored.size() / 1_000_000.0;
        figures.add("3. export " + label + ": COPY package", mb / seconds, "MB/s", (written[1] / 1_000_000.0) / baseSeconds,
                "JDBC -> JSON, no ZIP/encryption");
        figures.add("3. export " + label + ": rows", rows / seconds, "rows/s", rows / baseSeconds,
                "JDBC -> JSON, no ZIP/encryption");
        figures.add("3. export " + label + ": peak heap growth", peak / 1_048_576.0, "MiB", basePeak / 1_048_576.0,
                "JDBC -> JSON, no ZIP/encryption");
        // "-" where no collection happened while the rows were written: nothing was measured
        figures.add("3. export " + label + ": peak live heap growth (after each GC)",
                live < 0 ? Double.NaN : live / 1_048_576.0, "MiB",
                baseLive < 0 ? Double.NaN : baseLive / 1_048_576.0, "JDBC -> JSON, no ZIP/encryption");
        figures.note("export " + label + ": " + rows + " operation-log rows, package " + Figures.number(mb)
                + " MB (encrypted ZIP, JSON+CSV per category) in " + Figures.number(seconds) + " s; JSON "
                + Figures.number(written[1] / 1_000_000.0) + " MB in " + Figures.number(baseSeconds) + " s; "
                + collections + " collections during the package");
    }

    /** @return rows and bytes written */
    private long[] jdbcToJson(long accountId, Path file) throws Exception {
        long rows = 0;
        try (Connection connection = dataSource.getConnection();
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement select = connection.prepareStatement(
                    "select * from account_operation_log where account_id = ? order by id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(1000);
                select.setLong(1, accountId);
                JsonGenerator generator = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
                generator.writeStartArray();
                try (ResultSet rs = select.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    while (rs.next()) {
                        generator.writeStartObject();
                        for (int c = 1; c <= columns; c++) {
                            Object value = rs.getObject(c);
                            generator.writeFieldName(meta.getColumnLabel(c));
                            if (value == null) {
                                generator.writeNull();
                            } else if (value instanceof Number number) {
                                generator.writeNumber(number.toString());
                            } else if (value instanceof Boolean bool) {
                                generator.writeBoolean(bool);
                            } else {
                                generator.writeString(value.toString());
                            }
                        }
                        generator.writeEndObject();
                        rows++;
                    }
                }
                generator.writeEndArray();
                generator.flush();
            } finally {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            }
        }
        return new long[] {rows, Files.size(file)};
    }

    // ------------------------------------------------------------------ 6. memory per request, 4. timer storm

    @Test
    @Order(4)
    void memoryPerRequestAndTimerStorm() throws Exception {
        int n = SCALE.inFlightRequests();
        double scaleTo10k = 10_000.0 / n;

        // bare baseline: n one-wait instances
        long heap0 = heapAfterGc();
        long db0 = databaseSize();
        String bareKey = "bench-mem-" + run + "-";
        startInstances(BARE_ONE_WAIT, bareKey, n, 4);
        long bareHeap = heapAfterGc() - heap0;
        long bareDb = databaseSize() - db0;

        // the application: n requests waiting for verification, acknowledged, codes sent
        String prefix = "bench-storm-" + run + "-";
        int accounts = Math.min(n, 200);
        insertAccounts(prefix, accounts);
        TestInfrastructure.mail().purgeEmailFromAllMailboxes();
        long heap1 = heapAfterGc();
        long db1 = databaseSize();
        Map<String, Long> tables1 = tableSizes();
        Map<String, Long> indexes1 = indexSizes();
        long start = System.nanoTime();
        fileConcurrently(prefix, n, accounts, 16, "ACCESS");
        awaitCount("in-flight requests waiting, acknowledged and code sent", n, Duration.ofMinutes(20),
                () -> Math.min(waitingAt(AWAIT_VERIFICATION, prefix), sentCount("VERIFICATION_CODE", prefix)));
        figures.note("memory: " + n + " requests filed by 16 clients and waiting in " + Figures.number(seconds(start))
                + " s");
        TestInfrastructure.mail().purgeEmailFromAllMailboxes();
        long appHeap = heapAfterGc() - heap1;
        long appDb = databaseSize() - db1;
        figures.add("6. heap per 10,000 in-flight requests", appHeap * scaleTo10k / 1_048_576.0, "MiB",
                bareHeap * scaleTo10k / 1_048_576.0, "bare one-wait instances");
        figures.add("6. database per 10,000 in-flight requests", appDb * scaleTo10k / 1_048_576.0, "MiB",
                bareDb * scaleTo10k / 1_048_576.0, "bare one-wait instances");
        figures.note("memory: heap after GC, pg_database_size; measured over " + n + " requests, scaled to 10,000");
        Map<String, Long> tables2 = tableSizes();
        figures.note("memory: largest growth per 10,000 requests (table with its indexes and TOAST, MiB): "
                + tables2.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - tables1.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> e.getKey() + " " + Figures.number(e.getValue() * scaleTo10k / 1_048_576.0))
                .collect(java.util.stream.Collectors.joining(", ")));
        // the whole breakdown, per request (KiB): every table and every index that grew, so that each lever of issue
        // 21's in-flight target can be told apart from the others (BENCHMARKS.md, figure 6)
        figures.note("memory: growth per waiting request (table with its indexes and TOAST, KiB): "
                + growth(tables1, tables2, n));
        figures.note("memory: growth per waiting request of each index (KiB): " + growth(indexes1, indexSizes(), n));
        figures.note("memory: rows per waiting request: " + rowsPerRequest(prefix, n));
        figures.note("memory: load average " + loadAverage());
        if (Boolean.getBoolean("bench.memoryOnly")) {
            return; // -Dbench.memoryOnly=true: the sizes only, without the timer storm
        }

        // 4. timer storm: all their reminder timers fall due at once
        Set<String> instances = new HashSet<>(jdbc.queryForList("select p.id_ from act_ru_execution p join rights_request r"
                + " on r.reference = p.business_key_ where p.parent_id_ is null and r.account_email like ?",
                String.class, prefix + "%"));
        List<String> reminderJobs = management.createJobQuery().activityId(VERIFICATION_REMINDER).timers().list()
                .stream().filter(job -> instances.contains(job.getProcessInstanceId())).map(Job::getId).toList();
        assertThat(reminderJobs).hasSize(n);
        start = dueNow(reminderJobs);
        awaitCount("verification reminders in the outbox", n, Duration.ofMinutes(20),
                () -> outboxCount("VERIFICATION_REMINDER", prefix));
        double appSeconds = seconds(start);

        // bare: n timer → async no-op instances
        String timerKey = "bench-timer-" + run + "-";
        startInstances(BARE_TIMER, timerKey, n, 4);
        Set<String> bareInstances = new HashSet<>(runtime.createProcessInstanceQuery().processDefinitionKey(BARE_TIMER)
                .processInstanceBusinessKeyLike(timerKey + "%").list().stream().map(ProcessInstance::getId).toList());
        List<String> bareJobs = management.createJobQuery().processDefinitionKey(BARE_TIMER).timers().list().stream()
                .filter(job -> bareInstances.contains(job.getProcessInstanceId())).map(Job::getId).toList();
        assertThat(bareJobs).hasSize(n);
        long bareStart = dueNow(bareJobs);
        awaitCount("bare no-op tasks finished", n, Duration.ofMinutes(20),
                () -> history.createHistoricActivityInstanceQuery().activityId("Task_Noop").finished().count()
                        - bareNoopsBefore);
        double bareSeconds = seconds(bareStart);
        bareNoopsBefore += n;
        bareJobsPerSecond = 2.0 * n / bareSeconds;

        figures.add("4. timer storm: time until all handled", appSeconds, "s", bareSeconds, "bare timer -> no-op");
        // the application's reminder is one job (the timer's job sends it and starts the second wait), the bare
        // instance's two (timer, async no-op): compare what is handled per second
        figures.add("4. timer storm: reminders handled", n / appSeconds, "per s", n / bareSeconds,
                "bare timer -> no-op");
        figures.note("timer storm: " + n + " reminder timers set due at once; handled = VERIFICATION_REMINDER in the"
                + " outbox (1 job each: the timer's job sends it; bare: 2 jobs, the timer and the async no-op)");
    }

    private long bareNoopsBefore;

    /** Sets the jobs due now in one transaction, so that they fall due at once. @return System.nanoTime after commit */
    private long dueNow(List<String> jobIds) {
        Timestamp now = Timestamp.from(Instant.now().minusSeconds(1));
        transactions.executeWithoutResult(status -> jdbc.batchUpdate("update act_ru_job set duedate_ = ? where id_ = ?",
                jobIds.stream().map(id -> new Object[] {now, id}).toList()));
        return System.nanoTime();
    }

    // ------------------------------------------------------------------ 5. staff queries

    @Test
    @Order(5)
    void staffQueries() throws Exception {
        int n = SCALE.staffTasks();
        // through the engine: all of them unless -Dbench.staffEngineTasks says fewer (the rest are copies, see below)
        int throughEngine = Math.min(n, Integer.getInteger("bench.staffEngineTasks", n));
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Instant now = Instant.now();
        parallel(4, () -> {
            int i;
            while ((i = next.getAndIncrement()) < throughEngine) {
                Instant due = now.plus(Duration.ofMinutes(60 + (i * 7919L) % (30 * 24 * 60)));
                String reference = "RB-" + run + "-" + i;
                runtime.createProcessInstanceByKey(RightsRequestModel.PROCESS_ID).businessKey(reference)
                        .setVariables(Map.of(
                                VariableNames.REQUEST_ID, UUID.randomUUID().toString(),
                                VariableNames.REFERENCE, reference,
                                VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS,
                                VariableNames.DUE_DATE, Date.from(due),
                                VariableNames.REMINDER_DATE, Date.from(due.minus(Duration.ofDays(3)).isAfter(now)
                                        ? due.minus(Duration.ofDays(3)) : due)))
                        // as the model creates a review: RightsRequestProcess calls ExemptionReviewProcess, whose task it is
                        .startBeforeActivity(RightsRequestModel.CALL_ACTIVITY_REVIEW_EXEMPTIONS)
                        .execute();
            }
            return null;
        });
        assertThat(tasks.createTaskQuery().taskDefinitionKey(REVIEW_TASK).processInstanceBusinessKeyLike("RB-" + run + "-%")
                .count()).isEqualTo(throughEngine);
        figures.note("staff: " + throughEngine + " open review tasks created in " + Figures.number(seconds(start))
                + " s (" + Figures.number(throughEngine / seconds(start)) + "/s, startBeforeActivity of the call to"
                + " ExemptionReviewProcess)");
        if (throughEngine < n) {
            long copying = System.nanoTime();
            copyReviewTasks(n - throughEngine, now);
            figures.note("staff: " + (n - throughEngine) + " more review tasks copied in SQL from those (task and"
                    + " candidate group link, and a task authorization only where the engine wrote one: none for the"
                    + " officers, who hold one grant on ExemptionReviewProcess; due dates spread the same way) in "
                    + Figures.number(seconds(copying)) + " s");
            assertThat(jdbc.queryForObject("select count(*) from act_ru_authorization a join act_ru_task t"
                    + " on t.id_ = a.resource_id_ and a.resource_type_ = 7 where t.task_def_key_ = ?", Long.class,
                    REVIEW_TASK)).as("authorization rows per review task").isZero();
        }
        // what autovacuum does within a minute of such a burst (since PostgreSQL 13 inserts alone trigger it): the
        // planner's statistics (V9) see the new tasks and their authorizations, and the new rows' hint bits and the
        // visibility map are set, so the first queries do not pay for writing them and index-only scans skip the heap
        jdbc.execute("vacuum analyze act_ru_task");
        jdbc.execute("vacuum analyze act_ru_identitylink");
        jdbc.execute("vacuum analyze act_ru_authorization");
        List<String> parentIndexes = jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_task'"
                + " and indexdef like '%parent_task_id_%'", String.class);
        figures.note("staff: index on act_ru_task.parent_task_id_: " + (parentIndexes.isEmpty() ? "ABSENT" : parentIndexes));
        figures.note("staff: load average before the queries " + loadAverage());

        HttpClient http = HttpClient.newHttpClient();
        for (Map.Entry<String, String> user : STAFF.entrySet()) {
            for (JsonNode filter : visibleFilters(http, user.getKey())) {
                StaffQueryTimes times = staffFilter(http, user.getKey(), filter, true);
                String name = filter.get("name").asText();
                figures.add("5. " + user.getKey() + " filter '" + name.replace("\u2014", "-") + "' p95",
                        times.rest(), "ms", times.bare(), "Java API, no auth/REST");
                if (user.getKey().equals("officer") && !name.contains("\u2014")) {
                    assertThat(times.results()).as("first page of the officers' open tasks").isEqualTo(15);
                }
            }
        }
        figures.note("staff: p95 of " + SCALE.staffQueries() + " GET /engine-rest/filter/{id}/list?firstResult=0"
                + "&maxResults=15 (Accept: application/hal+json, as Tasklist) per filter, HTTP Basic, authorization on;"
                + " load average after " + loadAverage());
        if (Boolean.getBoolean("bench.staffLevers")) {
            staffQueryLevers(http);
        }
    }

    /** The demo staff user of each group with task filters (user = password in the demo). */
    private static final Map<String, String> STAFF = new LinkedHashMap<>(Map.of());

    static {
        STAFF.put("officer", "privacy-officers");
        STAFF.put("intake", "privacy-intake");
        STAFF.put("legal", "legal-reviewers");
        STAFF.put("operator", "data-operators");
    }

    private record StaffQueryTimes(double rest, double bare, int results) {
    }

    private JsonNode visibleFilters(HttpClient http, String user) throws Exception {
        JsonNode visible = get(http, basicAuth(user), "/engine-rest/filter?resourceType=Task", "application/json");
        assertThat(visible.size()).as("filters visible to " + user).isPositive();
        return visible;
    }

    private static String basicAuth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** p95 in ms of the filter's first page as Tasklist asks for it, and (if asked) of the same filter in the JVM. */
    private StaffQueryTimes staffFilter(HttpClient http, String user, JsonNode filter, boolean withBare)
            throws Exception {
        String auth = basicAuth(user);
        String id = filter.get("id").asText();
        String path = "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15";
        get(http, auth, path, HAL); // warm up: the first query compiles and caches
        List<Long> rest = new ArrayList<>();
        int results = 0;
        resetStatementStatistics();
        for (int q = 0; q < SCALE.staffQueries(); q++) {
            long t = System.nanoTime();
            JsonNode page = get(http, auth, path, HAL);
            rest.add(System.nanoTime() - t);
            results = page.has("_embedded") ? page.get("_embedded").path("task").size() : page.size();
        }
        printStatementStatistics("staff filter of " + user + " '" + filter.get("name").asText().replace("\u2014", "-")
                + "', " + SCALE.staffQueries() + " HTTP calls");
        List<Long> bare = new ArrayList<>();
        if (withBare) {
            Filter stored = filters.getFilter(id);
            for (int q = 0; q < SCALE.staffQueries(); q++) {
                long t = System.nanoTime();
                filters.listPage(stored.getId(), 0, 15);
                bare.add(System.nanoTime() - t);
            }
            // the engine's share of the call: the same page and count through the Java API as the user, with
            // authorization on (what the REST layer adds is the rest of the HTTP call)
            List<Long> authorized = new ArrayList<>();
            List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                    .map(org.camunda.bpm.engine.identity.Group::getId).toList();
            engine.getIdentityService().setAuthentication(user, groups);
            try {
                for (int q = 0; q < SCALE.staffQueries(); q++) {
                    long t = System.nanoTime();
                    filters.listPage(stored.getId(), 0, 15);
                    filters.count(stored.getId());
                    authorized.add(System.nanoTime() - t);
                }
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
            Collections.sort(authorized);
            figures.note("staff: " + user + " filter '" + filter.get("name").asText().replace("\u2014", "-")
                    + "': Java API as the user, authorization on, page and count p95 "
                    + Figures.number(percentile(authorized, 95) / 1e6) + " ms");
        }
        Collections.sort(rest);
        Collections.sort(bare);
        return new StaffQueryTimes(percentile(rest, 95) / 1e6, percentile(bare, 95) / 1e6, results);
    }

    /**
     * Copies of the run's engine-made review tasks, written in SQL as the engine writes a task: the task row (a new
     * id, the due dates spread like the others), its candidate-group link and the group's authorization on the task
     * where the engine wrote one (since the review is a process of its own it writes none: the officers hold one grant
     * on ExemptionReviewProcess, docs/staff.md). The copies share their original's process instance (the variables Tasklist shows). For runs on a busy machine,
     * where 50,000 engine starts take most of an hour: {@code -Dbench.staffEngineTasks=2000}.
     */
    private void copyReviewTasks(int copies, Instant now) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("create temporary table bench_task_copy on commit drop as"
                    + " select t.id_ as original, gen_random_uuid()::text as copy, g as n"
                    + " from (select t.id_, row_number() over (order by t.id_) as k, count(*) over () as total"
                    + "   from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_"
                    + "   where t.task_def_key_ = '" + REVIEW_TASK + "' and p.business_key_ like 'RB-" + run + "-%') t"
                    + " join generate_series(1, " + copies + ") g on (g - 1) % t.total = t.k - 1");
            jdbc.update("insert into act_ru_task (id_, rev_, execution_id_, proc_inst_id_, proc_def_id_, case_execution_id_,"
                    + " case_inst_id_, case_def_id_, name_, parent_task_id_, description_, task_def_key_, owner_,"
                    + " assignee_, delegation_, priority_, create_time_, last_updated_, due_date_, follow_up_date_,"
                    + " suspension_state_, tenant_id_, task_state_)"
                    + " select c.copy, t.rev_, t.execution_id_, t.proc_inst_id_, t.proc_def_id_, t.case_execution_id_,"
                    + " t.case_inst_id_, t.case_def_id_, t.name_, t.parent_task_id_, t.description_, t.task_def_key_,"
                    + " t.owner_, t.assignee_, t.delegation_, t.priority_, t.create_time_, t.last_updated_,"
                    + " ?::timestamp + ((60 + (c.n * 7919) % (30 * 24 * 60)) * interval '1 minute'), t.follow_up_date_,"
                    + " t.suspension_state_, t.tenant_id_, t.task_state_"
                    + " from bench_task_copy c join act_ru_task t on t.id_ = c.original", Timestamp.from(now));
            jdbc.update("insert into act_ru_identitylink (id_, rev_, group_id_, type_, user_id_, task_id_, proc_def_id_,"
                    + " tenant_id_) select gen_random_uuid()::text, l.rev_, l.group_id_, l.type_, l.user_id_, c.copy,"
                    + " l.proc_def_id_, l.tenant_id_ from bench_task_copy c join act_ru_identitylink l"
                    + " on l.task_id_ = c.original");
            jdbc.update("insert into act_ru_authorization (id_, rev_, type_, group_id_, user_id_, resource_type_,"
                    + " resource_id_, perms_, removal_time_, root_proc_inst_id_) select gen_random_uuid()::text,"
                    + " a.rev_, a.type_, a.group_id_, a.user_id_, a.resource_type_, c.copy, a.perms_, a.removal_time_,"
                    + " a.root_proc_inst_id_ from bench_task_copy c join act_ru_authorization a"
                    + " on a.resource_id_ = c.original and a.resource_type_ = 7");
        });
        long count = tasks.createTaskQuery().taskDefinitionKey(REVIEW_TASK).count();
        assertThat(count).as("review tasks after copying").isGreaterThanOrEqualTo(SCALE.staffTasks());
    }

    /**
     * Figure 5's levers (issue 21), each measured on the officers' filters beside the configuration as shipped, in
     * the same run on the same tasks: {@code -Dbench.staffLevers=true}. Each is applied at run time the way its
     * setting or migration would apply it, and taken back before the next.
     */
    private void staffQueryLevers(HttpClient http) throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String revokes = configuration.getAuthorizationCheckRevokes();
        boolean cmmn = configuration.isCmmnEnabled();
        boolean standalone = configuration.isStandaloneTasksEnabled();
        Map<String, Runnable[]> levers = new LinkedHashMap<>();
        Runnable nothing = () -> { };
        levers.put("as configured (authorizationCheckRevokes " + revokes + ", cmmnEnabled " + cmmn
                + ", standaloneTasksEnabled " + standalone + ")", new Runnable[] {nothing, nothing});
        levers.put("per-task grants as before (one officers' row per review task instead of READ_TASK on "
                + ExemptionReviewModel.PROCESS_ID + ")", new Runnable[] {
                this::taskGrantsInsteadOfDefinitionGrant, this::definitionGrantBack});
        for (String workMem : List.of("16MB", "32MB", "64MB")) {
            levers.put("work_mem " + workMem + " for the application's connections", new Runnable[] {
                    () -> applicationSetting("work_mem", workMem), () -> applicationSetting("work_mem", null)});
        }
        levers.put("max_parallel_workers_per_gather 0 for the application's connections (no parallel plans)",
                new Runnable[] {() -> applicationSetting("max_parallel_workers_per_gather", "0"),
                        () -> applicationSetting("max_parallel_workers_per_gather", null)});
        levers.put("authorizationCheckRevokes never", new Runnable[] {
                () -> configuration.setAuthorizationCheckRevokes("never"),
                () -> configuration.setAuthorizationCheckRevokes(revokes)});
        levers.put("cmmnEnabled false", new Runnable[] {
                () -> configuration.setCmmnEnabled(false), () -> configuration.setCmmnEnabled(cmmn)});
        levers.put("cmmnEnabled false, standaloneTasksEnabled false", new Runnable[] {
                () -> {
                    configuration.setCmmnEnabled(false);
                    configuration.setStandaloneTasksEnabled(false);
                },
                () -> {
                    configuration.setCmmnEnabled(cmmn);
                    configuration.setStandaloneTasksEnabled(standalone);
                }});
        for (String[] index : CANDIDATE_INDEXES) {
            levers.put("index " + index[0] + " (" + index[1] + ")", new Runnable[] {
                    () -> createIndex(index), () -> jdbc.execute("drop index if exists " + index[0])});
        }
        levers.put("without the due-date index rf_idx_ru_task_due (as before V28)", new Runnable[] {
                () -> jdbc.execute("drop index if exists rf_idx_ru_task_due"),
                () -> jdbc.execute("create index if not exists rf_idx_ru_task_due on act_ru_task (due_date_)")});
        levers.put("HAL relation cache (users, groups, process and case definitions; Camunda's"
                + " HalRelationCacheBootstrap)", new Runnable[] {
                RightsflowBenchmark::halRelationCache, () -> Hal.getInstance().destroyHalRelationCaches()});
        levers.put("no variables embedded (the filters' columns emptied; what-if)", new Runnable[] {
                () -> officersFilterColumns(List.of()), () -> officersFilterColumns(null)});
        // V34 and EngineQueryPlans' random_page_cost 1.1 work together (BENCHMARKS.md, figure 5, runs J to L): without
        // them, Camunda's index on the group alone and PostgreSQL's default cost of a random page read
        levers.put("without the candidate-link index and random_page_cost 1.1 (as before V34)", new Runnable[] {
                () -> {
                    jdbc.execute("create index if not exists act_idx_ident_lnk_group on act_ru_identitylink (group_id_)");
                    jdbc.execute("drop index if exists rf_idx_ident_lnk_group_task");
                    jdbc.execute("analyze act_ru_identitylink");
                    onEveryPooledConnection("set random_page_cost = 4");
                },
                () -> {
                    jdbc.execute("create index if not exists rf_idx_ident_lnk_group_task on act_ru_identitylink"
                            + " (group_id_, type_, task_id_)");
                    jdbc.execute("drop index if exists act_idx_ident_lnk_group");
                    jdbc.execute("analyze act_ru_identitylink");
                    onEveryPooledConnection("set random_page_cost = 1.1");
                }});
        levers.put("without the candidate-link index (random_page_cost 1.1 kept)", new Runnable[] {
                () -> {
                    jdbc.execute("create index if not exists act_idx_ident_lnk_group on act_ru_identitylink (group_id_)");
                    jdbc.execute("drop index if exists rf_idx_ident_lnk_group_task");
                    jdbc.execute("analyze act_ru_identitylink");
                },
                () -> {
                    jdbc.execute("create index if not exists rf_idx_ident_lnk_group_task on act_ru_identitylink"
                            + " (group_id_, type_, task_id_)");
                    jdbc.execute("drop index if exists act_idx_ident_lnk_group");
                    jdbc.execute("analyze act_ru_identitylink");
                }});
        levers.put("as configured, again (the machine's drift during the levers)", new Runnable[] {nothing, nothing});
        // -Dbench.staffLeverOnly=HAL,index: only the levers whose name contains one of these (and the two
        // "as configured"), to keep one run under ten minutes
        String only = System.getProperty("bench.staffLeverOnly", "");
        if (!only.isBlank()) {
            levers.keySet().removeIf(name -> !name.startsWith("as configured")
                    && java.util.Arrays.stream(only.split(",")).noneMatch(name::contains));
        }
        // -Dbench.staffLeverRounds=2: the whole list again, each lever a second time later in the run, so that a
        // difference between levers can be told from the drift of the machine within the run (A B A B)
        int rounds = Integer.getInteger("bench.staffLeverRounds", 1);
        List<Map.Entry<String, Runnable[]>> schedule = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Runnable[]> lever : levers.entrySet()) {
                schedule.add(Map.entry(rounds == 1 ? lever.getKey() : lever.getKey() + " [round " + round + "]",
                        lever.getValue()));
            }
        }
        HttpClient client = http;
        for (Map.Entry<String, Runnable[]> lever : schedule) {
            lever.getValue()[0].run();
            try {
                figures.note("staff lever '" + lever.getKey() + "': count plan " + officersCountPlan(configuration, 40));
                figures.note("staff lever '" + lever.getKey() + "': list plan " + officersListPlan(configuration));
                // the database's own time for the officers' count, median of five: less noisy than HTTP on a busy
                // machine, and it is the part the levers act on
                List<Double> executions = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String plan = officersCountPlan(configuration, 100);
                    java.util.regex.Matcher time = java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms")
                            .matcher(plan);
                    executions.add(time.find() ? Double.parseDouble(time.group(1)) : Double.NaN);
                }
                Collections.sort(executions);
                figures.add("5. lever " + lever.getKey() + ": officers' count in PostgreSQL, median of 5",
                        executions.get(2), "ms", null, "load " + loadAverage().split(" ")[0]);
                for (JsonNode filter : visibleFilters(client, "officer")) {
                    StaffQueryTimes times = staffFilter(client, "officer", filter, false);
                    if (!filter.get("name").asText().contains("\u2014")) {
                        assertThat(times.results()).as("first page of the officers' open tasks").isEqualTo(15);
                    }
                    figures.add("5. lever " + lever.getKey() + ": officer filter '"
                            + filter.get("name").asText().replace("\u2014", "-") + "' p95", times.rest(), "ms", null,
                            "load " + loadAverage().split(" ")[0]);
                }
            } finally {
                lever.getValue()[1].run();
            }
        }
    }

    /** Camunda's cache of the HAL renderer's lookups (REST API docs, "HAL resource caching"), as the product would set it. */
    private static void halRelationCache() {
        HalRelationCacheConfiguration configuration = new HalRelationCacheConfiguration();
        configuration.setCacheImplementationClass(DefaultHalResourceCache.class);
        for (Class<?> resource : List.of(HalUser.class, HalGroup.class, HalProcessDefinition.class,
                HalCaseDefinition.class, HalIdentityLink.class)) {
            configuration.addCacheConfiguration(resource, Map.of("capacity", 1000, "secondsToLive", 60));
        }
        new HalRelationCacheBootstrap().configureCaches(configuration);
    }

    private final Map<String, Object> savedColumns = new HashMap<>();

    /** Sets the variables (columns) of the officers' filters; {@code null} puts back the saved ones. */
    @SuppressWarnings("unchecked")
    private void officersFilterColumns(List<Map<String, String>> columns) {
        for (Filter filter : filters.createFilterQuery().filterNameLike("%Privacy officers%").list()) {
            Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
            if (columns == null) {
                properties.put("variables", savedColumns.get(filter.getId()));
            } else {
                savedColumns.put(filter.getId(), properties.get("variables"));
                properties.put("variables", columns);
            }
            filter.setProperties(properties);
            filters.saveFilter(filter);
        }
    }

    /**
     * The configuration before the review became a process of its own, on the same tasks: one officers' authorization
     * row per review task (READ, TASK_WORK, TASK_ASSIGN, as the engine writes it) and no READ_TASK on the definition.
     */
    private void taskGrantsInsteadOfDefinitionGrant() {
        int perms = Permissions.READ.getValue() | TaskPermissions.TASK_WORK.getValue()
                | TaskPermissions.TASK_ASSIGN.getValue();
        int readTask = ProcessDefinitionPermissions.READ_TASK.getValue();
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into act_ru_authorization (id_, rev_, type_, group_id_, user_id_, resource_type_,"
                    + " resource_id_, perms_) select gen_random_uuid()::text, 1, 1, 'privacy-officers', null, 7, t.id_, ?"
                    + " from act_ru_task t where t.task_def_key_ = ?", perms, REVIEW_TASK);
            jdbc.update("update act_ru_authorization set perms_ = perms_ & ~? where resource_type_ = 6"
                    + " and group_id_ = 'privacy-officers' and resource_id_ = ?", readTask, ExemptionReviewModel.PROCESS_ID);
        });
        jdbc.execute("vacuum analyze act_ru_authorization");
    }

    private void definitionGrantBack() {
        int readTask = ProcessDefinitionPermissions.READ_TASK.getValue();
        transactions.executeWithoutResult(status -> {
            jdbc.update("delete from act_ru_authorization a using act_ru_task t where a.resource_type_ = 7"
                    + " and a.group_id_ = 'privacy-officers' and a.resource_id_ = t.id_ and t.task_def_key_ = ?",
                    REVIEW_TASK);
            jdbc.update("update act_ru_authorization set perms_ = perms_ | ? where resource_type_ = 6"
                    + " and group_id_ = 'privacy-officers' and resource_id_ = ?", readTask, ExemptionReviewModel.PROCESS_ID);
        });
        jdbc.execute("vacuum analyze act_ru_authorization");
    }

    /**
     * PostgreSQL's work_mem for the application's own connections (the count's sort and hash spill to disk at the
     * default 4 MB): set for the database user, which every new connection takes, and the pool's connections renewed.
     * {@code null} takes it back.
     */
    private void applicationSetting(String name, String value) {
        String user = jdbc.queryForObject("select current_user", String.class);
        jdbc.execute(value == null ? "alter role \"" + user + "\" reset " + name
                : "alter role \"" + user + "\" set " + name + " = '" + value + "'");
        try {
            dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        figures.note("staff lever: " + name + " of a new application connection "
                + jdbc.queryForObject("show " + name, String.class));
    }

    /**
     * A session setting on every connection of the application's pool, as {@code EngineQueryPlans}' init SQL sets
     * it (a setting of the role would not override that): all of them borrowed at once, set, and given back.
     */
    private void onEveryPooledConnection(String sql) {
        try {
            com.zaxxer.hikari.HikariDataSource pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                    Connection connection = pool.getConnection();
                    held.add(connection);
                    try (java.sql.Statement statement = connection.createStatement()) {
                        statement.execute(sql);
                    }
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        figures.note("staff lever: " + sql + " on every pooled connection; now "
                + jdbc.queryForObject("show random_page_cost", String.class));
    }

    /** Indexes tried as levers: name, definition (PostgreSQL). */
    private static final List<String[]> CANDIDATE_INDEXES = List.<String[]>of(
            new String[] {"bench_idx_auth_resource_covering", "act_ru_authorization (resource_id_) include (type_,"
                    + " resource_type_, perms_, group_id_, user_id_)"});

    private void createIndex(String[] index) {
        jdbc.execute("create index if not exists " + index[0] + " on " + index[1]);
        jdbc.execute("vacuum analyze " + index[1].substring(0, index[1].indexOf(' ')));
    }

    /** The shape of the officers' count as the engine sends it now: the plan's top nodes and its time. */
    private String officersCountPlan(ProcessEngineConfigurationImpl configuration, int lines) {
        return plan("explain (analyze, format text) SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_"
                + officersTasks(configuration) + " ) countDistinct", lines);
    }

    /** The officers' first page as the engine sends it (Task.xml's list query, ordered by due date). */
    private String officersListPlan(ProcessEngineConfigurationImpl configuration) {
        return plan("explain (analyze, format text) select distinct RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_,"
                + " RES.DESCRIPTION_, RES.PRIORITY_, RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_,"
                + " RES.EXECUTION_ID_, RES.PROC_INST_ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_,"
                + " RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_, RES.DUE_DATE_, RES.FOLLOW_UP_DATE_, RES.SUSPENSION_STATE_,"
                + " RES.TENANT_ID_, RES.LAST_UPDATED_, RES.TASK_STATE_" + officersTasks(configuration)
                + " order by RES.DUE_DATE_ asc LIMIT 15 OFFSET 0", 40);
    }

    private static String officersTasks(ProcessEngineConfigurationImpl configuration) {
        boolean inner = !configuration.isCmmnEnabled();
        boolean innerDefinition = inner && !configuration.isStandaloneTasksEnabled();
        return " from ACT_RU_TASK RES"
                + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ "
                + (innerDefinition ? "inner" : "left") + " join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_ "
                + (inner ? "inner" : "left") + " join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2"
                + " AND ( A.USER_ID_ in ( 'officer', '*') OR A.GROUP_ID_ IN ( 'privacy-officers' ) ) AND"
                + " ( ( A.RESOURCE_TYPE_ = 7 AND A.PERMS_ & 2 = 2 OR A.RESOURCE_TYPE_ = 6 AND A.PERMS_ & 64 = 64 ) ) ) AUTH"
                + " ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )) WHERE ( 1 = 1 and ( I.TYPE_ = 'candidate' and"
                + " ( I.GROUP_ID_ IN ( 'privacy-officers' ) ) ) ) and "
                + (inner ? "( (AUTH.RESOURCE_ID_ IS NOT NULL) )"
                : "( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )")
                + " and (RES.TENANT_ID_ is null )";
    }

    private String plan(String explain, int lines) {
        List<String> plan = jdbc.queryForList(explain, String.class);
        return String.join(" | ", plan.stream().map(String::trim)
                .filter(line -> !line.startsWith("Filter") && !line.startsWith("Rows Removed")
                        && !line.startsWith("Index Cond") && !line.startsWith("Recheck"))
                .limit(lines).toList());
    }

    private static String loadAverage() {
        return WorkerApiBenchmark.loadAverage();
    }

    /**
     * Figure 8: the privacy team's pages over a large register ({@code bench.registerRequests} requests of every right
     * and outcome over six months, written straight into the tables): the register's first page (all requests, and
     * the overdue ones by due date) and the dashboard, through HTTP as staff call them, p95 — beside the same counts
     * and page as plain SQL on the same connection pool.
     */
    @Test
    @Order(6)
    void staffPages() throws Exception {
        long start = System.nanoTime();
        int written = GeneratedHistory.ensure(jdbc, SCALE.registerRequests());
        jdbc.execute("analyze rights_request");
        jdbc.execute("analyze request_ground");
        long total = jdbc.queryForObject("select count(*) from rights_request", Long.class);
        figures.note("staff pages: " + written + " generated requests written in " + Figures.number(seconds(start))
                + " s; the register holds " + total);
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8));
        String open = "('RECEIVED','AWAITING_VERIFICATION','IN_REVIEW','IN_PROGRESS','WAITING_FOR_REQUESTER')";
        measure(http, auth, "8. register first page (all, newest first), JSON", "/staff/api/requests?size=25",
                "application/json", () -> {
                    jdbc.queryForObject("select count(*) from rights_request", Long.class);
                    jdbc.queryForList("select reference, request_type, status, received_at, due_at, closed_at,"
                            + " due_date_provisional from rights_request order by received_at desc, reference desc limit 25");
                });
        measure(http, auth, "8. register first page (all), HTML", "/staff/requests", "text/html", () -> {
            jdbc.queryForObject("select count(*) from rights_request", Long.class);
            jdbc.queryForList("select reference, request_type, status, received_at, due_at, closed_at,"
                    + " due_date_provisional from rights_request order by received_at desc, reference desc limit 25");
        });
        measure(http, auth, "8. register first page (overdue by due date), JSON",
                "/staff/api/requests?standing=OVERDUE&sort=due&size=25", "application/json", () -> {
                    jdbc.queryForObject("select count(*) from rights_request where status in " + open
                            + " and due_at < now()", Long.class);
                    jdbc.queryForList("select reference, request_type, status, received_at, due_at, closed_at,"
                            + " due_date_provisional from rights_request where status in " + open
                            + " and due_at < now() order by due_at asc, reference asc limit 25");
                });
        Runnable dashboardSql = () -> {
            jdbc.queryForList("select request_type, status, count(*),"
                    + " sum(case when status in " + open + " and due_at < now() then 1 else 0 end),"
                    + " sum(case when status in " + open + " and due_at >= now() and due_at < now() + interval '3 days'"
                    + " then 1 else 0 end) from rights_request group by request_type, status");
            jdbc.queryForList("select to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM'), request_type, count(*),"
                    + " count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')),"
                    + " count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED') and closed_at <= due_at),"
                    + " percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at))"
                    + "   filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED'))"
                    + " from rights_request where received_at >= now() - interval '12 months' group by 1, 2");
            jdbc.queryForList("select ground, count(*) from request_ground group by ground");
        };
        measure(http, auth, "8. dashboard, JSON", "/staff/api/dashboard", "application/json", dashboardSql);
        measure(http, auth, "8. dashboard page, HTML", "/staff/dashboard", "text/html", dashboardSql);
        figures.note("staff pages: p95 of " + SCALE.staffQueries() + " calls each after one warm-up, officer with HTTP"
                + " Basic; baseline: the same counts and rows as plain SQL (PostgreSQL does the medians) through JdbcTemplate");
    }

    private void measure(HttpClient http, String auth, String name, String path, String accept, Runnable sql)
            throws Exception {
        getText(http, auth, path, accept);
        sql.run();
        List<Long> app = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int q = 0; q < SCALE.staffQueries(); q++) {
            long t = System.nanoTime();
            getText(http, auth, path, accept);
            app.add(System.nanoTime() - t);
            t = System.nanoTime();
            sql.run();
            bare.add(System.nanoTime() - t);
        }
        Collections.sort(app);
        Collections.sort(bare);
        figures.add(name + " p95", percentile(app, 95) / 1e6, "ms", percentile(bare, 95) / 1e6, "plain SQL, same counts");
    }

    private String getText(HttpClient http, String auth, String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", auth).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** Tasklist asks for HAL: the tasks with the variables the filter shows. */
    private static final String HAL = "application/hal+json";

    private JsonNode get(HttpClient http, String auth, String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", auth).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    // ------------------------------------------------------------------ helpers

    /** Accounts {@code prefix + i + "@example.com"}, no legal hold, adults, nothing held in any category. */
    private void insertAccounts(String prefix, int n) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {prefix + i + "@example.com", String.format("+86139%08d", i)});
        }
        jdbc.batchUpdate("insert into account (email, phone) values (?, ?)", rows);
    }

    /** Files n requests through the API with the given number of clients, round-robin over the accounts. */
    private List<String> fileConcurrently(String prefix, int n, int accounts, int clients, String type)
            throws Exception {
        List<String> references = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        parallel(clients, () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                // requesters file from addresses of their own (through a trusted proxy's X-Forwarded-For, as behind a
                // TLS proxy): one address for every filing would measure the per-address filing limit's row lock,
                // which all filings from one address take in turn
                Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", type,
                        "accountEmail", prefix + (i % accounts) + "@example.com", "language", "en")),
                        "X-Forwarded-For", "198.51." + (i / 250 % 250) + "." + (i % 250 + 1));
                assertThat(filed.status()).as(filed.text()).isEqualTo(201);
                references.add(filed.json().get("reference").asText());
            }
            return null;
        });
        return references;
    }

    /** Jobs the engine has executed successfully so far (the metric, its in-memory count written out first). */
    private long successfulJobs() {
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engineConfiguration).getDbMetricsReporter()
                .reportNow();
        return management.createMetricsQuery().name(org.camunda.bpm.engine.management.Metrics.JOB_SUCCESSFUL).sum();
    }

    private long waitingAt(String activity, String prefix) {
        return jdbc.queryForObject("select count(*) from act_ru_execution e where e.act_id_ = ? and e.proc_inst_id_ in"
                + " (select p.id_ from act_ru_execution p join rights_request r on r.reference = p.business_key_"
                + " where p.parent_id_ is null and r.account_email like ?)", Long.class, activity, prefix + "%");
    }

    private long outboxCount(String kind, String prefix) {
        return jdbc.queryForObject("select count(*) from notice_outbox o join rights_request r on r.id = o.request_id"
                + " where o.kind = ? and r.account_email like ?", Long.class, kind, prefix + "%");
    }

    private long sentCount(String kind, String prefix) {
        return jdbc.queryForObject("select count(*) from notice_outbox o join rights_request r on r.id = o.request_id"
                + " where o.kind = ? and o.sent_at is not null and r.account_email like ?", Long.class, kind,
                prefix + "%");
    }

    private long statusCount(String status, String prefix) {
        return jdbc.queryForObject("select count(*) from rights_request where status = ? and account_email like ?",
                Long.class, status, prefix + "%");
    }

    /** Every table's size with its indexes and TOAST, in bytes. */
    private Map<String, Long> tableSizes() {
        Map<String, Long> sizes = new HashMap<>();
        jdbc.query("select relname, pg_total_relation_size(relid) from pg_stat_user_tables",
                rs -> {
                    sizes.put(rs.getString(1), rs.getLong(2));
                });
        return sizes;
    }

    private Map<String, Long> indexSizes() {
        Map<String, Long> sizes = new HashMap<>();
        jdbc.query("select indexrelname, pg_relation_size(indexrelid) from pg_stat_user_indexes",
                rs -> {
                    sizes.put(rs.getString(1), rs.getLong(2));
                });
        return sizes;
    }

    /** The engine's rows of the waiting requests' instances, per request (all of them in their root instance). */
    private String rowsPerRequest(String prefix, int requests) {
        String instances = "(select p.id_ from act_ru_execution p join rights_request r on r.reference = p.business_key_"
                + " where p.parent_id_ is null and r.account_email like ?)";
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("act_hi_actinst", "proc_inst_id_");
        tables.put("act_hi_varinst", "proc_inst_id_");
        tables.put("act_hi_detail", "proc_inst_id_");
        tables.put("act_ru_variable", "proc_inst_id_");
        tables.put("act_ru_execution", "proc_inst_id_");
        tables.put("act_ru_job", "process_instance_id_");
        tables.put("act_ru_event_subscr", "proc_inst_id_");
        List<String> counts = new ArrayList<>();
        tables.forEach((table, column) -> counts.add(table + " " + String.format(java.util.Locale.ROOT, "%.2f",
                jdbc.queryForObject("select count(*) from " + table + " where " + column + " in " + instances,
                        Long.class, prefix + "%") / (double) requests)));
        // the application's rows: how many, and what their rendered mails take as stored (after any compression)
        counts.add(jdbc.queryForObject("select 'notice_outbox ' || round(count(*)::numeric / ?, 2) || ' (body '"
                + " || coalesce(round(avg(octet_length(o.body))), 0) || ' B, stored ' || coalesce(round(avg(pg_column_size(o.body))), 0)"
                + " || ' B, row ' || coalesce(round(avg(pg_column_size(o.*))), 0) || ' B)' from notice_outbox o"
                + " join rights_request r on r.id = o.request_id where r.account_email like ?", String.class,
                requests, prefix + "%"));
        return String.join(", ", counts);
    }

    /** Every relation that grew between the two snapshots, largest first, in KiB per request. */
    private static String growth(Map<String, Long> before, Map<String, Long> after, int requests) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.3f", e.getValue() / 1024.0 / requests))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private long databaseSize() {
        jdbc.execute("checkpoint");
        return jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
    }

    /** Polls until the count reaches the target; a timeout fails the benchmark (the work was not done). */
    private static void awaitCount(String what, long target, Duration timeout, LongSupplier count)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < end) {
            last = count.getAsLong();
            if (last >= target) {
                assertThat(last).as(what + ": more than expected").isEqualTo(target);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": " + last + " of " + target + " after " + timeout);
    }

    /** n instances of a definition without variables, business keys prefix + 0 … n - 1, started by that many clients. */
    private void startInstances(String definitionKey, String prefix, int n, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        parallel(clients, () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                runtime.startProcessInstanceByKey(definitionKey, prefix + i);
            }
            return null;
        });
    }

    private static void parallel(int threads, Callable<Void> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
