package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.ProactiveDeletionModel.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.setup.ProactiveDeletionSchedule;
import org.rightsflow.retention.ProactiveDeletionProperties;

/**
 * Every path of the nightly sweep's model: the timer start on the configured (and re-configured) schedule, steps
 * erased batch by batch (one job each) until a batch is not full, a step a later run took over, a failing batch
 * left as an incident, steps handed to data operators (recorded by one, not swept in time by another), the records of
 * requests closed long ago reduced batch by batch beside them, an empty plan, and the run recorded at the end.
 */
@Deployment(resources = {ProactiveDeletionModel.RESOURCE, "forms/Form_SweepByHand.form"})
class ProactiveDeletionProcessTest extends ProcessModelTestSupport {

    static final String RUN = "PD-20261129-0001";
    static final String LOGS = "account-system/OPERATION_LOGS";
    static final String PAYMENTS = "account-system/PAYMENTS";
    static final String FACE = "account-system/REAL_NAME/withdrawn:FACE_RECOGNITION";
    static final String CRM_SUPPORT = "crm/SUPPORT";
    static final String CRM_BILLING = "crm/BILLING";
    static final Date DUE = plusMinutes(NOW, 20 * 60);

    /** Per batch: the step it erased in. */
    private final List<String> batches = new ArrayList<>();

    @BeforeEach
    void schedule() {
        // registered before the deployment: the timer start event evaluates it when the model is deployed
        Mocks.register(BEAN_SCHEDULE, schedule("0 30 2 * * ?"));
    }

    private static ProactiveDeletionSchedule schedule(String cron) {
        return new ProactiveDeletionSchedule(new ProactiveDeletionProperties(true, cron, 1000, Duration.ofHours(20), Duration.ofDays(180)));
    }

    private void plan(List<String> inProcess, List<String> byHand) {
        delegate(BEAN_PLAN, execution -> {
            execution.setProcessBusinessKey(RUN);
            execution.setVariable(REFERENCE, RUN);
            execution.setVariable(RETENTION_CUTOFF, NOW);
            execution.setVariable(IN_PROCESS_STEPS, new ArrayList<>(inProcess));
            execution.setVariable(BY_HAND_STEPS, new ArrayList<>(byHand));
            execution.setVariable(DUE_DATE, DUE);
        });
        closedRequestsAnswer(List.of(OUTCOME_DONE));
        delegate(BEAN_RECORD_RUN, execution -> {
            execution.setVariable(ROWS_ERASED, 2_500L);
            execution.setVariable(STEPS_NOT_SWEPT, 0);
            execution.setVariable(STEPS_TAKEN_OVER, 0);
        });
    }

    /** The batch delegate answers from a script per step: the outcome of each of its batches in turn. */
    private void batchesAnswer(Map<String, List<String>> outcomes) {
        Map<String, Integer> done = new HashMap<>();
        delegate(BEAN_ERASE_BATCH, execution -> {
            String step = (String) execution.getVariable(SWEEP_STEP);
            assertThat(execution.getVariable(REFERENCE)).isEqualTo(RUN);
            int n = done.merge(step, 1, Integer::sum);
            batches.add(step);
            execution.setVariableLocal(STEP_OUTCOME, outcomes.get(step).get(n - 1));
            execution.setVariableLocal(STEP_ROWS_ERASED, 1_000L * n);
            execution.setVariableLocal(STEP_BATCHES, n);
        });
    }

    /** The closed requests' delegate answers the outcome of each of its batches in turn, 10 requests each. */
    private void closedRequestsAnswer(List<String> outcomes) {
        List<String> answered = new ArrayList<>();
        delegate(BEAN_REDUCE_CLOSED_REQUESTS, execution -> {
            assertThat(execution.getVariable(REFERENCE)).isEqualTo(RUN);
            assertThat(execution.getVariable(RETENTION_CUTOFF)).isEqualTo(NOW);
            answered.add(outcomes.get(answered.size()));
            execution.setVariable(CLOSED_REQUESTS_REDUCED, 10L * answered.size());
            execution.setVariable(CLOSED_REQUESTS_OUTCOME, answered.get(answered.size() - 1));
        });
    }

