package org.rightsflow.web.staff;

import java.io.IOException;
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
 * A browser-like client of the staff pages over real HTTP: keeps the session cookie, does not follow redirects (so
 * tests see where they go), and reads the form token out of a page as a browser would submit it.
 */
public final class StaffBrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public StaffBrowserSession(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Page(int status, String location, String contentType, String body) {
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form of a page the way a browser does: with that page's form token. */
    public Page submit(String pagePath, String action, Map<String, String> fields) {
        Page page = get(pagePath);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("No form token on " + pagePath + " (" + page.status() + ")");
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", token.group(1));
        return post(action, form);
    }

    /** Signs in on the staff sign-in page (demo users: the password is the user id). */
    public Page signIn(String user) {
        Page page = submit("/staff/login", "/staff/login", Map.of("username", user, "password", user));
        if (page.status() != 302) {
            // Say so here rather than as a puzzling redirect to the sign-in page in the test's next request
            // (a demo user is locked for a few seconds after a wrong password).
            throw new AssertionError("signing in as " + user + " answered " + page.status());
        }
        return page;
    }

    /** Signs in through the Camunda webapps' own login, as Cockpit's login page does (with its XSRF header). */
    public Page signInToCockpit(String user) {
        get("/camunda/app/cockpit/default/");
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN"));
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
