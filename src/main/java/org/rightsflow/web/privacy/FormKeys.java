package org.rightsflow.web.privacy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.rightsflow.request.RequestType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * One Idempotency-Key per form and browser, kept for a day in a cookie scoped to that form's page: a form shown
 * again (the back button, a reload, a second tab) carries the same key, so sending it again with the same content
 * returns the request already filed instead of filing a second one. The key is a random UUID (128 bits: nobody else
 * can guess it and replay the filing). After a filing the page also remembers its reference and says so; "file
 * another request" starts over with a fresh key.
 */
final class FormKeys {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration LIFETIME = Duration.ofDays(1);
    private static final String KEY = "rf_form_key";
    private static final String FILED = "rf_form_filed";

    private FormKeys() {
    }

    /** The key this browser holds for the form, or a new one (then remembered). */
    static String keyFor(HttpServletRequest request, HttpServletResponse response, RequestType right, boolean fresh) {
        Optional<String> held = fresh ? Optional.empty()
                : cookie(request, KEY).filter(k -> UUID_PATTERN.matcher(k).matches());
        if (held.isPresent()) {
            return held.get();
        }
        String key = UUID.randomUUID().toString();
        set(request, response, right, KEY, key, LIFETIME);
        set(request, response, right, FILED, "", Duration.ZERO);
        return key;
    }

    /** After a filing: the form's page says which request this browser filed with it. */
    static void filed(HttpServletRequest request, HttpServletResponse response, RequestType right, String key,
                      String reference) {
        if (key != null && UUID_PATTERN.matcher(key).matches()) {
            set(request, response, right, KEY, key, LIFETIME);
        }
        set(request, response, right, FILED, reference, LIFETIME);
    }

    /** The reference filed with the form's current key, if any. */
    static Optional<String> filedReference(HttpServletRequest request) {
        return cookie(request, FILED).filter(StatusCookies::isReference);
    }

    private static void set(HttpServletRequest request, HttpServletResponse response, RequestType right, String name,
                            String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(name, value).path(path(right)).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).maxAge(maxAge).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static String path(RequestType right) {
        return "/privacy/request/" + right.name();
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
