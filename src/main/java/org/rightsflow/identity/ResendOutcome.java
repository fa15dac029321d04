package org.rightsflow.identity;

import org.rightsflow.request.RequestStatus;

/**
 * What a request for new codes led to. The answer never depends on whether the account exists or a code was
 * really sent (no account enumeration).
 */
public sealed interface ResendOutcome {

    record Resent(RequestStatus status) implements ResendOutcome {
    }

    /** Too soon after the last round ({@code retryAfterSeconds > 0}) or no rounds left ({@code 0}). */
    record Limited(long retryAfterSeconds) implements ResendOutcome {
    }

    record Locked() implements ResendOutcome {
    }

    record NotAwaitingVerification(RequestStatus status) implements ResendOutcome {
    }
}
