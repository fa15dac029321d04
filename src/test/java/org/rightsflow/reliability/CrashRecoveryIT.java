package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * that never reaches its final state).
 */
class CrashRecoveryIT {

    @Test
    void requestsSurviveRepeatedKills() throws Exception {
        run(new ReliabilityHarness("crash_recovery"), "crash-node", 200, 3);
    }

    @Test
    void requestsSurviveKillsOnTheDefaultH2Profile() throws Exception {
        run(ReliabilityHarness.onH2("crash-h2"), "crash-node-h2", 30, 2);
    }

    private void run(ReliabilityHarness harness, String nodeName, int requestCount, int killCount) throws Exception {
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

            JdbcTemplate jdbc = new JdbcTemplate(harness.dataSource());
            List<Map<String, Object>> duplicatedAudit = jdbc.queryForList("""
                    select reference, action, count(*) from audit_entry
                    where action in ('REQUEST_FILED', 'IDENTITY_VERIFIED', 'FULFILMENT_STARTED', 'WITHDRAWN',
                                     'REQUEST_COMPLETED', 'ACKNOWLEDGED', 'ACCESS_REPORT_BUILT', 'DOWNLOAD_PUBLISHED')
                    group by reference, action having count(*) > 1""");
            assertThat(duplicatedAudit).as("no audit entry is duplicated").isEmpty();
            assertThat(jdbc.queryForObject("select count(distinct reference) from audit_entry where action = 'REQUEST_FILED'",
                    Integer.class)).as("no filing is lost from the audit trail").isEqualTo(requestCount);
            AuditVerifier.Result audit = new AuditVerifier(JdbcClient.create(harness.dataSource())).verify();
            assertThat(audit.intact()).as(audit.problem()).isTrue();
        }
    }
}
