package org.rightsflow.web.staff;

import java.util.Collection;
import java.util.Set;
import org.rightsflow.process.model.StaffGroups;

/**
 * What each staff group may do on the staff pages and APIs (least privilege; the README's table). Auditors read
 * everything and change nothing; the values a requester typed and the contacts on file appear only to the group that
 * decides on them.
 */
public enum StaffAccess {
    /** The request register, a request's timeline, the dashboard and the statistics report. */
    READ_REGISTER("the request register", StaffGroups.INTAKE, StaffGroups.PRIVACY_OFFICERS, StaffGroups.LEGAL_REVIEWERS,
            StaffGroups.AUDITORS),
    /** Extend, pause and resume a request's clock; send it to the review. */
    ACT_ON_REQUEST("actions on a request", StaffGroups.PRIVACY_OFFICERS),
    /** A request's signed evidence pack. */
    EVIDENCE_PACK("evidence packs", StaffGroups.PRIVACY_OFFICERS, StaffGroups.AUDITORS),
    /** The values a CORRECT request asks for and a TRANSFER's recipient: the privacy officers decide on them. */
    REQUESTER_VALUES("the values a requester typed", StaffGroups.PRIVACY_OFFICERS),
    /** The typed email and the contacts on file: intake staff check identity by hand with them. */
    CONTACTS_ON_FILE("the contacts on file", StaffGroups.INTAKE),
    /**
     * The evidence a close relative of a deceased holder uploaded: intake staff verify the relative by hand from it in
     * the manual identity check; nobody else reads it.
     */
    RELATIVE_EVIDENCE("a relative's uploaded evidence", StaffGroups.INTAKE),
    /** The working-day calendar's years, outlook and file state ({@code GET /staff/calendar}). */
    READ_CALENDAR("the working-day calendar's state", StaffGroups.PRIVACY_OFFICERS, StaffGroups.ADMINS),
    /** Reading the calendar file now ({@code POST /staff/calendar/reload}): the administrators who maintain it. */
    RELOAD_CALENDAR("reloading the working-day calendar file", StaffGroups.ADMINS),
    /** {@code /actuator/prometheus} and {@code /actuator/metrics}. */
    METRICS("the metrics", StaffGroups.PRIVACY_OFFICERS, StaffGroups.AUDITORS, StaffGroups.ADMINS,
            org.rightsflow.process.setup.MonitoringSetup.GROUP);

    private final String what;
    private final Set<String> groups;

    StaffAccess(String what, String... groups) {
        this.what = what;
        this.groups = Set.of(groups);
    }

    public boolean allows(Collection<String> memberOf) {
        return memberOf.stream().anyMatch(groups::contains);
    }

    public Set<String> groups() {
        return groups;
    }

    /** For the 403 message: what was refused and who may. */
    public String describe() {
        return what + " (" + String.join(", ", groups.stream().sorted().toList()) + ")";
    }
}
