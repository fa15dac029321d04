package org.rightsflow.operations.timeline;

import java.time.Instant;
import java.util.List;

/**
 * What the engine's history knows about a request (every process instance with its reference as business key), read
 * through this port so that the timeline and the evidence pack never touch the engine's API. The process layer
 * implements it.
 */
public interface ProcessHistory {

    /** A process instance that ran for the request. */
    record Instance(String id, String processKey, int version, Instant started, Instant ended, String state) {
    }

    /** Something a staff member did to a task: CLAIM, ASSIGN, UNCLAIM (assignee set to nobody), COMPLETE... */
    record UserAction(String operation, String userId, Instant at) {
    }

    /**
     * A user task of the request, with who claimed and completed it (from the engine's user operation log).
     *
     * @param form the decision fields written when it was completed ({@code decision}, {@code grounds},
     *             {@code explanation}, {@code refusedCategories}, {@code outcome}): codes and staff text only
     */
    record Task(String id, String taskKey, String name, String processKey, Instant created, Instant ended,
                String assignee, String endReason, List<UserAction> actions, java.util.Map<String, String> form) {
    }

    /** One step of the path taken: an activity of a process that ran. */
    record Step(String processKey, int processVersion, String activityId, String activityName, String activityType,
                Instant started, Instant ended, boolean canceled) {
    }

    /** A model version that ran for the request, with its XML as deployed. */
    record Model(String kind, String key, int version, String deploymentId, String resourceName, byte[] xml) {
    }

    List<Instance> instances(String reference);

    List<Task> tasks(String reference);

    List<Step> path(String reference);

    /** The BPMN of every process version that ran and the DMN of every decision version evaluated. */
    List<Model> models(String reference);
}
