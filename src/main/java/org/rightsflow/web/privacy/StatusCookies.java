package org.rightsflow.web.privacy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser keeps a request's status token in a cookie named after the reference: HttpOnly (no script reads it),
 * SameSite=Strict (no other site can make the browser send it, which is what protects the verification and
 * withdrawal forms from cross-site posts), Secure over https, and scoped to /privacy. The token never appears in
 * a URL, so it cannot leak through history, logs or Referer headers.
 */
final class StatusCookies {

    private static final Pattern REFERENCE = Pattern.compile("RR-\\d{8}-\\d{1,8}");
    private static final String PREFIX = "rf_status_";
    private static final Duration LIFETIME = Duration.ofDays(90);

    private StatusCookies() {
    }

    static boolean isReference(String reference) {
        return reference != null && REFERENCE.matcher(reference).matches();
    }

    static void remember(HttpServletRequest request, HttpServletResponse response, String reference, String token) {
        if (!isReference(reference)) {
            return;
        }
        ResponseCookie cookie = ResponseCookie.from(PREFIX + reference, token)
                .path("/privacy").httpOnly(true).sameSite("Strict").secure(request.isSecure()).maxAge(LIFETIME)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** The token this browser holds for the reference, or null. */
    static String tokenFor(HttpServletRequest request, String reference) {
        if (!isReference(reference) || request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(PREFIX + reference)) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
