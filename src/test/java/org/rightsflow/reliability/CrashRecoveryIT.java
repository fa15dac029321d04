package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9, item 1: the application as a separate JVM, killed with SIGKILL at random moments while 200 requests are
 * in every wait state, and restarted. Every request reaches its final state; each notice is delivered once; no audit
 * entry is lost or duplicated; the audit chain verifies. Issue 15, item 8: the same on the default profile's H2 file
 * (fewer requests and kills: the point is that nothing the API answered is lost, which the harness sees as a request
 * that never reaches its final state). On PostgreSQL the nightly sweep is then killed in the middle of a run and
 * finishes that run after the restart without erasing or counting anything twice.
 */
class CrashRecoveryIT {

    @Test
    void requestsSurviveRepeatedKills() throws Exception {
        run(new ReliabilityHarness("crash_recovery"), "crash-node", 200, 3, true);
    }

    @Test
    void requestsSurviveKillsOnTheDefaultH2Profile() throws Exception {
        run(ReliabilityHarness.onH2("crash-h2"), "crash-node-h2", 30, 2, false);
    }

    /** @param withSweep then kill the nightly sweep in the middle of a run (PostgreSQL only) */
    private void run(ReliabilityHarness harness, String nodeName, int requestCount, int killCount, boolean withSweep)
            throws Exception {
        int port = TestInfrastructure.freePort();
        try (AppNode node = new AppNode(nodeName, port, harness.environment(port), harness.nodeArguments())) {
            node.start();
            List<AppNode> nodes = List.of(node);
            Random random = new Random(7);
            List<ReliabilityHarness.Tracked> requests = new ArrayList<>();
            int kills = 0;
            Instant started = Instant.now();
            int nextKillAt = Math.min(40, requestCount / 3) + random.nextInt(Math.min(30, requestCount / 3));
            for (int i = 0; i < requestCount; i++) {
                requests.add(harness.file(nodes, i));
                if (i == nextKillAt && kills < killCount) {
                    node.kill();
                    kills++;
                    node.start();
                    nextKillAt = i + Math.min(30, requestCount / 3) + random.nextInt(Math.min(30, requestCount / 3));
                }
                if (i % 20 == 0) {
                    harness.advance(nodes, requests);
                }
            }
            int done = 0;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
            while (done < requestCount && Instant.now().isBefore(deadline)) {
                done = harness.advance(nodes, requests);
                if (kills < killCount && done > requestCount / 3) {
                    Thread.sleep(random.nextInt(1500)); // somewhere in the middle of jobs and mail
                    node.kill();
                    kills++;
                    node.start();
                }
                Thread.sleep(300);
            }
            Map<String, Long> byStatus = requests.stream().collect(Collectors.groupingBy(r -> r.status, Collectors.counting()));
            System.out.println("Crash recovery (" + nodeName + "): " + requestCount + " requests, " + kills + " kills (SIGKILL), "
                    + node.starts() + " starts, final statuses " + byStatus + ", in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            assertThat(kills).isEqualTo(killCount);
            assertThat(requests).allMatch(r -> ReliabilityHarness.TERMINAL.contains(r.status),
                    "every request reaches its final state");

            harness.awaitOutboxDrained(Duration.ofSeconds(60));
            Map<String, List<String>> deliveries = harness.deliveriesByNotice();
            long duplicateNotices = deliveries.values().stream().filter(ids -> ids.stream().distinct().count() > 1).count();
            long repeatedDeliveries = deliveries.values().stream().mapToLong(ids -> ids.size() - 1).sum();
            System.out.println("Crash recovery: " + deliveries.size() + " notices, " + duplicateNotices
                    + " notices enqueued twice, " + repeatedDeliveries + " deliveries repeated after a kill");
            assertThat(duplicateNotices).as("no notice is ever created twice").isZero();
            assertThat(repeatedDeliveries).as("at most a send cut off by a kill is repeated, with the same Message-ID")
                    .isLessThanOrEqualTo(kills);
            for (ReliabilityHarness.Tracked r : requests) {
                String expected = r.status.equals("WITHDRAWN") ? "WITHDRAWN" : "RESULT_" + r.status;
                assertThat(deliveries).as(r.reference + " " + expected).containsKey(expected + " " + r.reference + " " + r.email);
            }

            harness.awaitAuditChained(Duration.ofSeconds(60));
            JdbcTemplate jdbc = new JdbcTemplate(harness.dataSource());
            List<Map<String, Object>> duplicatedAudit = jdbc.queryForList("""
                    select reference, action, count(*) from audit_entry
                    where action in ('REQUEST_FILED', 'IDENTITY_VERIFIED', 'FULFILMENT_STARTED', 'WITHDRAWN',
                                     'REQUEST_COMPLETED', 'ACKNOWLEDGED', 'ACCESS_REPORT_BUILT', 'DOWNLOAD_PUBLISHED')
                    group by reference, action having count(*) > 1""");
            assertThat(duplicatedAudit).as("no audit entry is duplicated").isEmpty();
            assertThat(jdbc.queryForObject("select count(distinct reference) from audit_entry where action = 'REQUEST_FILED'",
                    Integer.class)).as("no filing is lost from the audit trail").isEqualTo(requestCount);
            if (withSweep) {
                sweepSurvivesAKillInTheMiddle(harness, node, jdbc);
            }
            AuditVerifier.Result audit = new AuditVerifier(JdbcClient.create(harness.dataSource())).verify();
            assertThat(audit.intact()).as(audit.problem()).isTrue();
        }
    }

    /**
     * The nightly sweep (docs/retention.md) killed with SIGKILL between or inside its batches: after the restart the
     * same run goes on from its checkpoint (the dead node's job is taken over after the lock time) and ends without an
     * incident. Every operation log past its retention (6 months from the run's cutoff) of an account not on hold is
     * gone, every younger one is still there, the run counted exactly the rows that disappeared (none erased or
     * counted twice), and it shows once in the audit trail and in the engine's history.
     */
    private static void sweepSurvivesAKillInTheMiddle(ReliabilityHarness harness, AppNode node, JdbcTemplate jdbc)
            throws Exception {
        int pastRetention = 30_000;
        int withinRetention = 500;
        jdbc.update("insert into account (email, phone, display_name) values ('sweep-crash@example.com',"
                + " '+8613944440000', 'Sweep Crash Tester')");
        long account = jdbc.queryForObject("select id from account where email = 'sweep-crash@example.com'", Long.class);
        List<Object[]> rows = new ArrayList<>();
        Instant twoYearsAgo = Instant.now().minus(Duration.ofDays(730));
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < pastRetention; i++) {
            rows.add(new Object[] {account, Timestamp.from(twoYearsAgo.plusSeconds(i))});
        }
        for (int i = 0; i < withinRetention; i++) {
            rows.add(new Object[] {account, Timestamp.from(tenDaysAgo.plusSeconds(i))});
        }
        jdbc.batchUpdate("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " values (?, 'console.login', '192.0.2.44', 'crash', ?)", rows);
        String allLogs = "select count(*) from account_operation_log";
        long totalBefore = jdbc.queryForObject(allLogs, Long.class);

        Map<String, String> admin = Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        String instance = harness.call(List.of(node), "POST",
                "/engine-rest/process-definition/key/ProactiveDeletionProcess/start", "{}", admin, 200)
                .get("id").asText();
        String logsStep = "select rows_erased from proactive_deletion_step where step_key = 'account-system/OPERATION_LOGS'"
                + " and run_reference = (select business_key_ from act_hi_procinst where id_ = ?)";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (jdbc.queryForList(logsStep, Long.class, instance).stream().noneMatch(n -> n > 0)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        long beforeKill = jdbc.queryForObject(logsStep, Long.class, instance);
        node.kill();
        assertThat(beforeKill).as("killed in the middle of the logs").isGreaterThan(0).isLessThan(pastRetention);
        node.start();
        deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (jdbc.queryForObject("select count(*) from act_hi_procinst where id_ = ? and end_time_ is not null",
                Integer.class, instance) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        String run = jdbc.queryForObject("select business_key_ from act_hi_procinst where id_ = ? and end_time_ is not"
                + " null", String.class, instance);
        harness.awaitAuditChained(Duration.ofSeconds(60));
        long totalAfter = jdbc.queryForObject(allLogs, Long.class);
        long counted = jdbc.queryForObject(logsStep, Long.class, instance);
        System.out.println("Crash recovery: sweep " + run + " killed after " + beforeKill + " of " + pastRetention
                + " operation logs past retention; after the restart it erased the rest: " + counted + " counted, "
                + (totalBefore - totalAfter) + " erased in all");

        assertThat(jdbc.queryForObject("select count(*) from act_hi_incident where proc_inst_id_ = ?", Integer.class,
                instance)).as("no incident").isZero();
        assertThat(jdbc.queryForObject("select count(*) from account_operation_log where account_id = ? and occurred_at < ?",
                Long.class, account, Timestamp.from(tenDaysAgo))).as("every row past retention is gone").isZero();
        assertThat(jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?", Long.class,
                account)).as("every row within retention is kept").isEqualTo(withinRetention);
        assertThat(jdbc.queryForObject("""
                select count(*) from account_operation_log l join account a on a.id = l.account_id
                where not a.legal_hold and not a.open_investigation
                  and l.occurred_at < (select cutoff_at from proactive_deletion_run where reference = ?)
                                      - interval '6 months' - interval '1 day'""", Long.class, run))
                .as("no account's row past retention is left unless the account is on hold").isZero();
        assertThat(counted).as("each row erased and counted once").isEqualTo(totalBefore - totalAfter)
                .isGreaterThanOrEqualTo(pastRetention);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action ="
                + " 'PROACTIVE_DELETION_RUN'", Integer.class, run)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action ="
                + " 'PROACTIVE_DELETION_STEP' and detail like '%OPERATION_LOGS%'", Integer.class, run)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from act_hi_actinst where proc_inst_id_ = ?"
                + " and act_id_ = 'Task_RecordRun' and end_time_ is not null", Integer.class, instance))
                .as("the run is in the engine's history to its end").isEqualTo(1);
    }
}
