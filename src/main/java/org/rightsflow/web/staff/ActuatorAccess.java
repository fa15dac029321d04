package org.rightsflow.web.staff;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's endpoints ({@code /actuator/prometheus}, {@code /actuator/metrics}, {@code /actuator/info}) are for
 * signed-in staff of the groups {@link StaffAccess#METRICS} names, with HTTP Basic (a Prometheus server's
 * {@code basic_auth}) or the webapps' session. Only health stays open: load balancers and the reliability tests probe
 * it, and it names components, never data.
 */
@Configuration
public class ActuatorAccess {

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> actuatorStaffOnly(StaffAuthentication authentication,
                                                                          ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Guard(authentication, json));
        registration.setName("rightsflow-actuator-staff-only");
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    static final class Guard extends OncePerRequestFilter {

        private final StaffAuthentication authentication;
        /** Spring's mapper: it writes a problem's properties (the code) at the top level, as the API's answers do. */
        private final ObjectMapper json;

        Guard(StaffAuthentication authentication, ObjectMapper json) {
            this.authentication = authentication;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
                chain.doFilter(request, response);
                return;
            }
            try {
                authentication.require(request, StaffAccess.METRICS);
            } catch (ErrorResponseException problem) {
                ProblemDetail body = problem.getBody();
                response.setStatus(body.getStatus());
                response.setContentType("application/problem+json");
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                if (body.getStatus() == 401) {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"rightsflow-staff\"");
                }
                json.writeValue(response.getOutputStream(), body);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
