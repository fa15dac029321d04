package org.rightsflow.datamap;

import java.time.Duration;

/**
 * How an {@code external-task} system's worker is given its steps.
 *
 * @param timeLimit how long the worker may take for one step before a data operator takes it over (default 30 min)
 */
public record WorkerSettings(Duration timeLimit) {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(30);

    public WorkerSettings {
        timeLimit = timeLimit == null ? DEFAULT_TIME_LIMIT : timeLimit;
    }
}
