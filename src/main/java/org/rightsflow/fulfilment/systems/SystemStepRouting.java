package org.rightsflow.fulfilment.systems;

import java.time.Duration;
import org.rightsflow.datamap.SystemConnector;

/**
 * Where a step goes: who does it, on which external-task topic its worker finds it, and how long the worker may take
 * before a data operator takes over.
 */
public record SystemStepRouting(String stepId, String systemId, SystemConnector.Execution execution, String topic,
                                Duration timeLimit) {

    /** The external-task topic of a system's worker. */
    public static String topicOf(String systemId) {
        return "rightsflow." + systemId;
    }
}
