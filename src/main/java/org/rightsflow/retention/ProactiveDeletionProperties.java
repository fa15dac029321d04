package org.rightsflow.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rightsflow.proactive-deletion.*}: the nightly sweep (docs/retention.md).
 *
 * @param enabled        whether the schedule starts runs; off, the process stays deployed and can be started by hand
 * @param schedule       when runs start: a Camunda cron expression (seconds minutes hours day-of-month month
 *                       day-of-week [year]) in the server's time zone; default every night at 02:30
 * @param batchSize      rows erased (or, for withdrawn consents, subjects handled) per transaction: a first run on a
 *                       large table commits in many short transactions instead of one long one
 * @param handOverWithin how long a data operator has to sweep a system without an automatic connector before the
 *                       run reports that system as not swept
 * @param closedRequestRecordsAfter how long after a request closed the sweep reduces its records to what the
 *                       request's record needs ({@link ClosedRequestRecords}); default 180 days, the processes' history
 *                       time to live, after which the engine keeps nothing of the request either
 */
@ConfigurationProperties(prefix = "rightsflow.proactive-deletion")
public record ProactiveDeletionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 2 * * ?") String schedule,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("20h") Duration handOverWithin,
        @DefaultValue("180d") Duration closedRequestRecordsAfter) {

    public ProactiveDeletionProperties {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalStateException("rightsflow.proactive-deletion.batch-size must be 1..100000, not "
                    + batchSize);
        }
        if (handOverWithin.isNegative() || handOverWithin.isZero()) {
            throw new IllegalStateException("rightsflow.proactive-deletion.hand-over-within must be positive");
        }
        if (closedRequestRecordsAfter.isNegative() || closedRequestRecordsAfter.isZero()) {
            throw new IllegalStateException("rightsflow.proactive-deletion.closed-request-records-after must be"
                    + " positive");
        }
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalStateException("rightsflow.proactive-deletion.schedule must be a cron expression");
        }
    }
}
