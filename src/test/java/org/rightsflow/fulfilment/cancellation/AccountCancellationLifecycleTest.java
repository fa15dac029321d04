package org.rightsflow.fulfilment.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CANCEL_ACCOUNT end to end on PostgreSQL, through the public API, on test accounts of its own: blocked (told what
 * to settle, waiting on the requester) and unblocked by the account system's message or by the daily re-check;
 * revoked during the cooling-off period; and completed: account deactivated, sessions and credentials ended, every
 * category erased or restricted, the certificate by email.
 */
class AccountCancellationLifecycleTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    AccountCancellationFulfilment cancellation;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private RequesterJourney.Filed fileVerifyAndProceed(Api api, Mailbox mailbox, String email, String phone) {
        RequesterJourney.Filed filed = new RequesterJourney(api, mailbox).file("CANCEL_ACCOUNT", email, null);
        // level 2: the code to the email on file and the code to the phone on file (the demo SMS channel mails it)
        String emailCode = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", filed.reference()));
        String smsCode = Mailbox.codeIn(mailbox.awaitOne("sms+" + phone.substring(1) + "@demo.invalid",
                "VERIFICATION_SMS", filed.reference()));
        for (String code : List.of(emailCode, smsCode)) {
            Api.Response verified = api.post("/api/requests/" + filed.reference() + "/verification",
                    Api.json(Map.of("code", code)), "X-Status-Token", filed.token());
            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        }
        // the triage sends every cancellation to the privacy officer
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewExemptions").singleResult();
        StaffSignIn.as(identity, "officer");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "PROCEED")
                .putValue("explanation", "Identity verified; the account holder asks to cancel."));
        identity.clearAuthentication();
        return filed;
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }

    private String requestId(RequesterJourney.Filed filed) {
        return jdbc.queryForObject("select id from rights_request where reference = ?", String.class, filed.reference());
    }

    private Job timerAt(RequesterJourney.Filed filed, String activityId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery()
                .processInstanceId(cancellationInstance(filed)).activityId(activityId).count() == 1);
        return management.createJobQuery().processInstanceId(cancellationInstance(filed)).activityId(activityId)
                .singleResult();
    }

    private String cancellationInstance(RequesterJourney.Filed filed) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AccountCancellationModel.PROCESS_ID)
                .processInstanceBusinessKey(filed.reference()).singleResult().getId();
    }

    @Test
    void blockedUntilSettledThenRevokedDuringTheCoolingOff() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        JdbcTemplate billing = TestInfrastructure.billingJdbc();
        String email = ErasureTestAccounts.uniqueEmail("cancel-blocked");
        String phone = "+8613922220001";
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        billing.update("update account_bill set status = 'UNPAID', paid_at = null where account_id = ?"
                + " and billing_period = '2025-11'", id);
        jdbc.update("insert into account_resource (account_id, resource_type, resource_name, region, status,"
                + " created_at) values (?, 'CVM', 'vm-1', 'ap-guangzhou', 'ACTIVE', current_timestamp)", id);
        billing.update("insert into account_invoice (account_id, invoice_title, amount, recipient_name, recipient_address,"
                + " recipient_contact, status, requested_at) values (?, '测试公司', 5.00, '测试', '北京市', '+86139', 'OPEN',"
                + " current_timestamp)", id);
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = fileVerifyAndProceed(api, mailbox, email, phone);

        Mailbox.Mail blocked = mailbox.awaitOne(email, "CANCELLATION_BLOCKED", filed.reference());
        assertThat(blocked.body()).contains("Unpaid bills: 1", "Active cloud resources: 1", "Open invoice requests: 1");
        requester.awaitStatus(filed, "WAITING_FOR_REQUESTER");
        // the request's page says what it waits for and where the list is (the email), not "waiting for your reply"
        String cookie = "rf_status_" + filed.reference() + "=" + filed.token();
        String page = "/privacy/status/" + filed.reference();
        assertThat(api.get(page + "?lang=en", "Cookie", cookie).text()).contains(
                "data-situation=\"CANCELLATION_BLOCKED\"", "Waiting until bills and services are settled",
                "what we listed in the email to the address registered for the account must be settled",
                "Nothing to do on this page").doesNotContain("id=\"revoke\"");
        assertThat(api.get(page + "?lang=zh-CN", "Cookie", cookie).text()).contains("等待结清账单和服务",
                "需要先结清我们在发送到账号登记邮箱的邮件中列出的事项");
        Job deadline = timerAt(filed, AccountCancellationModel.TIMER_EVENT_BLOCKERS_DEADLINE);
        // the whole handling stays within the stricter of the due date and 15 mainland working days
        Map<String, Object> bounds = jdbc.queryForMap("select c.cancellation_deadline, c.blockers_deadline,"
                + " r.received_at, r.due_at from account_cancellation c join rights_request r on r.id = c.request_id"
                + " where r.reference = ?", filed.reference());
        java.time.Instant receivedAt = instant(bounds.get("received_at"));
        java.time.Instant dueAt = instant(bounds.get("due_at"));
        java.time.Instant workingDays = org.rightsflow.deadline.WorkingDaysPolicy.cnWorkingDays(
                org.rightsflow.deadline.WorkingDayCalendar.mainlandChina()).dueDate(receivedAt).at();
        java.time.Instant cancellationDeadline = instant(bounds.get("cancellation_deadline"));
        assertThat(cancellationDeadline).isEqualTo(dueAt.isBefore(workingDays) ? dueAt : workingDays);
        assertThat(instant(bounds.get("blockers_deadline")))
                .as("cooling-off (7 days) and a margin (1 day) still fit after the wait")
                .isEqualTo(cancellationDeadline.minus(Duration.ofDays(8)));
        assertThat(deadline.getDuedate().toInstant()).isEqualTo(instant(bounds.get("blockers_deadline")));
        // no revocation while blocked: there is no cooling-off yet
        Api.Response early = api.post("/api/requests/" + filed.reference() + "/cancellation-revocation", "",
                "X-Status-Token", filed.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asText()).isEqualTo("CANCELLATION_NOT_REVOCABLE");

        // the daily re-check finds the bill paid but the rest still open: nothing new is sent
        billing.update("update account_bill set status = 'PAID', paid_at = current_timestamp where account_id = ?", id);
        management.executeJob(timerAt(filed, AccountCancellationModel.TIMER_EVENT_DAILY_RECHECK).getId());
        timerAt(filed, AccountCancellationModel.TIMER_EVENT_DAILY_RECHECK);
        assertThat(mailbox.of(email, "CANCELLATION_BLOCKED", filed.reference())).hasSize(1);

        // the account system reports the rest settled: checked again at once, cooling-off starts
        jdbc.update("update account_resource set status = 'RELEASED', released_at = current_timestamp"
                + " where account_id = ?", id);
        billing.update("update account_invoice set status = 'ISSUED', issued_at = current_timestamp, invoice_no = 'INV-X'"
                + " where account_id = ? and status = 'OPEN'", id);
        cancellation.reportBlockersCleared(requestId(filed));
        Mailbox.Mail coolingOff = mailbox.awaitOne(email, "CANCELLATION_COOLING_OFF", filed.reference());
        // the email leads to the request's page and its button, not to an API path
        assertThat(coolingOff.body()).contains("Revoke the cancellation", "/privacy/status/" + filed.reference() + "/open/")
                .doesNotContain("/api/");
        timerAt(filed, AccountCancellationModel.TIMER_EVENT_COOLING_OFF_ENDS);
        assertThat(requester.status(filed)).isEqualTo("WAITING_FOR_REQUESTER");

        // the request's page offers the revocation and asks before doing it: a post without the question's "yes"
        // (one click on an old page, a prefetch) only leads to the question, and the cancellation goes on
        assertThat(api.get(page + "?lang=en", "Cookie", cookie).text())
                .contains("href=\"" + page + "/cancellation-revocation\"");
        Api.Response unconfirmed = api.post(page + "/cancellation-revocation", "", "Cookie", cookie);
        assertThat(unconfirmed.status()).isEqualTo(302);
        assertThat(requester.status(filed)).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(api.get(page + "/cancellation-revocation?lang=en", "Cookie", cookie).text())
                .contains("Revoke the account cancellation of request " + filed.reference() + "?",
                        "Yes, keep my account", "name=\"confirm\" value=\"yes\"", "id=\"keep\"");
        assertThat(api.get(page + "/cancellation-revocation?lang=zh-CN", "Cookie", cookie).text())
                .contains("撤销请求 " + filed.reference());

        Api.Response revoked = api.post("/api/requests/" + filed.reference() + "/cancellation-revocation", "",
                "X-Status-Token", filed.token());
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("WITHDRAWN");
        Api.Response wrongToken = api.post("/api/requests/" + filed.reference() + "/cancellation-revocation", "",
                "X-Status-Token", "nope");
        assertThat(wrongToken.status()).isEqualTo(404);

        requester.awaitStatus(filed, "WITHDRAWN");
        mailbox.awaitOne(email, "CANCELLATION_REVOKED", filed.reference());
        mailbox.awaitOne(email, "WITHDRAWN", filed.reference());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(filed.reference()).count())
                .as("nothing keeps running").isZero();
        // the account is untouched apart from what the requester settled
        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        assertThat(after.get("account").get(0).get("status")).isEqualTo("ACTIVE");
        assertThat(after.get("account").get(0).get("email")).isEqualTo(email);
        for (String table : List.of("account_login", "account_real_name", "account_payment", "account_operation_log",
                "account_session", "account_credential")) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        assertThat(mailbox.of(email, "CANCELLATION_CERTIFICATE", filed.reference())).isEmpty();
    }

    @Test
    void stillBlockedAtTheBoundReachesAnOfficerAndIsRefusedOnlyWhenASecondPersonApprovesOverRest() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("cancel-bound");
        String phone = "+8613922220003";
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        TestInfrastructure.billingJdbc().update("update account_bill set status = 'UNPAID', paid_at = null where account_id = ?"
                + " and billing_period = '2025-11'", id);
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = fileVerifyAndProceed(api, mailbox, email, phone);
        mailbox.awaitOne(email, "CANCELLATION_BLOCKED", filed.reference());

        // the wait for the blockers ends (its timer job runs now): a person decides, nothing is refused by itself
        management.executeJob(timerAt(filed, AccountCancellationModel.TIMER_EVENT_BLOCKERS_DEADLINE).getId());
        Task decide = awaitTask(tasks, filed.reference(), "Task_DecideBlockedCancellation");
        assertThat(tasks.getVariableLocal(decide.getId(), "openBlockers")).asString().contains("Unpaid bills: 1");
        assertThat(requester.status(filed)).isEqualTo("WAITING_FOR_REQUESTER");

        String explanation = "One bill is still unpaid. Please pay it and file a new cancellation request.";
        StaffHttp officer = StaffHttp.as(port, "officer");
        StaffHttp.Response noGround = officer.post("/engine-rest/task/" + decide.getId() + "/complete",
                StaffHttp.completion("decision", "REFUSE", "explanation", explanation));
        assertThat(noGround.status()).as("a refusal names its grounds").isEqualTo(400);
        StaffHttp.Response proposed = officer.post("/engine-rest/task/" + decide.getId() + "/complete",
                StaffHttp.completion("decision", "REFUSE", "grounds", "[\"LEGAL_OBLIGATION\"]",
                        "explanation", explanation));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThat(requester.status(filed)).as("a proposal refuses nothing").isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(officer.post("/engine-rest/task/" + approval.getId() + "/complete",
                StaffHttp.completion("decision", "APPROVE", "explanation", "My own proposal.")).status())
                .as("the proposer is no legal reviewer").isIn(403, 404);
        StaffHttp.Response approved = StaffHttp.as(port, "legal").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "Checked in billing."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);

        requester.awaitStatus(filed, "REFUSED");
        Mailbox.Mail refused = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference());
        assertThat(refused.body()).contains(explanation).doesNotContain("Checked in billing.");
        assertThat(jdbc.queryForObject("select status from account where id = ?", String.class, id)).isEqualTo("ACTIVE");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                filed.reference())).containsSubsequence("REFUSAL_PROPOSED", "REFUSAL_APPROVED",
                "CANCELLATION_CLOSED_BLOCKED", "REQUEST_REFUSED");
    }

    @Test
    void afterTheCoolingOffTheAccountIsDeactivatedErasedAndCertified() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("cancel-done");
        String phone = "+8613922220002";
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        long bystander = accounts.account(ErasureTestAccounts.uniqueEmail("cancel-bystander"), "+8613922220003");
        accounts.fillEveryCategory(bystander);
        Map<String, List<Map<String, Object>>> bystanderBefore = accounts.snapshot(bystander);

        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = fileVerifyAndProceed(api, mailbox, email, phone);
        mailbox.awaitOne(email, "CANCELLATION_COOLING_OFF", filed.reference());
        Job coolingOffEnds = timerAt(filed, AccountCancellationModel.TIMER_EVENT_COOLING_OFF_ENDS);
        assertThat(requester.status(filed)).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(mailbox.of(email, "CANCELLATION_BLOCKED", filed.reference())).isEmpty();

        management.executeJob(coolingOffEnds.getId());
        requester.awaitStatus(filed, "COMPLETED");

        Map<String, Object> account = jdbc.queryForMap("select * from account where id = ?", id);
        assertThat(account.get("status")).isEqualTo("DEACTIVATED");
        assertThat(account.get("deactivated_at")).isNotNull();
        assertThat(account.get("email")).isEqualTo("deleted-" + id + "@anonymised.invalid");
        assertThat(account.get("phone")).isNull();
        assertThat(account.get("display_name")).isEqualTo("已注销用户");
        assertThat(account.get("birth_date")).isNull();
        assertThat(accounts.rows("account_session", id).get(0).get("revoked_at")).isNotNull();
        Map<String, Object> credential = accounts.rows("account_credential", id).get(0);
        assertThat(credential.get("revoked_at")).isNotNull();
        assertThat(credential.get("secret_hash")).isNull();
        for (String table : List.of("account_login", "account_real_name", "account_security",
                "account_support_ticket", "account_consent")) {
            assertThat(accounts.rows(table, id)).as(table).isEmpty();
        }
        assertThat(accounts.rows("account_contract", id).get(0).get("signatory_name")).isNull();
        assertThat(accounts.rows("account_payment", id)).extracting(r -> r.get("restricted")).containsExactly(false, true);
        assertThat(accounts.rows("account_bill", id)).extracting(r -> r.get("restricted")).containsExactly(true);
        assertThat(accounts.rows("account_invoice", id)).extracting(r -> r.get("restricted")).containsExactly(true);
        assertThat(accounts.rows("account_operation_log", id)).extracting(r -> r.get("restricted")).containsExactly(true);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DeferredErasureModel.PROCESS_ID)
                .processInstanceBusinessKey(filed.reference()).count()).isEqualTo(4);
        assertThat(accounts.snapshot(bystander)).isEqualTo(bystanderBefore);

        Mailbox.Mail certificate = mailbox.awaitOne(email, "CANCELLATION_CERTIFICATE", filed.reference());
        String masked = email.charAt(0) + "*".repeat(email.indexOf('@') - 1) + email.substring(email.indexOf('@'));
        assertThat(certificate.body()).contains(masked, "Real-name", "Payment data", "Operation logs", "at the latest");
        assertThat(certificate.body()).doesNotContain(email);
        assertThat(mailbox.of(email, "ERASURE_SUMMARY", filed.reference())).as("the certificate says it").isEmpty();
        assertThat(cancellation.phase(requestId(filed))).contains("CERTIFIED");
    }
}
