package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15: the attacks a black-box probe found, against two application nodes (separate JVMs on one PostgreSQL, the
 * abuse limits at their defaults), over real HTTP, each failing; and an honest requester who files, mistypes the code
 * twice and asks for a new one still gets through. The attacker comes from many client addresses at once (the nodes
 * trust X-Forwarded-For from loopback, as from a TLS proxy in front of them) and alternates between the nodes, so
 * every limit shown holds across the cluster, not per node. Figures are printed.
 */
class AbuseResistanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HONEST = "li.lei@example.com";
    private static final String GUESSED = "wang.fang@example.com";
    private static final String BOMBED = "zhao.qiang@example.com";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<AppNode> nodes;
    private int next;
    private int clients;
    /** What the attacks left behind, for the Privacy Center's pages: reference and status token of each filing. */
    private final Map<String, String> bombedTokens = new LinkedHashMap<>();
    private String afterGuessLimit;
    private String afterGuessLimitToken;

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @Test
    void everyAttackFailsOnBothNodesAndAnHonestRequesterGetsThrough() throws Exception {
        ReliabilityHarness harness = new ReliabilityHarness("abuse");
        int portA = TestInfrastructure.freePort();
        int portB = TestInfrastructure.freePort();
        // the limits at their defaults; only the wait between two resends is shortened, for the honest requester
        List<String> arguments = List.of("--rightsflow.demo.enabled=true",
                "--rightsflow.demo.large-account-operation-logs=100", "--rightsflow.demo.staff.enabled=true",
                "--rightsflow.notice.dispatch-interval=PT0.2S", "--rightsflow.identity.resend-interval=PT2S",
                "--logging.level.root=WARN");
        try (AppNode a = new AppNode("abuse-a", portA, harness.environment(portA), arguments);
             AppNode b = new AppNode("abuse-b", portB, harness.environment(portB), arguments)) {
            // one after the other: the first creates the engine's schema, which two nodes at once would both try
            a.start();
            b.start();
            nodes = List.of(a, b);
            JdbcTemplate jdbc = new JdbcTemplate(harness.dataSource());

            anHonestRequesterFilesMistypesTwiceResendsAndIsVerified(harness);
            guessingAcrossRequestsStopsAtTheAccountsDailyLimit(harness, jdbc);
            floodingAnAccountReachesItsContactAtMostFiveTimesAnHour(harness, jdbc);
            oneClientAddressFilesFiveTimesAMinuteOnAllNodesTogether();
            anIdempotencyKeyServesOnlyItsOwnBody();
            wrongStaffPasswordsThrottleTheirAddressAndLockNoAccount();
            thePrivacyCenterExplainsEveryLimitInBothLanguages(jdbc);
            everyLimitIsCountedInTheMetrics();
        }
    }

    private void anHonestRequesterFilesMistypesTwiceResendsAndIsVerified(ReliabilityHarness harness) {
        String client = client();
        Answer filed = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"" + HONEST + "\",\"language\":\"en\"}",
                client, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        String token = filed.json().get("statusToken").asText();
        String code = Mailbox.codeIn(harness.mailbox.awaitOne(HONEST, "VERIFICATION_CODE", reference));
        String wrong = code.equals("123456") ? "654321" : "123456";
        Answer first = post("/api/requests/" + reference + "/verification", "{\"code\":\"" + wrong + "\"}", client,
                "X-Status-Token", token);
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.json().get("attemptsLeft").asInt()).isEqualTo(4);
        Answer second = post("/api/requests/" + reference + "/verification", "{\"code\":\"" + wrong + "\"}", client,
                "X-Status-Token", token);
        assertThat(second.json().get("attemptsLeft").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                post("/api/requests/" + reference + "/verification/resend", "", client, "X-Status-Token", token)
                        .status() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.mailbox.of(HONEST, "VERIFICATION_CODE", reference).size() == 2);
        List<Mailbox.Mail> codes = harness.mailbox.of(HONEST, "VERIFICATION_CODE", reference);
        Answer verified = post("/api/requests/" + reference + "/verification",
                "{\"code\":\"" + Mailbox.codeIn(codes.get(codes.size() - 1)) + "\"}", client, "X-Status-Token", token);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> "COMPLETED".equals(
                get("/api/requests/" + reference, client, "X-Status-Token", token).json().get("status").asText()));
        System.out.println("Abuse: an honest requester filed, mistyped the code twice, asked for a new one and was "
                + "verified: " + reference + " COMPLETED");
    }

    private void guessingAcrossRequestsStopsAtTheAccountsDailyLimit(ReliabilityHarness harness, JdbcTemplate jdbc)
            throws InterruptedException {
        int filings = 0;
        int wrongAnswered = 0;
        int locked = 0;
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String client = client(); // a new address for every filing: the filing limit is not what stops this
            Answer filed = post("/api/requests", "{\"type\":\"DELETE\",\"accountEmail\":\"" + GUESSED
                    + "\",\"details\":{\"ground\":\"CONSENT_WITHDRAWN\"}}", client);
            assertThat(filed.status()).as("every filing gets the same answer").isEqualTo(201);
            filings++;
            String reference = filed.json().get("reference").asText();
            references.add(reference);
            awaitPastReceipt(reference, filed.json().get("statusToken").asText(), client);
            for (int guess = 0; guess < 4; guess++) {
                Answer answer = post("/api/requests/" + reference + "/verification",
                        "{\"code\":\"" + String.format("%06d", 100_000 + filings * 10 + guess) + "\"}", client,
                        "X-Status-Token", filed.json().get("statusToken").asText());
                if (answer.status() == 422) {
                    wrongAnswered++;
                } else {
                    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(423);
                    locked++;
                    break;
                }
            }
        }
        // the guesses really compared with a code: every wrong attempt recorded, over all the account's requests
        int guessesChecked = jdbc.queryForObject("""
                select count(*) from verification_attempt a join rights_request r on r.id = a.request_id
                where r.account_email = ? and a.success = false""", Integer.class, GUESSED);
        System.out.println("Abuse: guesses possible per account per day: " + guessesChecked + " compared (" + wrongAnswered
                + " answered 422, the last one 423), " + filings + " filings from " + filings + " addresses on two nodes, "
                + locked + " further attempts answered 423 unchecked: a level-1 code is guessed with a chance of at most "
                + guessesChecked + " in 1,000,000 a day (was about 6,300 guesses a minute)");
        assertThat(guessesChecked).isEqualTo(10);
        assertThat(wrongAnswered).isEqualTo(9);
        List<String> reasons = jdbc.queryForList("select manual_verification_reason from rights_request "
                + "where account_email = ? and status = 'AWAITING_VERIFICATION'", String.class, GUESSED);
        assertThat(reasons).hasSize(filings).allMatch(r -> r != null, "every open request waits for staff");
        // a code sent after the limit would be a further chance: none is
        String first = references.get(0);
        harness.awaitOutboxDrained(Duration.ofSeconds(60));
        long codesBefore = harness.mailbox.all().stream().filter(m -> m.kind().equals("VERIFICATION_CODE")
                && m.to().equalsIgnoreCase(GUESSED)).count();
        Answer again = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"" + GUESSED + "\"}", client());
        assertThat(again.status()).isEqualTo(201);
        afterGuessLimit = again.json().get("reference").asText();
        afterGuessLimitToken = again.json().get("statusToken").asText();
        awaitPastReceipt(afterGuessLimit, afterGuessLimitToken, client());
        assertThat(jdbc.queryForObject("select manual_verification_reason from rights_request where reference = ?",
                String.class, again.json().get("reference").asText())).isEqualTo("ACCOUNT_WRONG_CODE_LIMIT");
        // one intake task for the account, however many of its requests wait for staff (each joins the account's case
        // as its hand-over job runs)
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                select count(*) from rights_request where account_email = ? and status = 'AWAITING_VERIFICATION'
                  and manual_case_id is null""", Integer.class, GUESSED) == 0);
        int tasksForTheAccount = jdbc.queryForObject("""
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                join rights_request r on r.reference = e.business_key_
                where t.task_def_key_ = 'Task_VerifyIdentityManually' and r.account_email = ?""", Integer.class, GUESSED);
        System.out.println("Abuse: intake queue: " + (filings + 1) + " requests of one account wait for staff, in "
                + tasksForTheAccount + " intake task");
        assertThat(tasksForTheAccount).isEqualTo(1);
        harness.awaitOutboxDrained(Duration.ofSeconds(60));
        assertThat(harness.mailbox.all().stream().filter(m -> m.kind().equals("VERIFICATION_CODE")
                && m.to().equalsIgnoreCase(GUESSED)).count()).as("no code once the limit is reached (first was %s)", first)
                .isEqualTo(codesBefore);
    }

    private void floodingAnAccountReachesItsContactAtMostFiveTimesAnHour(ReliabilityHarness harness, JdbcTemplate jdbc)
            throws InterruptedException {
        int filings = 0;
        int resends = 0;
        for (int i = 0; i < 12; i++) {
            String client = client();
            Answer filed = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"" + BOMBED + "\"}", client);
            assertThat(filed.status()).isEqualTo(201);
            filings++;
            bombedTokens.put(filed.json().get("reference").asText(), filed.json().get("statusToken").asText());
            if (i % 3 == 0) {
                Thread.sleep(2100); // past the per-request wait between rounds
                post("/api/requests/" + filed.json().get("reference").asText() + "/verification/resend", "", client,
                        "X-Status-Token", filed.json().get("statusToken").asText());
                resends++;
            }
        }
        harness.awaitOutboxDrained(Duration.ofSeconds(60));
        long arrived = harness.mailbox.all().stream().filter(m -> m.to().equalsIgnoreCase(BOMBED)).count();
        System.out.println("Abuse: messages per contact per hour: " + arrived + " reached " + BOMBED + " after " + filings
                + " filings and " + resends + " resends from " + filings + " addresses on two nodes (limit 5 an hour, "
                + "10 a day)");
        assertThat(arrived).isLessThanOrEqualTo(5).isGreaterThan(0);
    }

    private void oneClientAddressFilesFiveTimesAMinuteOnAllNodesTogether() {
        String client = client();
        int accepted = 0;
        Answer refused = null;
        for (int i = 0; i < 8; i++) {
            Answer answer = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"someone-" + i + "-"
                    + System.nanoTime() + "@example.com\"}", client);
            if (answer.status() == 201) {
                accepted++;
            } else {
                refused = answer;
            }
        }
        System.out.println("Abuse: filings per client per minute: " + accepted + " accepted from one address on two "
                + "nodes, then 429 " + refused.json().get("code").asText() + " with Retry-After "
                + refused.header("Retry-After") + " s");
        assertThat(accepted).isEqualTo(5);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
    }

    private void anIdempotencyKeyServesOnlyItsOwnBody() {
        String key = UUID.randomUUID().toString();
        Answer victim = post("/api/requests", "{\"type\":\"DELETE\",\"accountEmail\":\"chen.jie@example.com\"}", client(),
                "Idempotency-Key", key);
        Answer attacker = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"chen.jie@example.com\"}",
                client(), "Idempotency-Key", key);
        assertThat(attacker.status()).isEqualTo(201);
        assertThat(attacker.json().get("statusToken").asText()).isNotEqualTo(victim.json().get("statusToken").asText());
        assertThat(post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"chen.jie@example.com\"}", client(),
                "Idempotency-Key", "retry-0001").status()).isEqualTo(400);
        System.out.println("Abuse: a known Idempotency-Key with another body filed a request of its own (the victim's "
                + "token stays the victim's); a guessable key was refused (400)");
    }

    private void wrongStaffPasswordsThrottleTheirAddressAndLockNoAccount() {
        String attacker = client();
        int checked = 0;
        int throttled = 0;
        for (int i = 0; i < 14; i++) {
            int status = get("/engine-rest/task", attacker, "Authorization", basic("officer2", "guess" + i)).status();
            checked += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        System.out.println("Abuse: staff sign-in: " + checked + " wrong passwords checked from one address on two nodes, "
                + throttled + " refused unchecked; officer2 signs in from elsewhere on both nodes");
        assertThat(checked).isEqualTo(10);
        assertThat(throttled).isEqualTo(4);
        for (int i = 0; i < 2; i++) {
            assertThat(get("/engine-rest/task", client(), "Authorization", basic("officer2", "officer2")).status())
                    .as("never locked").isEqualTo(200);
        }
    }

    /**
     * Each limit as the requester meets it in the Privacy Center, in both languages: the filing form from a client
     * address that filed too often (429, Retry-After), the code page of a request no code was sent for (the account's
     * wrong codes, too many open requests, codes held back for the contact), a code entered past the account's limit,
     * and new codes asked for a contact that had its messages.
     */
    private void thePrivacyCenterExplainsEveryLimitInBothLanguages(JdbcTemplate jdbc) throws InterruptedException {
        List<Map.Entry<String, String>> tooMany = bombed(jdbc, """
                select reference from rights_request where reference in (%s)
                  and manual_verification_reason = 'TOO_MANY_OPEN_REQUESTS'""");
        List<Map.Entry<String, String>> withCodes = bombed(jdbc, """
                select reference from rights_request where reference in (%s)
                  and manual_verification_reason is null and status = 'AWAITING_VERIFICATION'""");
        assertThat(tooMany).as("the account's fourth and later filings got no code").isNotEmpty();
        assertThat(withCodes).as("the account's first filings wait for their codes").isNotEmpty();
        String rateLimitedClient = client();
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"nobody-" + i + "-"
                    + System.nanoTime() + "@example.com\"}", rateLimitedClient).status()).isEqualTo(201);
        }
        int pages = 0;
        for (String language : List.of("en", "zh-CN")) {
            Properties messages = messages(language);
            String lang = "?lang=" + language;

            Answer form = send("POST", "/privacy/request/ACCESS" + lang, "accountEmail=nobody-" + System.nanoTime()
                    + "%40example.com&idempotencyKey=" + UUID.randomUUID(), rateLimitedClient,
                    "Content-Type", "application/x-www-form-urlencoded");
            assertThat(form.status()).as("the filing form from a client address that filed too often").isEqualTo(429);
            assertThat(Long.parseLong(form.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(form.raw().body()).contains(upToFirstArgument(messages, "error.RATE_LIMITED"));

            assertThat(page("/privacy/status/" + afterGuessLimit + "/verify" + lang, afterGuessLimit,
                    afterGuessLimitToken)).contains(messages.getProperty("verify.staff.ACCOUNT_WRONG_CODE_LIMIT"));
            Answer guessed = send("POST", "/privacy/status/" + afterGuessLimit + "/verify" + lang, "code=123456",
                    client(), "Content-Type", "application/x-www-form-urlencoded",
                    "Cookie", "rf_status_" + afterGuessLimit + "=" + afterGuessLimitToken);
            assertThat(guessed.raw().body()).contains(messages.getProperty("error.ACCOUNT_WRONG_CODE_LIMIT"));

            Map.Entry<String, String> joined = tooMany.get(0);
            assertThat(page("/privacy/status/" + joined.getKey() + "/verify" + lang, joined.getKey(), joined.getValue()))
                    .contains(messages.getProperty("verify.staff.TOO_MANY_OPEN_REQUESTS"));

            // new codes for a request of the bombed account: its contact had its messages for the hour
            String contactLimit = upToFirstArgument(messages, "error.CONTACT_MESSAGE_LIMIT");
            boolean shown = false;
            for (Map.Entry<String, String> request : withCodes) {
                Answer resend = send("POST", "/privacy/status/" + request.getKey() + "/verify/resend" + lang, "",
                        client(), "Content-Type", "application/x-www-form-urlencoded",
                        "Cookie", "rf_status_" + request.getKey() + "=" + request.getValue());
                if (resend.raw().body().contains(contactLimit)) {
                    shown = true;
                    break;
                }
            }
            assertThat(shown).as("a resend for the bombed contact says when it can have messages again").isTrue();
            pages += 5;
        }

        // codes held back: the contact had its messages for the hour (the resends above just showed it), so a new
        // filing of the account, with room among its open requests once the flood's are withdrawn, gets no code yet
        for (Map.Entry<String, String> open : bombed(jdbc, """
                select reference from rights_request where reference in (%s) and status = 'AWAITING_VERIFICATION'""")) {
            assertThat(post("/api/requests/" + open.getKey() + "/withdrawal", "", client(),
                    "X-Status-Token", open.getValue()).status()).isEqualTo(200);
        }
        String client = client();
        Answer filed = post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"" + BOMBED + "\"}", client);
        assertThat(filed.status()).isEqualTo(201);
        String waiting = filed.json().get("reference").asText();
        String waitingToken = filed.json().get("statusToken").asText();
        awaitPastReceipt(waiting, waitingToken, client);
        assertThat(jdbc.queryForObject("""
                select v.held_back_until > now() from verification_round v join rights_request r on r.id = v.request_id
                where r.reference = ? order by v.round_no desc limit 1""", Boolean.class, waiting))
                .as("the new filing's code is held back for its contact").isTrue();
        for (String language : List.of("en", "zh-CN")) {
            assertThat(page("/privacy/status/" + waiting + "/verify?lang=" + language, waiting, waitingToken))
                    .contains(upToFirstArgument(messages(language), "verify.heldBack"));
            pages++;
        }
        System.out.println("Abuse: the Privacy Center explained the limits on " + pages + " pages in en and zh-CN "
                + "(filings per client, the account's wrong codes on the code page and on a code, too many open "
                + "requests, messages per contact on a resend, codes held back for the contact)");
    }

    /** Each node counts the uses its limits refused and the windows they filled, for Prometheus. */
    private void everyLimitIsCountedInTheMetrics() {
        Map<String, Double> refused = new TreeMap<>();
        Map<String, Double> reached = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Answer scrape = get("/actuator/prometheus", client(), "Authorization", basic("auditor", "auditor"));
            assertThat(scrape.status()).as(scrape.raw().body()).isEqualTo(200);
            for (String line : scrape.raw().body().split("\n")) {
                java.util.regex.Matcher m = METRIC.matcher(line);
                if (m.matches()) {
                    (m.group(1).equals("refused") ? refused : reached).merge(m.group(2), Double.parseDouble(m.group(3)),
                            Double::sum);
                }
            }
        }
        System.out.println("Abuse: metrics over both nodes: rightsflow_limit_refused_total " + refused
                + ", rightsflow_limit_reached_total " + reached);
        assertThat(refused).containsKeys("FILINGS_PER_CLIENT", "MESSAGES_PER_CONTACT", "SIGN_IN_FAILURES_PER_CLIENT");
        assertThat(refused.get("FILINGS_PER_CLIENT")).isGreaterThanOrEqualTo(5.0); // 3 API + 2 form
        assertThat(refused.get("SIGN_IN_FAILURES_PER_CLIENT")).isGreaterThanOrEqualTo(4.0);
        assertThat(reached).containsKeys("WRONG_CODES_PER_ACCOUNT", "FILINGS_PER_CLIENT", "MESSAGES_PER_CONTACT");
        assertThat(reached.get("WRONG_CODES_PER_ACCOUNT")).isEqualTo(1.0);
    }

    private static final java.util.regex.Pattern METRIC = java.util.regex.Pattern.compile(
            "rightsflow_limit_(refused|reached)_total\\{.*limit=\"([A-Z_]+)\".*} ([0-9.E+-]+)");

    /** The bombed account's filings the query (with {@code %s} for their references) finds, with their tokens. */
    private List<Map.Entry<String, String>> bombed(JdbcTemplate jdbc, String query) {
        String references = String.join(",", bombedTokens.keySet().stream().map(r -> "'" + r + "'").toList());
        return jdbc.queryForList(query.formatted(references), String.class).stream()
                .map(r -> Map.entry(r, bombedTokens.get(r))).toList();
    }

    /** A Privacy Center page of a request, as its browser (holding the status cookie) sees it. */
    private String page(String path, String reference, String token) {
        Answer answer = get(path, client(), "Cookie", "rf_status_" + reference + "=" + token);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.raw().body();
    }

    private static Properties messages(String language) {
        String file = language.equals("en") ? "/i18n/privacy.properties" : "/i18n/privacy_zh_CN.properties";
        Properties messages = new Properties();
        try (var in = new java.io.InputStreamReader(AbuseResistanceIT.class.getResourceAsStream(file),
                StandardCharsets.UTF_8)) {
            messages.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return messages;
    }

    /** A message's text up to its first argument (a time or a number the test does not predict). */
    private static String upToFirstArgument(Properties messages, String key) {
        String text = messages.getProperty(key);
        assertThat(text).as(key).isNotNull();
        int argument = text.indexOf('{');
        return argument < 0 ? text : text.substring(0, argument);
    }

    // ------------------------------------------------------------------ HTTP, alternating between the nodes

    /** Codes can be entered once the filing's process has sent them (it runs after the 201, on either node). */
    private void awaitPastReceipt(String reference, String token, String client) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !"RECEIVED".equals(
                get("/api/requests/" + reference, client, "X-Status-Token", token).json().path("status").asText()));
    }

    /** A fresh client address (in 198.18.0.0/15, set aside for tests) for the next caller. */
    private String client() {
        clients++;
        return "198.18." + (clients / 250) + "." + (clients % 250 + 1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Answer post(String path, String body, String client, String... headers) {
        return send("POST", path, body, client, headers);
    }

    private Answer get(String path, String client, String... headers) {
        return send("GET", path, null, client, headers);
    }

    private Answer send(String method, String path, String body, String client, String... headers) {
        AppNode node = nodes.get(next++ % nodes.size());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                .timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", client)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() || !response.body().trim().matches("(?s)^[\\[{].*")
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
