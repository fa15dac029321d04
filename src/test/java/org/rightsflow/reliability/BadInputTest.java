package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated malformed input against every requester endpoint (issue 9, item 3): wrong types, huge and deeply
 * nested JSON, broken UTF-8, control characters, right-to-left text, SQL and expression-language fragments in every
 * field. Zero 5xx, zero stack traces, zero requests or process instances created, and expression fragments that do
 * reach storage are kept as text, never evaluated.
 */
class BadInputTest extends PostgresIntegrationTest {

    private static final int CASES = 10_000;
    private static final String[] NASTY = {
        "${1+1}", "#{1+1}", "${execution.setVariable('pwned', true)}", "#{T(java.lang.Runtime).getRuntime()}",
        "' OR '1'='1", "'; drop table rights_request; --", "\u202Egnp.exe", "\u0000", "\u0007\u001b[31m", "\uD800",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "\\u0000", "李雷\u200F", "𝕏".repeat(50), " ",
        "a".repeat(5000), "null", "true", "-1", "1e309", "{}", "[]"};
    private static final String[] FIELDS = {"type", "accountEmail", "language", "details", "code", "extra"};
    private static final String[] TYPES = {"ACCESS", "COPY", "CORRECT", "DELETE", "TRANSFER", "WITHDRAW_CONSENT",
        "CANCEL_ACCOUNT"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void tenThousandMalformedRequestsChangeNothingAndNeverFailOnOurSide() {
        Api api = new Api(port);
        Api.Response valid = api.post("/api/requests",
                "{\"type\":\"ACCESS\",\"accountEmail\":\"wang.fang@example.com\",\"language\":\"en\"}");
        String reference = valid.json().get("reference").asText();
        String token = valid.json().get("statusToken").asText();
        int requestsBefore = jdbc.queryForObject("select count(*) from rights_request", Integer.class);
        long instancesBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey("RightsRequestProcess").count();

        Random random = new Random(20261129);
        Map<Integer, Integer> statuses = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Case c = generate(random, reference, token);
            Api.Response response = c.send(api);
            statuses.merge(response.status(), 1, Integer::sum);
            String body = response.text();
            if (response.status() >= 500 || body.contains("Exception") || body.contains("\tat ")
                    || body.contains("at org.") || (response.status() >= 400 && !response.contentType().startsWith("application/problem+json"))) {
                failures.add(c.description + " → " + response.status() + " " + abbreviate(body));
            }
            if (failures.size() > 20) {
                break;
            }
        }
        System.out.println("Bad input: " + CASES + " requests, answers by status " + statuses);
        assertThat(failures).as("5xx, stack traces or non-problem errors").isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status >= 400 && status < 500);
        assertThat(jdbc.queryForObject("select count(*) from rights_request", Integer.class))
                .as("no request was created").isEqualTo(requestsBefore);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("RightsRequestProcess").count())
                .as("no process instance was started")
                .isEqualTo(instancesBefore);
        assertThat(history.createHistoricVariableInstanceQuery().variableName("pwned").count()).isZero();
    }

    @Test
    void expressionsInFreeTextAreStoredAsTextAndNeverEvaluated() {
        Api api = new Api(port);
        String recipientName = "${execution.setVariable('pwned', true)} #{1+1}";
        Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", "TRANSFER",
                "accountEmail", "li.lei@example.com", "language", "en",
                "details", Map.of("recipientName", recipientName, "recipientEmail", "friend@example.com"))));
        assertThat(filed.status()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        String details = jdbc.queryForObject("select details from rights_request where reference = ?", String.class, reference);
        assertThat(details).contains("${execution.setVariable('pwned', true)} #{1+1}");
        String instanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list())
                .noneMatch(v -> String.valueOf(v.getValue()).contains("execution.setVariable"))
                .noneMatch(v -> v.getName().equals("pwned"));
    }

    private record Case(String description, String method, String path, byte[] body, String[] headers) {
        Api.Response send(Api api) {
            return method.equals("GET") ? api.get(path, headers) : api.postBytes(path, body, headers);
        }
    }

    private Case generate(Random random, String reference, String token) {
        int endpoint = random.nextInt(5);
        String nasty = NASTY[random.nextInt(NASTY.length)];
        return switch (endpoint) {
            case 0 -> post("/api/requests", malformedRequestBody(random, nasty), random, null);
            case 1 -> new Case("status " + nasty, "GET", "/api/requests/" + urlSafe(random, nasty, reference),
                    null, new String[] {"X-Status-Token", headerSafe(nasty)});
            case 2 -> post("/api/requests/" + reference + "/verification", codeBody(random, nasty), random,
                    random.nextBoolean() ? token + "x" : headerSafe(nasty));
            case 3 -> post("/api/requests/" + urlSafe(random, nasty, reference) + "/withdrawal",
                    bytes("{}"), random, headerSafe(nasty));
            default -> new Case("download " + nasty, "GET", "/api/downloads/" + urlSafe(random, nasty, "x"), null,
                    new String[0]);
        };
    }

    private Case post(String path, byte[] body, Random random, String statusToken) {
        List<String> headers = new ArrayList<>();
        if (statusToken != null) {
            headers.add("X-Status-Token");
            headers.add(statusToken);
        }
        if (random.nextInt(4) == 0) {
            headers.add("Idempotency-Key");
            headers.add(random.nextBoolean() ? "k" : "key-" + random.nextInt(1000) + "-" + "z".repeat(random.nextInt(200)));
        }
        return new Case("POST " + path + " " + abbreviate(new String(body, StandardCharsets.UTF_8)), "POST", path, body,
                headers.toArray(String[]::new));
    }

    /** A body for POST /api/requests that is wrong in at least one way, by construction. */
    private byte[] malformedRequestBody(Random random, String nasty) {
        String type = TYPES[random.nextInt(TYPES.length)];
        String json = "\"" + jsonEscape(nasty) + "\"";
        List<Supplier<String>> shapes = List.of(
                () -> "{\"type\":" + json + ",\"accountEmail\":\"li.lei@example.com\"}",
                () -> "{\"type\":\"" + type + "\",\"accountEmail\":" + json + "}",
                () -> "{\"type\":\"" + type + "\",\"accountEmail\":\"li.lei@example.com\",\"language\":" + json + "}",
                () -> "{\"type\":\"" + type + "\",\"accountEmail\":\"li.lei@example.com\",\"" + FIELDS[random.nextInt(FIELDS.length)] + "x\":" + json + "}",
                () -> "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"note\":" + json + "}}",
                () -> "{\"type\":\"DELETE\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"ground\":" + json + "}}",
                () -> "{\"type\":\"WITHDRAW_CONSENT\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"purposes\":[" + json + "]}}",
                () -> "{\"type\":\"TRANSFER\",\"accountEmail\":\"li.lei@example.com\",\"details\":{\"recipientName\":\"A\",\"recipientEmail\":" + json + "}}",
                () -> "{\"type\":" + random.nextInt() + ",\"accountEmail\":[1,2]}",
                () -> "[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(3)),
                () -> "{\"type\":\"ACCESS\",\"accountEmail\":\"li.lei@example.com\"",
                () -> "{\"type\":\"ACCESS\",\"type\":\"COPY\",\"accountEmail\":\"li.lei@example.com\"}",
                () -> "{\"type\":\"ACCESS\",\"accountEmail\":\"" + "x".repeat(20_000 + random.nextInt(50_000)) + "@example.com\"}",
                () -> "",
                () -> "null",
                () -> json);
        byte[] body = bytes(shapes.get(random.nextInt(shapes.size())).get());
        if (random.nextInt(10) == 0 && body.length > 4) {
            body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(0x40)); // broken UTF-8
        }
        return body;
    }

    private byte[] codeBody(Random random, String nasty) {
        return bytes(switch (random.nextInt(4)) {
            case 0 -> "{\"code\":\"" + jsonEscape(nasty) + "\"}";
            case 1 -> "{\"code\":" + random.nextInt() + "}";
            case 2 -> "{\"code\":\"123456\",\"" + jsonEscape(nasty) + "\":1}";
            default -> "{\"code\":[\"" + jsonEscape(nasty) + "\"]}";
        });
    }

    private static String urlSafe(Random random, String nasty, String fallback) {
        if (random.nextBoolean()) {
            return fallback + "x";
        }
        return java.net.URLEncoder.encode(nasty.length() > 300 ? nasty.substring(0, 300) : nasty, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** HTTP header values cannot carry control or non-ASCII characters at all: the client would refuse them. */
    private static String headerSafe(String nasty) {
        String ascii = nasty.replaceAll("[^\\x21-\\x7e]", "?");
        return ascii.isEmpty() ? "?" : ascii.length() > 500 ? ascii.substring(0, 500) : ascii;
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
