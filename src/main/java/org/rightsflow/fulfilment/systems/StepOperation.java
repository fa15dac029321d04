package org.rightsflow.fulfilment.systems;

import org.rightsflow.datamap.ConnectorOperation;

/** What a system's step does for a request (or, without one, for the nightly sweep and RESTRICT). */
public enum StepOperation {
    /** ACCESS: count the subject's rows per category. */
    COUNT(ConnectorOperation.COUNT),
    /** COPY, TRANSFER: the subject's rows for the package (a worker uploads them; a JDBC system is read at build). */
    EXPORT(ConnectorOperation.READ),
    /** DELETE, CANCEL_ACCOUNT: erase what no retention holds, restrict what it holds. */
    ERASE(ConnectorOperation.ERASE),
    /** A held category's retention ran out: erase what has expired since. */
    ERASE_EXPIRED(ConnectorOperation.ERASE),
    /** CORRECT: write the approved changes of the fields this system holds. */
    CORRECT(ConnectorOperation.CORRECT),
    /** WITHDRAW_CONSENT: record the withdrawal in the system's consent register. */
    WITHDRAW_CONSENT(ConnectorOperation.WITHDRAW_CONSENT),
    /** RESTRICT: storage and security only. */
    RESTRICT(ConnectorOperation.RESTRICT),
    /** Lift a restriction. */
    LIFT_RESTRICTION(ConnectorOperation.LIFT_RESTRICTION);

    private final ConnectorOperation connectorOperation;

    StepOperation(ConnectorOperation connectorOperation) {
        this.connectorOperation = connectorOperation;
    }

    public ConnectorOperation connectorOperation() {
        return connectorOperation;
    }
}
