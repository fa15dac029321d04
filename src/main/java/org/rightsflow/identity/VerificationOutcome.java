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

    record WrongCode(int attemptsLeft) implements VerificationOutcome {
    }

    record Locked() implements VerificationOutcome {
    }

    record NotAwaitingVerification(RequestStatus status) implements VerificationOutcome {
    }
}
