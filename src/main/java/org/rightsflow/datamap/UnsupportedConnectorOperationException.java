package org.rightsflow.datamap;

/**
 * A system's connector was asked for an operation it cannot carry out in the application (a worker or a data operator
 * does it, or the connector does not implement it). Thrown instead of doing nothing, so that no system is ever
 * skipped in silence.
 */
public class UnsupportedConnectorOperationException extends UnsupportedOperationException {

    private final String systemId;
    private final ConnectorOperation operation;

    public UnsupportedConnectorOperationException(String systemId, ConnectorOperation operation,
                                                  SystemConnector.Execution execution) {
        super("System '" + systemId + "' cannot " + operation + " through its connector"
                + switch (execution) {
                    case WORKER -> " (its worker does it in the system's step)";
                    case PERSON -> " (a data operator does it by hand in the system's step)";
                    case IN_PROCESS -> " (the connector does not implement it: a data operator does it)";
                });
        this.systemId = systemId;
        this.operation = operation;
    }

    public String systemId() {
        return systemId;
    }

    public ConnectorOperation operation() {
        return operation;
    }
}
