package org.rightsflow.process.setup;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@code rightsflow.proactive-deletion.enabled} and {@code .schedule} to the timer that starts the nightly
 * sweep, once the models are deployed. The engine keeps one timer job for the timer start event, created when the
 * model was deployed: an unchanged model is not deployed again, so a schedule changed since then is applied here by
 * moving the waiting job to the next start (never a second timer), and {@code enabled: false} suspends the job's
 * definition (the process stays deployed and can be started by hand). Idempotent: every node may run it.
 */
@Component
public class ProactiveDeletionTimer {

    private static final Logger log = LoggerFactory.getLogger(ProactiveDeletionTimer.class);

    private final ProcessEngine engine;
    private final ProactiveDeletionProperties properties;
    private final ProactiveDeletionSchedule schedule;

    public ProactiveDeletionTimer(ProcessEngine engine, ProactiveDeletionProperties properties,
                                  ProactiveDeletionSchedule schedule) {
        this.engine = engine;
        this.properties = properties;
        this.schedule = schedule;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void apply() {
        ManagementService management = engine.getManagementService();
        List<Job> timers = management.createJobQuery().processDefinitionKey(ProactiveDeletionModel.PROCESS_ID)
                .activityId(ProactiveDeletionModel.START_EVENT).timers().list();
        for (Job timer : timers) {
            JobDefinition definition = management.createJobDefinitionQuery()
                    .jobDefinitionId(timer.getJobDefinitionId()).singleResult();
            if (!properties.enabled()) {
                if (!definition.isSuspended()) {
                    management.suspendJobDefinitionById(definition.getId(), true);
                }
                continue;
            }
            if (definition.isSuspended()) {
                management.activateJobDefinitionById(definition.getId(), true);
            }
            Date now = ClockUtil.getCurrentTime();
            Date next = schedule.nextStartAfter(now);
            // a due timer fires by itself; a waiting one follows the configured schedule
            if (timer.getDuedate() != null && timer.getDuedate().after(now)
                    && timer.getDuedate().getTime() != next.getTime()) {
                management.setJobDuedate(timer.getId(), next);
                log.info("The nightly sweep now starts at {} (schedule '{}')", next, schedule.cron());
            }
        }
        if (!properties.enabled()) {
            log.info("The nightly sweep is off (rightsflow.proactive-deletion.enabled=false); it can be started by hand");
        }
    }
}
