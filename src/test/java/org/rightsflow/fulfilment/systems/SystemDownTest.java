package org.rightsflow.fulfilment.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.DatabaseConnections;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A system whose own database goes down (the billing system's PostgreSQL database stops taking connections): its
 * step of a request fails, is retried and becomes an incident in Cockpit that names the system; the requester is told
 * which part is pending (the system and its categories, "not completed"), never that the request is completed, and
 * staff are told; health shows the system DOWN. Once the database is back and an operator retries the incident, the
 * request completes. The database is down for a few seconds only (other classes share it).
 */
class SystemDownTest extends PostgresIntegrationTest {

    private static final String BILLING = "billing-system";

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
    DatabaseConnections connections;
    @Autowired
    SystemStepNotices notices;

    @Test
    void aSystemThatIsDownStopsInAnIncidentAndTheRequesterIsToldWhatIsPendingNeverCompleted() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "lin.qiaoyun.down." + System.nanoTime() + "@example.com";
        TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);
        HikariDataSource billingPool = (HikariDataSource) connections.dataSource("billing").orElseThrow();
        long timeout = billingPool.getConnectionTimeout();

        RequesterJourney.Filed filed;
        Job failing;
        try {
            // a step waits this long for a connection before it fails: short, so that the test is
            billingPool.getHikariConfigMXBean().setConnectionTimeout(250);
            billingDatabase(false);
            filed = journey.fileAndVerify("ACCESS", email, email, null);
            ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, filed.reference(), "Nothing withholds this request.");

            // the job executor's first attempt fails; the retries (minutes apart) are run now, as time would
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> billingJob(filed.reference()) != null
                            && billingJob(filed.reference()).getExceptionMessage() != null);
            failing = billingJob(filed.reference());
            while (management.createJobQuery().jobId(failing.getId()).singleResult().getRetries() > 0) {
                try {
                    management.executeJob(failing.getId());
                } catch (RuntimeException expected) {
                    // the billing database cannot be reached
                }
            }

            Incident incident = runtime.createIncidentQuery().processInstanceId(failing.getProcessInstanceId())
                    .singleResult();
            assertThat(incident).as("an incident in Cockpit").isNotNull();
            assertThat(runtime.getVariable(failing.getProcessInstanceId(), SystemStepModel.SYSTEM_ID))
                    .as("Cockpit shows the system the incident belongs to").isEqualTo(BILLING);
            Api.Response health = api.get("/actuator/health/systems");
            assertThat(health.status()).as("the application itself works").isEqualTo(200);
            assertThat(health.text()).contains("\"status\":\"DEGRADED\"", "\"" + BILLING + "\":\"DOWN\"")
                    .doesNotContain("jdbc:");
        } finally {
            billingDatabase(true);
            billingPool.getHikariConfigMXBean().setConnectionTimeout(timeout);
        }

        Mailbox.Mail pending = mailbox.awaitOne(email, "PART_PENDING", filed.reference());
        assertThat(pending.body()).contains("Billing system", "Payment data", "Billing data", "Invoice data",
                "This part is not completed").doesNotContain("Account system");
        assertThat(journey.status(filed)).as("never completed while a system's part is pending")
                .isNotIn("COMPLETED", "PARTIALLY_COMPLETED");
        assertThat(mailbox.of(email, "RESULT_COMPLETED", filed.reference())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from notice_outbox where request_id = (select id from"
                + " rights_request where reference = ?) and kind = 'STAFF_SYSTEM_STEP_INCIDENT'", Integer.class,
                filed.reference())).as("staff are told too").isEqualTo(1);
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        assertThat(notices.staffRows(requestId, Locale.ENGLISH))
                .extracting(r -> r.system() + "/" + r.state())
                .contains("Billing system/STALLED", "Account system/DONE");

        // the database is back: health says so, and an operator retries the incident
        // (the pool opens new connections to it within moments)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/actuator/health/systems").text().contains("\"status\":\"UP\""));
        management.setJobRetries(failing.getId(), 1);
        management.setJobDuedate(failing.getId(), new java.util.Date()); // Cockpit's "retry now"
        journey.awaitStatus(filed, "COMPLETED");
        assertThat(mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference()).body())
                .containsPattern("Billing system: \\d+ records found");
        assertThat(mailbox.of(email, "PART_PENDING", filed.reference())).as("told once").hasSize(1);
    }

    /** The job of the billing system's step of the request (its connector's run). */
    private Job billingJob(String reference) {
        List<String> steps = runtime.createProcessInstanceQuery().processDefinitionKey(SystemStepModel.PROCESS_ID)
                .processInstanceBusinessKey(reference).list().stream()
                .filter(p -> BILLING.equals(runtime.getVariable(p.getId(), SystemStepModel.SYSTEM_ID)))
                .map(p -> p.getId()).toList();
        return steps.isEmpty() ? null : management.createJobQuery().processInstanceId(steps.get(0))
                .activityId(SystemStepModel.TASK_RUN_CONNECTOR).singleResult();
    }

    /** Stops (or starts again) the billing database taking connections, and drops the ones it has. */
    private static void billingDatabase(boolean up) {
        JdbcTemplate server = new JdbcTemplate(TestInfrastructure.postgres().getPostgresDatabase());
        server.execute("alter database billing allow_connections " + up);
        if (!up) {
            server.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'billing'"
                    + " and pid <> pg_backend_pid()");
        }
    }
}
