package org.rightsflow.fulfilment.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rightsflow.fulfilment.download.PackageProperties;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.TestRunLog;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.support.TestInfrastructure;
import org.rightsflow.support.AllSystemKindsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An {@code external-task} system (the demo CRM) over real HTTP: first this test is the CRM's worker itself, through
 * the engine REST API and the worker API, and every refusal of the worker API is tried (credentials, another system's
 * task, a task it does not hold, malformed NDJSON, an unknown category or column, an upload over the bound, an
 * upload broken off mid-stream) with nothing stored by any of them; then its COPY package holds exactly what it
 * uploaded, and the upload is gone once the package is built. Then the CRM's real worker, in a JVM of its own, does
 * its part of ACCESS, COPY and DELETE beside the account and billing systems' connectors and the paper archive's data
 * operator, and every database is asked directly afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalTaskSystemTest extends AllSystemKindsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "rightsflow.crm";
    private static final String WORKER = "test-crm-worker";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    PackageProperties packages;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void theWorkerApiRefusesWhatItMustAndACopyHoldsWhatTheWorkerUploaded() throws Exception {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc, TestInfrastructure.jdbcOf(BILLING_DATABASE));
        String email = ErasureTestAccounts.uniqueEmail("crm-api");
        String phone = "+8613955550011";
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("COPY", email, email, null);
        proceedIfReviewed(filed);
        doPaperArchivePart(filed);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> crmTask(filed.reference()) != null);
        ExternalTask open = crmTask(filed.reference());
        assertThat(runtime.getVariables(open.getExecutionId()).values().toString())
                .as("no identifier in the worker's task").doesNotContain(email, phone);

        // the worker fetches its task through the engine REST API (as the demo's system-workers user)
        JsonNode fetched = engine("POST", "/fetchAndLock", Map.of("workerId", WORKER, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", TOPIC, "lockDuration", 600_000,
                        "variables", List.of("operation", "reference", "subjectHandle")))));
        assertThat(fetched).hasSize(1);
        JsonNode task = fetched.get(0);
        String taskId = task.get("id").asText();
        assertThat(task.get("variables").get("operation").get("value").asText()).isEqualTo("EXPORT");
        assertThat(task.get("variables").get("reference").get("value").asText()).isEqualTo(filed.reference());
        String handle = task.get("variables").get("subjectHandle").get("value").asText();
        assertThat(handle).hasSizeGreaterThan(30).doesNotContain(email);

        String subjectPath = "/api/workers/crm/tasks/" + taskId + "/subject";
        String body = JSON.writeValueAsString(Map.of("subjectHandle", handle));
        // 401: no credentials, a wrong secret, another system's secret for the CRM's path
        assertProblem(worker("POST", subjectPath, null, WORKER, "application/json", body), 401, "WORKER_UNAUTHORISED");
        assertProblem(worker("POST", subjectPath, basic("crm", "not-the-secret"), WORKER, "application/json", body),
                401, "WORKER_UNAUTHORISED");
        assertProblem(worker("POST", subjectPath, basic(OTHER_SYSTEM, OTHER_SECRET), WORKER, "application/json", body),
                401, "WORKER_UNAUTHORISED");
        // 403: a signed-in worker of another system on the CRM's task
        assertProblem(worker("POST", "/api/workers/" + OTHER_SYSTEM + "/tasks/" + taskId + "/subject",
                basic(OTHER_SYSTEM, OTHER_SECRET), WORKER, "application/json", body), 403, "TASK_OF_ANOTHER_SYSTEM");
        // 409: a worker that does not hold the lock, an unknown task, a wrong handle
        String crm = basic("crm", CRM_SECRET);
        assertProblem(worker("POST", subjectPath, crm, "another-worker", "application/json", body), 409,
                "TASK_NOT_LOCKED");
        assertProblem(worker("POST", "/api/workers/crm/tasks/no-such-task/subject", crm, WORKER, "application/json",
                body), 409, "TASK_NOT_LOCKED");
        assertProblem(worker("POST", subjectPath, crm, WORKER, "application/json",
                JSON.writeValueAsString(Map.of("subjectHandle", "guessed"))), 409, "HANDLE_NOT_VALID");

        HttpResponse<String> subject = worker("POST", subjectPath, crm, WORKER, "application/json", body);
        assertThat(subject.statusCode()).as(subject.body()).isEqualTo(200);
        assertThat(JSON.readTree(subject.body()).get("email").asText()).isEqualTo(email);
        assertThat(JSON.readTree(subject.body()).get("accountId").asLong()).isEqualTo(id);
        assertThat(subject.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(JSON.readTree(subject.body()).get("includeRestricted").asBoolean())
                .as("the subject's own copy takes the restricted rows, flagged").isTrue();

        // 400 and 413: nothing stored
        String rows = "/api/workers/crm/tasks/" + taskId + "/rows/";
        String good = "{\"id\":\"T-1\",\"kind\":\"TICKET\",\"subject\":\"Invoice missing\",\"body\":\"Where is it?\","
                + "\"created_at\":\"2026-11-02T10:00:00Z\"}\n"
                + "{\"id\":\"N-1\",\"kind\":\"CALL_NOTE\",\"subject\":null,\"body\":\"Called back\","
                + "\"created_at\":\"2026-11-03T09:30:00Z\"}\n";
        assertProblem(worker("PUT", rows + "PAYMENTS", crm, WORKER, "application/x-ndjson", good), 400,
                "UNKNOWN_CATEGORY");
        assertProblem(worker("PUT", rows + "NOT_A_CATEGORY", crm, WORKER, "application/x-ndjson", good), 400,
                "UNKNOWN_CATEGORY");
        assertProblem(worker("PUT", rows + "SUPPORT", crm, WORKER, "application/x-ndjson",
                good + "{\"id\":\"T-2\",\"phone_number\":\"13900000000\"}\n"), 400, "UNKNOWN_COLUMN");
        HttpResponse<String> malformed = worker("PUT", rows + "SUPPORT", crm, WORKER, "application/x-ndjson",
                good + "{\"id\":\"T-3\",\"body\":\"secret-typed-text\n");
        assertProblem(malformed, 400, "MALFORMED_NDJSON");
        assertProblem(worker("PUT", rows + "SUPPORT", crm, WORKER, "application/x-ndjson",
                "{\"id\":\"T-4\",\"restricted\":\"yes\"}\n"), 400, "MALFORMED_NDJSON");
        assertThat(malformed.body()).as("the refusal quotes nothing the worker sent").doesNotContain("secret-typed");
        assertProblem(worker("PUT", rows + "SUPPORT", crm, WORKER, "application/x-ndjson",
                good.repeat(MAX_UPLOAD_BYTES / good.length() + 1)), 413, "UPLOAD_TOO_LARGE");
        // an upload broken off mid-stream (the worker killed while sending): nothing of it is kept
        HttpRequest broken = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rows + "SUPPORT"))
                .header("Authorization", crm).header("Rightsflow-Worker-Id", WORKER)
                .header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new BreaksOff(good.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            http.send(broken, HttpResponse.BodyHandlers.ofString());
        } catch (IOException expected) {
            // the client gave up mid-body, as a killed worker does
        }
        Thread.sleep(500);
        assertThat(uploads(filed.reference())).as("nothing stored by a refused or broken upload").isZero();
        assertThat(uploadFiles()).isEmpty();

        // the upload, the report and the completion through the engine REST API
        HttpResponse<String> stored = worker("PUT", rows + "SUPPORT", crm, WORKER, "application/x-ndjson", good);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(JSON.readTree(stored.body()).get("rows").asLong()).isEqualTo(2);
        assertThat(uploadFiles()).hasSize(1);
        assertThat(Files.readString(uploadFiles().get(0), StandardCharsets.ISO_8859_1))
                .as("encrypted at rest").doesNotContain("Invoice missing", "Called back");
        String result = "/api/workers/crm/tasks/" + taskId + "/result";
        assertProblem(worker("POST", result, crm, WORKER, "application/json",
                "{\"categories\":[{\"category\":\"SUPPORT\",\"rows\":5}]}"), 400, "ROWS_NOT_UPLOADED");
        HttpResponse<String> reported = worker("POST", result, crm, WORKER, "application/json",
                "{\"categories\":[{\"category\":\"SUPPORT\",\"rows\":2}]}");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(204);
        engine("POST", "/" + taskId + "/complete", Map.of("workerId", WORKER));

        requester.awaitStatus(filed, "COMPLETED");
        assertThat(jdbc.queryForMap("select done_by, outcome from system_step where reference = ? and system_id = 'crm'",
                filed.reference())).containsEntry("done_by", "WORKER");
        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", filed.reference()));
        Map<String, byte[]> entries = unzip(new Api(port).get(link.substring(link.indexOf("/api/downloads/"))).body());
        assertThat(new String(entries.get("support-crm.json"), StandardCharsets.UTF_8))
                .contains("Invoice missing", "Called back", "CALL_NOTE");
        // the broken-off upload before it left nothing: each row is in the package once
        String support = new String(entries.get("support-crm.json"), StandardCharsets.UTF_8);
        assertThat(support.split("Invoice missing", -1)).as("the ticket once").hasSize(2);
        assertThat(support.split("Called back", -1)).as("the call note once").hasSize(2);
        assertThat(uploads(filed.reference())).as("the package holds the rows now: the upload is deleted").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> uploadFiles().isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from worker_subject_handle h join system_step s"
                + " on s.id = h.step_id where s.reference = ?", Long.class, filed.reference())).isZero();
        // the task is gone: a late call is refused
        assertProblem(worker("POST", subjectPath, crm, WORKER, "application/json", body), 409, "TASK_NOT_LOCKED");
    }

    @Test
    @Order(2)
    void aWorkerThatDoesNotFinishWithinItsTimeLimitLosesTheStepToADataOperatorWithWhatItStaged() throws Exception {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc, TestInfrastructure.jdbcOf(BILLING_DATABASE));
        String email = ErasureTestAccounts.uniqueEmail("crm-slow");
        long id = accounts.account(email, "+8613955550041");
        accounts.fillEveryCategory(id);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("COPY", email, email, null);
        proceedIfReviewed(filed);
        doPaperArchivePart(filed);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> crmTask(filed.reference()) != null);
        JsonNode task = engine("POST", "/fetchAndLock", Map.of("workerId", WORKER, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", TOPIC, "lockDuration", 600_000,
                        "variables", List.of("operation", "reference", "subjectHandle"))))).get(0);
        String taskId = task.get("id").asText();
        String crm = basic("crm", CRM_SECRET);
        HttpResponse<String> staged = worker("PUT", "/api/workers/crm/tasks/" + taskId + "/rows/SUPPORT", crm, WORKER,
                "application/x-ndjson", "{\"id\":\"T-9\",\"kind\":\"TICKET\",\"subject\":\"Slow one\"}\n");
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(201);
        assertThat(uploads(filed.reference())).isEqualTo(1);

        // the system's time limit passes (its timer's job runs now instead of in 30 minutes)
        ExternalTask open = crmTask(filed.reference());
        org.camunda.bpm.engine.runtime.Job timeLimit = management.createJobQuery()
                .processInstanceId(open.getProcessInstanceId()).timers().singleResult();
        management.executeJob(timeLimit.getId());

        org.camunda.bpm.engine.task.Task handedOver = doByHandAfterChecking(filed);
        assertThat(uploads(filed.reference())).as("what the worker staged is withdrawn").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> uploadFiles().isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from worker_subject_handle h join system_step s"
                + " on s.id = h.step_id where s.reference = ?", Long.class, filed.reference())).isZero();
        assertProblem(worker("POST", "/api/workers/crm/tasks/" + taskId + "/result", crm, WORKER, "application/json",
                "{\"categories\":[{\"category\":\"SUPPORT\",\"rows\":1}]}"), 409, "TASK_NOT_LOCKED");
        assertThat(handedOver).isNotNull();

        awaitCompleted(requester, filed);
        assertThat(jdbc.queryForMap("select execution, done_by, handed_over from system_step where reference = ?"
                + " and system_id = 'crm'", filed.reference()))
                .containsEntry("execution", "WORKER").containsEntry("done_by", "PERSON").containsEntry("handed_over", true);
        assertThat(mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference()).body())
                .contains("Customer relationship management (CRM): that system did not finish in time; our staff did it"
                        + " by hand");
    }

    /** The CRM's step is a data operator's now; their task says why. */
    private org.camunda.bpm.engine.task.Task doByHandAfterChecking(RequesterJourney.Filed filed) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> byHand(filed, "crm") != null);
        String instructions = (String) tasks.getVariable(byHand(filed, "crm").getId(),
                SystemStepModel.STEP_INSTRUCTIONS);
        assertThat(instructions).contains("`crm`", "did not finish within its time limit");
        return doByHand(filed, "crm", "Sent the CRM's tickets of this account by the CRM's own export.");
    }

    @Test
    @Order(3)
    void theCrmWorkerInItsOwnJvmDoesItsPartOfEveryRightAcrossAllThreeSystems() throws Exception {
        JdbcTemplate crm = TestInfrastructure.jdbcOf(CRM_DATABASE);
        try (CrmWorkerNode worker = CrmWorkerNode.start(port, ENGINE, TestInfrastructure.databaseUrl(CRM_DATABASE))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                worker.requireAlive();
                return crm.queryForObject("select count(*) from information_schema.tables"
                        + " where table_name = 'call_note'", Long.class) == 1;
            });
            ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc, TestInfrastructure.jdbcOf(BILLING_DATABASE));
            Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
            RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);

            // ACCESS and COPY: what the CRM holds is counted and copied through its worker
            String reader = ErasureTestAccounts.uniqueEmail("crm-copy");
            long readerId = accounts.account(reader, "+8613955550021");
            accounts.fillEveryCategory(readerId);
            long readerCustomer = crmCustomer(crm, reader, 2, 1);
            crm.update("update support_ticket set restricted = true where customer_id = ? and subject like '%#2'",
                    readerCustomer);

            RequesterJourney.Filed access = requester.fileAndVerify("ACCESS", reader, reader, null);
            proceedIfReviewed(access);
            doPaperArchivePart(access);
            awaitCompleted(requester, access);
            assertThat(stepOf(access.reference(), "COUNT")).as("restricted rows are held, so counted")
                    .containsEntry("done_by", "WORKER").extracting(m -> m.get("outcome").toString())
                    .asString().contains("\"rows\":3");

            RequesterJourney.Filed copy = requester.fileAndVerify("COPY", reader, reader, null);
            proceedIfReviewed(copy);
            doPaperArchivePart(copy);
            awaitCompleted(requester, copy);
            String link = Mailbox.linkIn(mailbox.awaitOne(reader, "DOWNLOAD_READY", copy.reference()));
            Map<String, byte[]> entries = unzip(new Api(port).get(link.substring(link.indexOf("/api/downloads/")))
                    .body());
            String crmRows = new String(entries.get("support-crm.json"), StandardCharsets.UTF_8);
            assertThat(crmRows).contains("Ticket 1 of " + readerCustomer, "Call note 1 of " + readerCustomer);
            // the requester's own copy shows the restricted row, flagged, as the JDBC systems' parts do
            assertThat(JSON.readTree(entries.get("support-crm.json")).findParents("id")).extracting(
                    row -> row.get("subject").asText("") + "/" + row.path("restricted").asText())
                    .contains("Ticket 2 of " + readerCustomer + " #2/true", "Ticket 1 of " + readerCustomer + " #1/false");
            assertThat(new String(entries.get("index.html"), StandardCharsets.UTF_8))
                    .contains("1 of these records are restricted");
            assertThat(entries).containsKeys("support-account-system.json", "payments.json", "index.html");
            assertThat(uploads(copy.reference())).as("the worker's upload is gone once the package holds it").isZero();

            // DELETE across the three systems: each database is asked directly afterwards
            String leaver = ErasureTestAccounts.uniqueEmail("crm-delete");
            long leaverId = accounts.account(leaver, "+8613955550031");
            accounts.fillEveryCategory(leaverId);
            long leaverCustomer = crmCustomer(crm, leaver, 3, 2);
            RequesterJourney.Filed delete = requester.fileAndVerify("DELETE", leaver, leaver,
                    Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("SUPPORT", "PAYMENTS", "OPERATION_LOGS")));
            proceedIfReviewed(delete);
            awaitCompleted(requester, delete);

            assertThat(crm.queryForObject("select count(*) from support_ticket where customer_id = ?", Long.class,
                    leaverCustomer)).as("CRM tickets").isZero();
            assertThat(crm.queryForObject("select count(*) from call_note where customer_id = ?", Long.class,
                    leaverCustomer)).as("CRM call notes").isZero();
            assertThat(crm.queryForObject("select count(*) from crm_customer where email = ?", Long.class, leaver))
                    .as("the CRM forgot the customer").isZero();
            assertThat(crm.queryForObject("select count(*) from support_ticket where customer_id = ?", Long.class,
                    readerCustomer)).as("another customer's tickets are untouched").isEqualTo(2);
            assertThat(jdbc.queryForObject("select count(*) from account_support_ticket where account_id = ?",
                    Long.class, leaverId)).as("account system: support tickets").isZero();
            assertThat(jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?"
                    + " and restricted = false", Long.class, leaverId)).as("account system: logs erased or restricted")
                    .isZero();
            JdbcTemplate billing = TestInfrastructure.jdbcOf(BILLING_DATABASE);
            assertThat(billing.queryForList("select payer_name, bank_account_full, restricted from account_payment"
                    + " where account_id = ? order by paid_at", leaverId))
                    .as("billing: the payment past its retention anonymised, the one within it restricted")
                    .extracting(r -> r.get("payer_name") + "/" + r.get("bank_account_full") + "/" + r.get("restricted"))
                    .containsExactly("已匿名/null/false", "测试/6222000033334444/true");
            Mailbox.Mail result = mailbox.awaitOne(leaver, "RESULT_COMPLETED", delete.reference());
            assertThat(result.body()).contains("Customer relationship management (CRM): 5 records deleted or"
                    + " anonymised now");
            // the staff page says per system who did what, in both languages
            org.rightsflow.review.StaffHttp officer = org.rightsflow.review.StaffHttp.as(port, "officer");
            assertThat(officer.get("/staff/requests/" + delete.reference() + "?lang=en").body())
                    .contains("Customer relationship management (CRM)", "own worker", "Billing system",
                            "through its connector", "5 records deleted or anonymised now");
            assertThat(officer.get("/staff/requests/" + delete.reference() + "?lang=zh-CN").body())
                    .contains("客户关系管理系统（CRM）", "该系统自己的工作程序", "已删除或匿名化 5 条记录");
            assertThat(jdbc.queryForObject("select count(*) from worker_subject_handle h join system_step s"
                    + " on s.id = h.step_id where s.reference in (?, ?, ?)", Long.class, access.reference(),
                    copy.reference(), delete.reference())).as("handles live only as long as their tasks").isZero();

            java.util.Set<Long> ours = new java.util.HashSet<>(java.util.Set.of(readerId, leaverId));
            ours.addAll(theOtherRightsAcrossAllThreeSystems(crm, accounts, requester, mailbox, reader, readerCustomer));

            // no identifier of these accounts in the engine's tables (the external tasks' variables and their failure
            // details included), in the worker's log or in the worker API's log lines of this JVM
            PersonalDataScan.Finder finder = new PersonalDataScan.Finder(PersonalDataScan.personalDataOfEveryAccount(jdbc)
                    .stream().filter(n -> n.owners().stream().anyMatch(ours::contains)).toList());
            assertThat(finder.size()).isGreaterThan(3);
            assertThat(PersonalDataScan.engineTableHits(jdbc, finder)).isEmpty();
            assertThat(PersonalDataScan.logHits(CrmWorkerNode.LOG, finder)).isEmpty();
            assertThat(PersonalDataScan.logHits(TestRunLog.file(), finder)).isEmpty();
        }
    }

    /**
     * CORRECT, WITHDRAW_CONSENT, TRANSFER, RESTRICT (and its lift) and CANCEL_ACCOUNT with the CRM's worker running,
     * on accounts of their own, filed together so that their steps run side by side; then every database and the CRM
     * are asked directly that no system holds what it should not.
     *
     * @return the test accounts used
     */
    private java.util.Set<Long> theOtherRightsAcrossAllThreeSystems(JdbcTemplate crm, ErasureTestAccounts accounts,
                                                                    RequesterJourney requester, Mailbox mailbox,
                                                                    String reader, long readerCustomer) {
        JdbcTemplate billing = TestInfrastructure.jdbcOf(BILLING_DATABASE);
        String corrector = ErasureTestAccounts.uniqueEmail("crm-correct");
        long correctorId = accounts.account(corrector, "+8613955550051");
        accounts.fillEveryCategory(correctorId);
        long correctorCustomer = crmCustomer(crm, corrector, 1, 1);
        String withdrawer = ErasureTestAccounts.uniqueEmail("crm-withdraw");
        long withdrawerId = accounts.account(withdrawer, "+8613955550052");
        accounts.fillEveryCategory(withdrawerId);
        billing.update("insert into billing_preference (account_id, purpose, granted, changed_at, source)"
                + " values (?, 'MARKETING', true, now(), 'SIGN_UP')", withdrawerId);
        long withdrawerCustomer = crmCustomer(crm, withdrawer, 1, 0);
        String restrictor = ErasureTestAccounts.uniqueEmail("crm-restrict");
        long restrictorId = accounts.account(restrictor, "+8613955550053");
        accounts.fillEveryCategory(restrictorId);
        long restrictorCustomer = crmCustomer(crm, restrictor, 2, 1);
        String canceller = ErasureTestAccounts.uniqueEmail("crm-cancel");
        String cancellerPhone = "+8613955550054";
        long cancellerId = accounts.account(canceller, cancellerPhone);
        accounts.fillEveryCategory(cancellerId);
        long cancellerCustomer = crmCustomer(crm, canceller, 2, 1);
        String recipient = "import-" + System.nanoTime() + "@recipient.example";

        RequesterJourney.Filed correct = requester.fileAndVerify("CORRECT", corrector, corrector,
                Map.of("corrections", List.of(Map.of("field", "displayName", "value", "Corrected Name"),
                        Map.of("field", "invoiceAddress", "value", "上海市浦东新区世纪大道 100 号"))));
        RequesterJourney.Filed withdraw = requester.fileAndVerify("WITHDRAW_CONSENT", withdrawer, withdrawer,
                Map.of("purposes", List.of("MARKETING")));
        RequesterJourney.Filed transfer = requester.fileAndVerify("TRANSFER", reader, reader,
                Map.of("recipientName", "Acme Cloud Ltd", "recipientEmail", recipient));
        RequesterJourney.Filed restrict = requester.fileAndVerify("RESTRICT", restrictor, restrictor,
                Map.of("categories", List.of("SUPPORT", "PAYMENTS", "CONTRACTS")));
        RequesterJourney.Filed cancel = fileAndVerifyLevelTwo(requester, mailbox, canceller, cancellerPhone);
        for (RequesterJourney.Filed filed : List.of(correct, withdraw, transfer, restrict, cancel)) {
            proceedIfReviewed(filed);
        }
        asOfficer(org.rightsflow.support.TaskWaits.awaitTask(tasks, correct.reference(), "Task_ReviewCorrection"),
                org.camunda.bpm.engine.variable.Variables.createVariables().putValue("decision", "APPLY")
                        .putValue("explanation", "Both values match the documents on file."));
        org.camunda.bpm.engine.variable.VariableMap conditions = org.camunda.bpm.engine.variable.Variables
                .createVariables();
        org.rightsflow.fulfilment.transfer.TransferApproval.CONDITIONS.forEach(c -> conditions.putValue(c, true));
        asOfficer(org.rightsflow.support.TaskWaits.awaitTask(tasks, transfer.reference(), "Task_ApproveTransfer"),
                conditions.putValue("decision", "APPROVE")
                        .putValue("explanation", "Verified requester; contract data; ZIP is portable; no third-party data."));
        // the cooling-off period ends (its timer's job runs now instead of in 7 days)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> coolingOffEnds(cancel) != null);
        management.executeJob(coolingOffEnds(cancel).getId());
        // the paper archive's data operator does its part of each request that concerns signed contracts
        for (RequesterJourney.Filed filed : List.of(transfer, restrict, cancel)) {
            doPaperArchivePart(filed);
        }
        for (RequesterJourney.Filed filed : List.of(correct, withdraw, transfer, restrict, cancel)) {
            awaitCompleted(requester, filed);
        }

        // CORRECT: written in the account system and in the billing database; the CRM holds no correctable field
        assertThat(jdbc.queryForObject("select display_name from account where id = ?", String.class, correctorId))
                .isEqualTo("Corrected Name");
        assertThat(billing.queryForList("select recipient_address from account_invoice where account_id = ?",
                String.class, correctorId)).containsExactly("上海市浦东新区世纪大道 100 号");
        assertThat(crm.queryForObject("select count(*) from support_ticket where customer_id = ?", Long.class,
                correctorCustomer)).isEqualTo(1);
        assertThat(stepsOf(correct.reference())).containsExactlyInAnyOrder("account-system/CORRECT/CONNECTOR",
                "billing-system/CORRECT/CONNECTOR");

        // WITHDRAW_CONSENT: off in both consent registers; the CRM has none
        assertThat(jdbc.queryForList("select granted from account_consent where account_id = ? and purpose ="
                + " 'MARKETING'", Boolean.class, withdrawerId)).containsExactly(false);
        assertThat(billing.queryForList("select granted from billing_preference where account_id = ? and purpose ="
                + " 'MARKETING'", Boolean.class, withdrawerId)).containsExactly(false);
        assertThat(crm.queryForObject("select count(*) from support_ticket where customer_id = ?", Long.class,
                withdrawerCustomer)).isEqualTo(1);
        assertThat(stepsOf(withdraw.reference())).containsExactlyInAnyOrder(
                "account-system/WITHDRAW_CONSENT/CONNECTOR", "billing-system/WITHDRAW_CONSENT/CONNECTOR");

        // TRANSFER: the recipient's package holds the CRM's rows from its worker, but never a restricted one
        String link = Mailbox.linkIn(mailbox.awaitOne(recipient, "TRANSFER_PACKAGE", transfer.reference()));
        Map<String, byte[]> transferred = unzipQuietly(new Api(port).get(link.substring(link.indexOf("/api/downloads/")))
                .body());
        assertThat(new String(transferred.get("support-crm.json"), StandardCharsets.UTF_8))
                .contains("Ticket 1 of " + readerCustomer, "Call note 1 of " + readerCustomer)
                .doesNotContain("Ticket 2 of " + readerCustomer, "\"restricted\"");
        assertThat(transferred).containsKeys("payments.json", "support-account-system.json");
        assertThat(stepOf(transfer.reference(), "EXPORT")).containsEntry("done_by", "WORKER");
        assertThat(uploads(transfer.reference())).as("the worker's upload is gone once the package holds it").isZero();

        // RESTRICT: flagged in every system that holds the categories, the CRM by its worker, the paper archive by
        // its data operator; the result says so per system, and the notice of the restriction comes after all of it
        assertThat(crm.queryForList("select restricted from support_ticket where customer_id = ?", Boolean.class,
                restrictorCustomer)).containsExactly(true, true);
        assertThat(crm.queryForList("select restricted from call_note where customer_id = ?", Boolean.class,
                restrictorCustomer)).containsExactly(true);
        assertThat(jdbc.queryForList("select restricted from account_support_ticket where account_id = ?"
                + " union all select restricted from account_contract where account_id = ?", Boolean.class,
                restrictorId, restrictorId)).containsOnly(true).hasSize(2);
        assertThat(billing.queryForList("select restricted from account_payment where account_id = ?", Boolean.class,
                restrictorId)).containsOnly(true).hasSize(2);
        assertThat(jdbc.queryForList("select restricted from account_login where account_id = ?", Boolean.class,
                restrictorId)).as("another category").containsOnly(false);
        assertThat(stepsOf(restrict.reference())).containsExactlyInAnyOrder("account-system/RESTRICT/CONNECTOR",
                "billing-system/RESTRICT/CONNECTOR", "crm/RESTRICT/WORKER", "paper-archive/RESTRICT/PERSON");
        Mailbox.Mail restricted = mailbox.awaitOne(restrictor, "RESULT_COMPLETED", restrict.reference());
        assertThat(restricted.body()).contains("Customer relationship management (CRM): 3 records restricted to"
                + " storage and security", "Billing system: 2 records restricted to storage and security",
                "Account system: 2 records restricted to storage and security",
                "Paper contract archive: done by hand by our staff");
        mailbox.awaitOne(restrictor, "RESTRICTION_APPLIED", restrict.reference());
        org.rightsflow.review.StaffHttp officer = org.rightsflow.review.StaffHttp.as(port, "officer");
        assertThat(officer.get("/staff/requests/" + restrict.reference() + "?lang=en").body())
                .contains("Paper contract archive", "3 records restricted to storage and security");
        assertThat(officer.get("/staff/requests/" + restrict.reference() + "?lang=zh-CN").body())
                .contains("纸质合同档案室", "已限制处理 3 条记录（仅作存储和安全保护）");
        // ... and its lift, each system's part as its own step again
        RequesterJourney.Filed lift = requester.fileAndVerify("RESTRICT", restrictor, restrictor,
                Map.of("lift", true, "reference", restrict.reference()));
        proceedIfReviewed(lift);
        doPaperArchivePart(lift);
        awaitCompleted(requester, lift);
        assertThat(crm.queryForList("select restricted from support_ticket where customer_id = ? union all"
                + " select restricted from call_note where customer_id = ?", Boolean.class, restrictorCustomer,
                restrictorCustomer)).containsOnly(false).hasSize(3);
        assertThat(jdbc.queryForList("select restricted from account_support_ticket where account_id = ?"
                + " union all select restricted from account_contract where account_id = ?", Boolean.class,
                restrictorId, restrictorId)).containsOnly(false);
        assertThat(billing.queryForList("select restricted from account_payment where account_id = ?", Boolean.class,
                restrictorId)).containsOnly(false);
        assertThat(stepsOf(lift.reference())).containsExactlyInAnyOrder("account-system/LIFT_RESTRICTION/CONNECTOR",
                "billing-system/LIFT_RESTRICTION/CONNECTOR", "crm/LIFT_RESTRICTION/WORKER",
                "paper-archive/LIFT_RESTRICTION/PERSON");
        assertThat(mailbox.awaitOne(restrictor, "RESTRICTION_LIFTED", restrict.reference()).body())
                .contains("has been lifted");

        // CANCEL_ACCOUNT: the CRM forgot the customer, the account is deactivated and erased, billing keeps only
        // what the law holds (restricted), the paper archive's operator recorded their part
        assertThat(crm.queryForObject("select count(*) from crm_customer where email = ?", Long.class, canceller))
                .isZero();
        assertThat(crm.queryForObject("select (select count(*) from support_ticket where customer_id = ?)"
                + " + (select count(*) from call_note where customer_id = ?)", Long.class, cancellerCustomer,
                cancellerCustomer)).isZero();
        assertThat(jdbc.queryForMap("select status, email from account where id = ?", cancellerId))
                .containsEntry("status", "DEACTIVATED").containsEntry("email", "deleted-" + cancellerId
                        + "@anonymised.invalid");
        for (String table : List.of("account_login", "account_real_name", "account_security", "account_support_ticket",
                "account_consent")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where account_id = ?", Long.class,
                    cancellerId)).as(table).isZero();
        }
        assertThat(billing.queryForList("select restricted from account_payment where account_id = ?"
                + " and payer_name <> '已匿名'", Boolean.class, cancellerId)).as("billing: held rows restricted")
                .containsOnly(true);
        assertThat(stepsOf(cancel.reference())).contains("crm/ERASE/WORKER", "paper-archive/ERASE/PERSON",
                "billing-system/ERASE/CONNECTOR", "account-system/ERASE/CONNECTOR");
        assertThat(mailbox.awaitOne(canceller, "CANCELLATION_CERTIFICATE", cancel.reference()).body())
                .doesNotContain(canceller);
        return java.util.Set.of(correctorId, withdrawerId, restrictorId, cancellerId);
    }

    /** CANCEL_ACCOUNT asks for level 2: the code to the email on file and the code to the phone (the demo's SMS). */
    private RequesterJourney.Filed fileAndVerifyLevelTwo(RequesterJourney requester, Mailbox mailbox, String email,
                                                         String phone) {
        RequesterJourney.Filed filed = requester.file("CANCEL_ACCOUNT", email, null);
        String emailCode = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", filed.reference()));
        String smsCode = Mailbox.codeIn(mailbox.awaitOne("sms+" + phone.substring(1) + "@demo.invalid",
                "VERIFICATION_SMS", filed.reference()));
        Api api = new Api(port);
        for (String code : List.of(emailCode, smsCode)) {
            Api.Response verified = api.post("/api/requests/" + filed.reference() + "/verification",
                    Api.json(Map.of("code", code)), "X-Status-Token", filed.token());
            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        }
        return filed;
    }

    private void asOfficer(org.camunda.bpm.engine.task.Task task, Map<String, Object> variables) {
        StaffSignIn.as(identity, "officer");
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private org.camunda.bpm.engine.runtime.Job coolingOffEnds(RequesterJourney.Filed cancel) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(org.rightsflow.process.model.AccountCancellationModel.PROCESS_ID)
                .processInstanceBusinessKey(cancel.reference()).list().stream()
                .map(p -> management.createJobQuery().processInstanceId(p.getId())
                        .activityId(org.rightsflow.process.model.AccountCancellationModel.TIMER_EVENT_COOLING_OFF_ENDS)
                        .singleResult())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Each system's step of a request: system/operation/who did it. */
    private List<String> stepsOf(String reference) {
        return jdbc.queryForList("select system_id || '/' || operation || '/' || done_by from system_step"
                + " where reference = ?", String.class, reference);
    }

    private static Map<String, byte[]> unzipQuietly(byte[] zip) {
        try {
            return unzip(zip);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void proceedIfReviewed(RequesterJourney.Filed filed) {
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, filed.reference(),
                "The requester is the account holder; nothing withholds this request.");
    }

    /** The paper archive (a manual system) holds the account's CONTRACTS: its data operator records their part. */
    private void doPaperArchivePart(RequesterJourney.Filed filed) {
        doByHand(filed, "paper-archive", "The archive holds no signed paper contract of this account.");
    }

    /** A data operator's task for the system's part of the request: awaited, then recorded as done. */
    private org.camunda.bpm.engine.task.Task doByHand(RequesterJourney.Filed filed, String systemId, String note) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> byHand(filed, systemId)
                != null);
        org.camunda.bpm.engine.task.Task task = byHand(filed, systemId);
        // Completing ends the system's step, which can collide with the request's other steps ending at the same
        // moment (OptimisticLockingException): the operator submits the form again, as Tasklist lets them.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            StaffSignIn.as(identity, "operator");
            try {
                tasks.complete(task.getId(), org.camunda.bpm.engine.variable.Variables.createVariables()
                        .putValue("decision", "DONE").putValue("records", 0L).putValue("explanation", note));
                return true;
            } catch (org.camunda.bpm.engine.OptimisticLockingException collided) {
                return false;
            } finally {
                identity.clearAuthentication();
            }
        });
        return task;
    }

    private org.camunda.bpm.engine.task.Task byHand(RequesterJourney.Filed filed, String systemId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey(SystemStepModel.TASK_DO_STEP_BY_HAND)
                .processVariableValueEquals(SystemStepModel.SYSTEM_ID, systemId).singleResult();
    }

    private long crmCustomer(JdbcTemplate crm, String email, int tickets, int notes) {
        crm.update("insert into crm_customer (email, created_at) values (?, now())", email);
        long customer = crm.queryForObject("select id from crm_customer where email = ?", Long.class, email);
        for (int i = 1; i <= tickets; i++) {
            crm.update("insert into support_ticket (customer_id, subject, description, opened_at)"
                    + " values (?, ?, 'asked about an invoice', now()) ", customer, "Ticket " + i + " of " + customer
                    + " #" + i);
        }
        for (int i = 1; i <= notes; i++) {
            crm.update("insert into call_note (customer_id, summary, called_at) values (?, ?, now())", customer,
                    "Call note " + i + " of " + customer);
        }
        return customer;
    }

    private Map<String, Object> stepOf(String reference, String operation) {
        return jdbc.queryForMap("select done_by, outcome from system_step where reference = ? and system_id = 'crm'"
                + " and operation = ?", reference, operation);
    }

    private static void awaitCompleted(RequesterJourney requester, RequesterJourney.Filed filed) {
        // generous: a busy machine runs the parallel steps' jobs slowly
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(300))
                .until(() -> "COMPLETED".equals(requester.status(filed)));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip),
                StandardCharsets.UTF_8)) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    // ------------------------------------------------------------------------------------------------------------

    private ExternalTask crmTask(String reference) {
        String[] steps = runtime.createProcessInstanceQuery().processDefinitionKey("SystemStepProcess")
                .processInstanceBusinessKey(reference).list().stream().map(p -> p.getId()).toArray(String[]::new);
        return steps.length == 0 ? null : externalTasks.createExternalTaskQuery().topicName(TOPIC)
                .processInstanceIdIn(steps).singleResult();
    }

    private long uploads(String reference) {
        return jdbc.queryForObject("select count(*) from worker_upload u join system_step s on s.id = u.step_id"
                + " where s.reference = ?", Long.class, reference);
    }

    /** Upload files this run wrote (the packages directory outlives a test run; earlier runs' files do not count). */
    private List<Path> uploadFiles() throws IOException {
        Path directory = packages.storageDir().resolve("worker-uploads");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !BEFORE.contains(f.getFileName().toString())).toList();
        }
    }

    private static final java.util.Set<String> BEFORE = new java.util.HashSet<>();

    @org.junit.jupiter.api.BeforeAll
    static void filesOfEarlierRuns() throws IOException {
        Path directory = Path.of("data", "packages", "worker-uploads");
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(f -> BEFORE.add(f.getFileName().toString()));
            }
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> worker(String method, String path, String authorization, String workerId,
                                        String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).header("Rightsflow-Worker-Id", workerId)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode engine(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/engine-rest/engine/" + ENGINE + "/external-task" + path))
                .header("Content-Type", "application/json").header("Authorization", basic("crmworker", "crmworker"))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** Sends the given bytes, then fails like a connection cut by a killed worker. */
    private static final class BreaksOff extends InputStream {
        private final byte[] first;
        private int position;

        BreaksOff(byte[] first) {
            this.first = first;
        }

        @Override
        public int read() throws IOException {
            if (position < first.length) {
                return first[position++] & 0xff;
            }
            throw new IOException("worker killed mid-upload");
        }
    }
}
