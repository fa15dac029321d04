package org.rightsflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.DataMapProperties;
import org.rightsflow.datamap.TestDatabases;
import org.rightsflow.fulfilment.consent.ConsentRegister;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.support.Accounts;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweep's rules on PostgreSQL, step by step and with a batch size of 2, against the built-in data map (the account
 * and billing systems, here in one database) and a manual helpdesk system: exactly the rows past retention and the data whose consent is no longer given
 * (judged at the run's cutoff) are erased, in batches, never those of accounts on hold; the checkpoint counts what
 * was committed; a later run takes over an unfinished step and the earlier run then leaves it; steps without a
 * connector go to data operators, whose answers are checked; the run's audit entry is written once.
 */
class ProactiveDeletionServiceTest {

    static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    static final String LOGS = "account-system/OPERATION_LOGS";
    static final String PAYMENTS = "billing-system/PAYMENTS";
    static final String BILLING = "billing-system/BILLING";
    static final String INVOICES = "billing-system/INVOICES";
    static final String FACE = "account-system/REAL_NAME/withdrawn:FACE_RECOGNITION";
    static final String HELPDESK = "helpdesk/SUPPORT";

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private TimeSource time;
    private ProactiveDeletionService sweep;
    private final ObjectMapper json = new ObjectMapper();
    private long a;
    private long b;
    private long held;
    private long d;

    /** One database for the class (a fresh one costs seconds); each test starts from empty tables. */
    private static DataSource database;

    @BeforeEach
    void accountSystemWithAManualHelpdesk() {
        if (database == null) {
            database = TestDatabases.freshPostgres();
        }
        DataSource ds = database;
        jdbc = new JdbcTemplate(ds);
        jdbc.execute("truncate table proactive_deletion_step, proactive_deletion_run, audit_entry, audit_pending, account,"
                + " account_payment, account_bill, account_invoice restart identity cascade");
        jdbc.update("update audit_head set last_seq = 0, last_hash = ? where id = 1", "0".repeat(64));
        JdbcClient client = JdbcClient.create(ds);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(ds));
        // every jdbc system in this one database (the billing system's tables beside the account system's), and a
        // manual helpdesk
        DataMap map = DataMap.fromResources(List.of(new ClassPathResource("datamap/account-system.json"),
                new ClassPathResource("datamap/billing-system.json"),
                new ByteArrayResource(HELPDESK_SYSTEM.getBytes(StandardCharsets.UTF_8), "helpdesk.json")));
        DataConnectors connectors = new DataConnectors(map, jdbc, DataMapProperties.defaults());
        time = new TimeSource();
        time.useClock(Clock.fixed(CUTOFF, ZoneOffset.UTC));
        sweep = new ProactiveDeletionService(connectors, new AccountDirectory(jdbc, connectors, Clock.systemUTC()),
                new ConsentRegister(client), new SweepCheckpoints(client),
                new AuditTrail(jdbc, time, transaction.getTransactionManager()), time,
                new ProactiveDeletionProperties(true, "0 30 2 * * ?", 2, Duration.ofHours(20), Duration.ofDays(180)));

        a = account("a", false);
        logs(a, 5, days(365));
        logs(a, 1, days(10));
        payment(a, days(4 * 366));
        payment(a, days(365));
        face(a, false, days(1));
        b = account("b", false);
        logs(b, 2, days(300));
        face(b, false, days(-1)); // withdrawn after the cutoff: the next run's business
        held = account("held", true);
        logs(held, 3, days(400));
        payment(held, days(5 * 366));
        face(held, false, days(1));
        d = account("d", false);
        face(d, false, days(2));
        long granted = account("granted", false);
        face(granted, true, days(30));
    }

    @Test
    void plansOneStepPerRuleAndConsentAndHandsTheManualSystemOver() {
        SweepPlan plan = inTransaction(sweep::plan);
        assertThat(plan.reference()).isEqualTo("PD-20260601-0001");
        assertThat(plan.cutoff()).isEqualTo(CUTOFF);
        assertThat(plan.inProcessSteps()).as("data-map order").containsExactly(FACE, LOGS, PAYMENTS, BILLING, INVOICES);
        assertThat(plan.byHandSteps()).containsExactly(HELPDESK);
        assertThat(plan.byHandDue()).isEqualTo(CUTOFF.plus(Duration.ofHours(20)));
        assertThat(plan.resumedSteps()).isEmpty();
        assertThat(inTransaction(sweep::plan).reference()).isEqualTo("PD-20260601-0002");
        assertThat(audit("PROACTIVE_DELETION_STARTED")).hasSize(2);
    }

    @Test
    void erasesExactlyWhatIsPastRetentionOrWithoutConsentInBatchesAndPassesOverAccountsOnHold() {
        SweepPlan plan = inTransaction(sweep::plan);

        assertThat(runStep(plan.reference(), LOGS)).containsExactly(
                new BatchOutcome(BatchOutcome.Next.MORE, 2, 1), new BatchOutcome(BatchOutcome.Next.MORE, 4, 2),
                new BatchOutcome(BatchOutcome.Next.MORE, 6, 3), new BatchOutcome(BatchOutcome.Next.DONE, 7, 4));
        assertThat(count("account_operation_log", a)).as("the log within retention stays").isEqualTo(1);
        assertThat(count("account_operation_log", b)).isZero();
        assertThat(count("account_operation_log", held)).as("legal hold").isEqualTo(3);

        assertThat(runStep(plan.reference(), PAYMENTS)).containsExactly(new BatchOutcome(BatchOutcome.Next.DONE, 1, 1));
        assertThat(jdbc.queryForList("select payer_name from account_payment where account_id = ? order by paid_at",
                String.class, a)).containsExactly("已匿名", "付款人");
        assertThat(jdbc.queryForList("select payer_name from account_payment where account_id = ?", String.class,
                held)).containsExactly("付款人");
        assertThat(runStep(plan.reference(), BILLING)).containsExactly(new BatchOutcome(BatchOutcome.Next.DONE, 0, 1));

        // two subjects a page: a and held (passed over), then d
        assertThat(runStep(plan.reference(), FACE)).containsExactly(new BatchOutcome(BatchOutcome.Next.MORE, 1, 1),
                new BatchOutcome(BatchOutcome.Next.DONE, 2, 2));
        assertThat(faceData()).containsEntry(a, null).containsEntry(d, null)
                .containsEntry(b, "face/b").containsEntry(held, "face/held").containsEntry(account("granted"),
                        "face/granted");
        assertThat(jdbc.queryForObject("select full_name from account_real_name where account_id = ?", String.class,
                a)).as("the name rests on the real-name obligation").isEqualTo("实名");

        List<JsonNode> steps = audit("PROACTIVE_DELETION_STEP");
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).get("system").asText()).isEqualTo("account-system");
        assertThat(steps.get(0).get("category").asText()).isEqualTo("OPERATION_LOGS");
        assertThat(steps.get(0).get("rows").asLong()).isEqualTo(7);
        assertThat(steps.get(0).get("batches").asInt()).isEqualTo(4);
        assertThat(steps.get(0).get("accountsOnHold").asInt()).isEqualTo(1);
        assertThat(steps.get(3).get("consentWithdrawn").asText()).isEqualTo("FACE_RECOGNITION");

        // a repeated batch of a finished step changes nothing
        assertThat(inTransaction(() -> sweep.eraseBatch(plan.reference(), LOGS)))
                .isEqualTo(new BatchOutcome(BatchOutcome.Next.DONE, 7, 4));
        // a second run finds nothing left (and leaves the accounts on hold alone again)
        SweepPlan again = inTransaction(sweep::plan);
        for (String step : again.inProcessSteps()) {
            List<BatchOutcome> outcomes = runStep(again.reference(), step);
            BatchOutcome last = outcomes.get(outcomes.size() - 1);
            assertThat(last.next()).as(step).isEqualTo(BatchOutcome.Next.DONE);
            assertThat(last.stepRowsErased()).as(step).isZero();
        }
    }

    @Test
    void aFailedBatchLeavesNoTraceAndItsRetryContinuesFromTheCheckpoint() {
        SweepPlan plan = inTransaction(sweep::plan);
        inTransaction(() -> sweep.eraseBatch(plan.reference(), LOGS));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            sweep.eraseBatch(plan.reference(), LOGS);
            throw new IllegalStateException("the node died before the commit");
        })).hasMessageContaining("node died");
        assertThat(checkpoint(plan.reference(), LOGS)).containsEntry("rows_erased", 2L).containsEntry("batches", 1)
                .containsEntry("status", "RUNNING");
        assertThat(count("account_operation_log", a) + count("account_operation_log", b)).isEqualTo(8 - 2);

        assertThat(runStep(plan.reference(), LOGS)).last().isEqualTo(new BatchOutcome(BatchOutcome.Next.DONE, 7, 4));
        assertThat(count("account_operation_log", a) + count("account_operation_log", b)).isEqualTo(1);
    }

    @Test
    void aLaterRunTakesOverAnUnfinishedStepAndTheEarlierRunLeavesIt() {
        SweepPlan first = inTransaction(sweep::plan);
        runStep(first.reference(), PAYMENTS);
        inTransaction(() -> sweep.eraseBatch(first.reference(), LOGS)); // then the system failed: an incident

        time.useClock(Clock.fixed(CUTOFF.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        SweepPlan second = inTransaction(sweep::plan);
        assertThat(second.resumedSteps()).containsExactly(FACE, LOGS, BILLING, INVOICES);
        assertThat(checkpoint(second.reference(), LOGS)).containsEntry("resumed_from", first.reference());
        assertThat(checkpoint(first.reference(), LOGS)).containsEntry("status", "TAKEN_OVER")
                .containsEntry("taken_over_by", second.reference());

        // the earlier run's retried job finds the step taken over and erases nothing
        assertThat(inTransaction(() -> sweep.eraseBatch(first.reference(), LOGS)))
                .isEqualTo(new BatchOutcome(BatchOutcome.Next.TAKEN_OVER, 2, 1));
        assertThat(runStep(second.reference(), LOGS)).last()
                .isEqualTo(new BatchOutcome(BatchOutcome.Next.DONE, 5, 3));

        SweepRunSummary earlier = inTransaction(() -> sweep.finishRun(first.reference()));
        assertThat(earlier.rowsErased()).as("1 payment + 2 logs").isEqualTo(3);
        assertThat(earlier.stepsTakenOver()).isEqualTo(4);
        assertThat(count("account_operation_log", a) + count("account_operation_log", b))
                .as("7 erased once: 2 by the first run, 5 by the second").isEqualTo(1);
    }

    @Test
    void dataOperatorsRecordWhatTheySweptByHandAndUnsweptStepsAreReported() {
        SweepPlan plan = inTransaction(sweep::plan);
        String run = plan.reference();
        assertThat(checkpoint(run, HELPDESK)).containsEntry("status", "WITH_OPERATOR")
                .containsEntry("execution", "BY_HAND");

        assertThatThrownBy(() -> inTransaction(() -> record(run, "MAYBE", 1L, "Deleted in the console")))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("SWEPT");
        assertThatThrownBy(() -> inTransaction(() -> record(run, "SWEPT", null, "Deleted in the console")))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("how many rows");
        assertThatThrownBy(() -> inTransaction(() -> record(run, "SWEPT", -1L, "Deleted in the console")))
                .isInstanceOf(InvalidDecisionException.class);
        assertThatThrownBy(() -> inTransaction(() -> record(run, "SWEPT", 7L, " ")))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("explanation");
        inTransaction(() -> record(run, "SWEPT", 7L, "Deleted in the helpdesk console"));
        assertThat(checkpoint(run, HELPDESK)).containsEntry("status", "SWEPT_BY_HAND").containsEntry("rows_erased", 7L)
                .containsEntry("done_by", "operator");
        assertThat(auditActors("PROACTIVE_DELETION_BY_HAND")).containsExactly("operator");

        SweepPlan next = inTransaction(sweep::plan);
        inTransaction(() -> {
            sweep.reportNotSwept(next.reference(), HELPDESK);
            sweep.reportNotSwept(next.reference(), HELPDESK);
            return null;
        });
        assertThat(checkpoint(next.reference(), HELPDESK)).containsEntry("status", "NOT_SWEPT");
        assertThat(audit("PROACTIVE_DELETION_NOT_SWEPT")).hasSize(1);
        for (String step : next.inProcessSteps()) {
            runStep(next.reference(), step);
        }
        SweepRunSummary summary = inTransaction(() -> sweep.finishRun(next.reference()));
        assertThat(summary.stepsNotSwept()).isEqualTo(1);
        assertThat(summary.rowsErased()).as("7 logs, 1 payment, 2 face data").isEqualTo(10);
        inTransaction(() -> sweep.finishRun(next.reference()));
        List<JsonNode> runs = audit("PROACTIVE_DELETION_RUN");
        assertThat(runs).as("one entry per run").hasSize(1);
        assertThat(runs.get(0).get("rows").asLong()).isEqualTo(10);
        assertThat(runs.get(0).get("notSwept").asInt()).isEqualTo(1);
        assertThat(runs.get(0).get("steps")).hasSize(6);
        assertThat(runs.get(0).toString()).doesNotContain("@example.com", "实名", "face/");
    }

    // ------------------------------------------------------------------------------------------------------------

    private Object record(String run, String decision, Long rows, String note) {
        sweep.recordSweptByHand(run, HELPDESK, decision, rows, note, "operator");
        return null;
    }

    private List<BatchOutcome> runStep(String run, String step) {
        List<BatchOutcome> outcomes = new ArrayList<>();
        BatchOutcome outcome;
        do {
            outcome = inTransaction(() -> sweep.eraseBatch(run, step));
            outcomes.add(outcome);
        } while (outcome.next() == BatchOutcome.Next.MORE && outcomes.size() < 100);
        return outcomes;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    private Map<String, Object> checkpoint(String run, String step) {
        return jdbc.queryForMap("select * from proactive_deletion_step where run_reference = ? and step_key = ?",
                run, step);
    }

    private List<JsonNode> audit(String action) {
        return jdbc.queryForList("select detail from audit_entry where action = ? order by seq", String.class, action)
                .stream().map(detail -> {
                    try {
                        return json.readTree(detail);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private List<String> auditActors(String action) {
        return jdbc.queryForList("select actor from audit_entry where action = ? order by seq", String.class, action);
    }

    private Map<Long, String> faceData() {
        Map<Long, String> faces = new java.util.HashMap<>();
        jdbc.query("select account_id, face_data_ref from account_real_name",
                rs -> {
                    faces.put(rs.getLong(1), rs.getString(2));
                });
        return faces;
    }

    private long count(String table, long account) {
        return jdbc.queryForObject("select count(*) from " + table + " where account_id = ?", Long.class, account);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static Timestamp before(Duration ago) {
        return Timestamp.from(CUTOFF.minus(ago));
    }

    private long account(String name) {
        return jdbc.queryForObject("select id from account where email = ?", Long.class, name + "@example.com");
    }

    private long account(String name, boolean legalHold) {
        Accounts.NewAccount account = Accounts.account(name + "@example.com")
                .phone("+86139" + Math.abs(name.hashCode() % 100_000_000)).displayName(name);
        return (legalHold ? account.legalHold() : account).insert(jdbc);
    }

    private void logs(long account, int rows, Duration ago) {
        for (int i = 0; i < rows; i++) {
            jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                    + " values (?, 'console.login', '192.0.2.1', 'curl', ?)", account, before(ago.plusMinutes(i)));
        }
    }

    private void payment(long account, Duration ago) {
        jdbc.update("insert into account_payment (account_id, kind, amount, payer_name, bank_name, bank_account_masked,"
                + " bank_account_full, paid_at) values (?, 'TOP_UP', 1.00, '付款人', '银行', '****1', '6222000000000001',"
                + " ?)", account, before(ago));
    }

    /** Real-name data with face data, and the account's current choice for FACE_RECOGNITION, made {@code ago}. */
    private void face(long account, boolean granted, Duration ago) {
        String name = jdbc.queryForObject("select display_name from account where id = ?", String.class, account);
        jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref,"
                + " verification_method, verified_at) values (?, '实名', 'RESIDENT_ID_CARD', '000000199001010011', ?,"
                + " 'FACE', ?)", account, "face/" + name, before(days(900)));
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source)"
                + " values (?, 'FACE_RECOGNITION', ?, ?, 'CONSOLE')", account, granted, before(ago));
    }

    static final String HELPDESK_SYSTEM = """
            {
              "id": "helpdesk",
              "label": { "zh-CN": "客服系统", "en": "Helpdesk" },
              "connector": "manual",
              "categories": [ {
                "category": "SUPPORT",
                "table": "ticket",
                "idColumn": "id",
                "subjectKey": "account_id",
                "restrictedColumn": "restricted",
                "sensitive": false,
                "label": { "zh-CN": "客服工单", "en": "Helpdesk tickets" },
                "description": { "zh-CN": "工单", "en": "Tickets" },
                "source": { "zh-CN": "您", "en": "You" },
                "purpose": { "zh-CN": "支持", "en": "Support" },
                "legalBasis": { "code": "CONTRACT", "label": { "zh-CN": "合同", "en": "Contract" } },
                "retention": { "period": "P1Y", "countsFrom": "closed_at",
                  "basis": { "zh-CN": "内部规定", "en": "Internal rule" },
                  "description": { "zh-CN": "关闭后一年", "en": "One year after closing" } },
                "erase": { "strategy": "DELETE_ROW", "columns": [] },
                "thirdParties": [],
                "columns": [ { "name": "ticket", "label": { "zh-CN": "工单", "en": "Ticket" }, "sensitive": false },
                             { "name": "closed_at", "label": { "zh-CN": "关闭时间", "en": "Closed" }, "sensitive": false } ]
              } ]
            }
            """;
}
