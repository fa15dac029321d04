package org.rightsflow.crmworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rightsflow's worker API as the CRM calls it: HTTP Basic as the system with its secret, the worker id that holds the
 * task's lock in a header. Rows go up as NDJSON streamed straight from the CRM's database (a pipe, never a whole
 * list in memory or a file on disk). A refusal becomes a {@link Refused} whose message is Rightsflow's problem code
 * and detail, which never quote personal data.
 */
@Component
@Profile(CrmWorkerApplication.PROFILE)
public class WorkerApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CrmWorkerProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    public WorkerApiClient(CrmWorkerProperties properties) {
        this.properties = properties;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((properties.systemId() + ":"
                + properties.secret()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The subject's identifiers; {@code includeRestricted} (EXPORT only): the upload takes the restricted rows, each
     * with {@code "restricted": true} (the subject's own copy), or leaves them out (a transfer).
     */
    public record Subject(long accountId, String email, String phone, boolean includeRestricted) {
    }

    /** Rightsflow refused a call (its status and problem code). */
    public static final class Refused extends RuntimeException {
        public Refused(int status, String problem) {
            super("worker API answered " + status + ": " + problem);
        }
    }

    public Subject subject(String taskId, String handle) {
        JsonNode answer = send(request(taskId, "/subject", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("subjectHandle", handle)))));
        return new Subject(answer.get("accountId").asLong(), text(answer, "email"), text(answer, "phone"),
                answer.path("includeRestricted").asBoolean(false));
    }

    /**
     * Streams the rows the writer produces as NDJSON (one JSON object per line).
     *
     * @return the rows Rightsflow stored
     */
    public long upload(String taskId, String category, Consumer<Consumer<Map<String, Object>>> rows) {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread writer = new Thread(() -> {
            try (OutputStream lines = out) {
                rows.accept(row -> {
                    try {
                        lines.write(JSON.writeValueAsBytes(row));
                        lines.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the request fails on its side: the upload broke off, and Rightsflow keeps nothing of it
            }
        }, "crm-upload-" + category);
        writer.start();
        JsonNode answer = send(request(taskId, "/rows/" + category, "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> in)));
        return answer.get("rows").asLong();
    }

    /** What was done, per category: rows held or read, erased, restricted. */
    public void report(String taskId, List<Map<String, Object>> categories) {
        send(request(taskId, "/result", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("categories", categories)))));
    }

    private HttpRequest.Builder request(String taskId, String path, String contentType) {
        return HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/api/workers/" + properties.systemId()
                        + "/tasks/" + taskId + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization)
                .header("Rightsflow-Worker-Id", properties.workerId())
                .header("Content-Type", contentType);
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                JsonNode problem = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                throw new Refused(response.statusCode(), text(problem, "code") + " " + text(problem, "detail"));
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("worker API unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
