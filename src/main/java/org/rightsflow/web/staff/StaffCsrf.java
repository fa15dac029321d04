package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.rightsflow.web.Problems;

/**
 * A per-session token in every form of the staff pages, checked on every POST: a page elsewhere cannot make a signed-in
 * officer's browser extend, pause or reveal anything (the session cookie alone is not enough). HTTP Basic clients of
 * the staff API are not affected: a browser never adds Basic credentials to a cross-site form by itself.
 */
final class StaffCsrf {

    static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = "rf_staff_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StaffCsrf() {
    }

    /** The session's token (created with the session when needed). */
    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (token instanceof String existing) {
            return existing;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, created);
        return created;
    }

    static void require(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        String given = request.getParameter(FIELD);
        if (!(expected instanceof String token) || given == null
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw Problems.staff(403, "CSRF_TOKEN_INVALID", "The form is out of date; reload the page and try again");
        }
    }
}
