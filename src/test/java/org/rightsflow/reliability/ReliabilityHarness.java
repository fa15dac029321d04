package org.rightsflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.TestInfrastructure;
import org.yaml.snakeyaml.Yaml;

/**
 * Drives separate application JVMs on one embedded PostgreSQL with a GreenMail SMTP server, the way requesters and
 * staff would: files requests, reads codes from the mail that arrived, verifies, decides review tasks through the
 * engine REST API, withdraws, and checks every request's status until all are final.
 */
final class ReliabilityHarness {

    static final Set<String> TERMINAL = Set.of("COMPLETED", "PARTIALLY_COMPLETED", "REFUSED", "CLOSED_UNVERIFIED", "WITHDRAWN");
    private static final String[] ACCOUNTS = {"li.lei@example.com", "wang.fang@example.com", "zhao.qiang@example.com",
        "chen.jie@example.com"};
    private static final String[] TYPES = {"ACCESS", "COPY", "CORRECT", "DELETE", "TRANSFER", "WITHDRAW_CONSENT",
        "CANCEL_ACCOUNT"};
    private static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedPostgres postgres = TestInfrastructure.postgres();
    final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
    private final String database;
    /** The default profile's H2 file of the run, instead of a PostgreSQL database; null on PostgreSQL. */
    private final Path h2Directory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random(42);

