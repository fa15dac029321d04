package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.rightsflow.process.model.ExplanationFulfilmentModel.*;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.explanation.ExplanationFulfilment;
import org.rightsflow.process.listener.ExplanationAnswerListener;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;

/**
 * EXPLAIN's model with the real answer listener (its domain services mocked): the officer's form starts from the
 * draft answer, PROCEED records the edited answer and sends it, REFUSE is only a proposal until a second person
 * approves it in RefusalApprovalProcess, and a proposal sent back returns to the officer.
 */
@Deployment(resources = {ExplanationFulfilmentModel.RESOURCE, RefusalApprovalModel.RESOURCE,
        "forms/Form_ExplanationAnswer.form", "forms/Form_RefusalApproval.form"})
class ExplanationFulfilmentProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);
    static final String DRAFT = "In answer to your request RR-20261129-0007, this is how we process your personal information.";

    private final ExplanationFulfilment explanations = mock(ExplanationFulfilment.class);
    private final RefusalProposals proposals = mock(RefusalProposals.class);

    @BeforeEach
    void register() {
        when(explanations.draftAnswer(REQUEST_ID)).thenReturn(DRAFT);
        when(explanations.topics(REQUEST_ID)).thenReturn(List.of("PURPOSES", "RETENTION"));
        Mocks.register(BEAN_EXPLANATION_ANSWER_LISTENER, new ExplanationAnswerListener(explanations, proposals));
        approvalListener();
        delegate(BEAN_SEND_EXPLANATION, execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, "EXPLAIN", VariableNames.DUE_DATE, DUE_DATE));
    }

    private static Map<String, Object> form(String decision, String text) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VariableNames.DECISION, decision);
        if (VariableNames.REFUSE.equals(decision)) {
            variables.put(VariableNames.GROUNDS, SpinValues.jsonValue("[\"REPETITIVE\"]").create());
        }
        variables.put(VariableNames.EXPLANATION, text);
        return variables;
    }

    @Test
    void aPrivacyOfficerStartsFromTheDraftWithTheTopicsAndTheDeadline() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAtExactly(TASK_ANSWER_QUESTION);
        Task task = taskAt(TASK_ANSWER_QUESTION);
        assertThat(task).hasCandidateGroup("privacy-officers").hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_ANSWER_QUESTION);
        assertThat(deployedForm(task.getId())).contains("\"key\": \"explanation\"", "explanationTopics",
                "/staff/requests/{{reference}}");
        assertThat(taskService.getVariable(task.getId(), VariableNames.EXPLANATION)).isEqualTo(DRAFT);
        assertThat(taskService.getVariableLocal(task.getId(), EXPLANATION_TOPICS)).isEqualTo("PURPOSES,RETENTION");
        assertThat(runtimeService.getVariable(instance.getId(), EXPLANATION_TOPICS))
                .as("the topics are local to the task").isNull();
    }

    @Test
    void theEditedAnswerIsRecordedThenSent() {
        ProcessInstance instance = start();
        String taskId = taskAt(TASK_ANSWER_QUESTION).getId();

        complete(TASK_ANSWER_QUESTION, form(VariableNames.PROCEED, DRAFT + "\nWe keep operation logs for 6 months."));

        verify(explanations).recordAnswer(eq(REQUEST_ID), eq(DRAFT + "\nWe keep operation logs for 6 months."), any());
        assertThat(instance).isWaitingAtExactly(TASK_SEND_EXPLANATION);
        runJobsAt(TASK_SEND_EXPLANATION);
        assertThat(instance).hasPassedInOrder(START_EVENT, GATEWAY_JOIN_ANSWER, TASK_ANSWER_QUESTION,
                GATEWAY_ANSWER_DECISION, TASK_SEND_EXPLANATION, END_EVENT_ANSWERED).isEnded();
        assertThat(instance).variables().containsEntry(ANSWER_DECISION, VariableNames.PROCEED)
                .containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED)
                .doesNotContainKeys(VariableNames.DECISION, VariableNames.EXPLANATION, VariableNames.RESULT_GROUNDS, EXPLANATION_TOPICS);
        assertThat(historyService.createHistoricVariableInstanceQuery().taskIdIn(taskId).list())
                .as("the topics left with the task").allSatisfy(v ->
                        assertThat(((HistoricVariableInstance) v).getState()).isEqualTo("DELETED"));
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(VariableNames.EXPLANATION).list()).as("the answer left the process")
                .allSatisfy(v -> assertThat(((HistoricVariableInstance) v).getState()).isEqualTo("DELETED"));
        verify(proposals, never()).propose(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aRefusalIsAProposalAndRefusesOnlyOnceASecondPersonApprovesIt() {
        ProcessInstance instance = start();

        complete(TASK_ANSWER_QUESTION, form(VariableNames.REFUSE, "The same question was answered last week."));

        assertThat(instance).isWaitingAtExactly(CALL_ACTIVITY_APPROVE_REFUSAL);
        verify(proposals).propose(eq(REQUEST_ID), eq(RefusalSubject.EXPLANATION), eq("REFUSE"), eq(List.of("REPETITIVE")),
                eq("The same question was answered last week."), any());
        verify(explanations, never()).recordAnswer(anyString(), anyString(), any());
        Task approval = taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(taskService.getVariable(approval.getId(), RefusalApprovalModel.REFUSAL_SUBJECT)).isEqualTo("EXPLANATION");
        assertThat(taskService.getVariable(approval.getId(), VariableNames.RESULT_GROUNDS)).isEqualTo("REPETITIVE");
        assertThat(approval.getDueDate()).isEqualTo(DUE_DATE);

        decideRefusal("APPROVE", "Confirmed: answered on the earlier request.");

        assertThat(instance).hasPassedInOrder(START_EVENT, TASK_ANSWER_QUESTION, GATEWAY_ANSWER_DECISION,
                CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, EVENT_EXPLANATION_REFUSED, END_EVENT_REFUSED)
                .isEnded();
        assertThat(instance).hasNotPassed(TASK_SEND_EXPLANATION);
        assertThat(instance).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "REPETITIVE")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "The same question was answered last week.");
    }

    @Test
    void aRefusalSentBackReturnsToTheOfficerWithTheCommentAndAFreshDraft() {
        ProcessInstance instance = start();
        complete(TASK_ANSWER_QUESTION, form(VariableNames.REFUSE, "The same question was answered last week."));

        decideRefusal("REJECT", "The earlier answer covered other topics: answer this one.");

        assertThat(instance).isWaitingAtExactly(TASK_ANSWER_QUESTION);
        assertThat(instance).hasPassedInOrder(CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, GATEWAY_JOIN_ANSWER);
        Task again = taskAt(TASK_ANSWER_QUESTION);
        assertThat(taskService.getVariable(again.getId(), VariableNames.EXPLANATION)).isEqualTo(DRAFT);
        assertThat(instance).variables().containsEntry(VariableNames.APPROVAL_DECISION, "REJECT")
                .containsEntry(VariableNames.APPROVAL_COMMENT, "The earlier answer covered other topics: answer this one.")
                .doesNotContainKey(VariableNames.OUTCOME);
        assertThat(deployedForm(again.getId())).contains("{{approvalComment}}");

        complete(TASK_ANSWER_QUESTION, form(VariableNames.PROCEED, DRAFT));
        runJobsAt(TASK_SEND_EXPLANATION);
        assertThat(instance).hasPassed(END_EVENT_ANSWERED).isEnded();
        assertThat(instance).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void theServerRefusesAnUnknownDecisionOrAnAnswerTheServiceRejects() {
        ProcessInstance instance = start();
        String taskId = taskAt(TASK_ANSWER_QUESTION).getId();
        doThrow(new InvalidDecisionException("The answer to the requester must not be empty"))
                .when(explanations).recordAnswer(eq(REQUEST_ID), eq(" "), any());

        assertThatThrownBy(() -> taskService.complete(taskId, form("MAYBE", DRAFT)))
                .hasRootCauseInstanceOf(InvalidDecisionException.class);
        assertThatThrownBy(() -> taskService.complete(taskId, form(VariableNames.PROCEED, " ")))
                .hasRootCauseInstanceOf(InvalidDecisionException.class);

        assertThat(instance).isWaitingAtExactly(TASK_ANSWER_QUESTION);
        verify(proposals, never()).propose(any(), any(), any(), any(), any(), any());
    }
}
