package org.rightsflow.process.digest;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.rightsflow.notice.StaffDigests;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * A staff group's open tasks for its daily digest, from the engine: those it is a candidate group for, assigned or
 * not (as its Tasklist filters show them), each with its request's reference (the business key) and right. The
 * database does the counting and the first page; the digest lists no more than {@link StaffDigests#MAX_LISTED}.
 */
@Component
public class GroupTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;

    public GroupTasks(TaskService tasks, RuntimeService runtime) {
        this.tasks = tasks;
        this.runtime = runtime;
    }

    /** Created within {@link StaffDigests#NEW_WINDOW} before the digest, newest first. */
    public StaffDigests.TaskList arrivedBefore(String group, Instant digestAt) {
        return page(openOf(group)
                .taskCreatedAfter(Date.from(digestAt.minus(StaffDigests.NEW_WINDOW)))
                .taskCreatedBefore(Date.from(digestAt))
                .orderByTaskCreateTime().desc());
    }

    /** Due before the digest, earliest due first. */
    public StaffDigests.TaskList overdueAt(String group, Instant digestAt) {
        return page(openOf(group).dueBefore(Date.from(digestAt)).orderByDueDate().asc());
    }

    private TaskQuery openOf(String group) {
        return tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().active();
    }

    private StaffDigests.TaskList page(TaskQuery query) {
        long total = query.count();
        List<Task> listed = total == 0 ? List.of() : query.listPage(0, StaffDigests.MAX_LISTED);
        Set<String> instances = listed.stream().map(Task::getProcessInstanceId).filter(id -> id != null)
                .collect(Collectors.toSet());
        Map<String, String> references = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        if (!instances.isEmpty()) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(instances).list()) {
                references.put(instance.getId(), instance.getBusinessKey());
            }
            for (VariableInstance type : runtime.createVariableInstanceQuery()
                    .processInstanceIdIn(instances.toArray(String[]::new)).variableName(VariableNames.REQUEST_TYPE).list()) {
                if (type.getValue() instanceof String code && type.getExecutionId().equals(type.getProcessInstanceId())) {
                    types.put(type.getProcessInstanceId(), code);
                }
            }
        }
        return new StaffDigests.TaskList(listed.stream().map(task -> new StaffDigests.Task(
                references.get(task.getProcessInstanceId()), task.getName(), types.get(task.getProcessInstanceId()),
                instant(task.getCreateTime()), instant(task.getDueDate()))).toList(), total);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
