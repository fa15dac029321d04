package org.rightsflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The hardened surfaces of README "Security", over real HTTP against the running application: security headers on
 * every page and answer, actuator endpoints for staff only, and staff sign-in that no anonymous client can lock.
 * Client addresses are simulated with X-Forwarded-For, which the application trusts from loopback only (a proxy on
 * this machine), exactly as it would from a TLS proxy in front of it.
 */
class WebSecurityTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * Behind a TLS proxy (trusted: loopback here) the application sees the original scheme from X-Forwarded-Proto,
     * so the cookies it sets keep {@code Secure}; over plain http they cannot have it (the browser would drop them).
     */
    @Test
    void cookiesAreSecureWhenTheProxySaysTheClientUsedHttps() {
        java.util.List<String> overHttps = call("GET", "/privacy/request/ACCESS", null, "X-Forwarded-Proto", "https")
                .raw().headers().allValues("Set-Cookie");
        assertThat(overHttps).as("the form's key cookies").isNotEmpty().allMatch(c -> c.contains("; Secure"));
        java.util.List<String> overHttp = call("GET", "/privacy/request/ACCESS", null).raw().headers()
                .allValues("Set-Cookie");
        assertThat(overHttp).isNotEmpty().noneMatch(c -> c.contains("; Secure"));
    }

    private Answer call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The webapps' login form as a browser posts it from a client address: the page first (its CSRF cookie and
     * header), then the form with both.
     */
    private int webappLogin(String user, String password, String client) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        try {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
                    .header("X-Forwarded-For", client).build(), HttpResponse.BodyHandlers.ofString());
            String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                    .header("X-Forwarded-For", client)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return login.statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client address of its own (TEST-NET-3), so that no other test shares its sign-in count. */
    private static String someClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    @Test
    void everyPageAndAnswerCarriesTheSecurityHeaders() {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("Privacy Center page", call("GET", "/privacy", null));
        answers.put("filing (201 with the status token)", call("POST", "/api/requests",
                "{\"type\":\"ACCESS\",\"accountEmail\":\"nobody.at.all@example.com\"}", "Content-Type", "application/json"));
        answers.put("API error", call("GET", "/api/requests/RR-20260101-0001", null));
        answers.put("unknown path", call("GET", "/no/such/page", null));
        answers.put("engine REST", call("GET", "/engine-rest/task", null, "Authorization", basic("officer", "officer")));
        answers.put("webapp API", call("GET", "/camunda/api/engine/engine/", null));
        answers.put("health", call("GET", "/actuator/health", null));
        answers.forEach((what, answer) -> {
            assertThat(answer.header("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(answer.header("Cache-Control")).as(what).isEqualTo("no-store");
        });
        assertThat(answers.get("filing (201 with the status token)").status()).isEqualTo(201);
        assertThat(answers.get("Privacy Center page").header("Content-Security-Policy"))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(answers.get("filing (201 with the status token)").header("Content-Security-Policy"))
                .startsWith("default-src 'none'");

        // Tasklist's page keeps Camunda's own policy (a nonce per page), which also forbids framing
        Answer tasklist = call("GET", "/camunda/app/tasklist/default/", null);
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("nonce-");
        assertThat(tasklist.header("Referrer-Policy")).isEqualTo("no-referrer");
        // static files may be cached; nothing else may
        assertThat(call("GET", "/privacy/privacy.css", null).header("Cache-Control")).isNotEqualTo("no-store");
    }

    @Test
    void actuatorEndpointsOtherThanHealthNeedAStaffUser() {
        assertThat(call("GET", "/actuator/health", null).status()).isEqualTo(200);
        Answer anonymous = call("GET", "/actuator/metrics", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(call("GET", "/actuator/info", null).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/metrics", null, "Authorization", basic("auditor", "wrong"),
                "X-Forwarded-For", someClient()).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/metrics", null, "Authorization", basic("auditor", "auditor")).status())
                .isEqualTo(200);
        Answer limits = call("GET", "/actuator/metrics/rightsflow.limit.refused", null,
                "Authorization", basic("auditor", "auditor"));
        assertThat(limits.status()).as("the abuse limits' counter is registered").isIn(200, 404);
    }

    @Test
    void wrongPasswordsThrottleTheirClientAndNeverLockTheStaffAccount() {
        String attacker = someClient();
        String colleague = someClient();
        int refusedWithPassword = 0;
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 25; i++) {
            Answer answer = call("GET", "/engine-rest/task", null, "Authorization", basic("officer2", "guess-" + i),
                    "X-Forwarded-For", attacker);
            if (answer.status() == 401) {
                refusedWithPassword++;
            } else if (answer.status() == 429) {
                throttled++;
                retryAfter = answer.header("Retry-After");
            }
        }
        System.out.println("Staff sign-in: " + refusedWithPassword + " wrong passwords checked for one client address, "
                + throttled + " further attempts refused unchecked (429)");
        assertThat(refusedWithPassword).as("the limit's failures are checked, then the client waits").isEqualTo(10);
        assertThat(throttled).isEqualTo(15);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L);
        // the right password from the throttled address waits as well: no guessing around the throttle
        assertThat(call("GET", "/engine-rest/task", null, "Authorization", basic("officer2", "officer2"),
                "X-Forwarded-For", attacker).status()).isEqualTo(429);
        // the webapps' login form and /staff are throttled for that address too
        assertThat(webappLogin("officer2", "officer2", attacker)).isEqualTo(429);

        // officer2 was never locked: from their own address they work on, by REST and in the webapps
        assertThat(call("GET", "/engine-rest/task", null, "Authorization", basic("officer2", "officer2"),
                "X-Forwarded-For", colleague).status()).isEqualTo(200);
        assertThat(webappLogin("officer2", "officer2", colleague)).isEqualTo(200);
        assertThat(identity.checkPassword("officer2", "officer2")).isTrue();

        // the webapps' failed logins count like REST ones
        String other = someClient();
        for (int i = 0; i < 10; i++) {
            assertThat(webappLogin("legal", "x" + i, other)).isEqualTo(401);
        }
        assertThat(call("GET", "/engine-rest/task", null, "Authorization", basic("legal", "legal"),
                "X-Forwarded-For", other).status()).isEqualTo(429);
    }
}
