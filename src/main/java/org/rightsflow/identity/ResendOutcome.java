package org.rightsflow.identity;

import org.rightsflow.request.RequestStatus;

/**
 * What a request for new codes led to. The answer never depends on whether the account exists or a code was
 * really sent (no account enumeration): the contact limit of an unknown account is counted on the email as filed.
 */
public sealed interface ResendOutcome {

    record Resent(RequestStatus status) implements ResendOutcome {
    }

    /**
     * No new codes now: {@code TOO_SOON} after the last round, {@code NO_RESENDS_LEFT} for this request (then
     * {@code retryAfterSeconds} is 0), or {@code CONTACT_LIMIT}: the contact had as many messages as the hourly or
     * daily limit allows.
     */
    record Limited(long retryAfterSeconds, Reason reason) implements ResendOutcome {
        public enum Reason { TOO_SOON, NO_RESENDS_LEFT, CONTACT_LIMIT }
    }

    /** Codes are no longer checked for the request; see {@link VerificationOutcome.Locked}. */
    record Locked(ManualVerificationReason reason) implements ResendOutcome {
    }

    record NotAwaitingVerification(RequestStatus status) implements ResendOutcome {
    }
}
