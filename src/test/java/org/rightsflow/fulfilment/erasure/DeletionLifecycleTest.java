package org.rightsflow.fulfilment.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DELETE end to end on PostgreSQL, through the public API, on test accounts of its own: rows without a running
 * retention are erased now (row by row), held rows are restricted and erased by the DeferredErasureProcess when
 * its timer job runs, the requester is told both, an unrelated account is never touched, and erasure runs twice
 * with the same result.
 */
class DeletionLifecycleTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ErasureFulfilment erasure;
    @Autowired
    DataConnectors connectors;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    org.rightsflow.fulfilment.systems.SystemSteps systemSteps;
    @Autowired
    org.rightsflow.fulfilment.systems.InProcessSteps inProcessSteps;

    @Test
    void deletesNowRestrictsWhatTheLawHoldsAndErasesItWhenTheRetentionEnds() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-test");
        long id = accounts.account(email, "+8613911110001");
        accounts.fillEveryCategory(id);
        long bystander = accounts.account(ErasureTestAccounts.uniqueEmail("delete-bystander"), "+8613911110002");
        accounts.fillEveryCategory(bystander);
        Map<String, List<Map<String, Object>>> bystanderBefore = accounts.snapshot(bystander);
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);
        assertThat(before.get("account_payment")).hasSize(2);
        assertThat(before.get("account_operation_log")).hasSize(2);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN"));
        requester.awaitStatus(filed, "COMPLETED");

        // erased now: no retention rule
        for (String table : List.of("account_login", "account_real_name", "account_security",
                "account_support_ticket", "account_consent")) {
            assertThat(accounts.rows(table, id)).as(table).isEmpty();
        }
        // NULL_COLUMNS: the contract stays, without the signatory
        Map<String, Object> contract = accounts.rows("account_contract", id).get(0);
        assertThat(contract.get("signatory_name")).isNull();
        assertThat(contract.get("signatory_phone")).isNull();
        assertThat(contract.get("signatory_email")).isNull();
        assertThat(contract.get("contract_no")).isEqualTo("C-" + id);
        // PAYMENTS: the 4-year-old payment is past its retention and anonymised; the recent one is restricted
        List<Map<String, Object>> payments = accounts.rows("account_payment", id);
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).get("payer_name")).isEqualTo("已匿名");
        assertThat(payments.get(0).get("bank_account_full")).isNull();
        assertThat(payments.get(0).get("bank_account_masked")).isEqualTo("****");
        assertThat(payments.get(0).get("restricted")).isEqualTo(false);
        assertThat(payments.get(1).get("payer_name")).isEqualTo("测试");
        assertThat(payments.get(1).get("bank_account_full")).isEqualTo("6222000033334444");
        assertThat(payments.get(1).get("restricted")).isEqualTo(true);
        // BILLING: the old bill deleted, the recent one restricted; INVOICES: restricted
        List<Map<String, Object>> bills = accounts.rows("account_bill", id);
        assertThat(bills).hasSize(1);
        assertThat(bills.get(0).get("billing_period")).isEqualTo("2025-11");
        assertThat(bills.get(0).get("restricted")).isEqualTo(true);
        List<Map<String, Object>> invoices = accounts.rows("account_invoice", id);
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).get("recipient_name")).isEqualTo("测试");
        assertThat(invoices.get(0).get("restricted")).isEqualTo(true);
        // OPERATION_LOGS: the year-old log is past 6 months and deleted, the 10-day-old one restricted
        List<Map<String, Object>> logs = accounts.rows("account_operation_log", id);
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("ip")).isEqualTo("10.0.0.2");
        assertThat(logs.get(0).get("restricted")).isEqualTo(true);
        // the account record itself is not part of a DELETE
        assertThat(accounts.rows("account_session", id)).hasSize(1);

        // restricted rows are counted as held but never streamed to a reader that would process them
        assertThat(connectors.count(DataCategory.PAYMENTS, id)).isEqualTo(2);
        List<Map<String, Object>> streamed = new ArrayList<>();
        connectors.connector("billing-system").forEachRow(DataCategory.PAYMENTS, id, streamed::add);
        assertThat(streamed).hasSize(1);
        assertThat(streamed.get(0).get("payer_name")).isEqualTo("已匿名");

        // the requester is told both: what was deleted now, what is restricted until when and why
        Mailbox.Mail summary = mailbox.awaitOne(email, "ERASURE_SUMMARY", filed.reference());
        assertThat(summary.body()).contains("Deleted now:", "Real-name", "Kept for now", "at the latest");
        assertThat(summary.body()).doesNotContain("6222000033334444");
        // a category partly past its retention (the old log, payment and bill went now) is told once, as retained,
        // with a word that its older records went now: never both as deleted and as retained
        String deletedNow = summary.body().substring(summary.body().indexOf("Deleted now:"),
                summary.body().indexOf("Kept for now"));
        String keptForNow = summary.body().substring(summary.body().indexOf("Kept for now"));
        for (String retained : List.of("Operation logs", "Payment data", "Billing data", "Invoice data")) {
            assertThat(keptForNow).as(retained).contains("- " + retained + ":");
            assertThat(deletedNow).as(retained).doesNotContain("- " + retained);
        }
        assertThat(deletedNow).contains("- Real-name verification data", "- Customer support");
        assertThat(keptForNow).contains("its records already past that period were deleted now");
        mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference());

        // one deferred erasure per held category
        List<ProcessInstance> deferred = runtime.createProcessInstanceQuery()
                .processDefinitionKey(DeferredErasureModel.PROCESS_ID).processInstanceBusinessKey(filed.reference())
                .list();
        assertThat(deferred).hasSize(4);
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        ErasureHold logsHold = erasure.holds(requestId).stream()
                .filter(h -> h.category() == DataCategory.OPERATION_LOGS).findFirst().orElseThrow();
        assertThat(logsHold.retentionEnd()).isAfter(Instant.now().plus(Duration.ofDays(170)));

        // the unrelated account is untouched
        assertThat(accounts.snapshot(bystander)).isEqualTo(bystanderBefore);

        // the operation-log timer fires when the retention ends: the held log is erased and the requester told.
        // Time passing is simulated on the data (the row grows 7 months older), not on the shared application clock.
        jdbc.update("update account_operation_log set occurred_at = occurred_at - interval '214 days'"
                + " where account_id = ?", id);
        ProcessInstance logsErasure = runtime.createProcessInstanceQuery()
                .processDefinitionKey(DeferredErasureModel.PROCESS_ID)
                .variableValueEquals(DeferredErasureModel.HOLD_ID, logsHold.id()).singleResult();
        Job timer = management.createJobQuery().processInstanceId(logsErasure.getId()).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(logsHold.retentionEnd());
        management.executeJob(timer.getId());
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(logsErasure.getId()).finished().count() == 1);
        assertThat(accounts.rows("account_operation_log", id)).isEmpty();
        assertThat(erasure.hold(logsHold.id()).erased()).isTrue();
        Mailbox.Mail done = mailbox.awaitOne(email, "DEFERRED_DELETION_COMPLETED", filed.reference());
        assertThat(done.body()).contains("Operation logs");
        assertThat(jdbc.queryForObject("select notify_email from erasure_hold where id = ?", String.class,
                logsHold.id())).as("the address was kept only for that notice").isNull();
        // the payments are still held (3 years)
        assertThat(accounts.rows("account_payment", id).get(1).get("restricted")).isEqualTo(true);

        // an erasure job run twice: same result, no failure, nothing else touched
        Map<String, List<Map<String, Object>>> afterFirst = accounts.snapshot(id);
        assertThat(erasure.afterDeferredStep(logsHold.id())).isEmpty();
        for (org.rightsflow.fulfilment.systems.SystemStep step : systemSteps.steps(requestId,
                org.rightsflow.fulfilment.systems.StepOperation.ERASE)) {
            inProcessSteps.run(step.id());
            for (DataCategory category : step.categories()) {
                assertThat(connectors.connector(step.systemId()).erase(category,
                        org.rightsflow.datamap.RowSelection.pastRetention(id, Instant.now()))).as(category.name())
                        .isZero();
            }
        }
        assertThat(accounts.snapshot(id)).isEqualTo(afterFirst);
        assertThat(accounts.snapshot(bystander)).isEqualTo(bystanderBefore);
        assertThat(mailbox.of(email, "DEFERRED_DELETION_COMPLETED", filed.reference())).hasSize(1);
    }

    @Test
    void aDeletionWithoutAGroundGoesToAnOfficerAndIsRefusedOnlyWhenASecondPersonApproves() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-noground");
        long id = accounts.account(email, "+8613911110003");
        accounts.fillEveryCategory(id);
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email, null);

        // The product's finding reaches a person as a suggestion: no refusal, no erasure, a review task.
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewExemptions").singleResult();
        assertThat(tasks.getVariable(review.getId(), "suggestedGrounds")).isEqualTo("DELETION_GROUND_MISSING");
        assertThat(tasks.getVariable(review.getId(), "deletionGroundMissing")).isEqualTo(true);
        assertThat(requester.status(filed)).isEqualTo("IN_REVIEW");
        assertThat(mailbox.of(email, "RESULT_REFUSED", filed.reference())).isEmpty();

        String explanation = "You did not tell us why the data should go, and on the phone you confirmed that you"
                + " still use the service. Tell us which ground applies and we will look again.";
        StaffSignIn.as(identity, "officer");
        try {
            tasks.complete(review.getId(), org.camunda.bpm.engine.variable.Variables.createVariables()
                    .putValue("decision", "REFUSE").putValue("grounds", "[\"DELETION_GROUND_MISSING\"]")
                    .putValue("explanation", explanation));
        } finally {
            identity.clearAuthentication();
        }
        assertThat(requester.status(filed)).as("a proposal refuses nothing").isEqualTo("IN_REVIEW");
        ReviewTasks.decideRefusal(tasks, identity, filed.reference(), "legal", "APPROVE", "No ground was stated.");
        requester.awaitStatus(filed, "REFUSED");

        assertThat(accounts.snapshot(id)).isEqualTo(before);
        Mailbox.Mail refused = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference());
        assertThat(refused.body()).contains(explanation).doesNotContain("No ground was stated.");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DeferredErasureModel.PROCESS_ID)
                .processInstanceBusinessKey(filed.reference()).count()).isZero();
        assertThat(mailbox.of(email, "ERASURE_SUMMARY", filed.reference())).isEmpty();
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                filed.reference())).containsSubsequence("REFUSAL_PROPOSED", "REFUSAL_APPROVED", "REQUEST_REFUSED")
                .doesNotContain("ERASURE_REFUSED");
    }

    @Test
    void onlyTheNamedCategoriesAreErased() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-some");
        long id = accounts.account(email, "+8613911110004");
        accounts.fillEveryCategory(id);
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "PURPOSE_FULFILLED_OR_UNNECESSARY", "categories", List.of("SUPPORT", "CONSENTS")));
        requester.awaitStatus(filed, "COMPLETED");

        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        assertThat(after.get("account_support_ticket")).isEmpty();
        assertThat(after.get("account_consent")).isEmpty();
        for (String table : List.of("account", "account_login", "account_real_name", "account_security",
                "account_payment", "account_bill", "account_invoice", "account_operation_log", "account_contract")) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        Mailbox.Mail summary = mailbox.awaitOne(email, "ERASURE_SUMMARY", filed.reference());
        assertThat(summary.body()).doesNotContain("Kept for now");
    }
}
