package org.rightsflow.fulfilment.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DELETE after an approved partial refusal (officer proposes, legal reviewer approves): the categories the officer
 * decided to keep are neither erased nor restricted nor scheduled for a deferred erasure, everything else is erased
 * as usual, both notices name the kept categories, the result notice with the ground, and the request ends
 * PARTIALLY_COMPLETED. Categories kept because deleting them needs excessive technical means or is impractical are
 * restricted all the same (storage and security only), and the summary and the result say so. When the review kept
 * every category the DELETE asked for, or refused the DELETE as a whole, the request is refused instead, and on those
 * two grounds what it keeps is restricted in every system all the same.
 */
class PartialDeletionTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ErasureFulfilment erasure;

    @Test
    void theKeptCategoriesAreNotTouchedAndTheRestIsErased() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-partial");
        long id = heldAccountWithEveryCategory(accounts, email, "+8613911110005");
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);
        assertThat(before.get("account_real_name")).hasSize(1);
        assertThat(before.get("account_operation_log")).hasSize(2);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN"));
        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("LEGAL_OBLIGATION"),
                List.of("REAL_NAME", "OPERATION_LOGS"), "A court order requires us to keep these records.");
        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");

        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        assertThat(after.get("account_real_name")).as("kept: not erased").isEqualTo(before.get("account_real_name"));
        assertThat(after.get("account_operation_log"))
                .as("kept: neither the year-old log (past its retention) erased nor the recent one restricted")
                .isEqualTo(before.get("account_operation_log"));
        for (String table : List.of("account_login", "account_security", "account_support_ticket", "account_consent")) {
            assertThat(after.get(table)).as(table + " erased as usual").isEmpty();
        }
        List<Map<String, Object>> payments = after.get("account_payment");
        assertThat(payments.get(0).get("payer_name")).isEqualTo("已匿名");
        assertThat(payments.get(1).get("restricted")).as("held rows restricted as usual").isEqualTo(true);

        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        assertThat(erasure.holds(requestId)).extracting(ErasureHold::category)
                .as("no deferred erasure of a kept category")
                .doesNotContain(DataCategory.OPERATION_LOGS, DataCategory.REAL_NAME)
                .contains(DataCategory.PAYMENTS);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select detail from audit_entry where reference = ? and action = 'ERASURE_PLANNED'",
                String.class, filed.reference())).contains("\"keptAfterReview\":\"REAL_NAME,OPERATION_LOGS\"");

        Mailbox.Mail summary = mailbox.awaitOne(email, "ERASURE_SUMMARY", filed.reference());
        String body = summary.body();
        int keptAt = body.indexOf("Not deleted, because the review of your request kept them");
        assertThat(keptAt).as(body).isPositive();
        assertThat(body.substring(keptAt)).contains("- Real-name verification data", "- Operation logs");
        assertThat(body.substring(0, keptAt)).contains("Deleted now:", "Customer support")
                .doesNotContain("Real-name", "Operation logs");

        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(result.body())
                .contains("- it relates to our obligations under laws and regulations\n")
                .contains("These categories of your personal information were not deleted, for the reasons above:\n")
                .contains("- real-name verification data\n", "- operation logs\n")
                .contains("A court order requires us to keep these records.")
                .contains("people's court");
        assertThat(mailbox.of(email, "RESULT_COMPLETED", filed.reference())).isEmpty();
    }

    @Test
    void categoriesKeptBecauseDeletingThemIsImpracticalAreRestrictedAndTheRequesterIsToldSo() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-impractical");
        long id = heldAccountWithEveryCategory(accounts, email, "+8613911110007");
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN"));
        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("IMPRACTICAL"),
                List.of("REAL_NAME", "OPERATION_LOGS"), "These records exist only on archived backup tapes.");
        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");

        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        assertThat(after.get("account_real_name")).as("kept, not erased").hasSize(1)
                .allSatisfy(row -> assertThat(row.get("restricted")).as("but restricted").isEqualTo(true));
        assertThat(after.get("account_operation_log")).as("the year-old log too: kept, not erased, restricted")
                .hasSize(before.get("account_operation_log").size())
                .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(true));
        assertThat(after.get("account_support_ticket")).as("erased as usual").isEmpty();
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        assertThat(erasure.holds(requestId)).extracting(ErasureHold::category)
                .as("kept for good, restricted: no deferred erasure")
                .doesNotContain(DataCategory.OPERATION_LOGS, DataCategory.REAL_NAME);

        String body = mailbox.awaitOne(email, "ERASURE_SUMMARY", filed.reference()).body();
        int keptAt = body.indexOf("Not deleted, because the review of your request kept them");
        assertThat(keptAt).as(body).isPositive();
        assertThat(body.substring(keptAt)).contains("- Real-name verification data", "- Operation logs",
                "we have restricted them: from now on we only store them and keep them secure");
        assertThat(body.substring(0, keptAt)).as("not listed as restricted under a retention period")
                .doesNotContain("Real-name", "Operation logs");
        String result = mailbox.awaitOne(email, "RESULT_PARTIALLY_COMPLETED", filed.reference()).body();
        int restrictedAt = result.indexOf("We have restricted these categories of your personal information");
        assertThat(restrictedAt).as(result).isPositive();
        assertThat(result.substring(restrictedAt)).contains("- real-name verification data\n", "- operation logs\n")
                .doesNotContain("support tickets");
    }

    @Test
    void aDeletionWhoseEveryAskedCategoryWasKeptIsRefusedOnTheReviewsGrounds() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-all-kept");
        long id = heldAccountWithEveryCategory(accounts, email, "+8613911110006");
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("REAL_NAME", "OPERATION_LOGS")));
        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("LEGAL_OBLIGATION"),
                List.of("REAL_NAME", "OPERATION_LOGS"), "A court order requires us to keep these records.");
        requester.awaitStatus(filed, "REFUSED");

        assertThat(accounts.snapshot(id)).as("nothing erased or restricted").isEqualTo(before);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select detail from audit_entry where reference = ? and action = 'ERASURE_REFUSED'",
                String.class, filed.reference())).contains("\"keptAfterReview\":\"REAL_NAME,OPERATION_LOGS\"");
        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference());
        assertThat(result.body())
                .contains("it relates to our obligations under laws and regulations")
                .contains("A court order requires us to keep these records.")
                .contains("people's court");
        assertThat(mailbox.of(email, "RESULT_PARTIALLY_COMPLETED", filed.reference())).isEmpty();
        assertThat(result.body()).as("kept on a legal obligation: not restricted, and not said to be")
                .doesNotContain("We have restricted");
        assertThat(mailbox.of(email, "ERASURE_SUMMARY", filed.reference())).as("nothing was erased").isEmpty();
    }

    @Test
    void aDeletionRefusedInFullAsNeedingExcessiveTechnicalMeansRestrictsWhatItKeepsInEverySystem() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-refused-technical");
        long id = heldAccountWithEveryCategory(accounts, email, "+8613911110008");
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email, Map.of("ground",
                "CONSENT_WITHDRAWN", "categories", List.of("REAL_NAME", "OPERATION_LOGS", "PAYMENTS")));
        ReviewTasks.refuseAndApprove(tasks, identity, filed.reference(), List.of("EXCESSIVE_TECHNICAL_MEANS"),
                "Separating these records from the shared ledger would need a rebuild of the billing system.");
        requester.awaitStatus(filed, "REFUSED");

        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        for (String table : List.of("account_real_name", "account_operation_log", "account_payment")) {
            assertThat(after.get(table)).as(table + ": kept, nothing erased").hasSameSizeAs(before.get(table))
                    .allSatisfy(row -> assertThat(row.get("restricted")).as(table + " restricted").isEqualTo(true));
        }
        assertThat(accounts.rows("account_payment", id)).as("in the billing system's own database too").hasSize(2)
                .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(true));
        assertThat(after.get("account_payment").get(0).get("payer_name")).as("not anonymised").isEqualTo("测试");
        assertThat(after.get("account_support_ticket")).as("not asked for: untouched")
                .isEqualTo(before.get("account_support_ticket"));
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        assertThat(erasure.holds(requestId)).as("kept for good: no deferred erasure").isEmpty();
        assertThat(jdbc.queryForList("select operation from system_step where request_id = ?", String.class,
                requestId)).as("a restriction step per system, no erasure").isNotEmpty().containsOnly("RESTRICT");

        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference());
        int restrictedAt = result.body().indexOf("We have restricted these categories of your personal information,"
                + " because deleting them would need excessive technical means or is impractical");
        assertThat(restrictedAt).as(result.body()).isPositive();
        assertThat(result.body().substring(restrictedAt)).contains("- real-name verification data\n",
                "- payment data (remittances, top-ups, bank details)\n", "- operation logs\n")
                .doesNotContain("support tickets");
        assertThat(result.body()).contains("Separating these records from the shared ledger", "people's court");
        assertThat(mailbox.of(email, "ERASURE_SUMMARY", filed.reference())).as("nothing was erased").isEmpty();

        // A restriction the requester asks for and lifts later never ends what the refusal keeps restricted.
        RequesterJourney.Filed restrict = requester.fileAndVerify("RESTRICT", email, email,
                Map.of("categories", List.of("REAL_NAME", "SUPPORT")));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, restrict.reference(), "Consent-based purposes only.");
        requester.awaitStatus(restrict, "COMPLETED");
        RequesterJourney.Filed lift = requester.fileAndVerify("RESTRICT", email, email,
                Map.of("lift", true, "reference", restrict.reference()));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, lift.reference(), "The requester lifts their restriction.");
        requester.awaitStatus(lift, "COMPLETED");
        Map<String, List<Map<String, Object>>> lifted = accounts.snapshot(id);
        assertThat(lifted.get("account_real_name")).as("kept by the refusal: still restricted")
                .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(true));
        assertThat(lifted.get("account_support_ticket")).as("only restricted by the lifted request: free again")
                .allSatisfy(row -> assertThat(row.get("restricted")).isEqualTo(false));
    }

    @Test
    void aDeletionWhoseEveryAskedCategoryWasKeptAsImpracticalIsRefusedAndRestricted() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("delete-all-kept-impractical");
        long id = heldAccountWithEveryCategory(accounts, email, "+8613911110009");
        Map<String, List<Map<String, Object>>> before = accounts.snapshot(id);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("REAL_NAME", "OPERATION_LOGS")));
        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("IMPRACTICAL"),
                List.of("REAL_NAME", "OPERATION_LOGS"), "These records exist only on archived backup tapes.");
        requester.awaitStatus(filed, "REFUSED");

        Map<String, List<Map<String, Object>>> after = accounts.snapshot(id);
        for (String table : List.of("account_real_name", "account_operation_log")) {
            assertThat(after.get(table)).as(table + ": kept").hasSameSizeAs(before.get(table))
                    .allSatisfy(row -> assertThat(row.get("restricted")).as(table + " restricted").isEqualTo(true));
        }
        assertThat(after.get("account_payment")).as("not asked for: untouched").isEqualTo(before.get("account_payment"));
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select detail from audit_entry where reference = ? and action = 'ERASURE_REFUSED'",
                String.class, filed.reference())).contains("\"restricted\":true");
        String body = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference()).body();
        assertThat(body).contains("We have restricted these categories of your personal information",
                "- real-name verification data\n", "- operation logs\n", "backup tapes");
        assertThat(mailbox.of(email, "ERASURE_SUMMARY", filed.reference())).isEmpty();
    }

    /** Under legal hold, triage sends every request of the account to the privacy officer. */
    private long heldAccountWithEveryCategory(ErasureTestAccounts accounts, String email, String phone) {
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        jdbc.update("update account set legal_hold = true where id = ?", id);
        return id;
    }
}
