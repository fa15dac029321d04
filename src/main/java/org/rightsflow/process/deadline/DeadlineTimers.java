package org.rightsflow.process.deadline;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.rightsflow.deadline.DeadlineChanged;
import org.rightsflow.deadline.DeadlineEventKind;
import org.rightsflow.process.EngineChanges;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The workflow follows a moved or stopped clock, in the transaction that changed it: the running timer jobs of
 * StartEvent_DueSoon and TimerEvent_DueDate (whichever exist: the due-date timer is created when the due-soon one
 * fires, from the {@code dueDate} variable moved here) are moved ({@link ManagementService#setJobDuedate}), suspended
 * during a pause and activated again on resume; never a second timer. The open user tasks of the request (its own
 * and those of the fulfilment processes it called) get the new due date, and so do the {@code dueDate} and
 * {@code reminderDate} variables, which later tasks and call activities read.
 */
@Component
public class DeadlineTimers {

    /**
     * Requests filed before the clock became one timer at a time run on their model version to the end: their two
     * boundary timers on SubProcess_Handle must move too.
     */
    static final String EARLIER_DUE_SOON = "BoundaryEvent_DueSoon";
    static final String EARLIER_DUE_DATE = "BoundaryEvent_DueDate";
    static final List<String> DUE_SOON = List.of(RightsRequestModel.START_EVENT_DUE_SOON, EARLIER_DUE_SOON);
    static final List<String> TIMERS = List.of(RightsRequestModel.START_EVENT_DUE_SOON,
            RightsRequestModel.TIMER_EVENT_DUE_DATE, EARLIER_DUE_SOON, EARLIER_DUE_DATE);

    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;

    public DeadlineTimers(RuntimeService runtime, ManagementService management, TaskService tasks) {
        this.runtime = runtime;
        this.management = management;
        this.tasks = tasks;
    }

    @EventListener
    public void on(DeadlineChanged changed) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey(RightsRequestModel.PROCESS_ID)
                .processInstanceBusinessKey(changed.reference()).singleResult();
        if (instance == null) {
            return; // the workflow already ended: nothing runs that could be moved
        }
        EngineChanges.ofRequest(changed.reference(), () -> {
            if (changed.kind() == DeadlineEventKind.PAUSED) {
                for (Job job : timerJobs(instance.getId())) {
                    management.updateJobSuspensionState().byJobId(job.getId()).suspend();
                }
                return;
            }
            Date dueDate = Date.from(changed.dueAt());
            Date reminderDate = Date.from(changed.reminderAt());
            for (Job job : timerJobs(instance.getId())) {
                Date moved = isDueSoon(job) ? reminderDate : dueDate;
                management.setJobDuedate(job.getId(), moved);
                if (job.isSuspended()) {
                    management.updateJobSuspensionState().byJobId(job.getId()).activate();
                }
            }
            runtime.setVariable(instance.getId(), VariableNames.DUE_DATE, dueDate);
            runtime.setVariable(instance.getId(), VariableNames.REMINDER_DATE, reminderDate);
            for (ProcessInstance called : runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(changed.reference()).active().list()) {
                if (!called.getId().equals(instance.getId())
                        && runtime.getVariableLocal(called.getId(), VariableNames.DUE_DATE) != null) {
                    runtime.setVariableLocal(called.getId(), VariableNames.DUE_DATE, dueDate);
                }
            }
            for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(changed.reference()).list()) {
                task.setDueDate(dueDate);
                tasks.saveTask(task);
            }
        });
    }

    private List<Job> timerJobs(String processInstanceId) {
        return TIMERS.stream()
                .flatMap(activity -> management.createJobQuery().processInstanceId(processInstanceId).timers()
                        .activityId(activity).list().stream())
                .toList();
    }

    private boolean isDueSoon(Job job) {
        return DUE_SOON.contains(management.createJobDefinitionQuery()
                .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId());
    }
}
