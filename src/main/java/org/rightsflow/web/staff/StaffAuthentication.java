package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.rightsflow.web.security.SignInThrottleFilter;
import org.rightsflow.web.Problems;
import org.springframework.stereotype.Component;

/**
 * Who is calling a staff page or API: the Camunda users, either with HTTP Basic (as the engine REST API does; scripts
 * and the staff API) or through the Camunda webapps' own session, so that one sign-in serves Tasklist, Cockpit and
 * the staff pages alike (signing in on {@code /staff/login} creates the same session the webapps' login does). The
 * groups are read from the identity service on every call, so a membership removed in Admin takes effect at once.
 * No wrong password locks a staff account (anyone could lock anyone out); failed sign-ins are throttled per client
 * address instead ({@link SignInThrottleFilter}).
 */
@Component
public class StaffAuthentication {

    private final ProcessEngine engine;
    private final IdentityService identity;

    public StaffAuthentication(ProcessEngine engine) {
        this.engine = engine;
        this.identity = engine.getIdentityService();
    }

    /** The caller, or empty when not signed in. A wrong HTTP Basic password is a 401, never a fallback to the session. */
    public Optional<StaffUser> current(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of(basic(header));
        }
        return sessionUser(request);
    }

    /** The caller if they may; 401 when nobody is signed in, 403 when their groups do not allow it. */
    public StaffUser require(HttpServletRequest request, StaffAccess access) {
        StaffUser user = current(request).orElseThrow(StaffProblems::unauthenticated);
        if (!user.may(access)) {
            throw StaffProblems.forbidden(access);
        }
        return user;
    }

    /** @return the signed-in privacy officer's user id */
    String requirePrivacyOfficer(HttpServletRequest request) {
        StaffUser user = current(request).orElseThrow(StaffProblems::unauthenticated);
        if (!user.may(StaffAccess.ACT_ON_REQUEST)) {
            throw Problems.staff(403, "NOT_A_PRIVACY_OFFICER", "Only privacy officers may do this");
        }
        return user.id();
    }

    /**
     * Signs the user in as the webapps' login does: checks the password, creates the webapps' authentication and
     * stores it in a new session (the old one is invalidated: no session fixation).
     *
     * @return the user, or empty when the user id or password is wrong
     */
    public Optional<StaffUser> signIn(HttpServletRequest request, String userId, String password) {
        if (userId == null || userId.isBlank() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        identity.clearAuthentication();
        if (!identity.checkPassword(userId, password)) {
            // counted per client address by the sign-in throttle, whatever page this answer becomes
            request.setAttribute(SignInThrottleFilter.SIGN_IN_FAILED, Boolean.TRUE);
            return Optional.empty();
        }
        UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, userId);
        if (authentication == null) {
            return Optional.empty();
        }
        AuthenticationUtil.revalidateSession(request, authentication);
        return Optional.of(user(authentication.getIdentityId()));
    }

    /** Ends the webapps' authentication of this engine in the session (Tasklist and Cockpit are signed out too). */
    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            authentications.removeByEngineName(engine.getName());
            AuthenticationUtil.updateSession(session, authentications);
        }
    }

    private Optional<StaffUser> sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object stored = session.getAttribute("authenticatedUser");
        if (!(stored instanceof Authentications authentications)) {
            return Optional.empty();
        }
        var authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
        if (authentication == null || authentication.getIdentityId() == null) {
            return Optional.empty();
        }
        String userId = authentication.getIdentityId();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            return Optional.empty(); // deleted since signing in
        }
        return Optional.of(user(userId));
    }

    private StaffUser basic(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StaffProblems.unauthenticated();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw StaffProblems.unauthenticated();
        }
        String userId = decoded.substring(0, colon);
        identity.clearAuthentication();
        if (!identity.checkPassword(userId, decoded.substring(colon + 1))) {
            throw StaffProblems.unauthenticated();
        }
        return user(userId);
    }

    private StaffUser user(String userId) {
        return new StaffUser(userId, identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).collect(Collectors.toSet()));
    }
}
