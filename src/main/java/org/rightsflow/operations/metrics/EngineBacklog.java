package org.rightsflow.operations.metrics;

import java.util.Map;

/**
 * The engine's side of the metrics, read through this port (the process layer implements it) so that the metrics
 * never touch the engine's API themselves.
 */
public interface EngineBacklog {

    /**
     * @param openIncidentsByType open incidents by incident type ({@code failedJob}, {@code failedExternalTask}...)
     * @param executableJobs      jobs due now with retries left: the work the job executors have not picked up yet
     * @param jobsWithoutRetries  jobs whose retries are used up (each one is an incident in Cockpit)
     */
    record Figures(Map<String, Long> openIncidentsByType, long executableJobs, long jobsWithoutRetries) {
    }

    Figures read();
}
