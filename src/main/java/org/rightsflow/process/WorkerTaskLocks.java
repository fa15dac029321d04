package org.rightsflow.process;

import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.systems.SystemStepRouting;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/**
 * Which system step an external task is, as long as the calling worker holds its lock: the worker API acts only for
 * the worker that fetched and locked the task (and only while the lock lasts), and only for its own system's topic.
 */
@Component
public class WorkerTaskLocks {

    /** Why a worker may not act on a task. */
    public enum Refusal {
        /** The task is on another system's topic. */
        OTHER_SYSTEM,
        /** No such open task, or its lock is not this worker's (never locked, expired, held by another worker). */
        NOT_LOCKED
    }

    /** The step of a locked task, or why not. */
    public record Held(String stepId, Refusal refusal) {
    }

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final TimeSource time;

    public WorkerTaskLocks(ExternalTaskService externalTasks, RuntimeService runtime, TimeSource time) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.time = time;
    }

    public Held held(String systemId, String taskId, String workerId) {
        ExternalTask task = taskId == null ? null
                : externalTasks.createExternalTaskQuery().externalTaskId(taskId).singleResult();
        if (task != null && !SystemStepRouting.topicOf(systemId).equals(task.getTopicName())) {
            return new Held(null, Refusal.OTHER_SYSTEM);
        }
        Date expires = task == null ? null : task.getLockExpirationTime();
        if (task == null || workerId == null || !workerId.equals(task.getWorkerId()) || expires == null
                || !expires.toInstant().isAfter(time.now())) {
            return new Held(null, Refusal.NOT_LOCKED);
        }
        Object stepId = runtime.getVariable(task.getExecutionId(), SystemStepModel.SYSTEM_STEP_ID);
        return Optional.ofNullable(stepId).map(id -> new Held((String) id, null))
                .orElse(new Held(null, Refusal.OTHER_SYSTEM));
    }
}
