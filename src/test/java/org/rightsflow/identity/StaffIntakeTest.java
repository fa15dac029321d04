package org.rightsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A request received by letter, entered by intake staff from the start form of StaffIntakeProcess (as Tasklist
 * submits it, with the staff member signed in), verified by hand, and the typed email nowhere in the engine.
 */
class StaffIntakeTest extends PostgresIntegrationTest {

    @Autowired
    FormService forms;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private String ownAccount() {
        String email = "staff-intake-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone(Accounts.uniquePhone())
                .birthDate("1985-05-05").insert(jdbc);
        return email;
    }

    private String definitionId() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("StaffIntakeProcess").latestVersion()
                .singleResult().getId();
    }

    private static org.camunda.bpm.engine.variable.VariableMap form(String email) {
        return Variables.createVariables().putValue("intakeRequestType", "ACCESS")
                .putValue("intakeAccountEmail", email.toUpperCase()) // as typed
                .putValue("intakeLanguage", "en").putValue("intakeReceivedVia", "LETTER");
    }

    @Test
    void intakeStaffEnterARequestThatIsThenVerifiedByHand() {
        String email = ownAccount();
        StaffSignIn.as(identity, "intake");
        ProcessInstance intake = forms.submitStartForm(definitionId(), form(email));
        identity.clearAuthentication();

        String reference = intake.getBusinessKey();
        assertThat(reference).startsWith("RR-");
        Map<String, Object> row = jdbc.queryForMap("""
                select account_email, entered_by_staff, entered_by, received_via from rights_request where reference = ?""",
                reference);
        assertThat(row).containsEntry("account_email", email).containsEntry("entered_by_staff", true)
                .containsEntry("entered_by", "intake").containsEntry("received_via", "LETTER");

        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").count() == 1);
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").singleResult();
        assertThat(tasks.createTaskQuery().taskId(manual.getId()).taskCandidateGroup("privacy-intake").count()).isEqualTo(1);
        assertThat(runtime.getVariable(manual.getExecutionId(), "manualVerificationReason")).isEqualTo("STAFF_ENTERED");
        // worded for a request staff entered: no code to wait for
        assertThat(new Mailbox(TestInfrastructure.mail()).awaitOne(email, "ACKNOWLEDGEMENT", reference).body())
                .contains("our staff entered this request from your call, letter or email");
        assertThat(new Mailbox(TestInfrastructure.mail()).of(email, "VERIFICATION_CODE", reference)).isEmpty();

        // the staff intake instance has forgotten the form before it shows the reference to the staff member (a task
        // assigned to them); it ends when they complete it. From then on, no engine table holds the email.
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceId(intake.getId())
                .taskDefinitionKey("Task_TellTheReference").taskAssignee("intake").count() == 1);
        Task tell = tasks.createTaskQuery().processInstanceId(intake.getId()).singleResult();
        assertThat(tell.getName()).contains(reference);
        assertThat((String) tasks.getVariableLocal(tell.getId(), "taskCard")).contains(reference);
        StaffSignIn.as(identity, "intake");
        tasks.complete(tell.getId());
        identity.clearAuthentication();
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(intake.getId()).finished().count() == 1);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(email))).isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(intake.getId()).list())
                .noneMatch(v -> v.getName().startsWith("intake"));

        // separation of duties: whoever entered it cannot verify it, through the engine REST API as in Tasklist
        String decision = "{\"variables\":{\"decision\":{\"value\":\"VERIFIED\"},\"explanation\":{\"value\":"
                + "\"Signed letter with a copy of the ID card matching the account.\"}}}";
        StaffHttp.Response own = StaffHttp.as(port, "intake").post("/engine-rest/task/" + manual.getId() + "/complete", decision);
        assertThat(own.status()).as(own.body()).isEqualTo(400);
        assertThat(own.body()).contains("Separation of duties");
        assertThat(tasks.createTaskQuery().taskId(manual.getId()).count()).as("the task is still open").isEqualTo(1);
        StaffHttp.Response colleague = StaffHttp.as(port, "intake2").post("/engine-rest/task/" + manual.getId() + "/complete",
                decision);
        assertThat(colleague.status()).as(colleague.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select verified_at is not null from rights_request where reference = ?", Boolean.class, reference));
        AuditWaits.awaitChained(jdbc);
        List<Map<String, Object>> audit = jdbc.queryForList(
                "select actor, action, detail from audit_entry where reference = ? order by seq", reference);
        assertThat(audit).extracting(a -> a.get("actor") + " " + a.get("action")).contains(
                "staff:intake REQUEST_FILED", "system MANUAL_VERIFICATION_REQUIRED", "staff:intake2 IDENTITY_VERIFIED_MANUALLY");
        assertThat(audit).noneMatch(a -> String.valueOf(a.get("detail")).contains("@"));
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(email))).isEmpty();
    }

    @Test
    void aStaffEnteredErasureAlwaysGoesToAPrivacyOfficer() {
        String email = ownAccount();
        StaffSignIn.as(identity, "intake");
        String reference = forms.submitStartForm(definitionId(), form(email).putValue("intakeRequestType", "DELETE")
                .putValue("intakeDeletionGround", "CONSENT_WITHDRAWN")).getBusinessKey();
        identity.clearAuthentication();
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").count() == 1);
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").singleResult();
        StaffSignIn.as(identity, "intake2");
        tasks.complete(manual.getId(), Variables.createVariables().putValue("decision", "VERIFIED")
                .putValue("explanation", "Called back on the phone number on file; the holder confirmed."));
        identity.clearAuthentication();
        // an ordinary account's DELETE would go straight to erasure; entered by staff, a privacy officer looks first
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        // the review is a called process; the request's own instance records why it went there
        assertThat(runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("RightsRequestProcess").singleResult().getId(), "enteredByStaff")).isEqualTo(true);
    }

    @Test
    void theStartFormFilesAnExplainWithItsQuestionAndARestrictWithItsChoicesAndForgetsThem() {
        String email = ownAccount();
        String question = "Who receives my invoices " + System.nanoTime() + "?";
        StaffSignIn.as(identity, "intake");
        ProcessInstance explain = forms.submitStartForm(definitionId(), form(email)
                .putValue("intakeRequestType", "EXPLAIN").putValue("intakeQuestion", question));
        ProcessInstance restrict = forms.submitStartForm(definitionId(), form(email)
                .putValue("intakeRequestType", "RESTRICT")
                .putValue("intakeRestrictCategories", "[\"OPERATION_LOGS\"]")
                .putValue("intakeRestrictPurposes", "[\"MARKETING\"]")
                .putValue("intakeRestrictUntil", java.time.LocalDate.now().plusDays(40).toString()));
        identity.clearAuthentication();

        assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                explain.getBusinessKey())).contains(question);
        assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                restrict.getBusinessKey())).contains("\"categories\":[\"OPERATION_LOGS\"]", "\"purposes\":[\"MARKETING\"]",
                "\"until\"");
        assertThat(jdbc.queryForList("select request_type from rights_request where reference in (?, ?) order by reference",
                String.class, explain.getBusinessKey(), restrict.getBusinessKey())).containsExactly("EXPLAIN", "RESTRICT");
        // both instances forget their form's fields in the job that leads to their task: await both
        for (ProcessInstance entered : List.of(explain, restrict)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceId(entered.getId())
                    .taskDefinitionKey("Task_TellTheReference").count() == 1);
        }
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(question, email)))
                .as("the question typed into the start form is forgotten by the engine").isEmpty();
    }

    @Test
    void aRejectedFieldStoresNothing() {
        long before = jdbc.queryForObject("select count(*) from rights_request", Long.class);
        StaffSignIn.as(identity, "intake");
        assertThatThrownBy(() -> forms.submitStartForm(definitionId(), form("not-an-email-address")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("INVALID_EMAIL");
        identity.clearAuthentication();
        assertThat(jdbc.queryForObject("select count(*) from rights_request", Long.class)).isEqualTo(before);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of("not-an-email-address"))).isEmpty();
    }

    @Test
    void onlyIntakeStaffMayEnterRequests() {
        String email = ownAccount();
        StaffSignIn.as(identity, "officer");
        assertThatThrownBy(() -> forms.submitStartForm(definitionId(), form(email)))
                .isInstanceOf(AuthorizationException.class);
    }
}
