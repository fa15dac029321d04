package org.rightsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker API's COPY figure (BENCHMARKS.md, figure 9; issue 16): a COPY request whose rows of an
 * {@code external-task} system (the demo CRM's support tickets) come through the worker API. The benchmark is the
 * CRM's worker: it reads the rows from its own table over JDBC and streams them as NDJSON over HTTP to
 * {@code PUT /api/workers/crm/tasks/{taskId}/rows/SUPPORT} (the application checks every line against the data map
 * and writes it encrypted as it arrives), reports, completes its task, and the COPY process builds the package.
 * <b>Baseline</b>: the same rows read directly over JDBC into a JSON file, in the same run. Live heap: the largest
 * heap after a collection during the upload (the worker's side is in this JVM too), at a tenth of the rows and at
 * all of them.
 *
 * <p>A class of its own, with a context of its own (its own database and engine name), because the CRM in the data
 * map gives every request a step that waits for the CRM's worker: in {@link RightsflowBenchmark}'s context the
 * intake and life-cycle requests would wait for it. Run it with
 * {@code mvn -B -Pbench verify -Dtest=WorkerApiBenchmark} (sizes: {@code bench.exportVariantRows}, a tenth of it
 * first).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerApiBenchmark {

    static final BenchScale SCALE = BenchScale.fromSystemProperties();

    private static final String DATABASE = "bench_workers";
    /** Engines register by name in one JVM: RightsflowBenchmark's context holds "default" when both classes run. */
    private static final String ENGINE = "benchworkers";
    private static final String TOPIC = "rightsflow.crm";
    private static final String WORKER = "bench-crm-worker";
    /** The demo CRM worker's secret (application.yaml holds its SHA-256). */
    private static final String CRM_SECRET = "crm-worker-demo-secret";
    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.databaseUrl(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
        registry.add("rightsflow.datamap.locations",
                () -> String.join(",", DataMap.DEFAULT_LOCATIONS) + ",classpath:datamap/demo/crm.json");
        // a million support rows are some 200 MB of NDJSON; the product's default bound is for real workers
        registry.add("rightsflow.workers.max-upload-size", () -> "2GB");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().getSmtp().getPort());
        registry.add("rightsflow.demo.mail-sink.enabled", () -> "false");
        registry.add("rightsflow.demo.large-account-operation-logs", () -> "200");
        registry.add("rightsflow.notice.dispatch-interval", () -> "PT0.2S");
        registry.add("rightsflow.proactive-deletion.enabled", () -> "false");
        TestInfrastructure.raiseAbuseLimits(registry::add);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ExternalTaskService externalTasks;

    private final Figures figures = new Figures();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    void crmTable() {
        // the CRM's own table, as its worker reads it (here in the benchmark's database: the worker's source)
        jdbc.execute("create table if not exists bench_crm_support_ticket (id varchar(40) primary key,"
                + " customer_id bigint not null, kind varchar(20) not null, subject varchar(200),"
                + " body varchar(2000) not null, created_at timestamp with time zone not null)");
        jdbc.execute("create index if not exists bench_crm_support_ticket_customer on bench_crm_support_ticket"
                + " (customer_id, id)");
        System.out.println("[bench] scale " + SCALE + "; load average " + loadAverage());
    }

    @AfterAll
    void printTable() {
        System.out.println(figures.table("Rightsflow worker-API COPY benchmark, scale " + SCALE.name() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors, Java " + System.getProperty("java.version")
                + ", load average " + loadAverage()));
    }

    @Test
    void copyThroughTheWorkerApi() throws Exception {
        int large = SCALE.exportVariantRows();
        // not recorded: the first uploads after a start run before the JIT has compiled their path (at small scale a
        // 1,000-row warm-up left the next 10,000-row upload at a tenth of the speed of the one after it)
        copyOnce(null, large / 10);
        copyOnce(large / 10 / 1000 + "k rows", large / 10);
        copyOnce(large / 1000 + "k rows", large);
    }

    /** @param label the figures' name; null for a warm-up that records nothing */
    private void copyOnce(String label, int rows) throws Exception {
        String email = "bench-worker-" + run + "-" + rows + (label == null ? "-warm-up" : "") + "@example.com";
        jdbc.update("insert into account (email, phone) values (?, '+8613900000000')", email);
        long customer = jdbc.queryForObject("select id from account where email = ?", Long.class, email);
        long generation = System.nanoTime();
        jdbc.update("insert into bench_crm_support_ticket (id, customer_id, kind, subject, body, created_at)"
                + " select 'T-' || ? || '-' || g, ?, case g % 3 when 0 then 'CALL_NOTE' else 'TICKET' end,"
                + " case g % 3 when 0 then null else 'Invoice ' || g || ' missing' end,"
                + " 'The customer asked where invoice ' || g || ' went; we sent it again by mail and checked the"
                + " address on file.', now() - g * interval '1 minute' from generate_series(1, ?) g",
                customer, customer, rows);
        jdbc.execute("analyze bench_crm_support_ticket");
        double generated = seconds(generation);

        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("COPY", email, email, null);
        awaitCrmTask(filed.reference());
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, WORKER).topic(TOPIC, 3_600_000L)
                .businessKey(filed.reference()).execute();
        assertThat(locked).hasSize(1);
        String taskId = locked.get(0).getId();

        // baseline: the same rows, plain JDBC to a JSON file
        Path json = Files.createTempFile("bench-worker-", ".json");
        long start = System.nanoTime();
        long baseRows;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(json), 65536)) {
            baseRows = readRows(customer, out, false);
        }
        double baseSeconds = seconds(start);
        long jsonBytes = Files.size(json);
        Files.deleteIfExists(json);
        assertThat(baseRows).isEqualTo(rows);

        // the worker: the same read, streamed as NDJSON through the worker API
        long before = heapAfterGc();
        long live;
        long collections;
        long stored;
        start = System.nanoTime();
        try (LiveHeapPeak heap = new LiveHeapPeak()) {
            stored = upload(taskId, customer);
            live = heap.collections() == 0 ? -1 : Math.max(heap.peakAfterGc(), before) - before;
            collections = heap.collections();
        }
        double uploadSeconds = seconds(start);
        assertThat(stored).as("rows the worker API stored").isEqualTo(rows);

        // report, complete, and the COPY process builds the package with the uploaded rows
        long packageStart = System.nanoTime();
        int reported = post("/api/workers/crm/tasks/" + taskId + "/result",
                JSON.writeValueAsString(Map.of("categories", List.of(Map.of("category", "SUPPORT", "rows", rows)))));
        assertThat(reported).isEqualTo(204);
        externalTasks.complete(taskId, WORKER);
        awaitPackage(filed.reference(), Duration.ofMinutes(20));
        double packageSeconds = seconds(packageStart);
        assertThat(jdbc.queryForObject("select count(*) from worker_upload where request_id = (select id from"
                + " rights_request where reference = ?)", Long.class, filed.reference()))
                .as("the package holds the rows: the upload is deleted").isZero();
        long packageBytes = jdbc.queryForObject("select coalesce(max(d.size_bytes), 0) from download d join"
                + " rights_request r on r.id = d.request_id where r.reference = ?", Long.class, filed.reference());
        jdbc.update("delete from bench_crm_support_ticket where customer_id = ?", customer);

        if (label == null) {
            return;
        }
        figures.add("10. worker-API COPY, " + label + ": upload", rows / uploadSeconds, "rows/s", rows / baseSeconds,
                "JDBC -> JSON file, same rows");
        figures.add("10. worker-API COPY, " + label + ": upload + package (report, complete, COPY package built)",
                rows / (uploadSeconds + packageSeconds), "rows/s", rows / baseSeconds, "JDBC -> JSON file, same rows");
        figures.add("10. worker-API COPY, " + label + ": peak live heap growth during the upload (after each GC)",
                live < 0 ? Double.NaN : live / 1_048_576.0, "MiB", null, null);
        figures.note("worker API " + label + ": " + rows + " rows generated in " + Figures.number(generated) + " s;"
                + " upload " + Figures.number(uploadSeconds) + " s, package " + Figures.number(packageSeconds) + " s ("
                + Figures.number(packageBytes / 1_000_000.0) + " MB encrypted ZIP); JSON "
                + Figures.number(jsonBytes / 1_000_000.0) + " MB in " + Figures.number(baseSeconds) + " s; "
                + collections + " collections during the upload; load average " + loadAverage());
    }

    /**
     * The rows of one customer, read with a fetch size inside a transaction (PostgreSQL streams only then), written
     * as one JSON array (the baseline) or as NDJSON lines (the worker's upload).
     */
    private long readRows(long customer, OutputStream out, boolean ndjson) throws Exception {
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("select id, kind, subject, body, created_at"
                    + " from bench_crm_support_ticket where customer_id = ? order by id", ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(1000);
                select.setLong(1, customer);
                JsonGenerator generator = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
                if (ndjson) {
                    generator.setRootValueSeparator(new SerializedString("\n"));
                } else {
                    generator.writeStartArray();
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        generator.writeStartObject();
                        generator.writeStringField("id", rs.getString(1));
                        generator.writeStringField("kind", rs.getString(2));
                        generator.writeStringField("subject", rs.getString(3));
                        generator.writeStringField("body", rs.getString(4));
                        generator.writeStringField("created_at", rs.getTimestamp(5).toInstant().toString());
                        generator.writeEndObject();
                        rows++;
                    }
                }
                if (!ndjson) {
                    generator.writeEndArray();
                }
                generator.flush();
            } finally {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            }
        }
        return rows;
    }

    /** The worker's upload: streamed (chunked) as it is read, never held whole. @return the rows the API stored */
    private long upload(String taskId, long customer) throws Exception {
        HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + port + "/api/workers/crm/tasks/"
                + taskId + "/rows/SUPPORT").toURL().openConnection();
        http.setRequestMethod("PUT");
        http.setDoOutput(true);
        http.setChunkedStreamingMode(65536);
        http.setRequestProperty("Content-Type", NDJSON);
        http.setRequestProperty("Authorization", basic("crm", CRM_SECRET));
        http.setRequestProperty("Rightsflow-Worker-Id", WORKER);
        try (OutputStream out = new BufferedOutputStream(http.getOutputStream(), 65536)) {
            readRows(customer, out, true);
        }
        int status = http.getResponseCode();
        try (InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            String answer = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(status).as(answer).isEqualTo(201);
            return JSON.readTree(answer).get("rows").asLong();
        } finally {
            http.disconnect();
        }
    }

    private int post(String path, String body) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                .openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/json");
        http.setRequestProperty("Authorization", basic("crm", CRM_SECRET));
        http.setRequestProperty("Rightsflow-Worker-Id", WORKER);
        try (OutputStream out = http.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = http.getResponseCode();
        http.disconnect();
        return status;
    }

    private ExternalTask awaitCrmTask(String reference) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            String[] steps = runtime.createProcessInstanceQuery().processDefinitionKey("SystemStepProcess")
                    .processInstanceBusinessKey(reference).list().stream().map(p -> p.getId()).toArray(String[]::new);
            ExternalTask task = steps.length == 0 ? null : externalTasks.createExternalTaskQuery().topicName(TOPIC)
                    .processInstanceIdIn(steps).singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CRM task for " + reference + " after 2 minutes");
    }

    /** The package is built when its download-ready notice is in the outbox. */
    private void awaitPackage(String reference, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Long ready = jdbc.queryForObject("select count(*) from notice_outbox o join rights_request r on"
                    + " r.id = o.request_id where o.kind = 'DOWNLOAD_READY' and r.reference = ?", Long.class, reference);
            if (ready != null && ready > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no package for " + reference + " after " + timeout);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
