package org.rightsflow.request;

import java.util.EnumSet;
import java.util.Set;

/** The requester-visible status of docs/lifecycle.md. */
public enum RequestStatus {
    RECEIVED, AWAITING_VERIFICATION, IN_REVIEW, IN_PROGRESS, WAITING_FOR_REQUESTER,
    COMPLETED, PARTIALLY_COMPLETED, REFUSED, CLOSED_UNVERIFIED, WITHDRAWN;

    private static final Set<RequestStatus> TERMINAL =
            EnumSet.of(COMPLETED, PARTIALLY_COMPLETED, REFUSED, CLOSED_UNVERIFIED, WITHDRAWN);
    /** A requester may withdraw until fulfilment starts (docs/lifecycle.md). */
    private static final Set<RequestStatus> WITHDRAWABLE =
            EnumSet.of(RECEIVED, AWAITING_VERIFICATION, IN_REVIEW, WAITING_FOR_REQUESTER);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean allowsWithdrawal() {
        return WITHDRAWABLE.contains(this);
    }
}
