package org.rightsflow.process.setup;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.rightsflow.fulfilment.systems.SystemStepNotices;
import org.rightsflow.process.model.SystemStepModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When a system's step stops in an incident (its connector's job or its worker's external task ran out of retries),
 * the requester is told which part is pending and staff are told too — in the transaction that creates the incident,
 * once per step. The engine's own incident handling is kept: this wraps it.
 */
@Component
public class SystemStepIncidents extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(SystemStepIncidents.class);

    private final ObjectProvider<SystemStepNotices> notices;

    public SystemStepIncidents(ObjectProvider<SystemStepNotices> notices) {
        this.notices = notices;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Map<String, IncidentHandler> handlers = configuration.getIncidentHandlers();
        for (String type : new String[] {Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE}) {
            IncidentHandler engines = handlers.get(type);
            if (engines != null) {
                handlers.put(type, new Notifying(engines));
            }
        }
    }

    private final class Notifying implements IncidentHandler {
        private final IncidentHandler delegate;

        Notifying(IncidentHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getIncidentHandlerType() {
            return delegate.getIncidentHandlerType();
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            Incident incident = delegate.handleIncident(context, message);
            String stepId = systemStepOf(context);
            if (stepId != null) {
                try {
                    notices.getObject().reportStalled(stepId);
                } catch (RuntimeException e) {
                    // the incident itself must be recorded whatever happens to the notice
                    log.error("Could not report the stalled system step {}", stepId, e);
                }
            }
            return incident;
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            delegate.resolveIncident(context);
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            delegate.deleteIncident(context);
        }
    }

    /** The step of a SystemStepProcess execution, if the incident belongs to one. */
    private static String systemStepOf(IncidentContext context) {
        if (context.getExecutionId() == null || Context.getCommandContext() == null) {
            return null;
        }
        ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
                .findExecutionById(context.getExecutionId());
        if (execution == null || execution.getProcessDefinition() == null
                || !SystemStepModel.PROCESS_ID.equals(execution.getProcessDefinition().getKey())) {
            return null;
        }
        Object stepId = execution.getVariable(SystemStepModel.SYSTEM_STEP_ID);
        return stepId == null ? null : stepId.toString();
    }
}
