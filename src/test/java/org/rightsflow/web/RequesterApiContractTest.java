package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** docs/api.md: every bad input gets problem+json with a code and changes nothing; idempotency holds under races. */
class RequesterApiContractTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;

    private Api api() {
        return new Api(port);
    }

    private int requestCount() {
        return jdbc.queryForObject("select count(*) from rights_request", Integer.class);
    }

    private void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void badInputGetsAProblemWithACodeAndCreatesNothing() {
        int before = requestCount();
        long instancesBefore = runtime.createProcessInstanceQuery().count();
        assertProblem(api().post("/api/requests", "{\"type\":\"SELL\",\"accountEmail\":\"li.lei@example.com\"}"), 400, "UNKNOWN_TYPE");
        assertProblem(api().post("/api/requests", "{\"type\":42,\"accountEmail\":\"li.lei@example.com\"}"), 400, "UNKNOWN_TYPE");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"not-an-email\"}"), 400, "INVALID_EMAIL");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\"}"), 400, "INVALID_EMAIL");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"admin\":true}"), 400, "UNKNOWN_FIELD");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"language\":\"fr\"}"), 400, "INVALID_LANGUAGE");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"x\":1}}"), 400, "UNKNOWN_FIELD");
        assertProblem(api().post("/api/requests", "{\"type\":\"DELETE\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"ground\":\"BORED\"}}"), 400, "INVALID_DETAILS");
        assertProblem(api().post("/api/requests", "{\"type\":\"TRANSFER\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"recipientName\":\"X\"}}"), 400, "INVALID_DETAILS");
        assertProblem(api().post("/api/requests", "{\"type\":\"WITHDRAW_CONSENT\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"purposes\":[\"SPAM\"]}}"), 400, "INVALID_DETAILS");
        assertProblem(api().post("/api/requests", "{\"type\":\"CORRECT\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"corrections\":[]}}"), 400, "INVALID_DETAILS");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":"), 400, "MALFORMED_JSON");
        assertProblem(api().post("/api/requests", "[1,2]"), 400, "MALFORMED_JSON");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"type\":\"COPY\",\"accountEmail\":\"li.lei@example.com\"}"), 400, "MALFORMED_JSON");
        assertProblem(api().post("/api/requests", "[".repeat(5000)), 400, "MALFORMED_JSON");
        assertProblem(api().postBytes("/api/requests", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}), 400, "MALFORMED_JSON");
        String huge = "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"language\":\"" + "x".repeat(100_000) + "\"}";
        assertProblem(api().post("/api/requests", huge), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\"}",
                "Idempotency-Key", "short"), 400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(api().get("/api/requests/RR-20260101-0001", "X-Status-Token", "nope"), 404, "REQUEST_NOT_FOUND");
        assertProblem(api().get("/api/requests/RR-20260101-0001"), 404, "REQUEST_NOT_FOUND");
        assertThat(requestCount()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void aWrongTokenNeverOpensAnotherRequest() {
        JsonNode first = api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"wang.fang@example.com\"}").json();
        JsonNode second = api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"wang.fang@example.com\"}").json();
        String reference = first.get("reference").asText();
        assertThat(api().get("/api/requests/" + reference, "X-Status-Token", first.get("statusToken").asText()).status()).isEqualTo(200);
        assertProblem(api().get("/api/requests/" + reference, "X-Status-Token", second.get("statusToken").asText()), 404, "REQUEST_NOT_FOUND");
        assertProblem(api().post("/api/requests/" + reference + "/withdrawal", "", "X-Status-Token", second.get("statusToken").asText()), 404, "REQUEST_NOT_FOUND");
        assertProblem(api().post("/api/requests/" + reference + "/verification", "{\"code\":\"123456\"}",
                "X-Status-Token", second.get("statusToken").asText()), 404, "REQUEST_NOT_FOUND");
    }

    @Test
    void anUnknownAccountGetsTheSameAnswerAsAKnownOne() {
        Api.Response known = api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"language\":\"en\"}");
        Api.Response unknown = api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"nobody@example.com\",\"language\":\"en\"}");
        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(201);
        assertThat(fieldNames(unknown.json())).isEqualTo(fieldNames(known.json()));
        assertThat(unknown.json().get("status")).isEqualTo(known.json().get("status"));
        assertThat(unknown.json().get("dueDate").asText().length()).isEqualTo(known.json().get("dueDate").asText().length());
    }

    @Test
    void theSameIdempotencyKeyFilesOneRequestEvenWhenRetriesRace() throws Exception {
        String body = "{\"type\":\"ACCESS\",\"accountEmail\":\"chen.jie@example.com\",\"language\":\"en\"}";
        String key = java.util.UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> api().post("/api/requests", body, "Idempotency-Key", key));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            Api.Response response = f.get();
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            answers.add(response.json());
        }
        pool.shutdown();
        assertThat(answers).extracting(a -> a.get("reference").asText()).containsOnly(answers.get(0).get("reference").asText());
        assertThat(answers).extracting(a -> a.get("statusToken").asText()).containsOnly(answers.get(0).get("statusToken").asText());
        String reference = answers.get(0).get("reference").asText();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from rights_request where idempotency_key = ?", Integer.class, key))
                .as("the key is a bearer secret: stored only as a keyed hash").isZero();

        // Another body with the same key is answered exactly as a fresh key would be: nobody learns the key exists.
        String otherBody = "{\"type\":\"COPY\",\"accountEmail\":\"chen.jie@example.com\",\"language\":\"en\"}";
        Api.Response other = api().post("/api/requests", otherBody, "Idempotency-Key", key);
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        assertThat(other.json().get("reference").asText()).isNotEqualTo(reference);
        assertThat(other.json().get("statusToken").asText()).isNotEqualTo(answers.get(0).get("statusToken").asText());
        Api.Response withoutKey = api().post("/api/requests", body);
        assertThat(withoutKey.json().get("reference").asText()).as("without a key every POST is new").isNotEqualTo(reference);

        // A key replays for 24 hours, then the same key and body file a new request.
        jdbc.update("update rights_request set received_at = received_at - interval '25 hours' where reference = ?", reference);
        Api.Response dayLater = api().post("/api/requests", body, "Idempotency-Key", key);
        assertThat(dayLater.status()).as(dayLater.text()).isEqualTo(201);
        assertThat(dayLater.json().get("reference").asText()).isNotEqualTo(reference);
        assertThat(api().post("/api/requests", body, "Idempotency-Key", key).json().get("reference").asText())
                .as("the new filing replays in its turn").isEqualTo(dayLater.json().get("reference").asText());
    }

    @Test
    void idempotencyKeysMustBeUnguessable() {
        String body = "{\"type\":\"ACCESS\",\"accountEmail\":\"chen.jie@example.com\",\"language\":\"en\"}";
        long before = requestCount();
        for (String guessable : List.of("short", "harness-17-5432", "00000000-0000-0000-0000-000000000000",
                "11111111-1111-1111-1111-111111111111", "12345678-9abc-def0-1234-56789abcdef0",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcdefghijklmnopqrstuvwxyz", "order-2026-11-29-000000001",
                "key-key-key-key-key-key-key", "x".repeat(200))) {
            assertProblem(api().post("/api/requests", body, "Idempotency-Key", guessable), 400, "INVALID_IDEMPOTENCY_KEY");
        }
        assertThat(requestCount()).isEqualTo(before);
        for (String random : List.of(java.util.UUID.randomUUID().toString(),
                org.rightsflow.common.Hashing.randomToken(16), org.rightsflow.common.Hashing.randomToken(32))) {
            Api.Response filed = api().post("/api/requests", body, "Idempotency-Key", random);
            assertThat(filed.status()).as(random + ": " + filed.text()).isEqualTo(201);
        }
    }

    @Test
    void theApiIsDescribedAndHealthIsReported() {
        Api.Response openApi = api().get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/requests")).isTrue();
        assertThat(openApi.json().get("paths").has("/api/requests/{reference}/verification")).isTrue();
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/mail/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/processEngine/status").asText()).isEqualTo("UP");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
