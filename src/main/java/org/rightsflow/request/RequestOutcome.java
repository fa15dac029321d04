package org.rightsflow.request;

import java.util.Arrays;

/**
 * How a right's fulfilment ended: the values of the process variable {@code outcome} that the fulfilment processes
 * pass out, that the rights request's end gateway compares and that {@link RequestLifecycle#finish} turns into the
 * final {@link RequestStatus} (docs/lifecycle.md). The one spelling of these words; a test checks that every outcome a
 * model or form names is one of them, and that each of them is named by a model.
 */
public enum RequestOutcome {
    COMPLETED(RequestStatus.COMPLETED),
    PARTIALLY_COMPLETED(RequestStatus.PARTIALLY_COMPLETED),
    REFUSED(RequestStatus.REFUSED),
    /**
     * Only the account cancellation's revocation in its cooling-off period: the withdrawal has already ended the
     * request (and interrupted its process), so no result is ever sent for it.
     */
    WITHDRAWN(RequestStatus.WITHDRAWN);

    private final RequestStatus status;

    RequestOutcome(RequestStatus status) {
        this.status = status;
    }

    /** The final status of a request that ended with this outcome. */
    public RequestStatus status() {
        return status;
    }

    /** @throws IllegalArgumentException for a value that is no outcome (a misspelt model fails loudly, as an incident) */
    public static RequestOutcome of(String code) {
        return Arrays.stream(values()).filter(outcome -> outcome.name().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown outcome " + code));
    }
}
