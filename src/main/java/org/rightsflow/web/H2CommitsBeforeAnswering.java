package org.rightsflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The default profile's H2 file database makes every commit the API has answered durable (README, "Security": nothing
 * acknowledged is lost, in the demo either). {@code WRITE_DELAY=0} in the URL writes each commit to the file as it
 * happens; but a commit that ends while H2 is storing another one can wait for the next store. So before the answer
 * to any request that may have written (anything but GET, HEAD and OPTIONS) leaves, the answer is held back and H2's
 * {@code CHECKPOINT} waits for the store to reach the file; only then is the answer sent. A JVM killed after the answer
 * therefore restarts with what it answered. PostgreSQL (every other profile) makes commits durable by itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class H2CommitsBeforeAnswering extends OncePerRequestFilter {

    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final JdbcTemplate jdbc;

    public H2CommitsBeforeAnswering(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READ_ONLY.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the wrapper keeps the answer (a message converter's flush included) until copyBodyToResponse
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            jdbc.execute("CHECKPOINT");
            held.copyBodyToResponse();
        }
    }
}
