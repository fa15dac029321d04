package org.rightsflow.web.staff;

/** An answer of the staff API other than success, with its status and machine-readable code. */
public class StaffProblem extends RuntimeException {

    final int status;
    final String code;

    StaffProblem(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    static StaffProblem unauthenticated() {
        return new StaffProblem(401, "AUTHENTICATION_REQUIRED", "Sign in with a staff user (HTTP Basic)");
    }

    static StaffProblem forbidden(StaffAccess access) {
        return new StaffProblem(403, "FORBIDDEN", "Your groups do not give access to " + access.describe());
    }

    static StaffProblem badRequest(String code, String detail) {
        return new StaffProblem(400, code, detail);
    }
}