    private ProcessInstance startByHand() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID);
    }

    private int runBatches() {
        int jobs = 0;
        while (hasJobAt(TASK_ERASE_BATCH)) {
            managementService.executeJob(jobAt(TASK_ERASE_BATCH).getId());
            jobs++;
        }
        return jobs;
    }

    @Test
    void theTimerStartsARunOnTheScheduleAndFollowsAChangedSchedule() {
        Job timer = timerStart();
        Date first = schedule("0 30 2 * * ?").nextStartAfter(NOW);
        assertThat(timer.getDuedate()).isEqualTo(first).isAfter(NOW)
                .isBefore(plusDays(NOW, 1));
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).count()).isZero();

        ClockUtil.setCurrentTime(first);
        managementService.executeJob(timer.getId());
        ProcessInstance run = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .singleResult();
        assertThat(run).isStarted().isWaitingAt(TASK_PLAN);
        assertThat(calls).as("the plan runs in its own job, with retries").isEmpty();
        Date second = timerStart().getDuedate();
        assertThat(second).isEqualTo(schedule("0 30 2 * * ?").nextStartAfter(first));

        // the schedule is read again when the timer fires: a changed property applies from the next start
        Mocks.register(BEAN_SCHEDULE, schedule("0 0 4 * * ?"));
        ClockUtil.setCurrentTime(second);
        managementService.executeJob(timerStart().getId());
        assertThat(timerStart().getDuedate()).isEqualTo(schedule("0 0 4 * * ?").nextStartAfter(second));
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).count()).isEqualTo(2);
    }

    private Job timerStart() {
        return managementService.createJobQuery().processDefinitionKey(PROCESS_ID).activityId(START_EVENT)
                .timers().singleResult();
    }

    @Test
    void erasesEachStepBatchByBatchEachInItsOwnJobThenRecordsTheRun() {
        plan(List.of(LOGS, PAYMENTS, FACE), List.of());
        batchesAnswer(Map.of(LOGS, List.of(OUTCOME_MORE, OUTCOME_MORE, OUTCOME_DONE),
                PAYMENTS, List.of(OUTCOME_DONE), FACE, List.of(OUTCOME_MORE, OUTCOME_DONE)));

        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN);
        assertThat(run).hasBusinessKey(RUN).isWaitingAt(TASK_ERASE_BATCH);

        managementService.executeJob(jobAt(TASK_ERASE_BATCH).getId());
        assertThat(batches).containsExactly(LOGS);
        assertThat(run).as("the next batch waits for a job of its own").isWaitingAt(TASK_ERASE_BATCH);
        assertThat(runtimeService.getVariable(run.getId(), STEP_OUTCOME)).as("outcome stays with its step").isNull();
        assertThat(runtimeService.createVariableInstanceQuery().variableName(STEP_ROWS_ERASED).singleResult()
                .getValue()).as("progress visible in Cockpit").isEqualTo(1_000L);

        assertThat(1 + runBatches()).isEqualTo(6);
        assertThat(batches).containsExactly(LOGS, LOGS, LOGS, PAYMENTS, FACE, FACE);
        assertThat(hasJobAt(TASK_RECORD_RUN)).as("the closed requests' branch is still to run").isFalse();
        runJobsAt(TASK_REDUCE_CLOSED_REQUESTS, TASK_RECORD_RUN);

        assertThat(run).hasPassed(TASK_PLAN, GATEWAY_SPLIT, SUB_PROCESS_IN_PROCESS, START_EVENT_STEP,
                TASK_ERASE_BATCH, GATEWAY_MORE_ROWS, END_EVENT_STEP_SWEPT, TASK_REDUCE_CLOSED_REQUESTS,
                GATEWAY_MORE_CLOSED_REQUESTS, GATEWAY_JOIN,
                TASK_RECORD_RUN, END_EVENT).hasNotPassed(END_EVENT_STEP_TAKEN_OVER, TASK_SWEEP_BY_HAND).isEnded();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(TASK_ERASE_BATCH).count()).isEqualTo(6);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName(ROWS_ERASED).singleResult().getValue()).isEqualTo(2_500L);
        assertThat(calls).startsWith(BEAN_PLAN).endsWith(BEAN_RECORD_RUN);
    }

    @Test
    void aStepALaterRunTookOverEndsWithoutFurtherBatches() {
        plan(List.of(LOGS, PAYMENTS), List.of());
        batchesAnswer(Map.of(LOGS, List.of(OUTCOME_TAKEN_OVER), PAYMENTS, List.of(OUTCOME_DONE)));

        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN);
        assertThat(runBatches()).isEqualTo(2);
        runJobsAt(TASK_REDUCE_CLOSED_REQUESTS, TASK_RECORD_RUN);

        assertThat(batches).containsExactly(LOGS, PAYMENTS);
        assertThat(run).hasPassed(END_EVENT_STEP_TAKEN_OVER, END_EVENT_STEP_SWEPT, END_EVENT).isEnded();
    }

    @Test
    void aFailingBatchBecomesAnIncidentThatNamesItsStep() {
        plan(List.of(LOGS, PAYMENTS), List.of());
        delegate(BEAN_ERASE_BATCH, execution -> {
            throw new IllegalStateException("connection refused");
        });

        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN);
        Job batch = jobAt(TASK_ERASE_BATCH);
        assertThat(batch.getRetries()).isEqualTo(3);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(batch.getId()))
                    .hasMessageContaining("connection refused");
        }

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TASK_ERASE_BATCH);
        assertThat(runtimeService.getVariable(incident.getExecutionId(), SWEEP_STEP)).isEqualTo(LOGS);
        assertThat(run).isWaitingAt(TASK_ERASE_BATCH).isNotEnded();
        assertThat(hasJobAt(TASK_RECORD_RUN)).as("the run stops on the failing system").isFalse();
    }

    @Test
    void stepsWithoutAConnectorGoToDataOperatorsAndAreReportedWhenNobodySweptThem() {
        plan(List.of(), List.of(CRM_SUPPORT, CRM_BILLING));
        List<Map<String, Object>> recorded = new ArrayList<>();
        taskListener(BEAN_SWEPT_BY_HAND_LISTENER, task -> recorded.add(Map.of(
                "step", task.getVariable(SWEEP_STEP), "decision", task.getVariable(FIELD_DECISION),
                "rows", task.getVariable(FIELD_ROWS_ERASED_BY_HAND))));
        List<Object> reported = new ArrayList<>();
        delegate(BEAN_REPORT_NOT_SWEPT, execution -> reported.add(execution.getVariable(SWEEP_STEP)));

        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN);
        List<Task> tasks = taskService.createTaskQuery().taskDefinitionKey(TASK_SWEEP_BY_HAND).orderByTaskName()
                .asc().list();
        assertThat(tasks).extracting(Task::getName)
                .containsExactly("手工清理 · Sweep by hand: " + CRM_BILLING, "手工清理 · Sweep by hand: " + CRM_SUPPORT);
        for (Task task : tasks) {
            assertThat(task.getDueDate()).isEqualTo(DUE);
            assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting("groupId")
                    .containsExactly("data-operators");
        }
        assertThat(deployedForm(tasks.get(0).getId())).contains("\"id\": \"Form_SweepByHand\"");

        Task support = tasks.get(1);
        taskService.complete(support.getId(), Map.of(FIELD_DECISION, "SWEPT", FIELD_ROWS_ERASED_BY_HAND, 42L,
                FIELD_EXPLANATION, "Deleted in the CRM admin console"));
        assertThat(recorded).containsExactly(Map.of("step", CRM_SUPPORT, "decision", "SWEPT", "rows", 42L));
        assertThat(runtimeService.getVariable(run.getId(), FIELD_DECISION)).as("form fields stay with their task")
                .isNull();
        assertThat(taskService.getVariable(tasks.get(0).getId(), FIELD_DECISION)).isNull();

        ClockUtil.setCurrentTime(DUE);
        assertThat(dueTimerActivities()).as("besides the next night's start").contains(TIMER_NOT_SWEPT_IN_TIME);
        runJobsAt(TIMER_NOT_SWEPT_IN_TIME, TASK_REPORT_NOT_SWEPT, TASK_REDUCE_CLOSED_REQUESTS, TASK_RECORD_RUN);

        assertThat(reported).containsExactly(CRM_BILLING);
        assertThat(run).hasPassed(TASK_SWEEP_BY_HAND, END_EVENT_SWEPT_BY_HAND,
                TIMER_NOT_SWEPT_IN_TIME, TASK_REPORT_NOT_SWEPT, END_EVENT_NOT_SWEPT, GATEWAY_JOIN, END_EVENT)
                .hasNotPassed(TASK_ERASE_BATCH).isEnded();
    }

    @Test
    void anEmptyPlanIsRecordedAtOnce() {
        plan(List.of(), List.of());
        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN, TASK_REDUCE_CLOSED_REQUESTS, TASK_RECORD_RUN);
        assertThat(run).hasPassedInOrder(START_EVENT, TASK_PLAN, GATEWAY_SPLIT, GATEWAY_JOIN, TASK_RECORD_RUN,
                END_EVENT).hasNotPassed(TASK_ERASE_BATCH, TASK_SWEEP_BY_HAND).isEnded();
        assertThat(calls).containsExactly(BEAN_PLAN, BEAN_REDUCE_CLOSED_REQUESTS, BEAN_RECORD_RUN);
    }

    @Test
    void byDefaultARequestsRecordsAreReducedWhenItsHistoryTimeToLiveHasPassed() {
        ProactiveDeletionProperties defaults = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("rightsflow.proactive-deletion", ProactiveDeletionProperties.class);
        org.camunda.bpm.model.bpmn.instance.Process request = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(
                        getClass().getClassLoader().getResourceAsStream(RightsRequestModel.RESOURCE))
                .getModelElementById(RightsRequestModel.PROCESS_ID);
        assertThat(defaults.closedRequestRecordsAfter())
                .isEqualTo(Duration.parse(request.getCamundaHistoryTimeToLiveString()));
    }

    @Test
    void reducesTheRecordsOfRequestsClosedLongAgoBatchByBatchEachInItsOwnJob() {
        plan(List.of(), List.of());
        closedRequestsAnswer(List.of(OUTCOME_MORE, OUTCOME_MORE, OUTCOME_DONE));

        ProcessInstance run = startByHand();
        runJobsAt(TASK_PLAN);
        int jobs = 0;
        while (hasJobAt(TASK_REDUCE_CLOSED_REQUESTS)) {
            assertThat(hasJobAt(TASK_RECORD_RUN)).as("the run waits for the last batch").isFalse();
            managementService.executeJob(jobAt(TASK_REDUCE_CLOSED_REQUESTS).getId());
            jobs++;
        }
        assertThat(jobs).as("a job, and a transaction, per batch").isEqualTo(3);
        assertThat(runtimeService.getVariable(run.getId(), CLOSED_REQUESTS_REDUCED)).as("visible in Cockpit")
                .isEqualTo(30L);
        runJobsAt(TASK_RECORD_RUN);

        assertThat(run).hasPassedInOrder(TASK_PLAN, GATEWAY_SPLIT, TASK_REDUCE_CLOSED_REQUESTS,
                GATEWAY_MORE_CLOSED_REQUESTS, GATEWAY_JOIN, TASK_RECORD_RUN, END_EVENT).isEnded();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(TASK_REDUCE_CLOSED_REQUESTS).count()).isEqualTo(3);
    }
}