    /** Each run gets a database of its own on the shared server and an empty mailbox. */
    ReliabilityHarness(String database) throws com.icegreen.greenmail.store.FolderException {
        this.database = database;
        this.h2Directory = null;
        new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase())
                .execute("create database " + database);
        // the billing system's own database (the demo creates its tables)
        new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase())
                .execute("create database " + database + "_billing");
        TestInfrastructure.mail().purgeEmailFromAllMailboxes();
    }

    private ReliabilityHarness(Path h2Directory) throws com.icegreen.greenmail.store.FolderException {
        this.database = null;
        this.h2Directory = h2Directory;
        TestInfrastructure.mail().purgeEmailFromAllMailboxes();
    }

    /**
     * A run on the default profile as {@code mvn spring-boot:run} starts it: H2 in a file of its own (under
     * target/nodes), demo data, the default profile's settings; only the mail goes to the test's SMTP server.
     */
    static ReliabilityHarness onH2(String name) throws IOException, com.icegreen.greenmail.store.FolderException {
        return new ReliabilityHarness(Files.createDirectories(Path.of("target", "nodes", name + "-" + System.nanoTime()))
                .toAbsolutePath());
    }

    /** The H2 run's JDBC URL: the default profile's settings, plus AUTO_SERVER so the test can read it alongside. */
    private String h2Url() {
        return "jdbc:h2:file:" + h2Directory.resolve("rightsflow") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** One request as the harness tracks it. */
    static final class Tracked {
        final String reference;
        final String token;
        final String email;
        final String type;
        final boolean withdraw;
        String status = "RECEIVED";
        boolean verified;

        Tracked(String reference, String token, String email, String type, boolean withdraw) {
            this.reference = reference;
            this.token = token;
            this.email = email;
            this.type = type;
            this.withdraw = withdraw;
        }
    }

    /** The postgres profile's environment, as docker-compose.yml sets it, pointed at the test's database and mail. */
    Map<String, String> environment(int port) throws IOException {
        if (h2Directory != null) {
            return Map.of(); // the default profile needs nothing from the environment
        }
        Map<String, String> env = new HashMap<>(composeAppEnvironment());
        // without the compose file's demo CRM: its steps wait for a worker these runs do not start (the CRM's worker is
        // tested in ExternalTaskSystemTest)
        env.put("RIGHTSFLOW_DATAMAP_LOCATIONS",
                "classpath:datamap/account-system.json,classpath:datamap/billing-system.json");
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", Integer.toString(postgres.getPort()));
        env.put("DB_NAME", database);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres");
        env.put("BILLING_DB_URL", postgres.getJdbcUrl("postgres", database + "_billing"));
        env.put("BILLING_DB_USER", "postgres");
        env.put("BILLING_DB_PASSWORD", "postgres");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(TestInfrastructure.mail().getSmtp().getPort()));
        env.put("PUBLIC_BASE_URL", "http://localhost:" + port);
        env.put("CAMUNDA_ADMIN_PASSWORD", "admin");
        return env;
    }

    /** Demo accounts and staff users for the run; short lock times so that a dead node's jobs are taken over fast. */
    static List<String> arguments() {
        return List.of("--rightsflow.demo.enabled=true", "--rightsflow.demo.large-account-operation-logs=100",
                "--rightsflow.demo.staff.enabled=true", "--rightsflow.notice.dispatch-interval=PT0.2S",
                "--rightsflow.notice.claim-timeout=PT10S", "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--logging.level.root=WARN",
                // runs of the nightly sweep are started by the tests that want one
                "--rightsflow.proactive-deletion.enabled=false",
                // hundreds of requests for four accounts from one address: the abuse limits are tested elsewhere
                "--rightsflow.limits.wrong-codes-per-account-per-day=1000000",
                "--rightsflow.limits.open-unverified-per-account=1000000",
                "--rightsflow.limits.messages-per-contact-per-hour=1000000",
                "--rightsflow.limits.messages-per-contact-per-day=1000000",
                "--rightsflow.limits.filings-per-client-per-minute=1000000",
                "--rightsflow.limits.filings-per-client-per-hour=1000000");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> composeAppEnvironment() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("app");
            Map<String, String> env = new LinkedHashMap<>();
            ((Map<String, Object>) app.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            return env;
        }
    }

    /** The arguments of a node: {@link #arguments()}, and on H2 the file, the test's SMTP server, no mail sink. */
    List<String> nodeArguments() {
        List<String> all = new ArrayList<>(arguments());
        if (h2Directory != null) {
            all.addAll(List.of("--spring.datasource.url=" + h2Url(), "--rightsflow.demo.mail-sink.enabled=false",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestInfrastructure.mail().getSmtp().getPort(),
                    "--rightsflow.packages.storage-dir=" + h2Directory.resolve("packages"),
                    // without the demo's paper archive (a manual system): its data operator's step would hold every
                    // request; the crash test is about the engine, the outbox and the connectors, as on PostgreSQL
                    "--rightsflow.datamap.locations=classpath:datamap/account-system.json,classpath:datamap/billing-system.json"));
        }
        return all;
    }

    DataSource dataSource() {
        if (h2Directory != null) {
            org.springframework.jdbc.datasource.DriverManagerDataSource h2 =
                    new org.springframework.jdbc.datasource.DriverManagerDataSource(h2Url(), "sa", "");
            h2.setDriverClassName("org.h2.Driver");
            return h2;
        }
        return postgres.getDatabase("postgres", database);
    }

    /** Files a request on one of the given nodes (another one if that node is down right now). */
    Tracked file(List<AppNode> nodes, int index) throws InterruptedException {
        String email = ACCOUNTS[index % ACCOUNTS.length];
        boolean withdraw = index % 4 == 3;
        String type = withdraw ? TYPES[(index / 4) % TYPES.length] : "ACCESS";
        String body = "{\"type\":\"" + type + "\",\"accountEmail\":\"" + email + "\",\"language\":\"en\""
                + (type.equals("CORRECT") ? ",\"details\":{\"corrections\":[{\"field\":\"displayName\",\"value\":\"Li\"}]}" : "")
                + (type.equals("TRANSFER") ? ",\"details\":{\"recipientName\":\"Acme\",\"recipientEmail\":\"dpo@acme.example\"}" : "")
                + (type.equals("WITHDRAW_CONSENT") ? ",\"details\":{\"purposes\":[\"MARKETING\"]}" : "")
                + (type.equals("DELETE") ? ",\"details\":{\"ground\":\"CONSENT_WITHDRAWN\"}" : "")
                + "}";
        String key = java.util.UUID.nameUUIDFromBytes(("harness-" + database + h2Directory + "-" + index)
                        .getBytes(StandardCharsets.UTF_8))
                .toString(); // the same key for the same filing if a node dies under the call and it is sent again
        JsonNode answer = call(nodes, "POST", "/api/requests", body, Map.of("Idempotency-Key", key), 201);
        return new Tracked(answer.get("reference").asText(), answer.get("statusToken").asText(), email, type, withdraw);
    }

    /** One round of requester and staff work; returns how many requests are final. */
    int advance(List<AppNode> nodes, List<Tracked> requests) throws InterruptedException {
        // Read the mailbox once per round: parsing every message for every request is quadratic.
        Map<String, Mailbox.Mail> latestCode = new HashMap<>();
        Pattern referencePattern = Pattern.compile("RR-\\d{8}-\\d{4}");
        for (Mailbox.Mail mail : mailbox.all()) {
            Matcher m = referencePattern.matcher(mail.body());
            if (mail.kind().equals("VERIFICATION_CODE") && m.find()) {
                latestCode.put(m.group(), mail);
            }
        }
        int done = 0;
        for (Tracked r : requests) {
            if (TERMINAL.contains(r.status)) {
                done++;
                continue;
            }
            JsonNode status = callOrNull(nodes, "GET", "/api/requests/" + r.reference, null,
                    Map.of("X-Status-Token", r.token));
            if (status == null) {
                continue;
            }
            r.status = status.get("status").asText();
            if (TERMINAL.contains(r.status)) {
                done++;
            } else if (r.withdraw && !r.status.equals("WITHDRAWN")) {
                callOrNull(nodes, "POST", "/api/requests/" + r.reference + "/withdrawal", "", Map.of("X-Status-Token", r.token));
            } else if (!r.verified && r.status.equals("AWAITING_VERIFICATION")) {
                Mailbox.Mail code = latestCode.get(r.reference);
                if (code != null && code.to().equalsIgnoreCase(r.email)) {
                    JsonNode verified = callOrNull(nodes, "POST", "/api/requests/" + r.reference + "/verification",
                            "{\"code\":\"" + Mailbox.codeIn(code) + "\"}", Map.of("X-Status-Token", r.token));
                    r.verified = verified != null;
                }
            }
        }
        completeReviewTasks(nodes);
        return done;
    }

    /** Privacy officers let reviewed requests proceed; data operators complete manual fulfilment. */
    private void completeReviewTasks(List<AppNode> nodes) throws InterruptedException {
        completeTasks(nodes, "officer", "Task_ReviewExemptions",
                "{\"variables\":{\"decision\":{\"value\":\"PROCEED\"},\"explanation\":{\"value\":\"Checked\"}}}");
        completeTasks(nodes, "officer", "Task_ReviewCorrection",
                "{\"variables\":{\"decision\":{\"value\":\"APPLY\"},\"explanation\":{\"value\":\"Checked the evidence\"}}}");
        completeTasks(nodes, "operator", "Task_FulfilManually",
                "{\"variables\":{\"decision\":{\"value\":\"COMPLETED\"},\"explanation\":{\"value\":\"Done by hand\"}}}");
    }

    private void completeTasks(List<AppNode> nodes, String user, String taskKey, String body) throws InterruptedException {
        Map<String, String> auth = Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        JsonNode tasks = callOrNull(nodes, "GET", "/engine-rest/task?taskDefinitionKey=" + taskKey + "&maxResults=50", null, auth);
        if (tasks == null) {
            return;
        }
        for (JsonNode task : tasks) {
            callOrNull(nodes, "POST", "/engine-rest/task/" + task.get("id").asText() + "/complete", body, auth);
        }
    }

    JsonNode callOrNull(List<AppNode> nodes, String method, String path, String body, Map<String, String> headers)
            throws InterruptedException {
        try {
            return call(nodes, method, path, body, headers, -1);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Calls a live node; a node that is down (killed, restarting) is skipped for the next one. */
    JsonNode call(List<AppNode> nodes, String method, String path, String body, Map<String, String> headers,
                  int expectedStatus) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            AppNode node = nodes.get(random.nextInt(nodes.size()));
            if (!node.isRunning()) {
                Thread.sleep(100);
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
            headers.forEach(request::header);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    Thread.sleep(200); // a node dying under us, or a concurrent change: try again
                    continue;
                }
                if (expectedStatus > 0 && response.statusCode() != expectedStatus) {
                    throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
                if (expectedStatus < 0 && response.statusCode() >= 300) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                Thread.sleep(200);
            } catch (IOException e) {
                Thread.sleep(200); // connection reset by a killed node
            }
        }
        throw new IllegalStateException("No node answered " + method + " " + path);
    }

    /** Final statuses commit with their notices in the outbox; wait until the dispatcher has sent them all. */
    void awaitOutboxDrained(Duration timeout) throws InterruptedException {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Integer pending = jdbc.queryForObject(
                    "select count(*) from notice_outbox where sent_at is null and failed_at is null", Integer.class);
            if (pending != null && pending == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Notices still unsent after " + timeout);
    }

    /**
     * Waits until no audit entry is pending: a node chains its entries just after it commits them, and what a killed
     * node committed but did not chain is chained by a live node's sweep (AuditTrail). The audit checks read the chain.
     */
    void awaitAuditChained(Duration timeout) {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource());
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("select count(*) from audit_pending", Integer.class) == 0);
    }

    /** Message-IDs of every delivery, by logical notice (kind and reference). */
    Map<String, List<String>> deliveriesByNotice() {
        Map<String, List<String>> byNotice = new HashMap<>();
        Pattern reference = Pattern.compile("RR-\\d{8}-\\d{4}");
        for (MimeMessage message : TestInfrastructure.mail().getReceivedMessages()) {
            try {
                String[] kind = message.getHeader("X-Rightsflow-Notice");
                Matcher m = reference.matcher(message.getSubject() + " " + message.getContent());
                if (kind == null || !m.find()) {
                    continue;
                }
                byNotice.computeIfAbsent(kind[0] + " " + m.group() + " " + message.getAllRecipients()[0], k -> new ArrayList<>())
                        .add(message.getMessageID());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return byNotice;
    }
}
