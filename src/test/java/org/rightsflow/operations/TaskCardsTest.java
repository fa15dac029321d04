package org.rightsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.rightsflow.web.staff.StaffBrowserSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request card on each decision task (what the reviewer decides from, in Chinese and English, without personal
 * data) and the request's staff page behind its link: the correction's values unmasked for privacy officers only, the
 * contacts on file for intake only.
 */
class TaskCardsTest extends PostgresIntegrationTest {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    private String card(Task task) {
        return (String) tasks.getVariableLocal(task.getId(), "taskCard");
    }

    private String due(String reference) {
        return BEIJING.format(jdbc.queryForObject("select due_at from rights_request where reference = ?",
                java.sql.Timestamp.class, reference).toInstant());
    }

    @Test
    void theExemptionReviewShowsWhatWasAskedAndTheTriageRuleThatSentItThere() {
        String email = "card-delete-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Card Account").legalHold().insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("BILLING", "INVOICES")));
        String card = card(awaitTask(tasks, filed.reference(), "Task_ReviewExemptions"));

        assertThat(card)
                .contains("[" + filed.reference() + "](/staff/requests/" + filed.reference() + ")")
                .contains("权利 / Right:** 删除 / Delete (DELETE)")
                .contains(due(filed.reference()) + " 北京时间 / Beijing time")
                .contains("所选删除理由 / Deletion ground chosen: 我已撤回同意")
                .contains("I have withdrawn my consent (CONSENT_WITHDRAWN)")
                .contains("账单 / Bills (BILLING)").contains("(INVOICES)")
                .contains("分诊规则 / Triage rule Rule_LegalHold: 账号处于法律保全状态")
                .contains("the account is under a legal hold")
                .doesNotContain(email).doesNotContain("Card Account");
    }

    @Test
    void aRestrictionInReviewShowsItsCategoriesPurposesAndEndDate() {
        String email = "card-restrict-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Card Account").legalHold().insert(jdbc);
        String until = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3).toString();
        RequesterJourney.Filed filed = new RequesterJourney(new Api(port), mailbox).fileAndVerify("RESTRICT", email, email,
                Map.of("categories", List.of("PAYMENTS"), "purposes", List.of("MARKETING"), "until", until));
        assertThat(card(awaitTask(tasks, filed.reference(), "Task_ReviewExemptions")))
                .contains("限制处理 / Restrict processing (RESTRICT)")
                .contains("(PAYMENTS)").contains("限制的处理目的 / Purposes restricted:").contains("(MARKETING)")
                .contains("截止 / Until: " + until).contains("Rule_LegalHold").doesNotContain(email);
    }

    @Test
    void aCorrectionIsJudgedOnTheStaffPageWithItsValuesUnmaskedForOfficersOnly() {
        long n = System.nanoTime();
        String email = "card-correct-" + n + "@example.com";
        String oldName = "Oldcard" + n;
        String newName = "Newcard" + n;
        Accounts.account(email).displayName(oldName).birthDate("1991-02-03").insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", email, email,
                Map.of("corrections", List.of(Map.of("field", "displayName", "value", newName))));
        String card = card(awaitTask(tasks, filed.reference(), "Task_ReviewCorrection"));
        assertThat(card).contains("要更正的字段").contains("(displayName)")
                .contains("Show the values the requester typed").contains("privacy officers only")
                .doesNotContain(oldName).doesNotContain(newName);

        String page = "/staff/requests/" + filed.reference();
        StaffBrowserSession intake = new StaffBrowserSession(port);
        intake.signIn("intake");
        assertThat(intake.get(page).body()).doesNotContain("id=\"reveal-values\"");
        assertThat(intake.submit(page, page + "/reveal", Map.of("what", "values")).status()).isEqualTo(403);

        StaffBrowserSession officer = new StaffBrowserSession(port);
        officer.signIn("officer");
        officer.get(page + "?lang=en");
        String revealed = officer.submit(page, page + "/reveal", Map.of("what", "values")).body();
        assertThat(revealed).contains("id=\"typed-values\"").contains("Display name")
                .contains(oldName).contains(newName).contains("— on file now").contains("— requested");
        assertThat(officer.get(page).body()).doesNotContain(newName)
                .as("shown once, on request").contains("id=\"reveal-values\"");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = "
                + "'REQUESTER_VALUES_VIEWED' and actor = 'officer'", Long.class, filed.reference())).isEqualTo(1);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(oldName, newName))).isEmpty();
    }

    @Test
    void theManualIdentityCheckSendsIntakeToTheContactsOnFileWhichOnlyIntakeSees() {
        String email = "card-intake-" + System.nanoTime() + "@example.com";
        String phone = Accounts.uniquePhone();
        Accounts.account(email).phone(phone).birthDate("1985-05-05").insert(jdbc);
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("StaffIntakeProcess")
                .latestVersion().singleResult().getId();
        StaffSignIn.as(identity, "intake");
        String reference;
        try {
            reference = forms.submitStartForm(definition, Variables.createVariables()
                    .putValue("intakeRequestType", "DELETE").putValue("intakeAccountEmail", email)
                    .putValue("intakeLanguage", "zh-CN").putValue("intakeReceivedVia", "PHONE")).getBusinessKey();
        } finally {
            identity.clearAuthentication();
        }
        Task verify = awaitTask(tasks, reference, "Task_VerifyIdentityManually");
        String card = card(verify);
        // the request's process keeps its reference as business key only: its task has it task-local, for Tasklist's
        // reference column and the form's fallback link
        assertThat(tasks.getVariableLocal(verify.getId(), "reference")).isEqualTo(reference);
        assertThat(runtime.getVariable(verify.getProcessInstanceId(), "reference")).isNull();
        assertThat(card).contains("需人工核验，原因 / checked by hand because: 该请求由受理人员录入")
                .contains("the request was entered by intake staff")
                .contains("Show the contacts on file").contains("intake only")
                .contains("所选删除理由 / Deletion ground chosen: **未说明 / none stated**")
                .as("not in review yet").doesNotContain("Why it is in review")
                .doesNotContain(email).doesNotContain(phone);

        String page = "/staff/requests/" + reference;
        StaffBrowserSession officer = new StaffBrowserSession(port);
        officer.signIn("officer");
        assertThat(officer.get(page).body()).doesNotContain("id=\"reveal-contacts\"");
        assertThat(officer.submit(page, page + "/reveal", Map.of("what", "contacts")).status()).isEqualTo(403);
        StaffBrowserSession intake = new StaffBrowserSession(port);
        intake.signIn("intake");
        assertThat(intake.submit(page, page + "/reveal", Map.of("what", "contacts")).body())
                .contains("id=\"contacts\"").contains(email).contains(phone);
    }
}
