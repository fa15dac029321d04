package org.rightsflow.process.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.rightsflow.notice.StaffDigestProperties;
import org.rightsflow.process.model.StaffDailyDigestModel;
import org.rightsflow.process.model.StaffGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the daily digest runs, for the timer start event of {@code staff-daily-digest.bpmn}
 * ({@code ${staffDigestSchedule.timeCycle()}}) and the groups it writes to.
 * <p>
 * The cycle is a repeating interval anchored at the configured time in the staff's zone ({@code R/<anchor>/P1D}),
 * so each next run is computed from the anchor and never drifts by the job's latency. The engine evaluates the
 * expression when the model is deployed and, with {@code reevaluate-time-cycle-when-due} (application.yaml), again
 * at each run, so a changed time is picked up. A changed time also moves the waiting timer at start-up, so the
 * next digest already comes at the new time instead of once more at the old one.
 */
@Component(StaffDailyDigestModel.BEAN_SCHEDULE)
public class StaffDigestSchedule {

    private static final Logger log = LoggerFactory.getLogger(StaffDigestSchedule.class);
    /** Any day before the first deployment: the cycle repeats daily from there. */
    private static final LocalDate ANCHOR_DAY = LocalDate.of(2025, 1, 1);

    private final StaffDigestProperties properties;
    /** Looked up when needed: the engine evaluates {@link #timeCycle()} while it is being built. */
    private final ObjectProvider<ManagementService> management;

    public StaffDigestSchedule(StaffDigestProperties properties, ObjectProvider<ManagementService> management) {
        this.properties = properties;
        this.management = management;
    }

    /** ISO 8601 repeating interval, for example {@code R/2025-01-01T08:00:00+08:00/P1D}. */
    public String timeCycle() {
        ZonedDateTime anchor = ANCHOR_DAY.atTime(properties.time()).atZone(properties.zone());
        return "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(anchor) + "/P1D";
    }

    /** The groups that work tasks in Tasklist; auditors and administrators have no tasks to be told about. */
    public List<String> groups() {
        return StaffGroups.TASK_WORKERS;
    }

    /** The next digest after this moment, at the configured time. */
    Instant nextAfter(Instant now) {
        ZonedDateTime today = now.atZone(properties.zone()).toLocalDate().atTime(properties.time()).atZone(properties.zone());
        return today.toInstant().isAfter(now) ? today.toInstant() : today.plusDays(1).toInstant();
    }

    /**
     * The waiting timer at a time of day other than the configured one (the time was changed since it was set):
     * moved to the next configured time. A timer that is merely overdue (the application was down) is left to fire.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void alignWaitingTimer() {
        List<Job> timers = management.getObject().createJobQuery().processDefinitionKey(StaffDailyDigestModel.PROCESS_ID)
                .timers().list();
        for (Job timer : timers) {
            ZonedDateTime due = timer.getDuedate().toInstant().atZone(properties.zone());
            if (!due.toLocalTime().equals(properties.time())) {
                Instant next = nextAfter(ClockUtil.getCurrentTime().toInstant());
                management.getObject().setJobDuedate(timer.getId(), Date.from(next));
                log.info("Daily staff digest moved from {} to {} (rightsflow.staff-digest.time {})", due, next,
                        properties.time());
            }
        }
    }
}
