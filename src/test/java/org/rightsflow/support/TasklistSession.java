package org.rightsflow.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What Tasklist itself sends: a webapp session (the login form of {@code /camunda}, with its session cookie and
 * CSRF token) and the webapps' own engine API under {@code /camunda/api/engine/engine/default}, which Tasklist uses to
 * submit task forms and start forms. Rules enforced in the engine must hold here as on {@code /engine-rest}.
 */
public final class TasklistSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String base;

    private TasklistSession(int port) {
        this.base = "http://localhost:" + port + "/camunda";
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public record Response(int status, String body) {
    }

    /** Signs in as Tasklist's login page does. */
    public static TasklistSession signIn(int port, String user, String password) {
        TasklistSession session = new TasklistSession(port);
        session.send(HttpRequest.newBuilder(URI.create(session.base + "/app/tasklist/default/")).GET());
        Response login = session.send(session.withCsrf(HttpRequest.newBuilder(
                URI.create(session.base + "/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
        if (login.status() != 200) {
            throw new AssertionError("Tasklist login of " + user + " failed: " + login);
        }
        // the login starts a new session, and the CSRF token belongs to the session: fetch the new one, as the page does
        session.send(HttpRequest.newBuilder(URI.create(session.base + "/app/tasklist/default/")).GET());
        return session;
    }

    /** A demo staff user (the password equals the user id). */
    public static TasklistSession signIn(int port, String demoUser) {
        return signIn(port, demoUser, demoUser);
    }

    /** Submits a task's form, as the Complete button of Tasklist does (String variables). */
    public Response submitTaskForm(String taskId, Map<String, String> fields) {
        return postJson("/api/engine/engine/default/task/" + taskId + "/submit-form", variables(fields));
    }

    /** The variables a task's form opens with, as Tasklist loads them before it renders the form. */
    public Response taskFormVariables(String taskId) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + "/api/engine/engine/default/task/" + taskId
                + "/form-variables"))).header("Accept", "application/json").GET());
    }

    /** Starts a process from its start form, as Tasklist's "Start process" does. */
    public Response submitStartForm(String processKey, Map<String, String> fields) {
        return postJson("/api/engine/engine/default/process-definition/key/" + processKey + "/submit-form",
                variables(fields));
    }

    private Response postJson(String path, String body) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** What the browser sends with Tasklist's own requests: the CSRF token of the session and where it comes from. */
    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        builder.setHeader("Referer", base + "/app/tasklist/default/");
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            if ("XSRF-TOKEN".equals(cookie.getName())) {
                builder.setHeader("X-XSRF-TOKEN", cookie.getValue());
            }
        }
        return builder;
    }

    private static String variables(Map<String, String> fields) {
        var variables = JSON.createObjectNode();
        fields.forEach((name, value) -> variables.putObject(name).put("value", value).put("type", "String"));
        var body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
