package org.rightsflow.datamap;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The connector of a system whose work the application does not do itself: an {@code external-task} system (its
 * worker does it) or a {@code manual} one (a data operator does it). Every operation refuses, so that calling it by
 * mistake fails loudly instead of skipping the system; the system's step hands the work to the worker or the person.
 */
public final class DelegatedSystemConnector implements SystemConnector {

    private final String systemId;
    private final Execution execution;

    public DelegatedSystemConnector(String systemId, Execution execution) {
        if (execution == Execution.IN_PROCESS) {
            throw new IllegalArgumentException("a delegated system is worked on by a worker or a person");
        }
        this.systemId = systemId;
        this.execution = execution;
    }

    @Override
    public String systemId() {
        return systemId;
    }

    @Override
    public Execution execution() {
        return execution;
    }

    @Override
    public boolean supports(ConnectorOperation operation) {
        return false;
    }

    @Override
    public long count(DataCategory category, long subjectId) {
        throw unsupported(ConnectorOperation.COUNT);
    }

    @Override
    public void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor) {
        throw unsupported(ConnectorOperation.READ);
    }
}
