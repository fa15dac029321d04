package org.rightsflow.web.staff;

/** An answer of the staff API other than success, with its status and machine-readable code. */
class StaffProblem extends RuntimeException {

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
}
