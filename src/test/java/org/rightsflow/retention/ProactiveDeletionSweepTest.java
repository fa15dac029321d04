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
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.erasure.ErasureHold;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.process.setup.ProactiveDeletionSchedule;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

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
        assertThat(jdbc.queryForList("select detail from audit_entry where reference = ? and action ="
                + " 'DEFERRED_ERASURE_RUN'", String.class, filed.reference()))
                .containsExactly("{\"system\":\"account-system\",\"category\":\"OPERATION_LOGS\",\"rows\":0,\"stillHeld\":false}");
    }

    // ------------------------------------------------------------------------------------------------------------

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
        return jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class, run);
    }

    private List<JsonNode> audit(String run, String action) {
        List<JsonNode> details = new ArrayList<>();
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
