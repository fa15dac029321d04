package org.rightsflow.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of every page and API answer (README, "Security"), set before anything else runs so that
 * error answers carry them too:
 * <ul>
 *   <li>{@code Content-Security-Policy}: our pages load scripts, styles and images from this origin only, forms post
 *       only here, nothing may frame them ({@code frame-ancestors 'none'}); API answers allow nothing at all. The
 *       Camunda webapps' HTML pages bring their own policy (a per-page nonce, also {@code frame-ancestors 'none'}),
 *       which this filter leaves in place;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY}
 *       (the same framing rule for browsers without CSP);</li>
 *   <li>{@code Cache-Control: no-store} on everything but static files: pages and answers carry status tokens, codes
 *       or personal data, and no browser or proxy may keep them.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** Our own pages (Privacy Center, staff pages, demo mailbox). */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";
    /** JSON answers, downloads and everything else that is not a page: nothing runs, nothing frames it. */
    static final String API_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
    /** Swagger UI styles its elements inline. */
    static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private static final Pattern STATIC = Pattern.compile(
            ".*\\.(css|js|map|png|svg|ico|gif|jpg|woff2?|ttf|eot)$|^/(webjars|swagger-ui)/.*|^/camunda/(app|assets|lib)/.*");
    private static final Pattern PAGES = Pattern.compile("^/(privacy|staff|demo)(/.*)?$|^/$|^/error$");
    /** The Camunda webapps' HTML (Tasklist, Cockpit, Admin, Welcome): Camunda sets a nonce-based policy on these. */
    private static final Pattern CAMUNDA_PAGES = Pattern.compile("^/camunda/app/.*");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!CAMUNDA_PAGES.matcher(path).matches()) {
            response.setHeader("Content-Security-Policy", policyFor(path));
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (STATIC.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        // the engine REST API and others would weaken it to "no-cache" (which lets a browser keep a copy)
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!isCacheHeader(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!isCacheHeader(name)) {
                    super.addHeader(name, value);
                }
            }
        });
    }

    private static boolean isCacheHeader(String name) {
        return "Cache-Control".equalsIgnoreCase(name) || "Pragma".equalsIgnoreCase(name) || "Expires".equalsIgnoreCase(name);
    }

    static String policyFor(String path) {
        if (path.startsWith("/swagger-ui")) {
            return SWAGGER_POLICY;
        }
        return PAGES.matcher(path).matches() ? PAGE_POLICY : API_POLICY;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // error pages rendered by a forward get the headers too
    }
}
