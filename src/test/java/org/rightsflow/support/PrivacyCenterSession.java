package org.rightsflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without script on the Privacy Center's pages over real HTTP: keeps its cookies (the status cookie, the
 * form keys, the language), shows redirects instead of following them (so tests see where they go), and files a
 * request the way the form does, with the form's own Idempotency-Key. The requester's side of
 * {@code web.staff.StaffBrowserSession}.
 */
public final class PrivacyCenterSession {

    private static final Pattern FORM_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public PrivacyCenterSession(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The Idempotency-Key a form page carries. */
    public static String formKey(HttpResponse<String> page) {
        Matcher key = FORM_KEY.matcher(page.body());
        if (!key.find()) {
            throw new AssertionError("No form key on the page: " + page.body());
        }
        return key.group(1);
    }

    /**
     * Files through the form of {@code type} opened in {@code lang} with the given fields (and the form's key); returns
     * the reference the filing redirected to.
     */
    public String file(String type, String lang, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("idempotencyKey", formKey(get("/privacy/request/" + type + "?lang=" + lang)));
        HttpResponse<String> filed = post("/privacy/request/" + type, form);
        if (filed.statusCode() != 302) {
            throw new AssertionError("filing answered " + filed.statusCode() + ": " + filed.body());
        }
        return filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/status/([^/]+)/verify$", "$1");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
