package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9, item 2: two application nodes (separate JVMs, separate ports, job executors on both) on one PostgreSQL.
 * 500 requests filed on both nodes all complete, no job runs twice (no duplicate notice or audit entry), and when one
 * node is killed the other finishes its work.
 */
class ClusterIT {

    private static final int REQUESTS = 500;

    @Test
    void twoNodesShareTheWorkAndOneFinishesWhenTheOtherDies() throws Exception {
        ReliabilityHarness harness = new ReliabilityHarness("cluster");
        int portA = TestInfrastructure.freePort();
        int portB = TestInfrastructure.freePort();
        try (AppNode a = new AppNode("cluster-a", portA, harness.environment(portA), ReliabilityHarness.arguments());
             AppNode b = new AppNode("cluster-b", portB, harness.environment(portB), ReliabilityHarness.arguments())) {
            a.start();
            b.start();
            List<AppNode> both = List.of(a, b);
            List<AppNode> survivor = List.of(a);
            List<ReliabilityHarness.Tracked> requests = new ArrayList<>();
            Instant started = Instant.now();
            int doneWhenKilled = -1;
            for (int i = 0; i < REQUESTS; i++) {
                List<AppNode> live = b.isRunning() ? both : survivor;
                requests.add(harness.file(live, i));
                if (i % 25 == 0) {
                    int done = harness.advance(live, requests);
                    if (i >= REQUESTS / 2 && b.isRunning()) {
                        doneWhenKilled = done;
                        b.kill(); // node B dies with work in flight (its locked jobs, claimed notices); A must finish it
                    }
                }
            }
            int done = harness.advance(survivor, requests);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
            while (done < REQUESTS && Instant.now().isBefore(deadline)) {
                Thread.sleep(300);
                done = harness.advance(survivor, requests);
            }
            JdbcTemplate jdbc = new JdbcTemplate(harness.dataSource());
            System.out.println("Cluster: " + REQUESTS + " requests on 2 nodes, " + doneWhenKilled
                    + " final when node B was killed halfway through filing, " + done + " final at the end, in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            assertThat(requests).allMatch(r -> ReliabilityHarness.TERMINAL.contains(r.status),
                    "every request reaches its final state");

            harness.awaitOutboxDrained(Duration.ofSeconds(60));
            Map<String, List<String>> deliveries = harness.deliveriesByNotice();
            long duplicateNotices = deliveries.values().stream().filter(ids -> ids.stream().distinct().count() > 1).count();
            long repeatedDeliveries = deliveries.values().stream().mapToLong(ids -> ids.size() - 1).sum();
            System.out.println("Cluster: " + deliveries.size() + " notices, " + duplicateNotices + " created twice, "
                    + repeatedDeliveries + " deliveries repeated");
            assertThat(duplicateNotices).as("no notice is created twice").isZero();
            assertThat(repeatedDeliveries).as("only a send cut off by the kill may repeat").isLessThanOrEqualTo(1);
            harness.awaitAuditChained(Duration.ofSeconds(60));
            assertThat(jdbc.queryForList("""
                    select reference, action, count(*) from audit_entry
                    where action in ('REQUEST_FILED', 'IDENTITY_VERIFIED', 'FULFILMENT_STARTED', 'WITHDRAWN',
                                     'REQUEST_COMPLETED', 'ACKNOWLEDGED', 'ACCESS_REPORT_BUILT', 'DOWNLOAD_PUBLISHED')
                    group by reference, action having count(*) > 1""")).as("no job ran twice").isEmpty();
            AuditVerifier.Result audit = new AuditVerifier(JdbcClient.create(harness.dataSource())).verify();
            assertThat(audit.intact()).as(audit.problem()).isTrue();
        }
    }
}
