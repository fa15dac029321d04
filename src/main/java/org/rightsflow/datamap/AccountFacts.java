package org.rightsflow.datamap;

import java.time.Instant;

/**
 * What the rights-request process needs to know about an account: where to send codes
 * (the contacts on file), whether the holder is a minor acting through a guardian, and the
 * facts the exemption triage looks at. Holds no other personal data.
 *
 * @param minor            under 14 today (Asia/Shanghai), from the date of birth on file
 * @param contactChangedAt when the email or phone on file last changed (null: never)
 * @param status           {@code ACTIVE} or {@code DEACTIVATED}
 */
public record AccountFacts(
        long id,
        String email,
        String phone,
        boolean minor,
        String guardianEmail,
        String guardianPhone,
        boolean legalHold,
        boolean openInvestigation,
        Instant contactChangedAt,
        String status) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
