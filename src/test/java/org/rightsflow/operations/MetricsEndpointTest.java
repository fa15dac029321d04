package org.rightsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rightsflow.operations.metrics.ConnectorMetrics;
import org.rightsflow.operations.metrics.RightsflowMetrics;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /actuator/prometheus} as a Prometheus server scrapes it: only for the groups that may read metrics, and
 * with figures that are the database's (every node the same). How the figures agree with the register, the dashboard
 * and the report on a generated history is {@code OperationsFiguresAgreeTest}.
 */
class MetricsEndpointTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RightsflowMetrics metrics;
    @Autowired
    ConnectorMetrics connectorMetrics;

    private String scrape() {
        return PrometheusText.scrape(port, "prometheus");
    }

    @Test
    void onlyTheGroupsThatReadMetricsMayScrape() {
        StaffHttp.Response anonymous = StaffHttp.anonymous(port).get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(StaffHttp.anonymous(port).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(StaffHttp.as(port, "nosuchuser", "wrong").get("/actuator/prometheus").status()).isEqualTo(401);
        for (String refused : new String[] {"intake", "legal", "operator"}) {
            StaffHttp.Response response = StaffHttp.as(port, refused).get("/actuator/prometheus");
            assertThat(response.status()).as(refused).isEqualTo(403);
            assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
        }
        for (String allowed : new String[] {"prometheus", "officer", "auditor", "admin"}) {
            assertThat(PrometheusText.scrape(port, allowed)).as(allowed).contains("rightsflow_requests_open");
        }
        assertThat(StaffHttp.anonymous(port).get("/actuator/health").status()).as("health stays open").isEqualTo(200);
    }

    @Test
    void requestFiguresAreTheDatabasesAndAnAnswerIsObservedInTheHistogram() {
        String email = "metrics-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Metrics Account").insert(jdbc);
        double answeredBefore = PrometheusText.sum(scrape(), "rightsflow_request_answer_days_count",
                "type", "ACCESS", "outcome", "COMPLETED");
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
        requester.awaitStatus(filed, "COMPLETED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            metrics.refreshNow();
            String text = scrape();
            assertThat(PrometheusText.sum(text, "rightsflow_request_answer_days_count", "type", "ACCESS",
                    "outcome", "COMPLETED")).isEqualTo(answeredBefore + 1);
            assertThat(PrometheusText.sum(text, "rightsflow_requests_filed_total"))
                    .isEqualTo(count("select count(*) from rights_request"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests_filed_total", "type", "ACCESS"))
                    .isEqualTo(count("select count(*) from rights_request where request_type = 'ACCESS'"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests", "status", "COMPLETED"))
                    .isEqualTo(count("select count(*) from rights_request where status = 'COMPLETED'"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests_open")).isEqualTo(count("""
                    select count(*) from rights_request where status not in
                    ('COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED', 'CLOSED_UNVERIFIED', 'WITHDRAWN')"""));
            assertThat(PrometheusText.sum(text, "rightsflow_verification_codes_sent_total", "channel", "EMAIL"))
                    .isEqualTo(count("select count(*) from verification_code where channel = 'EMAIL'"));
            assertThat(PrometheusText.sum(text, "rightsflow_verification_codes_failed_total"))
                    .isEqualTo(count("select count(*) from verification_attempt where success = false"));
            assertThat(PrometheusText.sum(text, "rightsflow_outbox_failed"))
                    .isEqualTo(count("select count(*) from notice_outbox where failed_at is not null"));
        });
        String text = scrape();
        // every series is there from the start (zeros rather than gaps in a dashboard)
        assertThat(PrometheusText.sum(text, "rightsflow_request_answer_days_bucket", "type", "ACCESS",
                "outcome", "COMPLETED", "le", "15.0")).isGreaterThanOrEqualTo(1);
        assertThat(PrometheusText.sum(text, "rightsflow_request_answer_days_count", "type", "TRANSFER",
                "outcome", "REFUSED")).isGreaterThanOrEqualTo(0);
        assertThat(PrometheusText.sum(text, "rightsflow_refusals_total", "ground", "TRADE_SECRET"))
                .isEqualTo(count("select count(*) from request_ground where ground = 'TRADE_SECRET'"));
        assertThat(PrometheusText.sum(text, "rightsflow_engine_incidents", "type", "failedJob")).isGreaterThanOrEqualTo(0);
        assertThat(PrometheusText.sum(text, "rightsflow_engine_jobs_executable")).isGreaterThanOrEqualTo(0);
        assertThat(PrometheusText.sum(text, "rightsflow_outbox_oldest_pending_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(PrometheusText.sum(text, "rightsflow_verification_locked_total")).isEqualTo(
                count("select count(*) from rights_request where manual_verification_reason = 'LOCKED'"));
    }

    @Test
    void connectorCallsAreCountedBySystemAndOutcome() {
        String system = "metrics-test-system";
        assertThat(connectorMetrics.call(system, "READ", () -> 42)).isEqualTo(42);
        try {
            connectorMetrics.run(system, "ERASE", () -> {
                throw new IllegalStateException("the system is down");
            });
        } catch (IllegalStateException expected) {
            // rethrown as it was
        }
        String text = scrape();
        assertThat(PrometheusText.sum(text, "rightsflow_connector_calls_seconds_count", "system", system,
                "outcome", "success")).isEqualTo(1);
        assertThat(PrometheusText.sum(text, "rightsflow_connector_calls_seconds_count", "system", system,
                "operation", "ERASE", "outcome", "failure")).isEqualTo(1);
    }

    private double count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
