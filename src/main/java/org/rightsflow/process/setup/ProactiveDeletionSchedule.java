package org.rightsflow.process.setup;

import java.text.ParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionProperties;
import org.springframework.stereotype.Component;

/**
 * When the nightly sweep starts, as the timer start event of {@code processes/proactive-deletion.bpmn} reads it:
 * {@code ${proactiveDeletionSchedule.cron()}}, from {@code rightsflow.proactive-deletion.schedule}. The engine
 * evaluates it when the model is deployed and again each time the timer fires, so a changed schedule applies from
 * the next start ({@link ProactiveDeletionTimer} moves the waiting timer at start-up). A value that is not a cron
 * expression stops the start with a message naming the property.
 */
@Component(ProactiveDeletionModel.BEAN_SCHEDULE)
public class ProactiveDeletionSchedule {

    private final String cron;
    private final CronTimer timer;

    public ProactiveDeletionSchedule(ProactiveDeletionProperties properties) {
        this.cron = properties.schedule().trim();
        try {
            this.timer = CronTimer.parse(cron);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("rightsflow.proactive-deletion.schedule '" + cron + "' is not a cron"
                    + " expression (seconds minutes hours day-of-month month day-of-week [year], for example"
                    + " '0 30 2 * * ?'): " + e.getMessage(), e);
        }
    }

    public String cron() {
        return cron;
    }

    /** The first start after {@code instant}. */
    public Date nextStartAfter(Date instant) {
        return timer.getDueDate(instant);
    }
}
