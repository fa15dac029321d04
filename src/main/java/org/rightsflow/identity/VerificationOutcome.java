package org.rightsflow.identity;

import java.util.List;
import org.rightsflow.request.RequestStatus;

/** What a code submission led to. Returned, not thrown, so that the attempt is committed either way. */
public sealed interface VerificationOutcome {

    record Verified(RequestStatus status) implements VerificationOutcome {
    }

    /** The code was right for one factor; the others (level 2) are still missing. */
    record FactorConfirmed(RequestStatus status, List<VerificationFactor> pendingFactors) implements VerificationOutcome {
    }

    /** @param attemptsLeft wrong codes still allowed: for this request, and never more than the account has left */
    record WrongCode(int attemptsLeft) implements VerificationOutcome {
    }

    /**
     * Codes are no longer checked; intake staff decide. {@code reason}: {@code LOCKED} (too many wrong codes for this
     * request), {@code ACCOUNT_WRONG_CODE_LIMIT} (for the account, over all its requests, today) or
     * {@code TOO_MANY_OPEN_REQUESTS} (no code was ever sent for it). All three are counted by the email the request
     * was filed with, so they tell nothing about whether the account exists.
     */
    record Locked(ManualVerificationReason reason) implements VerificationOutcome {
    }

    record NotAwaitingVerification(RequestStatus status) implements VerificationOutcome {
    }
}
