package org.rightsflow.retention;

import java.time.Instant;
import java.util.List;

/**
 * What a run of the sweep will do.
 *
 * @param reference      the run's reference (PD-20261129-0001), also the process's business key
 * @param cutoff         the instant retention and consent are judged at for the whole run
 * @param inProcessSteps the keys of the steps the application erases itself, in order
 * @param byHandSteps    the keys of the steps handed to data operators
 * @param byHandDue      until when a data operator may sweep a handed-over step
 * @param resumedSteps   the keys of the steps this run continues from an earlier, unfinished run
 */
public record SweepPlan(String reference, Instant cutoff, List<String> inProcessSteps, List<String> byHandSteps,
                        Instant byHandDue, List<String> resumedSteps) {

    public SweepPlan {
        inProcessSteps = List.copyOf(inProcessSteps);
        byHandSteps = List.copyOf(byHandSteps);
        resumedSteps = List.copyOf(resumedSteps);
    }
}
