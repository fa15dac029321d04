package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.rightsflow.process.delegate.FileStaffRequestDelegate;
import org.rightsflow.process.delegate.ForgetStartFormFieldsDelegate;
import org.rightsflow.request.FilingReceipt;
import org.rightsflow.request.IntakeCommand;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;

/**
 * StaffIntakeProcess with the real delegates and a mocked intake service: the start form's fields become a
 * request, and afterwards the typed email is nowhere in the engine (runtime variables, historic variables, their
 * updates and the form-field entries of full history).
 */
@Deployment(resources = {StaffIntakeModel.RESOURCE, "forms/Form_StaffIntake.form", "forms/Form_RequestEntered.form"})
class StaffIntakeProcessTest extends ProcessModelTestSupport {

    static final String TYPED_EMAIL = "typed.by.staff@example.com";

    private final RequestIntakeService intake = mock(RequestIntakeService.class);

    @BeforeEach
    void registerDelegates() {
        RightsRequest request = new RightsRequest(REQUEST_ID, REFERENCE, RequestType.DELETE, RequestStatus.RECEIVED,
                TYPED_EMAIL, 1L, "en", null, NOW.toInstant(), NOW.toInstant(), NOW.toInstant(), "PIPL_STATEMENT", 1,
                null, null, null, null, false);
        when(intake.fileByStaff(any(), any(), any())).thenReturn(new FilingReceipt(request, "unused-token"));
        Mocks.register(StaffIntakeModel.BEAN_FILE_STAFF_REQUEST, new FileStaffRequestDelegate(intake));
        Mocks.register(StaffIntakeModel.BEAN_FORGET_FORM_FIELDS, new ForgetStartFormFieldsDelegate());
        engine.getIdentityService().setAuthentication("intake", List.of(StaffIntakeModel.GROUP_PRIVACY_INTAKE));
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    private Map<String, Object> form(String type) {
        return Map.of(StaffIntakeModel.FIELD_REQUEST_TYPE, type,
                StaffIntakeModel.FIELD_ACCOUNT_EMAIL, TYPED_EMAIL,
                StaffIntakeModel.FIELD_LANGUAGE, "en",
                StaffIntakeModel.FIELD_RECEIVED_VIA, "LETTER",
                StaffIntakeModel.FIELD_DELETION_GROUND, "CONSENT_WITHDRAWN");
    }

    private ProcessDefinition definition() {
        return engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(StaffIntakeModel.PROCESS_ID).singleResult();
    }

    @Test
    void theStartFormIsTheDeployedCamundaForm() throws Exception {
        ProcessDefinition definition = definition();
        assertThat(definition.getHistoryTimeToLive()).isNotNull();
        try (var form = engine.getFormService().getDeployedStartForm(definition.getId())) {
            String json = new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"id\": \"" + StaffIntakeModel.FORM_STAFF_INTAKE + "\"",
                    StaffIntakeModel.FIELD_ACCOUNT_EMAIL, StaffIntakeModel.FIELD_REQUEST_TYPE);
        }
        assertThat(engine.getRepositoryService().getProcessModel(definition.getId())).isNotNull();
    }

