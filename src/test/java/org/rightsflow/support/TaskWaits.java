package org.rightsflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Waiting for a request's user task in tests of the whole application: the job executor gets there in its own time.
 * The task is found by the request's reference (the business key of its process and of every process it calls) and
 * the task's id in its model.
 */
public final class TaskWaits {

    /** Long enough for a loaded CI machine; a test that passes never waits this long. */
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private TaskWaits() {
    }

    /** Waits until the request has exactly one open task of that kind and returns it. */
    public static Task awaitTask(TaskService tasks, String reference, String taskDefinitionKey) {
        await().atMost(AT_MOST).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskDefinitionKey).count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskDefinitionKey)
                .singleResult();
    }
}
