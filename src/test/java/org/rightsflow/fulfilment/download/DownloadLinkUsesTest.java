package org.rightsflow.fulfilment.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A result link works 3 times, and only a GET that streams the file spends a use: a mail scanner's HEAD (many scan
 * every link in a message before the requester opens it) answers as the GET would, without the file, and spends none.
 */
class DownloadLinkUsesTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    DownloadService downloads;
    @Autowired
    RequestRepository requests;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> call(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void headNeverSpendsAUseOnlyAStreamingGetDoes() throws Exception {
        Api.Response filed = new Api(port).post("/api/requests",
                Api.json(Map.of("type", "ACCESS", "accountEmail", "li.lei@example.com")));
        String requestId = requests.findByReference(filed.json().get("reference").asText()).orElseThrow().id();
        byte[] report = "<!DOCTYPE html><title>report</title>".getBytes(StandardCharsets.UTF_8);
        // the emailed link opens the Privacy Center's page; the file itself is at the same token under /api/downloads/
        String path = URI.create(downloads.publish(downloads.store(requestId, "ACCESS_REPORT", "report.html",
                "text/html", report)).url()).getPath().replace("/privacy/downloads/", "/api/downloads/");

        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> head = call("HEAD", path);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(report.length);
            assertThat(head.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> v.contains("report.html"));
            assertThat(head.body()).isEmpty();
        }
        for (int use = 1; use <= 3; use++) {
            HttpResponse<byte[]> get = call("GET", path);
            assertThat(get.statusCode()).as("use %d", use).isEqualTo(200);
            assertThat(get.body()).isEqualTo(report);
            assertThat(get.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(call("GET", path).statusCode()).as("used up").isEqualTo(410);
        assertThat(call("HEAD", path).statusCode()).isEqualTo(410);
        assertThat(call("HEAD", "/api/downloads/unknown-token-0123456789").statusCode()).isEqualTo(404);
    }
}
