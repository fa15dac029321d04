package org.rightsflow.identity;

/**
 * Why intake staff verify a request by hand instead of the codes. Shown in the manual verification task
 * (process variable {@code manualVerificationReason}); a code, never personal data.
 */
public enum ManualVerificationReason {
    /** Too many wrong codes. */
    LOCKED,
    /** Entered by intake staff from a call, letter or email: the requester has no status token to enter codes. */
    STAFF_ENTERED,
    /**
     * The email or phone on file changed recently and the request exports data or ends the account: whoever
     * changed the contact would receive the codes, so codes prove nothing.
     */
    CONTACT_RECENTLY_CHANGED,
    /** Level 2 is required but there is no phone on file for the second code. */
    NO_PHONE_ON_FILE,
    /**
     * The account's wrong codes over all its requests reached the daily limit: every open request of the account
     * waits for staff, and no new code is sent until the oldest wrong code is a day old.
     */
    ACCOUNT_WRONG_CODE_LIMIT,
    /**
     * Filed while the account already had as many requests waiting for their codes as the limit allows: no code was
     * sent for it; staff see it with the others.
     */
    TOO_MANY_OPEN_REQUESTS,
    /**
     * Filed by a close relative of a deceased account holder, who has no contact on file: intake staff check the
     * death, the relationship and the relative's identity from the evidence the relative uploaded.
     */
    RELATIVE_OF_DECEASED
}
