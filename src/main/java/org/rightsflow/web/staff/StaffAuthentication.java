package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.rightsflow.process.setup.StaffGroups;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against the Camunda users (as the engine REST API does), then the group check: staff actions on a
 * request's clock are for privacy officers only (docs/staff.md). The identity service locks a user out after repeated
 * wrong passwords, so guessing is bounded there.
 */
@Component
class StaffAuthentication {

    private final IdentityService identity;

    StaffAuthentication(IdentityService identity) {
        this.identity = identity;
    }

    /** @return the signed-in privacy officer's user id */
    String requirePrivacyOfficer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw StaffProblem.unauthenticated();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StaffProblem.unauthenticated();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw StaffProblem.unauthenticated();
        }
        String userId = decoded.substring(0, colon);
        if (!identity.checkPassword(userId, decoded.substring(colon + 1))) {
            throw StaffProblem.unauthenticated();
        }
        if (identity.createGroupQuery().groupMember(userId).groupId(StaffGroups.PRIVACY_OFFICERS).count() == 0) {
            throw new StaffProblem(403, "NOT_A_PRIVACY_OFFICER", "Only privacy officers may change a request's clock");
        }
        return userId;
    }
}
