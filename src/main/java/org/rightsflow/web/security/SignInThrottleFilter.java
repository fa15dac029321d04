package org.rightsflow.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.rightsflow.limits.Admission;
import org.rightsflow.limits.LimitProperties;
import org.rightsflow.limits.LimitSubjects;
import org.rightsflow.limits.Limits;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Staff sign-in that an anonymous client cannot lock (README, "Security"). Camunda would lock a staff account after
 * ten wrong passwords from anyone, anywhere, until an administrator unlocks it; that lock is switched off
 * ({@code camunda.bpm.generic-properties}: {@code login-max-attempts}, {@code login-delay-base}) and replaced by this
 * throttle per client address: every sign-in that fails (HTTP Basic on the engine REST API, {@code /staff} and
 * {@code /actuator}; the webapps' login form and {@code /staff/login}) is counted in the database for the address it came from, and once an
 * address has failed {@code rightsflow.limits.sign-in-failures-per-client} times within the window its sign-ins are
 * answered 429 with {@code Retry-After}, without checking the password, on every node. Everyone else, including the
 * staff member whose name was tried, signs in as usual.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SignInThrottleFilter extends OncePerRequestFilter {

    /**
     * Set on the request by a sign-in page whose failed answer is not a 401 (the staff pages' own login form re-renders
     * with a message): counted like a 401.
     */
    public static final String SIGN_IN_FAILED = SignInThrottleFilter.class.getName() + ".failed";

    /**
     * Login forms: Tasklist, Cockpit and Admin post to {@code /camunda/api/admin/auth/user/default/login/tasklist}, the
     * staff pages to {@code /staff/login}.
     */
    private static final Pattern LOGIN_FORMS = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$|^/staff/login$");

    private final Limits limits;
    private final LimitSubjects subjects;
    private final LimitProperties properties;

    public SignInThrottleFilter(Limits limits, LimitSubjects subjects, LimitProperties properties) {
        this.limits = limits;
        this.subjects = subjects;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!carriesCredentials(request)) {
            chain.doFilter(request, response);
            return;
        }
        String client = subjects.client(request.getRemoteAddr());
        Admission room = limits.admits(properties.signInFailures(), client);
        if (!room.allowed()) {
            refuse(request, response, room.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED || request.getAttribute(SIGN_IN_FAILED) != null) {
            limits.tryUse(properties.signInFailures(), client);
        }
    }

    static boolean carriesCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && LOGIN_FORMS.matcher(path).matches();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String message = "Too many failed sign-ins from your address; try again in " + retryAfterSeconds + " s";
        if (path.startsWith("/engine-rest") || path.startsWith("/camunda/api")) {
            // the shape of Camunda's own REST errors
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"type\":\"SignInThrottled\",\"message\":\"" + message + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"https://rightsflow.invalid/problems/sign-in-throttled\","
                    + "\"title\":\"Too Many Requests\",\"status\":429,\"code\":\"SIGN_IN_THROTTLED\",\"detail\":\""
                    + message + "\",\"retryAfterSeconds\":" + retryAfterSeconds + "}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
