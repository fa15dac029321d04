package org.rightsflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditEntries;
import org.rightsflow.audit.AuditEntry;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.erasure.ErasureHold;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.process.setup.ProactiveDeletionSchedule;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly sweep as the application runs it on PostgreSQL: the ProactiveDeletionProcess through the job executor,
 * the connectors of the account system (the application's database) and of the billing system (a database of its
 * own), the checkpoint table and the audit trail, with the default batch size (5,000).
 *
 * <p>The shared test database holds the demo accounts and every other test's data, much of it past its retention
 * today. So that these tests can say "exactly these rows and nothing else", each run judges retention in 1990 (the
 * application's clock is set back, {@link TimeSource}): only the rows these tests anchor before then are past
 * retention, and a run's figures must equal exactly what they seeded.
 */
class ProactiveDeletionSweepTest extends PostgresIntegrationTest {

    static final Instant SWEEP_AT = Instant.parse("1990-06-01T02:30:00Z");
    static final String LOGS = "account-system/OPERATION_LOGS";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    /** The billing system's own database (payments, bills, invoices). */
    final JdbcTemplate billing = TestInfrastructure.billingJdbc();
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    TimeSource time;
    @Autowired
    ErasureFulfilment erasure;
    @Autowired
    ProactiveDeletionSchedule schedule;
    @Autowired
    org.rightsflow.operations.evidence.EvidencePackBuilder evidencePacks;
    @Autowired
    org.rightsflow.operations.timeline.RequestTimelines timelines;
    @Autowired
    AuditTrail auditTrail;
    @Autowired
    AuditEntries auditEntries;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    org.rightsflow.request.RequestRepository requests;
    @Autowired
    org.rightsflow.notice.Outbox outbox;
    @Autowired
    org.rightsflow.fulfilment.systems.SystemSteps systemSteps;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTimeAgain() {
        time.useClock(Clock.systemUTC());
        jdbc.execute("drop trigger if exists sweep_test_trip on account_operation_log");
    }

    @Test
    void theScheduleWaitsForTheNextNightAndIsOffInTheTests() {
        Job timer = management.createJobQuery().processDefinitionKey(ProactiveDeletionModel.PROCESS_ID)
                .activityId(ProactiveDeletionModel.START_EVENT).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(schedule.nextStartAfter(new java.util.Date()).toInstant())
                .isBefore(Instant.now().plus(Duration.ofDays(1)));
        assertThat(timer.isSuspended()).as("rightsflow.proactive-deletion.enabled=false in the tests").isTrue();
    }

    @Test
    void erasesExactlyWhatIsPastRetentionOrWithoutConsentInCommittedBatchesAndShowsTheRunInHistory() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        long a = accounts.account(ErasureTestAccounts.uniqueEmail("sweep-a"), "+8613922220001");
        logs(a, 11_000, "console.login", SWEEP_AT.minus(Duration.ofDays(365)), false);
        logs(a, 1, "console.login", SWEEP_AT.minus(Duration.ofDays(730)), true); // restricted, and past retention
        logs(a, 3, "console.login", SWEEP_AT.minus(Duration.ofDays(30)), false);
        payment(a, SWEEP_AT.minus(Duration.ofDays(4 * 366)), false);
        payment(a, SWEEP_AT.minus(Duration.ofDays(365)), true); // held by a deletion: restricted, within retention
        bill(a, SWEEP_AT.minus(Duration.ofDays(4 * 366)));
        bill(a, SWEEP_AT.minus(Duration.ofDays(200)));
        invoice(a, SWEEP_AT.minus(Duration.ofDays(4 * 366)));
        invoice(a, null); // not issued yet: its period has not started
        face(a, false, SWEEP_AT.minus(Duration.ofDays(10)));
        jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values (?, 'WECHAT', ?, ?)",
                a, "wx-sweep-" + a, Timestamp.from(SWEEP_AT.minus(Duration.ofDays(5000))));
        long held = accounts.account(ErasureTestAccounts.uniqueEmail("sweep-held"), "+8613922220002");
        jdbc.update("update account set legal_hold = true where id = ?", held);
        logs(held, 5, "console.login", SWEEP_AT.minus(Duration.ofDays(365)), false);
        payment(held, SWEEP_AT.minus(Duration.ofDays(4 * 366)), false);
        face(held, false, SWEEP_AT.minus(Duration.ofDays(10)));
        long later = accounts.account(ErasureTestAccounts.uniqueEmail("sweep-later"), "+8613922220003");
        face(later, false, SWEEP_AT.plus(Duration.ofDays(60))); // withdrawn after the run's cutoff
        Map<String, List<Map<String, Object>>> heldBefore = accounts.snapshot(held);
        Map<String, List<Map<String, Object>>> laterBefore = accounts.snapshot(later);

        sweepTimeIs(SWEEP_AT);
        HistoricProcessInstance run = runToTheEnd();

        // what the run says it did: exactly what was seeded past retention or without consent, nothing else
        assertThat(run.getBusinessKey()).startsWith("PD-19900601-");
        assertThat(variable(run, ProactiveDeletionModel.ROWS_ERASED)).isEqualTo(11_001L + 1 + 1 + 1 + 1);
        assertThat(variable(run, ProactiveDeletionModel.STEPS_NOT_SWEPT)).isEqualTo(0);
        Map<String, Object> logsStep = step(run.getBusinessKey(), LOGS);
        assertThat(logsStep).containsEntry("status", "DONE").containsEntry("rows_erased", 11_001L)
                .containsEntry("batches", 3);
        // one job, one transaction, per batch: 3 for the logs (5,000 + 5,000 + 1,001), one for each other step
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(ProactiveDeletionModel.TASK_ERASE_BATCH).count()).isEqualTo(3 + 4);

        // row by row
        assertThat(jdbc.queryForList("select occurred_at from account_operation_log where account_id = ?",
                Timestamp.class, a)).hasSize(3).allMatch(at -> at.toInstant().isAfter(SWEEP_AT.minus(Duration.ofDays(31))));
        List<Map<String, Object>> payments = accounts.rows("account_payment", a);
        assertThat(payments.get(0)).containsEntry("payer_name", "已匿名").containsEntry("bank_account_full", null);
        assertThat(payments.get(1)).containsEntry("payer_name", "测试").containsEntry("restricted", true);
        assertThat(accounts.rows("account_bill", a)).hasSize(1);
        List<Map<String, Object>> invoices = accounts.rows("account_invoice", a);
        assertThat(invoices.get(0)).containsEntry("recipient_name", "已匿名");
        assertThat(invoices.get(1)).containsEntry("recipient_name", "测试");
        assertThat(accounts.rows("account_real_name", a).get(0)).containsEntry("face_data_ref", null)
                .containsEntry("full_name", "测试");
        assertThat(accounts.rows("account_login", a)).as("no retention rule: kept while the account exists").hasSize(1);
        assertThat(accounts.snapshot(held)).as("legal hold").isEqualTo(heldBefore);
        assertThat(accounts.snapshot(later)).as("withdrawn after the cutoff").isEqualTo(laterBefore);

        // the audit trail: the start, one entry per step, one for the run with every figure
        assertThat(auditActions(run.getBusinessKey())).containsExactly("PROACTIVE_DELETION_STARTED",
                "PROACTIVE_DELETION_STEP", "PROACTIVE_DELETION_STEP", "PROACTIVE_DELETION_STEP",
                "PROACTIVE_DELETION_STEP", "PROACTIVE_DELETION_STEP", "PROACTIVE_DELETION_RUN");
        JsonNode figures = audit(run.getBusinessKey(), "PROACTIVE_DELETION_RUN").get(0);
        assertThat(figures.get("rows").asLong()).isEqualTo(11_005);
        assertThat(figures.get("steps")).hasSize(5);
        assertThat(new AuditVerifier(JdbcClient.create(jdbc.getDataSource())).verify().intact()).isTrue();

        // the next night: nothing left to do, and it says so
        Map<String, List<Map<String, Object>>> afterFirst = accounts.snapshot(a);
        HistoricProcessInstance next = runToTheEnd();
        assertThat(variable(next, ProactiveDeletionModel.ROWS_ERASED)).isEqualTo(0L);
        assertThat(accounts.snapshot(a)).isEqualTo(afterFirst);
        assertThat(audit(next.getBusinessKey(), "PROACTIVE_DELETION_RUN")).hasSize(1);
    }

    @Test
    void aFailingSystemBecomesAnIncidentAndTheNextRunFinishesTheStepWithoutErasingAnythingTwice() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        long d = accounts.account(ErasureTestAccounts.uniqueEmail("sweep-fail"), "+8613922220004");
        logs(d, 6_000, "console.login", SWEEP_AT.minus(Duration.ofDays(400)), false);
        logs(d, 1, "sweep-test-trip", SWEEP_AT.minus(Duration.ofDays(400)), false);
        logs(d, 1_499, "console.login", SWEEP_AT.minus(Duration.ofDays(400)), false);
        logs(d, 2, "console.login", SWEEP_AT.minus(Duration.ofDays(20)), false);
        // the operation-log store fails on the 6,001st row: the second batch of the step fails
        jdbc.execute("create or replace function sweep_test_trip() returns trigger language plpgsql as $$"
                + " begin raise exception 'the log store is unreachable'; end $$");
        jdbc.execute("create trigger sweep_test_trip before delete on account_operation_log for each row"
                + " when (old.action = 'sweep-test-trip') execute function sweep_test_trip()");

        sweepTimeIs(SWEEP_AT);
        String first = runtime.startProcessInstanceByKey(ProactiveDeletionModel.PROCESS_ID).getId();
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().processInstanceId(first)
                .withException().count() == 1);
        Job failing = management.createJobQuery().processInstanceId(first).withException().singleResult();
        assertThat(failing.getRetries()).as("retried after 5 minutes, twice more").isEqualTo(2);
        for (int retry = 0; retry < 2; retry++) {
            assertThatThrownBy(() -> management.executeJob(failing.getId())).hasStackTraceContaining("unreachable");
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(first).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(ProactiveDeletionModel.TASK_ERASE_BATCH);
        assertThat(runtime.getVariable(incident.getExecutionId(), ProactiveDeletionModel.SWEEP_STEP)).isEqualTo(LOGS);
        // the lean history (docs/operations.md) keeps each failure with its stack trace, and the incident; it writes
        // no job log of the jobs that were created, succeeded or were deleted
        assertThat(history.createHistoricJobLogQuery().processInstanceId(first).failureLog().list()).hasSize(3)
                .allSatisfy(log -> assertThat(history.getHistoricJobLogExceptionStacktrace(log.getId()))
                        .contains("unreachable"));
        assertThat(history.createHistoricJobLogQuery().processInstanceId(first).count()).isEqualTo(3);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(first).count()).isEqualTo(1);
        String firstRun = (String) runtime.getVariable(first, ProactiveDeletionModel.REFERENCE);
        // the first batch committed, the failing one left nothing behind
        assertThat(pastLogs(d)).isEqualTo(7_500 - 5_000);
        assertThat(step(firstRun, LOGS)).containsEntry("status", "RUNNING").containsEntry("rows_erased", 5_000L)
                .containsEntry("batches", 1);

        // the system is back; the next night's run takes the step over from its checkpoint
        jdbc.execute("drop trigger sweep_test_trip on account_operation_log");
        HistoricProcessInstance second = runToTheEnd();
        assertThat(step(second.getBusinessKey(), LOGS)).containsEntry("status", "DONE")
                .containsEntry("resumed_from", firstRun).containsEntry("rows_erased", 2_500L)
                .containsEntry("batches", 1);
        assertThat(step(firstRun, LOGS)).containsEntry("status", "TAKEN_OVER")
                .containsEntry("taken_over_by", second.getBusinessKey());
        assertThat(pastLogs(d)).isZero();
        assertThat(accounts.rows("account_operation_log", d)).as("within retention").hasSize(2);

        // an administrator retries the first run's job (Cockpit: retry now): it finds the step taken over, erases
        // nothing, and the run ends
        management.setJobRetries(failing.getId(), 1);
        management.executeJob(failing.getId());
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(first).finished().count() == 1);
        HistoricProcessInstance firstEnded = history.createHistoricProcessInstanceQuery().processInstanceId(first)
                .singleResult();
        // the logs step and the billing system's three steps after it, which the second run did instead
        assertThat(variable(firstEnded, ProactiveDeletionModel.STEPS_TAKEN_OVER)).isEqualTo(4);
        List<JsonNode> firstRunFigures = audit(firstRun, "PROACTIVE_DELETION_RUN");
        List<JsonNode> secondRunFigures = audit(second.getBusinessKey(), "PROACTIVE_DELETION_RUN");
        assertThat(firstRunFigures).hasSize(1);
        assertThat(secondRunFigures).hasSize(1);
        assertThat(firstRunFigures.get(0).get("rows").asLong() + secondRunFigures.get(0).get("rows").asLong())
                .as("every row past retention erased once: 5,000 by the first run, 2,500 by the second")
                .isEqualTo(7_500);
        assertThat(runtime.createIncidentQuery().processInstanceId(first).count()).isZero();
    }

    @Test
    void aHeldCategoryTheSweepErasedEndsItsDeferredErasureConsistently() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("sweep-deferred");
        long e = accounts.account(email, "+8613922220005");
        logs(e, 1, "console.login", Instant.now().minus(Duration.ofDays(10)), false);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "PURPOSE_FULFILLED_OR_UNNECESSARY"));
        requester.awaitStatus(filed, "COMPLETED");
        assertThat(accounts.rows("account_operation_log", e)).singleElement()
                .satisfies(row -> assertThat(row.get("restricted")).isEqualTo(true));
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        ErasureHold hold = erasure.holds(requestId).stream().filter(h -> h.category().name().equals("OPERATION_LOGS"))
                .findFirst().orElseThrow();

        // its retention runs out (simulated on the row: it grows old) and the nightly sweep gets there first
        jdbc.update("update account_operation_log set occurred_at = ? where account_id = ?",
                Timestamp.from(SWEEP_AT.minus(Duration.ofDays(400))), e);
        sweepTimeIs(SWEEP_AT);
        HistoricProcessInstance run = runToTheEnd();
        assertThat(step(run.getBusinessKey(), LOGS)).containsEntry("rows_erased", 1L);
        assertThat(accounts.rows("account_operation_log", e)).isEmpty();

        // the deferred erasure's timer fires later: nothing left to erase, the hold ends and the requester is told once
        time.useClock(Clock.systemUTC());
        String deferred = runtime.createProcessInstanceQuery().processDefinitionKey(DeferredErasureModel.PROCESS_ID)
                .variableValueEquals(DeferredErasureModel.HOLD_ID, hold.id()).singleResult().getId();
        Job timer = management.createJobQuery().processInstanceId(deferred).timers().singleResult();
        management.executeJob(timer.getId());
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(timer.getProcessInstanceId()).finished().count() == 1);
        assertThat(erasure.hold(hold.id()).erased()).isTrue();
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        mailbox.awaitOne(email, "DEFERRED_DELETION_COMPLETED", filed.reference());
        assertThat(mailbox.of(email, "DEFERRED_DELETION_COMPLETED", filed.reference())).hasSize(1);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select detail from audit_entry where reference = ? and action ="
                + " 'DEFERRED_ERASURE_RUN'", String.class, filed.reference()))
                .containsExactly("{\"system\":\"account-system\",\"category\":\"OPERATION_LOGS\",\"rows\":0,\"stillHeld\":false}");
    }

    @Test
    void reducesTheRecordsOfARequestClosedLongerAgoThanTheHistoryTtlAndNothingElseOnceOnly() throws Exception {
        // the run's cutoff 1990-06-01 less 180 days: requests closed before 1989-12-03 are reduced
        Seeded old = closedRequest(Instant.parse("1989-06-01T08:00:00Z"), true);
        Seeded young = closedRequest(Instant.parse("1990-05-01T08:00:00Z"), true);
        Seeded open = closedRequest(null, true);
        Seeded resultNotDeleted = closedRequest(Instant.parse("1989-06-01T08:00:00Z"), false);
        Map<String, List<Map<String, Object>>> youngBefore = records(young.id());
        Map<String, List<Map<String, Object>>> openBefore = records(open.id());
        Map<String, List<Map<String, Object>>> resultNotDeletedBefore = records(resultNotDeleted.id());
        Map<String, List<Map<String, Object>>> oldBefore = records(old.id());
        // the seeded requests' entries in the chain before the run seals them
        AuditWaits.awaitChained(jdbc);
        List<AuditEntry> oldAudit = auditEntries.of(old.reference());
        List<org.rightsflow.request.StatusChange> oldHistory = requests.history(old.id());
        List<org.rightsflow.fulfilment.systems.SystemStep> oldSteps = systemSteps.steps(old.id());
        List<AuditEntry> youngAudit = auditEntries.of(young.reference());
        assertThat(oldAudit).hasSize(2);

        sweepTimeIs(SWEEP_AT);
        HistoricProcessInstance run = runToTheEnd();
        assertThat(variable(run, ProactiveDeletionModel.CLOSED_REQUESTS_REDUCED)).isEqualTo(1L);

        // what the record needs stays: the row's reference, right, outcome, account and dates, its status history,
        // the deadline events, the notices' kind, dedup key, subject and times, the download's record
        Map<String, Object> row = records(old.id()).get("rights_request").get(0);
        Map<String, Object> rowBefore = oldBefore.get("rights_request").get(0);
        for (String kept : List.of("reference", "request_type", "status", "outcome", "account_id", "language",
                "received_at", "due_at", "closed_at", "deadline_policy", "verification_level")) {
            assertThat(row.get(kept)).as(kept).isEqualTo(rowBefore.get(kept));
        }
        assertThat(row.get("records_reduced_at")).isNotNull();
        // what the requester typed goes, and what served the open request only
        assertThat(row).containsEntry("account_email", "").containsEntry("details", null)
                .containsEntry("idempotency_key", null).containsEntry("body_fingerprint", null);
        Map<String, List<Map<String, Object>>> after = records(old.id());
        // the status history and the systems' steps: one compressed value on the row instead of their rows, read back
        // the same
        assertThat(after.get("request_status_history")).isEmpty();
        assertThat(requests.history(old.id())).isEqualTo(oldHistory).hasSize(2);
        assertThat(row.get("reduced_record")).isNotNull();
        assertThat(after.get("deadline_event")).isEqualTo(oldBefore.get("deadline_event"));
        assertThat(after.get("verification_code")).isEmpty();
        assertThat(after.get("verification_attempt")).isEmpty();
        assertThat(after.get("verification_round")).isEmpty();
        assertThat(after.get("clarification")).singleElement().satisfies(c -> assertThat(c).containsEntry("answer", null)
                .containsEntry("topics", "DATA_CATEGORIES"));
        // the notices: kind, subject, language, times and Message-ID in the reduced record, no address, no text; the
        // outbox takes no further notice for the request, not even one with a dedup key it never had
        assertThat(after.get("notice_outbox")).isEmpty();
        assertThat(timelines.notices(old.id())).hasSize(2).allSatisfy(n -> {
            assertThat(n.recipient()).isEmpty();
            assertThat(n.sentAt()).isNotNull();
            assertThat(n.messageId()).isNotBlank();
        });
        assertThat(timelines.notices(old.id())).extracting(n -> n.subject())
                .containsExactlyInAnyOrder("We received your personal-information rights request " + old.reference(),
                        "Request " + old.reference() + " completed");
        assertThat(timelines.notices(old.id())).extracting(n -> n.id())
                .containsExactlyInAnyOrderElementsOf(oldBefore.get("notice_outbox").stream()
                        .map(n -> (String) n.get("id")).toList());
        Map<String, Object> codeModel = new java.util.HashMap<>(Map.of("code", "482913", "reference", old.reference(),
                "requestType", "ACCESS", "expiresAt", "1990-06-01 18:30", "guardian", false, "secondFactor", false));
        for (String dedupKey : List.of("ACKNOWLEDGEMENT:" + old.id(), "late:" + old.id())) {
            Boolean stored = transaction.execute(s -> outbox.enqueue(new org.rightsflow.notice.Notice(dedupKey,
                    old.id(), org.rightsflow.notice.NoticeKind.VERIFICATION_CODE, "late@example.com", "en", codeModel)));
            assertThat(stored).as(dedupKey).isFalse();
        }
        assertThat(records(old.id()).get("notice_outbox")).isEmpty();
        assertThat(after.get("system_step")).isEmpty();
        assertThat(systemSteps.steps(old.id())).isEqualTo(oldSteps).singleElement().satisfies(step -> {
            assertThat(step.done()).isTrue();
            assertThat(step.systemId()).isEqualTo("account-system");
            assertThat(step.outcome()).isNotNull();
        });
        assertThat(after.get("download")).isEmpty();
        assertThat(requests.reducedRecord(old.id()).orElseThrow().downloads()).singleElement().satisfies(d ->
                assertThat(d).doesNotContainKey("token_hash").containsEntry("kind", "ACCESS_REPORT")
                        .containsEntry("uses", "1").containsEntry("sha256", "d".repeat(64))
                        .extractingByKey("deleted_at").isNotNull());

        // untouched: a request closed within the period, an open one, one whose result its link's expiry has not
        // deleted yet
        assertThat(records(young.id())).isEqualTo(youngBefore);
        assertThat(records(open.id())).isEqualTo(openBefore);
        assertThat(records(resultNotDeleted.id())).isEqualTo(resultNotDeletedBefore);

        // the audit trail: one entry for the batch under the run's reference, the chain intact
        assertThat(audit(run.getBusinessKey(), ClosedRequestRecords.REDUCED)).singleElement()
                .satisfies(entry -> assertThat(entry.get("requests").asInt()).isEqualTo(1));
        AuditVerifier.Result chain = new AuditVerifier(JdbcClient.create(jdbc.getDataSource())).verify();
        assertThat(chain.intact()).as(chain.problem()).isTrue();
        // the request's own entries: sealed into one row, every field and hash as it was, still linked into the chain;
        // the young request's entries stay rows
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ?", Integer.class,
                old.reference())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_seal where reference = ?", Integer.class,
                old.reference())).isOne();
        assertThat(auditEntries.of(old.reference())).isEqualTo(oldAudit);
        assertThat(timelines.of(old.reference()).audit()).hasSize(2);
        assertThat(timelines.of(old.reference()).auditIntact()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ?", Integer.class,
                young.reference())).isEqualTo(2);
        assertThat(auditEntries.of(young.reference())).isEqualTo(youngAudit);
        // the evidence pack says what is no longer kept instead of failing on it
        byte[] pack = evidencePacks.build(old.reference(), "Auditor Zhou Test");
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(pack))) {
            List<String> notices = new ArrayList<>();
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("notices/0")) {
                    notices.add(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            assertThat(notices).hasSize(2).allSatisfy(text -> assertThat(text).contains("no longer kept")
                    .doesNotContain("Dear").doesNotContain("@example.com"));
        }

        // the next night: nothing more to do, nothing changes
        Map<String, List<Map<String, Object>>> afterFirst = records(old.id());
        HistoricProcessInstance next = runToTheEnd();
        assertThat(variable(next, ProactiveDeletionModel.CLOSED_REQUESTS_REDUCED)).isEqualTo(0L);
        assertThat(records(old.id())).isEqualTo(afterFirst);
        assertThat(records(young.id())).isEqualTo(youngBefore);
        assertThat(audit(next.getBusinessKey(), ClosedRequestRecords.REDUCED)).isEmpty();
        assertThat(auditEntries.of(old.reference())).isEqualTo(oldAudit);
        assertThat(jdbc.queryForObject("select count(*) from audit_seal where reference = ?", Integer.class,
                old.reference())).isOne();

        // the staff page of the reduced request renders it, says so in both languages, and finds its sealed entries
        // intact; the young request's page does not say so
        org.rightsflow.web.staff.StaffBrowserSession staff = new org.rightsflow.web.staff.StaffBrowserSession(port);
        staff.signIn("auditor");
        for (String[] language : new String[][] {{"en", "Records reduced"}, {"zh-CN", "记录已精简"}}) {
            var page = staff.get("/staff/requests/" + old.reference() + "?lang=" + language[0]);
            assertThat(page.status()).as(language[0]).isEqualTo(200);
            assertThat(page.body()).as(language[0]).contains("id=\"records-reduced\"").contains(language[1])
                    .contains("REQUEST_COMPLETED").contains("id=\"audit-verdict\" class=\"notice\"")
                    .contains("id=\"system-steps\"");
        }
        assertThat(staff.get("/staff/requests/" + young.reference()).body()).doesNotContain("records-reduced");
    }

    // ------------------------------------------------------------------------------------------------------------

    record Seeded(String id, String reference) {
    }

    /** What an in-process COUNT step stores as planned and as its outcome (StepOutcome as JSON). */
    static final String STEP_OUTCOME = "{\"categories\":[{\"category\":\"ACCOUNT\",\"rows\":3,\"erased\":0,"
            + "\"restricted\":0,\"nextExpiry\":null,\"lastExpiry\":null}],\"records\":null,\"changes\":[]}";

    /**
     * An ACCESS request as its life leaves it in the application's tables, written directly (its history long gone):
     * closed at {@code closedAt} (null: still in progress), with its status history, a verification code, attempt and
     * round, a clarification, two notices sent and its download, whose result was deleted at the link's expiry or not.
     */
    private Seeded closedRequest(Instant closedAt, boolean resultDeleted) {
        String id = java.util.UUID.randomUUID().toString();
        String reference = "RR-19890101-" + (1000 + (int) (Math.abs(System.nanoTime()) % 9000));
        while (jdbc.queryForObject("select count(*) from rights_request where reference = ?", Integer.class,
                reference) > 0) {
            reference = "RR-19890101-" + (1000 + (int) (Math.abs(System.nanoTime()) % 9000));
        }
        Instant received = Instant.parse("1989-05-01T08:00:00Z");
        String email = ErasureTestAccounts.uniqueEmail("records-" + (closedAt == null ? "open" : "closed"));
        Timestamp at = Timestamp.from(received);
        jdbc.update("insert into rights_request (id, reference, request_type, status, account_email, account_id, language,"
                + " details, received_at, due_at, reminder_at, deadline_policy, verification_level, status_token_hash,"
                + " status_token_nonce, idempotency_key, body_fingerprint, outcome, verified_at, closed_at) values"
                + " (?, ?, 'ACCESS', ?, ?, null, 'en', '{\"note\":\"typed by the requester\"}', ?, ?, ?,"
                + " 'PIPL_STATEMENT', 1, ?, 'bm9uY2U=', ?, ?, ?, ?, ?)", id, reference,
                closedAt == null ? "IN_PROGRESS" : "COMPLETED", email, at, Timestamp.from(received.plus(Duration.ofDays(15))),
                Timestamp.from(received.plus(Duration.ofDays(12))), "a".repeat(64), "idem-" + id, "b".repeat(64),
                closedAt == null ? null : "COMPLETED", at, closedAt == null ? null : Timestamp.from(closedAt));
        jdbc.update("insert into request_status_history (request_id, status, at) values (?, 'RECEIVED', ?), (?, ?, ?)",
                id, at, id, closedAt == null ? "IN_PROGRESS" : "COMPLETED",
                Timestamp.from(closedAt == null ? received.plusSeconds(60) : closedAt));
        jdbc.update("insert into verification_code (id, request_id, channel, code_hash, salt, created_at, expires_at,"
                + " used_at) values (?, ?, 'EMAIL', ?, 'c2FsdA==', ?, ?, ?)", java.util.UUID.randomUUID().toString(), id,
                "c".repeat(64), at, Timestamp.from(received.plusSeconds(900)), at);
        jdbc.update("insert into verification_attempt (request_id, at, success) values (?, ?, true)", id, at);
        jdbc.update("insert into verification_round (request_id, round_no, sent_at) values (?, 1, ?)", id, at);
        jdbc.update("insert into deadline_event (request_id, kind, reason, old_due_at, new_due_at, status_before,"
                + " staff_user, at) values (?, 'PAUSED', 'Asked which data', ?, ?, 'IN_PROGRESS', 'Officer Lin Test', ?)",
                id, at, at, at);
        Long pause = jdbc.queryForObject("select max(id) from deadline_event where request_id = ?", Long.class, id);
        jdbc.update("insert into clarification (request_id, pause_event_id, topics, asked_by, asked_at, answer,"
                + " answered_at, ended, ended_at) values (?, ?, 'DATA_CATEGORIES', 'Officer Lin Test', ?, 'My orders of 1988', ?,"
                + " 'ANSWERED', ?)", id, pause, at, at, at);
        String[][] notices = {{"ACKNOWLEDGEMENT", "We received your personal-information rights request " + reference},
                {"RESULT_COMPLETED", "Request " + reference + " completed"}};
        for (String[] notice : notices) {
            jdbc.update("insert into notice_outbox (id, dedup_key, request_id, kind, recipient, language, subject, body,"
                    + " created_at, attempts, next_attempt_at, sent_at) values (?, ?, ?, ?, ?, 'en', ?, ?, ?, 1, ?, ?)",
                    java.util.UUID.randomUUID().toString(), notice[0] + ":" + id, id, notice[0], email, notice[1],
                    "Dear requester, your request " + reference + " ...", at, at, at);
        }
        jdbc.update("insert into download (id, request_id, kind, file_name, content_type, content, sha256, token_hash,"
                + " created_at, published_at, expires_at, max_uses, uses, deleted_at) values (?, ?, 'ACCESS_REPORT',"
                + " 'access-report.html', 'text/html', ?, ?, ?, ?, ?, ?, 3, 1, ?)", java.util.UUID.randomUUID().toString(),
                id, resultDeleted ? null : "<html>report</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "d".repeat(64), java.util.UUID.randomUUID().toString().replace("-", ""), at, at,
                Timestamp.from(received.plus(Duration.ofDays(7))),
                resultDeleted ? Timestamp.from(received.plus(Duration.ofDays(7))) : null);
        // its audit entries, recorded as the application records them (hash-chained among every other test's)
        String ref = reference;
        transaction.executeWithoutResult(status -> auditTrail.record(ref, "requester", "REQUEST_FILED",
                "{\"type\":\"ACCESS\"}"));
        transaction.executeWithoutResult(status -> auditTrail.record(ref, "system", "REQUEST_COMPLETED",
                "{\"outcome\":\"COMPLETED\"}"));
        jdbc.update("insert into system_step (id, plan_key, request_id, reference, operation, system_id, execution,"
                + " categories, status, done_by, planned, outcome, created_at, completed_at) values (?, ?, ?, ?, 'COUNT',"
                + " 'account-system', 'IN_PROCESS', 'ACCOUNT', ?, 'CONNECTOR', ?, ?, ?, ?)",
                java.util.UUID.randomUUID().toString(), "plan-" + id, id, reference,
                "DONE", STEP_OUTCOME, STEP_OUTCOME, at, at);
        return new Seeded(id, reference);
    }

    /** The request's rows in the application's tables, by table (each table's rows in a fixed order). */
    private Map<String, List<Map<String, Object>>> records(String requestId) {
        Map<String, List<Map<String, Object>>> rows = new java.util.LinkedHashMap<>();
        rows.put("rights_request", jdbc.queryForList("select * from rights_request where id = ?", requestId));
        for (String table : List.of("request_status_history", "verification_code", "verification_attempt",
                "verification_round", "deadline_event", "clarification", "notice_outbox", "download", "system_step")) {
            rows.put(table, jdbc.queryForList("select * from " + table + " where request_id = ? order by "
                    + (table.equals("notice_outbox") || table.equals("download") || table.equals("verification_code")
                    ? "created_at, id" : "id"), requestId));
        }
        // byte arrays compare by content
        rows.values().forEach(list -> list.forEach(row -> row.replaceAll((column, value) -> value instanceof byte[] bytes
                ? java.util.HexFormat.of().formatHex(bytes) : value)));
        return rows;
    }

    /** The application's clock (retention, consent, audit) at {@code at}, running on from there. */
    private void sweepTimeIs(Instant at) {
        time.useClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at)));
    }

    /** Starts a run as the timer would and waits for its end (the job executor runs its jobs). */
    private HistoricProcessInstance runToTheEnd() {
        String id = runtime.startProcessInstanceByKey(ProactiveDeletionModel.PROCESS_ID).getId();
        await().atMost(Duration.ofSeconds(90)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(id).finished().count() == 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(id).count()).isZero();
        return history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private Object variable(HistoricProcessInstance run, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).variableName(name)
                .singleResult().getValue();
    }

    private Map<String, Object> step(String run, String stepKey) {
        return jdbc.queryForMap("select status, rows_erased, batches, resumed_from, taken_over_by"
                + " from proactive_deletion_step where run_reference = ? and step_key = ?", run, stepKey);
    }

    private List<String> auditActions(String run) {
        AuditWaits.awaitChained(jdbc);
        return jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class, run);
    }

    private List<JsonNode> audit(String run, String action) {
        List<JsonNode> details = new ArrayList<>();
        AuditWaits.awaitChained(jdbc);
        for (String detail : jdbc.queryForList("select detail from audit_entry where reference = ? and action = ?"
                + " order by seq", String.class, run, action)) {
            try {
                details.add(json.readTree(detail));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return details;
    }

    private long pastLogs(long account) {
        return jdbc.queryForObject("select count(*) from account_operation_log where account_id = ? and occurred_at < ?",
                Long.class, account, Timestamp.from(SWEEP_AT.minus(Duration.ofDays(200))));
    }

    private void logs(long account, int rows, String action, Instant at, boolean restricted) {
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            batch.add(new Object[] {account, action, "192.0.2.7", "sweep-test", Timestamp.from(at.plusSeconds(i)),
                    restricted});
        }
        jdbc.batchUpdate("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at,"
                + " restricted) values (?, ?, ?, ?, ?, ?)", batch);
    }

    private void payment(long account, Instant paidAt, boolean restricted) {
        billing.update("insert into account_payment (account_id, kind, amount, payer_name, bank_name, bank_account_masked,"
                + " bank_account_full, paid_at, restricted) values (?, 'TOP_UP', 9.00, '测试', '银行', '****9',"
                + " '6222000099990000', ?, ?)", account, Timestamp.from(paidAt), restricted);
    }

    private void bill(long account, Instant issuedAt) {
        billing.update("insert into account_bill (account_id, billing_period, amount, status, issued_at, paid_at)"
                + " values (?, '1986-01', 9.00, 'PAID', ?, ?)", account, Timestamp.from(issuedAt),
                Timestamp.from(issuedAt));
    }

    private void invoice(long account, Instant issuedAt) {
        billing.update("insert into account_invoice (account_id, invoice_no, invoice_title, amount, recipient_name,"
                + " recipient_address, recipient_contact, status, requested_at, issued_at) values (?, ?, '测试公司',"
                + " 9.00, '测试', '北京市', '+8613900000000', ?, ?, ?)", account,
                issuedAt == null ? null : "INV-S-" + account + "-" + issuedAt.getEpochSecond(),
                issuedAt == null ? "OPEN" : "ISSUED",
                Timestamp.from(issuedAt == null ? SWEEP_AT.minus(Duration.ofDays(3)) : issuedAt.minusSeconds(60)),
                issuedAt == null ? null : Timestamp.from(issuedAt));
    }

    private void face(long account, boolean granted, Instant decidedAt) {
        jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref,"
                + " verification_method, verified_at) values (?, '测试', 'RESIDENT_ID_CARD', '000000199001010011', ?,"
                + " 'FACE', ?)", account, "face/sweep/" + account, Timestamp.from(SWEEP_AT.minus(Duration.ofDays(900))));
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source)"
                + " values (?, 'FACE_RECOGNITION', ?, ?, 'CONSOLE')", account, granted, Timestamp.from(decidedAt));
    }
}
