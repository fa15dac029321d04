package org.rightsflow.request;

import java.util.EnumSet;
import java.util.Set;

/** The requester-visible status of SPEC §3. */
public enum RequestStatus {
    RECEIVED, AWAITING_VERIFICATION, IN_REVIEW, IN_PROGRESS, WAITING_FOR_REQUESTER,
    COMPLETED, PARTIALLY_COMPLETED, REFUSED, CLOSED_UNVERIFIED, WITHDRAWN;

    private static final Set<RequestStatus> TERMINAL =
            EnumSet.of(COMPLETED, PARTIALLY_COMPLETED, REFUSED, CLOSED_UNVERIFIED, WITHDRAWN);
    /** A requester may withdraw until fulfilment starts (SPEC §3). */
    private static final Set<RequestStatus> WITHDRAWABLE =
            EnumSet.of(RECEIVED, AWAITING_VERIFICATION, IN_REVIEW, WAITING_FOR_REQUESTER);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean allowsWithdrawal() {
        return WITHDRAWABLE.contains(this);
    }
}
