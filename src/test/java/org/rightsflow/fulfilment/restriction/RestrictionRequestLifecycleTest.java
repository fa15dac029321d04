package org.rightsflow.fulfilment.restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.fulfilment.consent.ConsentRegister;
import org.rightsflow.fulfilment.consent.ConsentRegister.PurposeCheck;
import org.rightsflow.fulfilment.copy.CopyPackageSupport;
import org.rightsflow.fulfilment.copy.CopyPackageWriter;
import org.rightsflow.fulfilment.copy.TestAccounts;
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
 * RESTRICT end to end on PostgreSQL, through the requester API and the mail server: the connector flags the rows of
 * the chosen categories restricted in the account system, the purpose check answers "restricted" for those categories
 * and purposes (and only for them), the restriction lives in a period process of its own, and a lift request (or the
 * end date's timer) undoes all of it, each with a notice. A later COPY shows the restricted rows, flagged. Bad filings
 * create nothing.
 */
class RestrictionRequestLifecycleTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ConsentRegister purposes;
    @Autowired
    CopyPackageWriter copyWriter;

    private long restrictedRows(String table, long accountId) {
        return jdbc.queryForObject("select count(*) from " + table + " where account_id = ? and restricted", Long.class,
                accountId);
    }

    @Test
    void aRestrictionFlagsTheRowsAnswersRestrictedAndALiftRequestUndoesAllOfIt() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "restrict-test-" + System.nanoTime() + "@example.com";
        long accountId = TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);
        String until = LocalDate.now(DataMap.ZONE).plusDays(30).toString();

        RequesterJourney.Filed filed = journey.fileAndVerify("RESTRICT", email, email, Map.of(
                "categories", List.of("OPERATION_LOGS", "SUPPORT"), "purposes", List.of("MARKETING"), "until", until));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, filed.reference(), "Consent-based purposes only.");
        journey.awaitStatus(filed, "COMPLETED");

        assertThat(restrictedRows("account_operation_log", accountId)).as("flagged in the connector's system").isPositive();
        assertThat(restrictedRows("account_support_ticket", accountId)).isPositive();
        assertThat(restrictedRows("account_login", accountId)).as("other categories untouched").isZero();
        assertThat(purposes.check(accountId, "OPERATION_LOGS", "MARKETING")).isEqualTo(PurposeCheck.RESTRICTED);
        assertThat(purposes.check(accountId, "SUPPORT", "MARKETING")).isEqualTo(PurposeCheck.RESTRICTED);
        assertThat(purposes.check(accountId, "OPERATION_LOGS", "PERSONALISED_RECOMMENDATIONS"))
                .as("another purpose").isNotEqualTo(PurposeCheck.RESTRICTED);
        assertThat(purposes.check(accountId, "ACCOUNT", "MARKETING")).as("another category")
                .isNotEqualTo(PurposeCheck.RESTRICTED);
        Mailbox.Mail applied = mailbox.awaitOne(email, "RESTRICTION_APPLIED", filed.reference());
        assertThat(applied.body()).contains("operation logs", "support tickets", "Marketing", filed.reference());
        mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference()); // the outbox sends it after the status changed

        Job timer = awaitPeriodTimer(filed.reference());
        assertThat(timer.getDuedate()).as("the end of the day it was restricted until, in Asia/Shanghai")
                .isEqualTo(Date.from(RestrictionFulfilment.endOf(LocalDate.parse(until))));

        RequesterJourney.Filed lift = journey.fileAndVerify("RESTRICT", email, email,
                Map.of("lift", true, "reference", filed.reference()));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, lift.reference(), "The requester lifts their restriction.");
        journey.awaitStatus(lift, "COMPLETED");

        assertThat(restrictedRows("account_operation_log", accountId)).as("the lift clears the flags").isZero();
        assertThat(restrictedRows("account_support_ticket", accountId)).isZero();
        assertThat(purposes.check(accountId, "OPERATION_LOGS", "MARKETING")).isNotEqualTo(PurposeCheck.RESTRICTED);
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("RestrictionPeriodProcess").processInstanceBusinessKey(filed.reference()).count() == 0);
        assertThat(management.createJobQuery().jobId(timer.getId()).count()).as("its end-date timer is gone").isZero();
        Mailbox.Mail lifted = mailbox.awaitOne(email, "RESTRICTION_LIFTED", filed.reference());
        assertThat(lifted.body()).contains("has been lifted", "operation logs");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                filed.reference())).containsSubsequence("RESTRICTION_APPLIED", "RESTRICTION_LIFTED");

        Api.Response again = api.post("/api/requests", Api.json(Map.of("type", "RESTRICT", "accountEmail", email,
                "details", Map.of("lift", true, "reference", filed.reference()))));
        assertThat(again.status()).as("a lifted restriction cannot be lifted again: " + again.text()).isEqualTo(404);
    }

    /**
     * A later COPY shows the restricted rows to their subject, flagged: the category's CSV has a restricted column and
     * its JSON records a restricted field, index.html explains it in the request's language (zh-CN and en); other
     * categories are as before. A transfer's package leaves the restricted rows out.
     */
    @Test
    void aLaterCopyPackageFlagsTheRestrictedRowsAndATransferLeavesThemOut() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "restrict-copy-" + System.nanoTime() + "@example.com";
        long accountId = TestAccounts.withDataInEveryCategory(jdbc, email);
        // one of the 25 operation logs is not restricted, so the package mixes both
        RequesterJourney journey = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed restrict = journey.fileAndVerify("RESTRICT", email, email,
                Map.of("categories", List.of("OPERATION_LOGS")));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, restrict.reference(), "Consent-based purposes only.");
        journey.awaitStatus(restrict, "COMPLETED");
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " values (?, 'LOGOUT', '10.9.0.1', 'LaterAgent/1', now())", accountId);

        RequesterJourney.Filed copy = journey.fileAndVerify("COPY", email, email, null);
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, copy.reference(), "Nothing withholds the copy.");
        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", copy.reference()));
        Map<String, byte[]> entries = CopyPackageSupport.unzip(api.get(link.substring(link.indexOf("/api/downloads/")))
                .body());

        List<List<String>> csv = CopyPackageSupport.csv(entries.get("operation_logs.csv"));
        int flag = csv.get(0).indexOf("restricted");
        assertThat(flag).as("the restricted column: " + csv.get(0)).isEqualTo(csv.get(0).size() - 1);
        assertThat(csv).hasSize(27);
        assertThat(csv.subList(1, 27).stream().filter(line -> line.get(flag).equals("true")).count())
                .as("the restricted rows are in the copy, flagged").isEqualTo(25);
        assertThat(csv.subList(1, 27)).filteredOn(line -> line.contains("LaterAgent/1"))
                .singleElement().satisfies(line -> assertThat(line.get(flag)).isEqualTo("false"));
        String json = new String(entries.get("operation_logs.json"), StandardCharsets.UTF_8);
        assertThat(json.split("\"restricted\":true", -1)).hasSize(26);
        assertThat(json).contains("\"restricted\":false");
        assertThat(CopyPackageSupport.csv(entries.get("support.csv")).get(0)).as("a category without restricted rows")
                .doesNotContain("restricted");
        assertThat(new String(entries.get("index.html"), StandardCharsets.UTF_8))
                .contains("25 of these records are restricted (column restricted = true): we only store them and"
                        + " keep them secure, and use them for nothing else.");

        ByteArrayOutputStream chinese = new ByteArrayOutputStream();
        copyWriter.write(accountId, copy.reference(), Locale.forLanguageTag("zh-CN"), chinese);
        assertThat(new String(CopyPackageSupport.unzip(chinese.toByteArray()).get("index.html"), StandardCharsets.UTF_8))
                .contains("<th>限制处理</th>", "其中 25 条记录已限制处理（restricted 列为 true）：我们仅作存储和必要的安全保护，不作其他任何处理。");

        ByteArrayOutputStream transfer = new ByteArrayOutputStream();
        copyWriter.write(accountId, copy.reference(), Locale.ENGLISH, java.util.Set.of(),
                copyWriter.connectorSources(accountId, false), transfer);
        Map<String, byte[]> transferred = CopyPackageSupport.unzip(transfer.toByteArray());
        List<List<String>> transferredLogs = CopyPackageSupport.csv(transferred.get("operation_logs.csv"));
        assertThat(transferredLogs).as("only the unrestricted row goes to a recipient").hasSize(2);
        assertThat(transferredLogs.get(0)).doesNotContain("restricted");
        assertThat(new String(transferred.get("index.html"), StandardCharsets.UTF_8)).doesNotContain("restricted");
    }

    @Test
    void aRestrictionEndsAtItsEndDateByItsTimerWithANotice() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "restrict-test-" + System.nanoTime() + "@example.com";
        long accountId = TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);

        RequesterJourney.Filed filed = journey.fileAndVerify("RESTRICT", email, email,
                Map.of("until", LocalDate.now(DataMap.ZONE).plusDays(1).toString()));
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, filed.reference(), "Consent-based purposes only.");
        journey.awaitStatus(filed, "COMPLETED");
        assertThat(restrictedRows("account_contract", accountId)).as("every category").isPositive();
        assertThat(purposes.check(accountId, "CONTRACTS", "AFFILIATE_SHARING")).isEqualTo(PurposeCheck.RESTRICTED);
        assertThat(purposes.isAllowed(accountId, "MARKETING")).as("all categories, all purposes").isFalse();

        Job timer = awaitPeriodTimer(filed.reference());
        management.setJobDuedate(timer.getId(), new Date()); // the end date has come

        Mailbox.Mail ended = mailbox.awaitOne(email, "RESTRICTION_LIFTED", filed.reference());
        assertThat(ended.body()).contains("reached its end date");
        assertThat(restrictedRows("account_contract", accountId)).isZero();
        assertThat(purposes.check(accountId, "CONTRACTS", "AFFILIATE_SHARING")).isNotEqualTo(PurposeCheck.RESTRICTED);
    }

    @Test
    void badRestrictionsAndLiftsOfSomeoneElsesRestrictionCreateNothing() {
        Api api = new Api(port);
        String email = "restrict-test-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String other = "restrict-other-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, other);
        Integer before = jdbc.queryForObject("select count(*) from rights_request", Integer.class);
        for (Map<String, Object> details : List.of(
                Map.<String, Object>of("until", LocalDate.now(DataMap.ZONE).minusDays(1).toString()),
                Map.<String, Object>of("until", LocalDate.now(DataMap.ZONE).toString()),
                Map.<String, Object>of("until", "next week"),
                Map.<String, Object>of("purposes", List.of("SELLING_DATA")),
                Map.<String, Object>of("categories", List.of("DREAMS")),
                Map.<String, Object>of("lift", true),
                Map.<String, Object>of("lift", true, "reference", "RR-20261129-0007", "categories", List.of("ACCOUNT")))) {
            Api.Response response = api.post("/api/requests", Api.json(Map.of("type", "RESTRICT",
                    "accountEmail", email, "details", details)));
            assertThat(response.status()).as(details + ": " + response.text()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Api.Response unknown = api.post("/api/requests", Api.json(Map.of("type", "RESTRICT", "accountEmail", email,
                "details", Map.of("lift", true, "reference", "RR-19990101-0001"))));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("REQUEST_NOT_FOUND");
        assertThat(jdbc.queryForObject("select count(*) from rights_request", Integer.class)).isEqualTo(before);

        // someone else's restriction in force: 404 as for an unknown one
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney journey = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed theirs = journey.fileAndVerify("RESTRICT", other, other, null);
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, theirs.reference(), "Consent-based purposes only.");
        journey.awaitStatus(theirs, "COMPLETED");
        Integer beforeLift = jdbc.queryForObject("select count(*) from rights_request", Integer.class);
        Api.Response notOwn = api.post("/api/requests", Api.json(Map.of("type", "RESTRICT", "accountEmail", email,
                "details", Map.of("lift", true, "reference", theirs.reference()))));
        assertThat(notOwn.status()).as(notOwn.text()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from rights_request", Integer.class)).isEqualTo(beforeLift);
    }

    private Job awaitPeriodTimer(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().timers()
                .processDefinitionKey("RestrictionPeriodProcess").list().stream()
                .anyMatch(j -> reference.equals(runtime.createProcessInstanceQuery()
                        .processInstanceId(j.getProcessInstanceId()).singleResult().getBusinessKey())));
        return management.createJobQuery().timers().processDefinitionKey("RestrictionPeriodProcess").list().stream()
                .filter(j -> reference.equals(runtime.createProcessInstanceQuery()
                        .processInstanceId(j.getProcessInstanceId()).singleResult().getBusinessKey()))
                .findFirst().orElseThrow();
    }
}
