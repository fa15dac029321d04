package org.rightsflow.web.staff;

import org.rightsflow.web.Problems;
import org.springframework.web.ErrorResponseException;

/** The staff answers every check gives alike: nobody signed in (401) and groups that do not allow it (403). */
final class StaffProblems {

    private StaffProblems() {
    }

    static ErrorResponseException unauthenticated() {
        return Problems.staff(401, "AUTHENTICATION_REQUIRED", "Sign in with a staff user (HTTP Basic)");
    }

    static ErrorResponseException forbidden(StaffAccess access) {
        return Problems.staff(403, "FORBIDDEN", "Your groups do not give access to " + access.describe());
    }

    static ErrorResponseException badRequest(String code, String detail) {
        return Problems.staff(400, code, detail);
    }
}
