package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.CorrectionFulfilmentModel.*;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Deployment(resources = {CorrectionFulfilmentModel.RESOURCE, RefusalApprovalModel.RESOURCE,
        SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE,
        "forms/Form_CorrectionReview.form", "forms/Form_RefusalApproval.form"})
class CorrectionFulfilmentProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);

    private int reviewable;

    @BeforeEach
    void registerMocks() {
        systemStepsByConnector();
        delegate(BEAN_CHECK_CORRECTIONS, execution -> execution.setVariable(REVIEWABLE_CHANGES, reviewable));
        taskListener(BEAN_CORRECTION_REVIEW_LISTENER, task -> {
            if ("create".equals(task.getEventName())) {
                task.setVariableLocal(CORRECTION_ROWS, "[{\"change\":\"1\",\"current\":\"张*\",\"requested\":\"李*\"}]");
            } else {
                // as the real listener: a REJECT (or rejected changes) is the officer's refusal proposal
                Object decision = task.getVariable(VariableNames.DECISION);
                task.setVariable(CORRECTION_DECISION, decision);
                task.setVariable(CORRECTION_REFUSAL, REJECT.equals(decision));
                if (REJECT.equals(decision)) {
                    task.setVariable(VariableNames.REVIEW_PROPOSER, "officer");
                    task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.REFUSE);
                    task.setVariable(CORRECTION_GROUNDS, "RISK_TO_OTHERS");
                    task.setVariable(CORRECTION_EXPLANATION, task.getVariable(VariableNames.EXPLANATION));
                }
                task.setVariable(RESTRICT_CONTESTED_DATA, REJECT.equals(decision)
                        && Boolean.TRUE.equals(task.getVariable(RESTRICT_WHILE_DISPUTED)));
                task.removeVariable(RESTRICT_WHILE_DISPUTED);
                task.removeVariableLocal(CORRECTION_ROWS);
            }
        });
        approvalListener();
        delegate(BEAN_RESTRICT_CONTESTED_DATA);
        delegate(BEAN_LIFT_CONTESTED_RESTRICTION);
        delegate(BEAN_APPLY_CORRECTIONS, execution -> execution.setVariable(VariableNames.OUTCOME,
                APPLY.equals(execution.getVariable(CORRECTION_DECISION)) ? VariableNames.OUTCOME_COMPLETED
                        : VariableNames.OUTCOME_REFUSED));
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_CORRECT, VariableNames.DUE_DATE, DUE_DATE));
    }

    @Test
    void changesAreCheckedInTheirOwnJobThenReviewedByAPrivacyOfficerWithTheRequestDeadline() {
        reviewable = 2;
        ProcessInstance correction = start();

        assertThat(correction).isWaitingAtExactly(TASK_CHECK_CORRECTIONS);
        assertThat(calls).isEmpty();
        runJobsAt(TASK_CHECK_CORRECTIONS);

        assertThat(correction).isWaitingAtExactly(TASK_REVIEW_CORRECTION);
        Task task = taskAt(TASK_REVIEW_CORRECTION);
        assertThat(task).hasCandidateGroup(GROUP_PRIVACY_OFFICERS).hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_CORRECTION_REVIEW);
        assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        assertThat(deployedForm(task.getId())).contains("\"id\": \"" + FORM_CORRECTION_REVIEW + "\"");
        assertThat(taskService.getVariablesLocal(task.getId())).as("the masked view is task-local")
                .containsKey(CORRECTION_ROWS);
        assertThat(runtimeService.getVariables(correction.getId())).doesNotContainKey(CORRECTION_ROWS);
        assertThat(calls).containsExactly(BEAN_CHECK_CORRECTIONS, BEAN_CORRECTION_REVIEW_LISTENER);
    }

    @Test
    void appliedAfterReviewWithoutASecondPersonWhenNothingIsRefused() {
        reviewable = 1;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);

        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, APPLY,
                VariableNames.EXPLANATION, "Checked against the ID document on file."));
        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_CORRECT_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(correction).isWaitingAtExactly(TASK_APPLY_CORRECTIONS);
        runJobsAt(TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION);
        runSystemStepJobs();

        assertThat(correction).hasPassedInOrder(START_EVENT, TASK_CHECK_CORRECTIONS, GATEWAY_ANY_TO_REVIEW,
                GATEWAY_JOIN_REVIEW, TASK_REVIEW_CORRECTION, GATEWAY_ANYTHING_REFUSED, GATEWAY_JOIN_APPLY,
                CALL_ACTIVITY_CORRECT_IN_EVERY_SYSTEM, TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION,
                CALL_ACTIVITY_LIFT_CONTESTED_IN_EVERY_SYSTEM, END_EVENT).isEnded();
        assertThat(correction).hasNotPassed(CALL_ACTIVITY_APPROVE_REFUSAL);
        assertThat(calls).containsExactly(BEAN_CHECK_CORRECTIONS, BEAN_CORRECTION_REVIEW_LISTENER,
                BEAN_CORRECTION_REVIEW_LISTENER, SYSTEM_STEP_CALLS[0], SYSTEM_STEP_CALLS[1], SYSTEM_STEP_CALLS[2],
                BEAN_APPLY_CORRECTIONS, BEAN_LIFT_CONTESTED_RESTRICTION,
                SYSTEM_STEP_CALLS[0], SYSTEM_STEP_CALLS[1], SYSTEM_STEP_CALLS[2]);
        assertThat(correction).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED)
                .containsEntry(CORRECTION_DECISION, APPLY);
    }

    @Test
    void aRejectionIsWrittenOnlyAfterASecondPersonApprovesIt() {
        reviewable = 1;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);

        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, REJECT,
                VariableNames.EXPLANATION, "The document on file contradicts the requested value."));
        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        org.camunda.bpm.engine.task.Task approval = taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(taskService.getVariable(approval.getId(), VariableNames.RESULT_GROUNDS))
                .as("the approver sees the correction's own proposal").isEqualTo("RISK_TO_OTHERS");
        assertThat(taskService.getVariable(approval.getId(), VariableNames.RESULT_EXPLANATION))
                .isEqualTo("The document on file contradicts the requested value.");
        assertThat(calls).doesNotContain(BEAN_APPLY_CORRECTIONS);

        decideRefusal("APPROVE", "The document on file is authoritative.");
        runSystemStepJobs();
        runJobsAt(TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION);
        runSystemStepJobs();

        assertThat(correction).hasPassedInOrder(TASK_REVIEW_CORRECTION, GATEWAY_ANYTHING_REFUSED,
                CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, GATEWAY_JOIN_APPLY, TASK_APPLY_CORRECTIONS,
                END_EVENT).isEnded();
        assertThat(correction).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
    }

    @Test
    void aDisputedCorrectionRestrictsTheContestedDataWhileReviewedAndLiftsItOnceDecided() {
        reviewable = 1;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);
        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, REJECT, RESTRICT_WHILE_DISPUTED, true,
                VariableNames.EXPLANATION, "The requested value contradicts the contract on file; we are checking it."));

        assertThat(correction).isWaitingAtExactly(TASK_RESTRICT_CONTESTED_DATA);
        assertThat(calls).as("in a job of its own").doesNotContain(BEAN_RESTRICT_CONTESTED_DATA);
        runJobsAt(TASK_RESTRICT_CONTESTED_DATA);
        assertThat(correction).as("each system flags them in its own step")
                .isWaitingAtExactly(CALL_ACTIVITY_RESTRICT_CONTESTED_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        assertThat(calls).contains(BEAN_RESTRICT_CONTESTED_DATA).doesNotContain(BEAN_LIFT_CONTESTED_RESTRICTION);

        decideRefusal("REJECT", "Look at the newer contract first.");
        assertThat(correction).isWaitingAtExactly(TASK_REVIEW_CORRECTION);
        assertThat(calls).as("still under review: still restricted").doesNotContain(BEAN_LIFT_CONTESTED_RESTRICTION);
        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, REJECT,
                VariableNames.EXPLANATION, "The newer contract confirms the value on file."));
        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        decideRefusal("APPROVE", "The contract on file is authoritative.");
        runSystemStepJobs();
        runJobsAt(TASK_APPLY_CORRECTIONS);
        assertThat(correction).isWaitingAtExactly(TASK_LIFT_CONTESTED_RESTRICTION);
        runJobsAt(TASK_LIFT_CONTESTED_RESTRICTION);
        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_LIFT_CONTESTED_IN_EVERY_SYSTEM);
        runSystemStepJobs();

        assertThat(correction).hasPassedInOrder(TASK_REVIEW_CORRECTION, GATEWAY_ANYTHING_REFUSED,
                GATEWAY_RESTRICT_CONTESTED, TASK_RESTRICT_CONTESTED_DATA, CALL_ACTIVITY_RESTRICT_CONTESTED_IN_EVERY_SYSTEM,
                GATEWAY_JOIN_RESTRICTED, CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, GATEWAY_JOIN_APPLY,
                TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION, CALL_ACTIVITY_LIFT_CONTESTED_IN_EVERY_SYSTEM,
                END_EVENT).isEnded();
        assertThat(calls.stream().filter(BEAN_RESTRICT_CONTESTED_DATA::equals).count())
                .as("the second proposal did not ask for it again").isEqualTo(1);
        assertThat(calls).containsSubsequence(BEAN_RESTRICT_CONTESTED_DATA, BEAN_APPLY_CORRECTIONS,
                BEAN_LIFT_CONTESTED_RESTRICTION);
    }

    @Test
    void aRejectionWithoutTheRestrictionChoiceRestrictsNothing() {
        reviewable = 1;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);
        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, REJECT,
                VariableNames.EXPLANATION, "The document on file contradicts the requested value."));

        assertThat(correction).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        assertThat(correction).hasPassedInOrder(GATEWAY_RESTRICT_CONTESTED, GATEWAY_JOIN_RESTRICTED)
                .hasNotPassed(TASK_RESTRICT_CONTESTED_DATA);
    }

    @Test
    void aRejectionSentBackIsReviewedAgain() {
        reviewable = 1;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);
        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, REJECT,
                VariableNames.EXPLANATION, "The document on file contradicts the requested value."));

        decideRefusal("REJECT", "The requester sent a newer document; look again.");

        assertThat(correction).isWaitingAtExactly(TASK_REVIEW_CORRECTION);
        assertThat(correction).variables().containsEntry(VariableNames.APPROVAL_COMMENT,
                "The requester sent a newer document; look again.");
        assertThat(deployedForm(taskAt(TASK_REVIEW_CORRECTION).getId())).contains("{{approvalComment}}");
        complete(TASK_REVIEW_CORRECTION, Map.of(VariableNames.DECISION, APPLY,
                VariableNames.EXPLANATION, "The newer document confirms the requested value."));
        runSystemStepJobs();
        runJobsAt(TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION);
        assertThat(correction).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void nothingToDecideWhenTheExemptionReviewKeptEveryChangeOut() {
        reviewable = 0;
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);
        runSystemStepJobs();

        assertThat(correction).isWaitingAtExactly(TASK_APPLY_CORRECTIONS);
        runJobsAt(TASK_APPLY_CORRECTIONS, TASK_LIFT_CONTESTED_RESTRICTION);
        runSystemStepJobs();

        assertThat(correction).hasPassedInOrder(TASK_CHECK_CORRECTIONS, GATEWAY_ANY_TO_REVIEW, GATEWAY_JOIN_APPLY,
                CALL_ACTIVITY_CORRECT_IN_EVERY_SYSTEM, TASK_APPLY_CORRECTIONS, END_EVENT).isEnded();
        assertThat(correction).hasNotPassed(TASK_REVIEW_CORRECTION);
        assertThat(calls).startsWith(BEAN_CHECK_CORRECTIONS).endsWith(BEAN_APPLY_CORRECTIONS,
                BEAN_LIFT_CONTESTED_RESTRICTION, SYSTEM_STEP_CALLS[0], SYSTEM_STEP_CALLS[1], SYSTEM_STEP_CALLS[2]);
    }

    @Test
    void aFailingApplyIsRetriedThenBecomesAnIncident() {
        reviewable = 0;
        delegate(BEAN_APPLY_CORRECTIONS, execution -> {
            throw new IllegalStateException("account system unavailable");
        });
        ProcessInstance correction = start();
        runJobsAt(TASK_CHECK_CORRECTIONS);
        runSystemStepJobs();

        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(TASK_APPLY_CORRECTIONS).getId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining("account system unavailable");
        }
        assertThat(jobAt(TASK_APPLY_CORRECTIONS).getRetries()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(correction.getId()).count()).isEqualTo(1);
    }
}
