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

@Deployment(resources = {ManualFulfilmentModel.RESOURCE, "forms/Form_ManualFulfilment.form"})
class ManualFulfilmentProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);

    @BeforeEach
    void registerListener() {
        taskListener(BEAN_MANUAL_FULFILMENT_LISTENER, task ->
                task.setVariable(Variables.OUTCOME, task.getVariable(Variables.DECISION)));
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                Variables.REQUEST_ID, REQUEST_ID, Variables.REFERENCE, REFERENCE,
                Variables.REQUEST_TYPE, Variables.TYPE_CORRECT, Variables.DUE_DATE, DUE_DATE));
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

        complete(TASK_FULFIL_MANUALLY, Map.of(Variables.DECISION, Variables.OUTCOME_COMPLETED,
                Variables.EXPLANATION, "Corrected the billing address in the invoicing system."));

        assertThat(manual).hasPassedInOrder(START_EVENT, TASK_FULFIL_MANUALLY, END_EVENT).isEnded();
        assertThat(calls).containsExactly(BEAN_MANUAL_FULFILMENT_LISTENER);
        assertThat(manual).variables().containsEntry(Variables.OUTCOME, Variables.OUTCOME_COMPLETED);
    }

    @Test
    void partiallyCompletedByHand() {
        ProcessInstance manual = start();

        complete(TASK_FULFIL_MANUALLY, Map.of(Variables.DECISION, Variables.OUTCOME_PARTIALLY_COMPLETED,
                Variables.EXPLANATION, "Backups cannot be corrected; they expire in 30 days."));

        assertThat(manual).hasPassed(END_EVENT).isEnded();
        assertThat(manual).variables().containsEntry(Variables.OUTCOME, Variables.OUTCOME_PARTIALLY_COMPLETED);
    }
}
