package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.Hashing;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The page behind an emailed result link: it says what the file is and how many uses and how long remain, spends no
 * use itself (neither GET nor HEAD), and a used-up, expired or unknown link gets a page saying why, in the request's
 * language — also when a browser opens the file's own address.
 */
class PrivacyCenterDownloadPageTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DownloadService downloads;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> page(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A published ACCESS report of a request filed in {@code language}; returns the token of its link. */
    private String publishedReport(String language) {
        Api.Response filed = new Api(port).post("/api/requests", Api.json(Map.of("type", "ACCESS",
                "accountEmail", "download-page-" + System.nanoTime() + "@example.com", "language", language)));
        assertThat(filed.status()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                reference);
        String id = downloads.store(requestId, "ACCESS_REPORT", "access-report-" + reference + ".html", "text/html",
                "<html>report</html>".getBytes(StandardCharsets.UTF_8));
        String url = downloads.publish(id).url();
        assertThat(url).as("the email links the page, not the file").contains("/privacy/downloads/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private int uses(String token) {
        return jdbc.queryForObject("select uses from download where token_hash = ?", Integer.class,
                Hashing.sha256Hex(token));
    }

    @Test
    void thePageDescribesTheFileAndSpendsNoUseUntilThePersonClicks() throws Exception {
        String token = publishedReport("en");
        HttpResponse<String> shown = page("GET", "/privacy/downloads/" + token);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("lang=\"en\"", "a web page (HTML, 19 B)", "This link works 3 more time(s) (of 3)",
                "href=\"/api/downloads/" + token + "\"", "Nothing is downloaded until you press the button");
        assertThat(page("HEAD", "/privacy/downloads/" + token).statusCode()).isEqualTo(200);
        assertThat(uses(token)).as("showing the page or a HEAD spends nothing").isZero();

        assertThat(page("GET", "/api/downloads/" + token).body()).isEqualTo("<html>report</html>");
        assertThat(page("GET", "/privacy/downloads/" + token).body()).contains("This link works 2 more time(s)");
    }

    @Test
    void aUsedUpOrExpiredLinkGetsAPageInTheRequestsLanguage() throws Exception {
        String token = publishedReport("zh-CN");
        for (int i = 0; i < 3; i++) {
            assertThat(page("GET", "/api/downloads/" + token).statusCode()).isEqualTo(200);
        }
        // The person's browser may be set to English: the page still speaks the request's language.
        HttpResponse<String> usedUp = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/privacy/downloads/" + token))
                .header("Cookie", "rf_lang=en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(usedUp.statusCode()).isEqualTo(410);
        assertThat(usedUp.body()).contains("lang=\"zh-CN\"", "data-state=\"USED_UP\"", "此链接已使用 3 次，达到上限",
                "提交新的请求", "href=\"/privacy/request/ACCESS\"").doesNotContain("/api/downloads/");
        assertThat(page("GET", "/privacy/downloads/" + token + "?lang=en").body())
                .as("unless the person chooses a language").contains("The link was used 3 times, the most it allows");

        // The file's own address, opened by a browser (a stale tab's button, an older email): sent to the page,
        // never an English problem document; an API client still gets the problem.
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/downloads/" + token))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(303);
        assertThat(browser.headers().firstValue("Location")).hasValue("/privacy/downloads/" + token);
        HttpResponse<String> script = page("GET", "/api/downloads/" + token);
        assertThat(script.statusCode()).isEqualTo(410);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(script.body()).contains("DOWNLOAD_GONE");

        String expired = publishedReport("en");
        jdbc.update("update download set expires_at = now() - interval '1 hour' where token_hash = ?",
                Hashing.sha256Hex(expired));
        HttpResponse<String> gone = page("GET", "/privacy/downloads/" + expired);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("data-state=\"EXPIRED\"", "The link expired on");

        HttpResponse<String> unknown = page("GET", "/privacy/downloads/" + "x".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("data-state=\"UNKNOWN\"");
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/downloads/"
                        + "x".repeat(43))).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location")).hasValue("/privacy/downloads/" + "x".repeat(43));
    }
}
