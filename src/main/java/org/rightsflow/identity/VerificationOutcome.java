package org.rightsflow.identity;

import org.rightsflow.request.RequestStatus;

/** What a code submission led to. Returned, not thrown, so that the attempt is committed either way. */
public sealed interface VerificationOutcome {

    record Verified(RequestStatus status) implements VerificationOutcome {
    }

    record WrongCode(int attemptsLeft) implements VerificationOutcome {
    }

    record Locked() implements VerificationOutcome {
    }

    record NotAwaitingVerification(RequestStatus status) implements VerificationOutcome {
    }
}
