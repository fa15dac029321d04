package org.rightsflow.datamap;

import java.time.Instant;

/**
 * What the rights-request process needs to know about an account: where to send codes
 * (the contacts on file), whether the holder is a minor acting through a guardian, and the
 * facts the exemption triage looks at. Holds no other personal data.
 *
 * @param minor            under 14 today (Asia/Shanghai), from the date of birth on file: only a guardian acts
 * @param underAge         under 18 today: a minor of 14 to 17 may act alone or through the guardian on file
 * @param deceased         staff recorded the holder's death: close relatives may then ask for ACCESS, COPY, CORRECT
 *                         and DELETE (PIPL Art. 49)
 * @param deceasedInstruction the holder arranged otherwise during their lifetime: a relative's request is then
 *                         proposed for refusal in the review (never refused without two people)
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
        String status,
        boolean underAge,
        boolean deceased,
        boolean deceasedInstruction) {

    /** A living holder's account. */
    public AccountFacts(long id, String email, String phone, boolean minor, String guardianEmail, String guardianPhone,
                        boolean legalHold, boolean openInvestigation, Instant contactChangedAt, String status,
                        boolean underAge) {
        this(id, email, phone, minor, guardianEmail, guardianPhone, legalHold, openInvestigation, contactChangedAt,
                status, underAge, false, false);
    }

    /** An account whose holder is under 18 exactly when under 14 (tests of rules that look at no other age). */
    public AccountFacts(long id, String email, String phone, boolean minor, String guardianEmail, String guardianPhone,
                        boolean legalHold, boolean openInvestigation, Instant contactChangedAt, String status) {
        this(id, email, phone, minor, guardianEmail, guardianPhone, legalHold, openInvestigation, contactChangedAt,
                status, minor);
    }

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    /**
     * Whether a guardian on file may act for the holder: for a child under 14 only the guardian acts; a minor of
     * 14 to 17 acts alone or through the guardian.
     */
    public boolean guardianMayAct() {
        return underAge && guardianEmail != null && !guardianEmail.isBlank();
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