    @Test
    void filesTheRequestAndLeavesNoTypedEmailInTheEngine() {
        ProcessInstance instance = engine.getFormService().submitStartForm(definition().getId(), form("DELETE"));

        ArgumentCaptor<IntakeCommand> command = ArgumentCaptor.forClass(IntakeCommand.class);
        verify(intake).fileByStaff(command.capture(), eq("intake"), eq("LETTER"));
        assertThat(command.getValue().type()).isEqualTo("DELETE");
        assertThat(command.getValue().accountEmail()).isEqualTo(TYPED_EMAIL);
        assertThat(command.getValue().language()).isEqualTo("en");
        assertThat(command.getValue().details().toString()).isEqualTo("{\"ground\":\"CONSENT_WITHDRAWN\"}");

        assertThat(instance).hasBusinessKey(REFERENCE);
        assertWaitingAt(instance, StaffIntakeModel.TASK_FORGET_FORM_FIELDS);
        assertThat(runtimeService.getVariables(instance.getId())).as("form fields removed at once")
                .doesNotContainKeys(StaffIntakeModel.FIELD_ACCOUNT_EMAIL, StaffIntakeModel.FIELD_REQUEST_TYPE)
                .containsEntry(VariableNames.REFERENCE, REFERENCE)
                .doesNotContainValue(TYPED_EMAIL);

        assertThat(engineRowsContaining(TYPED_EMAIL)).as("full history wrote the form's fields (why the next step exists)")
                .isNotEmpty();

        runJobsAt(StaffIntakeModel.TASK_FORGET_FORM_FIELDS);

        // the reference is shown to whoever entered the request, as the name and form of a task assigned to them
        assertThat(instance).isWaitingAt(StaffIntakeModel.TASK_TELL_THE_REFERENCE);
        org.camunda.bpm.engine.task.Task tell = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(tell.getAssignee()).isEqualTo("intake");
        assertThat(tell.getName()).endsWith(REFERENCE);
        assertThat(tell.getDueDate()).isEqualTo(java.util.Date.from(NOW.toInstant()));
        assertThat(taskService.createTaskQuery().taskId(tell.getId()).taskCandidateGroup(StaffIntakeModel.GROUP_PRIVACY_INTAKE)
                .includeAssignedTasks().count()).as("in the intake filter").isEqualTo(1);
        assertThat(engineRowsContaining(TYPED_EMAIL)).as("forgotten before the task waits").isEmpty();
        taskService.complete(tell.getId());

        assertThat(instance).hasPassedInOrder(StaffIntakeModel.START_EVENT_FORM_SUBMITTED,
                StaffIntakeModel.TASK_FILE_REQUEST, StaffIntakeModel.TASK_FORGET_FORM_FIELDS,
                StaffIntakeModel.TASK_TELL_THE_REFERENCE, StaffIntakeModel.END_EVENT_FILED).isEnded();
        List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list();
        assertThat(variables).noneMatch(v -> TYPED_EMAIL.equals(v.getValue()))
                .noneMatch(v -> v.getName().startsWith("intake"));
        List<HistoricDetail> details = historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).list();
        assertThat(details).as("variable updates and form fields of full history").isEmpty();
        assertThat(engineRowsContaining(TYPED_EMAIL)).as("any engine table").isEmpty();
    }

    @Test
    void consentPurposesFromTheChecklistBecomeTheDetails() {
        Map<String, Object> form = new java.util.HashMap<>(form("WITHDRAW_CONSENT"));
        form.remove(StaffIntakeModel.FIELD_DELETION_GROUND);
        form.put(StaffIntakeModel.FIELD_CONSENT_PURPOSES, SpinValues.jsonValue("[\"MARKETING\",\"FACE_RECOGNITION\"]").create());
        engine.getFormService().submitStartForm(definition().getId(), form);

        ArgumentCaptor<IntakeCommand> command = ArgumentCaptor.forClass(IntakeCommand.class);
        verify(intake).fileByStaff(command.capture(), eq("intake"), eq("LETTER"));
        assertThat(command.getValue().details().toString()).isEqualTo("{\"purposes\":[\"MARKETING\",\"FACE_RECOGNITION\"]}");
    }

    @Test
    void aRejectedFieldIsReportedToTheStaffMemberAndNothingIsStored() {
        when(intake.fileByStaff(any(), any(), any())).thenThrow(
                new InvalidRequestException("INVALID_EMAIL", "accountEmail must be an email address"));

        assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition().getId(), form("ACCESS")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("INVALID_EMAIL").hasMessageNotContaining(TYPED_EMAIL);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(StaffIntakeModel.PROCESS_ID).count())
                .isZero();
        assertThat(engineRowsContaining(TYPED_EMAIL)).isEmpty();
    }

    /** Every text column of the engine's ACT_ tables (H2 in memory), searched for the value. */
    private List<String> engineRowsContaining(String value) {
        List<String> hits = new java.util.ArrayList<>();
        try (var connection = engine.getProcessEngineConfiguration().getDataSource().getConnection();
             var columns = connection.createStatement().executeQuery("""
                     select table_name, column_name from information_schema.columns
                     where table_name like 'ACT\\_%' escape '\\' and data_type in ('CHARACTER VARYING', 'CHARACTER LARGE OBJECT', 'BINARY LARGE OBJECT', 'VARBINARY')""")) {
            while (columns.next()) {
                String table = columns.getString(1);
                String column = columns.getString(2);
                try (var rows = connection.createStatement().executeQuery("select " + column + " from " + table)) {
                    while (rows.next()) {
                        byte[] bytes = rows.getBytes(1);
                        if (bytes != null && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(value)) {
                            hits.add(table + "." + column);
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }
}
