package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.SystemStepModel.*;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

/**
 * One system's part (processes/system-step.bpmn) by each kind of system — its connector, its worker (an external
 * task, with its time limit), a data operator — and every system's part of one operation
 * (processes/system-steps.bpmn), in parallel, each its own instance.
 */
@Deployment(resources = {SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE, "forms/Form_SystemStep.form"})
class SystemStepProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);

    private void prepared(String execution, String timeLimit) {
        delegate(BEAN_PREPARE_SYSTEM_STEP, e -> {
            e.setVariable(SYSTEM_ID, "crm-system");
            e.setVariable(STEP_EXECUTION, execution);
            e.setVariable(TOPIC, "rightsflow.crm-system");
            e.setVariable(TIME_LIMIT, timeLimit);
            e.setVariable(STEP_INSTRUCTIONS, "**System:** CRM");
        });
    }

    private ProcessInstance start(String stepId) {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                SYSTEM_STEP_ID, stepId, VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_DELETE, VariableNames.DUE_DATE, DUE_DATE));
    }

    @Test
    void aSystemTheApplicationReachesIsDoneThroughItsConnectorInAJobOfItsOwn() {
        prepared("IN_PROCESS", "PT30M");
        delegate(BEAN_RUN_SYSTEM_STEP, e -> assertThat(e.getVariable(SYSTEM_STEP_ID)).isEqualTo("step-7"));
        ProcessInstance step = start("step-7");

        runJobsAt(TASK_PREPARE_SYSTEM_STEP);
        assertThat(step).isWaitingAtExactly(TASK_RUN_CONNECTOR);
        runJobsAt(TASK_RUN_CONNECTOR);

        assertThat(step).hasPassedInOrder(START_EVENT, TASK_PREPARE_SYSTEM_STEP, GATEWAY_WHO_DOES_THE_STEP,
                TASK_RUN_CONNECTOR, GATEWAY_STEP_DONE, END_EVENT).isEnded();
        assertThat(calls).containsExactly(BEAN_PREPARE_SYSTEM_STEP, BEAN_RUN_SYSTEM_STEP);
        assertThat(step).variables().containsEntry(SYSTEM_ID, "crm-system");
    }

    @Test
    void aConnectorThatKeepsFailingBecomesAnIncidentOfTheStepNamingItsSystem() {
        prepared("IN_PROCESS", "PT30M");
        delegate(BEAN_RUN_SYSTEM_STEP, e -> {
            throw new IllegalStateException("billing database unreachable");
        });
        ProcessInstance step = start("step-7");
        runJobsAt(TASK_PREPARE_SYSTEM_STEP);
        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(TASK_RUN_CONNECTOR).getId();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("unreachable");
            if (attempt < 3) {
                assertThat(jobAt(TASK_RUN_CONNECTOR).getDuedate()).isEqualTo(plusMinutes(NOW, 5));
            }
        }
        assertThat(runtimeService.createIncidentQuery().processInstanceId(step.getId()).singleResult().getActivityId())
                .isEqualTo(TASK_RUN_CONNECTOR);
        assertThat(step).isNotEnded();
    }

    @Test
    void aWorkerFetchesTheTaskOnItsTopicWithTheHandleAndTheStepIsCheckedAfterItCompletes() {
        prepared("WORKER", "PT15M");
        delegate(BEAN_ISSUE_SUBJECT_HANDLE, e -> e.setVariable(SUBJECT_HANDLE, "opaque-handle"));
        delegate(BEAN_CHECK_WORKER_RESULT);
        ProcessInstance step = start("step-8");
        runJobsAt(TASK_PREPARE_SYSTEM_STEP, TASK_ISSUE_SUBJECT_HANDLE);
        assertThat(step).isWaitingAtExactly(TASK_SYSTEM_WORKER);

        List<LockedExternalTask> fetched = engine.getExternalTaskService().fetchAndLock(1, "crm-worker-1")
                .topic("rightsflow.crm-system", 60_000).variables(SYSTEM_STEP_ID, SUBJECT_HANDLE, OPERATION)
                .execute();
        assertThat(fetched).hasSize(1);
        assertThat(fetched.get(0).getVariables()).containsEntry(SUBJECT_HANDLE, "opaque-handle")
                .containsEntry(SYSTEM_STEP_ID, "step-8");
        assertThat(engine.getExternalTaskService().fetchAndLock(1, "another-worker")
                .topic("rightsflow.account-system", 60_000).execute()).as("another system's topic").isEmpty();
        engine.getExternalTaskService().complete(fetched.get(0).getId(), "crm-worker-1");
        runJobsAt(TASK_CHECK_WORKER_RESULT);

        assertThat(step).hasPassedInOrder(TASK_ISSUE_SUBJECT_HANDLE, TASK_SYSTEM_WORKER, TASK_CHECK_WORKER_RESULT,
                END_EVENT).isEnded();
        assertThat(step).hasNotPassed(TASK_DO_STEP_BY_HAND);
    }

    @Test
    void aWorkerThatFailsRetriesAsItSaysThenTheStepIsAnIncident() {
        prepared("WORKER", "PT15M");
        delegate(BEAN_ISSUE_SUBJECT_HANDLE, e -> e.setVariable(SUBJECT_HANDLE, "opaque-handle"));
        ProcessInstance step = start("step-8");
        runJobsAt(TASK_PREPARE_SYSTEM_STEP, TASK_ISSUE_SUBJECT_HANDLE);
        String taskId = engine.getExternalTaskService().fetchAndLock(1, "crm-worker-1")
                .topic("rightsflow.crm-system", 60_000).execute().get(0).getId();
        engine.getExternalTaskService().handleFailure(taskId, "crm-worker-1", "CRM database down", 1, 0);
        taskId = engine.getExternalTaskService().fetchAndLock(1, "crm-worker-1")
                .topic("rightsflow.crm-system", 60_000).execute().get(0).getId();
        engine.getExternalTaskService().handleFailure(taskId, "crm-worker-1", "CRM database down", 0, 0);

        assertThat(runtimeService.createIncidentQuery().processInstanceId(step.getId()).singleResult()
                .getIncidentMessage()).isEqualTo("CRM database down");
        assertThat(step).isWaitingAtExactly(TASK_SYSTEM_WORKER);
    }

    @Test
    void aWorkerThatDoesNotFinishWithinTheTimeLimitHandsTheStepToADataOperator() {
        prepared("WORKER", "PT15M");
        delegate(BEAN_ISSUE_SUBJECT_HANDLE, e -> e.setVariable(SUBJECT_HANDLE, "opaque-handle"));
        delegate(BEAN_HAND_STEP_TO_OPERATOR);
        taskListener(BEAN_SYSTEM_STEP_TASK_LISTENER, task -> { });
        ProcessInstance step = start("step-9");
        runJobsAt(TASK_PREPARE_SYSTEM_STEP, TASK_ISSUE_SUBJECT_HANDLE);
        engine.getExternalTaskService().fetchAndLock(1, "crm-worker-1").topic("rightsflow.crm-system", 600_000)
                .execute();
        assertThat(jobAt(BOUNDARY_EVENT_WORKER_TIME_LIMIT).getDuedate()).isEqualTo(plusMinutes(NOW, 15));

        ClockUtil.setCurrentTime(plusMinutes(NOW, 15));
        runJobsAt(BOUNDARY_EVENT_WORKER_TIME_LIMIT, TASK_HAND_STEP_TO_OPERATOR);

        assertThat(step).isWaitingAtExactly(TASK_DO_STEP_BY_HAND);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().count())
                .as("the worker's task is gone: its late report is refused").isZero();
        complete(TASK_DO_STEP_BY_HAND, Map.of(VariableNames.DECISION, DONE,
                VariableNames.EXPLANATION, "Deleted the tickets in the CRM's admin console."));
        assertThat(step).as("the step's end waits for its turn among the request's jobs").isNotEnded();
        runJobsAt(TASK_DO_STEP_BY_HAND);
        assertThat(step).hasPassedInOrder(BOUNDARY_EVENT_WORKER_TIME_LIMIT, TASK_HAND_STEP_TO_OPERATOR,
                GATEWAY_JOIN_BY_HAND, TASK_DO_STEP_BY_HAND, END_EVENT).isEnded();
        assertThat(calls).containsExactly(BEAN_PREPARE_SYSTEM_STEP, BEAN_ISSUE_SUBJECT_HANDLE,
                BEAN_HAND_STEP_TO_OPERATOR, BEAN_SYSTEM_STEP_TASK_LISTENER);
    }

    @Test
    void aManualSystemIsADataOperatorsTaskWithItsInstructionsAndTheRequestDeadline() {
        prepared("PERSON", "PT30M");
        taskListener(BEAN_SYSTEM_STEP_TASK_LISTENER, task -> { });
        ProcessInstance step = start("step-10");
        runJobsAt(TASK_PREPARE_SYSTEM_STEP);

        assertThat(step).isWaitingAtExactly(TASK_DO_STEP_BY_HAND);
        Task task = taskAt(TASK_DO_STEP_BY_HAND);
        assertThat(task).hasCandidateGroup(GROUP_DATA_OPERATORS).hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_SYSTEM_STEP);
        assertThat(deployedForm(task.getId())).contains("{{stepInstructions}}", "taskCard", "\"DONE\"");
        complete(TASK_DO_STEP_BY_HAND, Map.of(VariableNames.DECISION, DONE, RECORDS, 2,
                VariableNames.EXPLANATION, "Shredded the two signed contracts in folder 17."));
        assertThat(step).as("the step's end waits for its turn among the request's jobs").isNotEnded();
        runJobsAt(TASK_DO_STEP_BY_HAND);
        assertThat(step).hasPassed(GATEWAY_JOIN_BY_HAND, TASK_DO_STEP_BY_HAND, END_EVENT).isEnded();
        assertThat(step).hasNotPassed(TASK_RUN_CONNECTOR, TASK_SYSTEM_WORKER);
    }

    @Test
    void everySystemsPartRunsAsItsOwnInstanceInParallelAndTheLoopEndsWhenAllAreDone() {
        delegate(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, e -> {
            assertThat(e.getVariable(SystemStepsModel.SYSTEM_OPERATION)).isEqualTo("ERASE");
            e.setVariable(SystemStepsModel.SYSTEM_STEPS, new ArrayList<>(List.of("a", "b", "c")));
        });
        delegate(BEAN_PREPARE_SYSTEM_STEP, e -> {
            e.setVariable(SYSTEM_ID, "system-" + e.getVariable(SYSTEM_STEP_ID));
            e.setVariable(STEP_EXECUTION, "IN_PROCESS");
            e.setVariable(TOPIC, "rightsflow.x");
            e.setVariable(TIME_LIMIT, "PT30M");
        });
        delegate(BEAN_RUN_SYSTEM_STEP);
        ProcessInstance steps = runtimeService.startProcessInstanceByKey(SystemStepsModel.PROCESS_ID, REFERENCE,
                Map.of(VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                        VariableNames.REQUEST_TYPE, VariableNames.TYPE_DELETE, VariableNames.DUE_DATE, DUE_DATE,
                        SystemStepsModel.SYSTEM_OPERATION, "ERASE"));
        runJobsAt(SystemStepsModel.TASK_PLAN_SYSTEM_STEPS);

        List<ProcessInstance> each = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .list();
        assertThat(each).hasSize(3).allSatisfy(p -> assertThat(p.getBusinessKey()).isEqualTo(REFERENCE));
        assertThat(managementService.createJobQuery().activityId(TASK_PREPARE_SYSTEM_STEP).count()).isEqualTo(3);
        managementService.createJobQuery().activityId(TASK_PREPARE_SYSTEM_STEP).list()
                .forEach(j -> managementService.executeJob(j.getId()));
        // one system's part fails and waits; the others finish
        List<org.camunda.bpm.engine.runtime.Job> run = managementService.createJobQuery().activityId(TASK_RUN_CONNECTOR)
                .list();
        managementService.executeJob(run.get(0).getId());
        managementService.executeJob(run.get(1).getId());
        managementService.createJobQuery().processInstanceId(steps.getId()).list()
                .forEach(j -> managementService.executeJob(j.getId()));
        assertThat(steps).isNotEnded();

        managementService.executeJob(run.get(2).getId());
        managementService.createJobQuery().processInstanceId(steps.getId()).list()
                .forEach(j -> managementService.executeJob(j.getId()));
        assertThat(steps).hasPassed(SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, SystemStepsModel.END_EVENT)
                .isEnded();
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName(SYSTEM_ID).list())
                .extracting(v -> v.getValue()).containsExactlyInAnyOrder("system-a", "system-b", "system-c");
    }
}
