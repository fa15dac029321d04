package org.rightsflow.process.operations;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.rightsflow.operations.metrics.EngineBacklog;
import org.springframework.stereotype.Component;

/** The engine's incidents and job backlog for the metrics (counts only, through the public query API). */
@Component
public class EngineBacklogReader implements EngineBacklog {

    private final RuntimeService runtime;
    private final ManagementService management;

    public EngineBacklogReader(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    @Override
    public Figures read() {
        Map<String, Long> incidents = new HashMap<>();
        for (String type : new String[] {Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE}) {
            incidents.put(type, runtime.createIncidentQuery().incidentType(type).count());
        }
        long executable = management.createJobQuery().executable().count();
        long withoutRetries = management.createJobQuery().noRetriesLeft().count();
        return new Figures(incidents, executable, withoutRetries);
    }
}
