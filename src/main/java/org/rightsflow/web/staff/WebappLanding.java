package org.rightsflow.web.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /camunda} lands every staff member in the webapp they may use. The starter sends everyone to Tasklist,
 * where an auditor (Cockpit only) is told "Login failed". Here: signed out, the Welcome app's sign-in, which takes
 * every staff member (its dashboard comes straight back here, see {@code app/welcome/scripts/landing.js}); signed
 * in, the app that the user's authorizations open (the webapps' own list of authorized apps, so the landing follows
 * what an administrator grants): administrators Cockpit (incidents; Admin is one click away), task groups Tasklist,
 * auditors Cockpit, anyone else the Welcome page. Registered ahead of the webapps' own filters.
 */
@Configuration
class WebappLanding {

    static final String TASKLIST = "tasklist";
    static final String COCKPIT = "cockpit";
    static final String ADMIN = "admin";
    static final String WELCOME = "welcome";

    /** The app a signed-in user with these authorized apps lands in. */
    static String landingApp(Set<String> authorizedApps) {
        if (authorizedApps.contains(ADMIN)) {
            return authorizedApps.contains(COCKPIT) ? COCKPIT : ADMIN;
        }
        if (authorizedApps.contains(TASKLIST)) {
            return TASKLIST;
        }
        if (authorizedApps.contains(COCKPIT)) {
            return COCKPIT;
        }
        return WELCOME;
    }

    @Bean
    FilterRegistrationBean<LandingFilter> webappLandingFilter(CamundaBpmProperties camunda) {
        // names only: the filter is registered while the web server starts, before the engine is built
        String appPath = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<LandingFilter> registration =
                new FilterRegistrationBean<>(new LandingFilter(appPath, camunda.getProcessEngineName()));
        registration.addUrlPatterns(appPath, appPath + "/");
        registration.setName("rightsflowWebappLanding");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    static final class LandingFilter extends OncePerRequestFilter {

        private final String appPath;
        private final String engineName;

        LandingFilter(String appPath, String engineName) {
            this.appPath = appPath;
            this.engineName = engineName;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.equals(appPath) && !path.equals(appPath + "/")) {
                chain.doFilter(request, response);
                return;
            }
            String app = landingApp(signedInApps(request.getSession(false)));
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(request.getContextPath() + appPath + "/app/" + app + "/" + engineName + "/");
        }

        private Set<String> signedInApps(HttpSession session) {
            if (session == null) {
                return Set.of();
            }
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine(engineName);
            return authentication instanceof UserAuthentication user && user.getAuthorizedApps() != null
                    ? user.getAuthorizedApps() : Set.of();
        }
    }
}
