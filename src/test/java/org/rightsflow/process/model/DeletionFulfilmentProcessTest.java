package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.DeletionFulfilmentModel.*;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = {DeletionFulfilmentModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE})
class DeletionFulfilmentProcessTest extends ProcessModelTestSupport {

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_DELETE, VariableNames.DUE_DATE, plusDays(NOW, 15)));
    }

    @Test
    void erasesOrRestrictsInEverySystemSchedulesTheHeldAndTellsTheRequester() {
        delegate(BEAN_PLAN_ERASURE, execution -> execution.setVariable(ERASURE_REFUSED, false));
        systemStepsByConnector();
        delegate(BEAN_SCHEDULE_DEFERRED_ERASURE);
        delegate(BEAN_NOTIFY_ERASURE, execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));

        ProcessInstance deletion = start();
        assertThat(deletion).isWaitingAtExactly(TASK_PLAN_ERASURE);
        assertThat(calls).as("every step in its own job").isEmpty();
        runJobsAt(TASK_PLAN_ERASURE);
        assertThat(deletion).isWaitingAtExactly(CALL_ACTIVITY_ERASE_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        runJobsAt(TASK_SCHEDULE_DEFERRED_ERASURE, TASK_NOTIFY_ERASURE);

        assertThat(deletion).hasPassedInOrder(START_EVENT, TASK_PLAN_ERASURE, GATEWAY_ANYTHING_TO_ERASE,
                CALL_ACTIVITY_ERASE_IN_EVERY_SYSTEM, TASK_SCHEDULE_DEFERRED_ERASURE, TASK_NOTIFY_ERASURE,
                END_EVENT_ERASED).isEnded();
        assertThat(deletion).hasNotPassed(END_EVENT_REFUSED);
        assertThat(calls).containsExactly(BEAN_PLAN_ERASURE, SYSTEM_STEP_CALLS[0], SYSTEM_STEP_CALLS[1],
                SYSTEM_STEP_CALLS[2], BEAN_SCHEDULE_DEFERRED_ERASURE, BEAN_NOTIFY_ERASURE);
        assertThat(deletion).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void whenAnApprovedPartialRefusalKeptEverythingAskedNothingIsErasedAndTheReviewsGroundsStand() {
        delegate(BEAN_PLAN_ERASURE, execution -> {
            execution.setVariable(ERASURE_REFUSED, true);
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
        });
        systemStepsByConnector();

        ProcessInstance deletion = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_DELETE, VariableNames.DUE_DATE, plusDays(NOW, 15),
                // what the exemption review proposed and a legal reviewer approved, passed in
                VariableNames.RESULT_GROUNDS, "LEGAL_OBLIGATION", VariableNames.RESULT_EXPLANATION, "kept under a legal hold"));
        runJobsAt(TASK_PLAN_ERASURE);

        assertThat(deletion).hasPassedInOrder(START_EVENT, TASK_PLAN_ERASURE, GATEWAY_ANYTHING_TO_ERASE,
                GATEWAY_KEPT_DATA_TO_RESTRICT, END_EVENT_REFUSED).hasNotPassed(CALL_ACTIVITY_RESTRICT_KEPT_DATA).isEnded();
        assertThat(calls).containsExactly(BEAN_PLAN_ERASURE);
        assertThat(deletion).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "LEGAL_OBLIGATION")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "kept under a legal hold");
    }

    @Test
    void everyAskedCategoryKeptAsImpracticalIsRestrictedInEverySystemAndNothingIsErased() {
        delegate(BEAN_PLAN_ERASURE, execution -> {
            execution.setVariable(ERASURE_REFUSED, true);
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
            execution.setVariable(VariableNames.RESTRICT_KEPT_DATA, true);
        });
        systemStepsByConnector();
        java.util.List<Object> operations = new java.util.ArrayList<>();
        delegate(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, execution -> {
            operations.add(execution.getVariable(SystemStepsModel.SYSTEM_OPERATION));
            execution.setVariable(SystemStepsModel.SYSTEM_STEPS, new java.util.ArrayList<>(java.util.List.of("step-1")));
        });

        ProcessInstance deletion = start();
        runJobsAt(TASK_PLAN_ERASURE);
        assertThat(deletion).isWaitingAtExactly(CALL_ACTIVITY_RESTRICT_KEPT_DATA);
        runSystemStepJobs();

        assertThat(deletion).hasPassedInOrder(TASK_PLAN_ERASURE, GATEWAY_ANYTHING_TO_ERASE,
                GATEWAY_KEPT_DATA_TO_RESTRICT, CALL_ACTIVITY_RESTRICT_KEPT_DATA, END_EVENT_REFUSED)
                .hasNotPassed(CALL_ACTIVITY_ERASE_IN_EVERY_SYSTEM, TASK_NOTIFY_ERASURE).isEnded();
        assertThat(operations).containsExactly("RESTRICT");
        assertThat(calls).contains(SystemStepModel.BEAN_RUN_SYSTEM_STEP);
        assertThat(deletion).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
    }

    @Test
    void aSystemWhoseErasureFailsIsRetriedThenBecomesAnIncidentOfItsOwnStep() {
        delegate(BEAN_PLAN_ERASURE, execution -> execution.setVariable(ERASURE_REFUSED, false));
        systemStepsByConnector();
        delegate(SystemStepModel.BEAN_RUN_SYSTEM_STEP, execution -> {
            throw new IllegalStateException("database unavailable");
        });
        ProcessInstance deletion = start();
        runJobsAt(TASK_PLAN_ERASURE, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS, SystemStepModel.TASK_PREPARE_SYSTEM_STEP);
        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(SystemStepModel.TASK_RUN_CONNECTOR).getId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining("database unavailable");
        }
        assertThat(jobAt(SystemStepModel.TASK_RUN_CONNECTOR).getRetries()).isZero();
        ProcessInstance step = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(SystemStepModel.PROCESS_ID).singleResult();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(step.getId()).count())
                .as("the incident belongs to the system's step, which names its system").isEqualTo(1);
        assertThat(runtimeService.getVariable(step.getId(), SystemStepModel.SYSTEM_ID)).isEqualTo("account-system");
        assertThat(deletion).isWaitingAtExactly(CALL_ACTIVITY_ERASE_IN_EVERY_SYSTEM);
    }
}
