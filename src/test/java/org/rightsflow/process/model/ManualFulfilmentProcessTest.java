package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.ManualFulfilmentModel.*;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Deployment(resources = {ManualFulfilmentModel.RESOURCE, RefusalApprovalModel.RESOURCE,
        "forms/Form_ManualFulfilment.form", "forms/Form_RefusalApproval.form"})
class ManualFulfilmentProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);

    @BeforeEach
    void registerListener() {
        // as the real listener: a partial result is the operator's refusal proposal
        taskListener(BEAN_MANUAL_FULFILMENT_LISTENER, task -> {
            Object decision = task.getVariable(VariableNames.DECISION);
            task.setVariable(VariableNames.OUTCOME, decision);
            if (VariableNames.OUTCOME_PARTIALLY_COMPLETED.equals(decision)) {
                task.setVariable(VariableNames.REVIEW_PROPOSER, "operator");
                task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.PARTIAL);
                task.setVariable(VariableNames.PROPOSED_GROUNDS, "IMPRACTICAL");
                task.setVariable(VariableNames.PROPOSED_EXPLANATION, task.getVariable(VariableNames.EXPLANATION));
            }
        });
        approvalListener();
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_CORRECT, VariableNames.DUE_DATE, DUE_DATE));
    }

    /** Called after an approved PARTIAL exemption review: its grounds come in as the result so far. */
    private ProcessInstance startAfterAPartialReview() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_CORRECT, VariableNames.DUE_DATE, DUE_DATE,
                VariableNames.RESULT_GROUNDS, "RISK_TO_OTHERS", VariableNames.RESULT_EXPLANATION, "review explanation"));
    }

    @Test
    void aDataOperatorGetsTheTaskWithTheRequestDeadline() {
        ProcessInstance manual = start();

        assertThat(manual).isWaitingAtExactly(TASK_FULFIL_MANUALLY);
        Task task = taskAt(TASK_FULFIL_MANUALLY);
        assertThat(task).hasCandidateGroup(GROUP_DATA_OPERATORS).hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_MANUAL_FULFILMENT);
        assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        assertThat(deployedForm(task.getId())).contains("\"id\": \"" + FORM_MANUAL_FULFILMENT + "\"");
    }

    @Test
    void completedByHand() {
        ProcessInstance manual = start();

        complete(TASK_FULFIL_MANUALLY, Map.of(VariableNames.DECISION, VariableNames.OUTCOME_COMPLETED,
                VariableNames.EXPLANATION, "Corrected the billing address in the invoicing system."));

        assertThat(manual).hasPassedInOrder(START_EVENT, TASK_FULFIL_MANUALLY, END_EVENT).isEnded();
        assertThat(calls).containsExactly(BEAN_MANUAL_FULFILMENT_LISTENER);
        assertThat(manual).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void partiallyCompletedByHandIsARefusalASecondPersonApproves() {
        ProcessInstance manual = start();

        complete(TASK_FULFIL_MANUALLY, Map.of(VariableNames.DECISION, VariableNames.OUTCOME_PARTIALLY_COMPLETED,
                VariableNames.EXPLANATION, "Backups cannot be corrected; they expire in 30 days."));
        assertThat(manual).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        assertThat(taskService.getVariable(taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                RefusalApprovalModel.REFUSAL_SUBJECT)).isEqualTo("MANUAL_FULFILMENT");

        decideRefusal("APPROVE", "Backups are out of reach until they expire.");

        assertThat(manual).hasPassedInOrder(START_EVENT, GATEWAY_JOIN_FULFIL_MANUALLY, TASK_FULFIL_MANUALLY,
                GATEWAY_ALL_DONE, CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED,
                EVENT_OPERATOR_REFUSAL_APPROVED, END_EVENT_PARTLY_FULFILLED).isEnded();
        assertThat(manual).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_PARTIALLY_COMPLETED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "IMPRACTICAL")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "Backups cannot be corrected; they expire in 30 days.");
    }

    @Test
    void aPartialResultSentBackGoesToTheOperatorAgain() {
        ProcessInstance manual = startAfterAPartialReview();
        complete(TASK_FULFIL_MANUALLY, Map.of(VariableNames.DECISION, VariableNames.OUTCOME_PARTIALLY_COMPLETED,
                VariableNames.EXPLANATION, "The archive was not reachable today."));

        decideRefusal("REJECT", "Unreachable today is no ground: try again.");

        assertThat(manual).isWaitingAtExactly(TASK_FULFIL_MANUALLY);
        assertThat(deployedForm(taskAt(TASK_FULFIL_MANUALLY).getId())).contains("{{approvalComment}}");
        complete(TASK_FULFIL_MANUALLY, Map.of(VariableNames.DECISION, VariableNames.OUTCOME_COMPLETED,
                VariableNames.EXPLANATION, "Done once the archive was back."));
        assertThat(manual).hasPassed(END_EVENT).hasNotPassed(EVENT_OPERATOR_REFUSAL_APPROVED).isEnded();
        // the rejected proposal never becomes what the requester is told
        assertThat(manual).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "RISK_TO_OTHERS")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "review explanation");
    }
}
