package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.rightsflow.process.model.TransferFulfilmentModel.*;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.transfer.TransferApproval;
import org.rightsflow.fulfilment.transfer.TransferFulfilment;
import org.rightsflow.process.listener.TransferApprovalListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;

/**
 * The model with the real transfer listener (its domain services mocked): the decision is checked on the server, and a
 * REJECT is only a proposal until a second person approves it in RefusalApprovalProcess.
 */
@Deployment(resources = {TransferFulfilmentModel.RESOURCE, RefusalApprovalModel.RESOURCE,
        SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE,
        "forms/Form_TransferApproval.form", "forms/Form_RefusalApproval.form"})
class TransferFulfilmentProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);
    static final List<Map<String, String>> MASKED = List.of(Map.of("name", "A***", "email", "b***@***.example"));

    private final TransferFulfilment transfer = mock(TransferFulfilment.class);
    private final RefusalProposals proposals = mock(RefusalProposals.class);

    @BeforeEach
    void register() {
        when(transfer.recipientForReview(REQUEST_ID)).thenReturn(MASKED);
        Mocks.register(BEAN_TRANSFER_APPROVAL_LISTENER, new TransferApprovalListener(transfer, proposals));
        approvalListener();
        systemStepsByConnector();
        delegate(BEAN_BUILD_TRANSFER_PACKAGE, execution -> execution.setVariable(VariableNames.DOWNLOAD_ID, "DL-0099"));
        delegate(BEAN_SEND_TRANSFER_PACKAGE, execution -> {
            assertThat(execution.getVariable(VariableNames.DOWNLOAD_ID)).isEqualTo("DL-0099");
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
        });
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_TRANSFER, VariableNames.DUE_DATE, DUE_DATE));
    }

    private static Map<String, Object> form(String decision, boolean allConditions, String explanation) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VariableNames.DECISION, decision);
        if (TransferApproval.REJECT.equals(decision)) {
            variables.put(VariableNames.GROUNDS, SpinValues.jsonValue("[\"TRANSFER_CONDITIONS_NOT_MET\"]").create());
        }
        variables.put(VariableNames.EXPLANATION, explanation);
        TransferApproval.CONDITIONS.forEach(c -> variables.put(c, true));
        if (!allConditions) {
            variables.put(TransferApproval.TECHNICALLY_FEASIBLE, false);
        }
        return variables;
    }

    @Test
    void aPrivacyOfficerSeesTheMaskedRecipientWithTheDeadline() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAtExactly(TASK_APPROVE_TRANSFER);
        Task task = taskAt(TASK_APPROVE_TRANSFER);
        assertThat(task).hasCandidateGroup("privacy-officers").hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_TRANSFER_APPROVAL);
        assertThat(deployedForm(task.getId())).contains("\"dataSource\": \"=transferRecipient\"")
                .contains(TransferApproval.CONDITIONS.toArray(String[]::new));
        assertThat(taskService.getVariableLocal(task.getId(), TRANSFER_RECIPIENT).toString())
                .as("a JSON row for the form's table, which renders plain text").contains("\"name\":\"A***\"",
                        "\"email\":\"b***@***.example\"");
        assertThat(runtimeService.getVariable(instance.getId(), TRANSFER_RECIPIENT))
                .as("the recipient is local to the task").isNull();
    }

    @Test
    void approvedTransferIsBuiltThenSentToTheRecipient() {
        ProcessInstance instance = start();
        String taskId = taskAt(TASK_APPROVE_TRANSFER).getId();

        complete(TASK_APPROVE_TRANSFER, form(TransferApproval.APPROVE, true, "All four conditions checked."));

        assertThat(instance).isWaitingAtExactly(CALL_ACTIVITY_READ_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(instance).isWaitingAtExactly(TASK_BUILD_COPY_PACKAGE);
        runJobsAt(TASK_BUILD_COPY_PACKAGE);
        assertThat(instance).isWaitingAtExactly(TASK_SEND_TO_RECIPIENT);
        runJobsAt(TASK_SEND_TO_RECIPIENT);

        assertThat(instance).hasPassedInOrder(START_EVENT, TASK_APPROVE_TRANSFER, GATEWAY_TRANSFER_DECISION,
                CALL_ACTIVITY_READ_EVERY_SYSTEM, TASK_BUILD_COPY_PACKAGE, TASK_SEND_TO_RECIPIENT,
                END_EVENT_TRANSFERRED).isEnded();
        assertThat(instance).variables().containsEntry(TRANSFER_DECISION, TransferApproval.APPROVE)
                .containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED)
                .doesNotContainKeys(VariableNames.DECISION, VariableNames.EXPLANATION, VariableNames.RESULT_GROUNDS);
        verify(transfer).recordDecision(eq(REQUEST_ID), eq(true), any());
        assertThat(historyService.createHistoricVariableInstanceQuery().taskIdIn(taskId)
                .variableName(TRANSFER_RECIPIENT).list()).allSatisfy(v ->
                assertThat(((HistoricVariableInstance) v).getState()).isEqualTo("DELETED"));
    }

    @Test
    void aRejectIsAProposalAndTheTransferIsRefusedOnlyOnceASecondPersonApprovesIt() {
        ProcessInstance instance = start();

        complete(TASK_APPROVE_TRANSFER, form(TransferApproval.REJECT, false,
                "The recipient's systems cannot receive this format."));

        assertThat(instance).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        verify(proposals).propose(eq(REQUEST_ID), eq(RefusalSubject.TRANSFER), eq("REFUSE"),
                eq(List.of("TRANSFER_CONDITIONS_NOT_MET")), eq("The recipient's systems cannot receive this format."), any());
        assertThat(instance).variables().doesNotContainKey(VariableNames.OUTCOME)
                .containsEntry(VariableNames.REVIEW_DECISION, "REFUSE")
                .containsEntry(VariableNames.SUGGESTED_GROUNDS, TransferApproval.GROUND);
        Task approval = taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(taskService.getVariable(approval.getId(), RefusalApprovalModel.REFUSAL_SUBJECT)).isEqualTo("TRANSFER");
        assertThat(taskService.getVariable(approval.getId(), VariableNames.RESULT_GROUNDS))
                .isEqualTo("TRANSFER_CONDITIONS_NOT_MET");
        assertThat(approval.getDueDate()).isEqualTo(DUE_DATE);

        decideRefusal("APPROVE", "The format problem is confirmed.");

        assertThat(instance).hasPassedInOrder(START_EVENT, TASK_APPROVE_TRANSFER, GATEWAY_TRANSFER_DECISION,
                CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, EVENT_TRANSFER_REFUSED, END_EVENT_REFUSED)
                .isEnded();
        assertThat(instance).hasNotPassed(TASK_BUILD_COPY_PACKAGE);
        assertThat(calls).containsExactly(RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER);
        assertThat(instance).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "TRANSFER_CONDITIONS_NOT_MET")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "The recipient's systems cannot receive this format.");
        verify(transfer, never()).recordDecision(any(), anyBoolean(), any());
    }

    @Test
    void aRefusalTheLegalReviewerSendsBackReturnsToTheOfficerWithTheComment() {
        ProcessInstance instance = start();
        complete(TASK_APPROVE_TRANSFER, form(TransferApproval.REJECT, false, "The recipient looks unreachable."));

        decideRefusal("REJECT", "Feasibility was not checked with the recipient.");

        assertThat(instance).isWaitingAtExactly(TASK_APPROVE_TRANSFER);
        assertThat(instance).hasPassedInOrder(CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED,
                GATEWAY_JOIN_TRANSFER_APPROVAL);
        assertThat(instance).variables().containsEntry(VariableNames.APPROVAL_DECISION, "REJECT")
                .containsEntry(VariableNames.APPROVAL_COMMENT, "Feasibility was not checked with the recipient.")
                .doesNotContainKey(VariableNames.OUTCOME);
        assertThat(deployedForm(taskAt(TASK_APPROVE_TRANSFER).getId())).contains("{{approvalComment}}");

        complete(TASK_APPROVE_TRANSFER, form(TransferApproval.APPROVE, true, "Checked with the recipient: feasible."));
        runSystemStepJobs();
        runJobsAt(TASK_BUILD_COPY_PACKAGE, TASK_SEND_TO_RECIPIENT);
        assertThat(instance).hasPassed(END_EVENT_TRANSFERRED).isEnded();
        assertThat(instance).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void theServerRefusesAnApprovalWithAFailedConditionOrWithoutExplanation() {
        ProcessInstance instance = start();
        String taskId = taskAt(TASK_APPROVE_TRANSFER).getId();

        assertThatThrownBy(() -> taskService.complete(taskId, form(TransferApproval.APPROVE, false, "ok")))
                .hasRootCauseInstanceOf(InvalidDecisionException.class).hasMessageContaining("all four conditions");
        assertThatThrownBy(() -> taskService.complete(taskId, form(TransferApproval.REJECT, false, " ")))
                .hasRootCauseInstanceOf(InvalidDecisionException.class);
        assertThatThrownBy(() -> taskService.complete(taskId, form("MAYBE", true, "hm")))
                .hasRootCauseInstanceOf(InvalidDecisionException.class);

        assertThat(instance).isWaitingAtExactly(TASK_APPROVE_TRANSFER);
        verify(transfer, never()).recordDecision(any(), anyBoolean(), any());
    }
}
