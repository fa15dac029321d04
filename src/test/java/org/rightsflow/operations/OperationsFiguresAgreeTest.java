package org.rightsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rightsflow.operations.metrics.RightsflowMetrics;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.GeneratedHistory;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On a generated history (3,000 requests of every right and outcome over six months, some answered late, some open
 * and overdue, refusals with grounds), the register's counts, the dashboard's numbers, the statistics report's CSV and
 * the metrics agree with each other and with direct SQL, where medians and means come from PostgreSQL's own
 * {@code percentile_cont} and {@code avg}. Other tests' requests are in the same database and jobs may still move
 * them, so each comparison is retried until one moment's figures agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsFiguresAgreeTest extends PostgresIntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String OPEN = "('RECEIVED', 'AWAITING_VERIFICATION', 'IN_REVIEW', 'IN_PROGRESS', 'WAITING_FOR_REQUESTER')";
    /** Every right the product takes, in the report's row order (rights added later included). */
    private static final String[] TYPES = Arrays.stream(RequestType.values())
            .map(Enum::name).toArray(String[]::new);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RightsflowMetrics metrics;

    @BeforeAll
    void history() {
        assertThat(GeneratedHistory.ensure(jdbc, 3000)).isGreaterThanOrEqualTo(3000);
        assertThat(sql("select count(*) from rights_request where status in " + OPEN + " and due_at < now()"))
                .as("the history has overdue requests").isGreaterThan(100);
    }

    private long sql(String query, Object... args) {
        return jdbc.queryForObject(query, Long.class, args);
    }

    private static <T> void agree(Runnable check) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(check::run);
    }

    @Test
    void theRegisterCountsWhatSqlCounts() {
        StaffHttp officer = StaffHttp.as(port, "officer");
        agree(() -> {
            assertThat(officer.get("/staff/api/requests?size=1").json().get("total").asLong())
                    .isEqualTo(sql("select count(*) from rights_request"));
            for (String status : new String[] {"COMPLETED", "REFUSED", "IN_REVIEW", "CLOSED_UNVERIFIED"}) {
                assertThat(officer.get("/staff/api/requests?size=1&status=" + status).json().get("total").asLong())
                        .as(status).isEqualTo(sql("select count(*) from rights_request where status = ?", status));
            }
            long overdue = sql("select count(*) from rights_request where status in " + OPEN + " and due_at < now()");
            assertThat(officer.get("/staff/api/requests?size=1&overdue=true").json().get("total").asLong()).isEqualTo(overdue);
            assertThat(officer.get("/staff/api/requests?size=1&standing=OVERDUE").json().get("total").asLong()).isEqualTo(overdue);
            long provisional = sql("select count(*) from rights_request where due_date_provisional");
            assertThat(provisional).as("the history has provisional due dates").isPositive();
            assertThat(officer.get("/staff/api/requests?size=1&provisional=true").json().get("total").asLong())
                    .isEqualTo(provisional);
            assertThat(officer.get("/staff/api/requests?size=1&type=DELETE&standing=OVERDUE").json().get("total").asLong())
                    .isEqualTo(sql("select count(*) from rights_request where request_type = 'DELETE' and status in "
                            + OPEN + " and due_at < now()"));
        });
        LocalDate from = LocalDate.now(SHANGHAI).minusDays(60);
        LocalDate to = LocalDate.now(SHANGHAI).minusDays(30);
        agree(() -> assertThat(officer.get("/staff/api/requests?size=1&receivedFrom=" + from + "&receivedTo=" + to)
                .json().get("total").asLong()).isEqualTo(sql("select count(*) from rights_request where received_at >= ? and received_at < ?",
                java.sql.Timestamp.from(start(from)), java.sql.Timestamp.from(start(to.plusDays(1))))));
        JsonNode page = officer.get("/staff/api/requests?standing=OVERDUE&sort=due&size=100&page=2").json();
        assertThat(page.get("rows")).hasSize((int) Math.min(100, Math.max(0, page.get("total").asLong() - 100)));
        page.get("rows").forEach(row -> assertThat(row.get("standing").asText()).isEqualTo("OVERDUE"));
    }

    @Test
    void theDashboardShowsWhatSqlCounts() {
        StaffHttp auditor = StaffHttp.as(port, "auditor");
        agree(() -> {
            JsonNode dashboard = auditor.get("/staff/api/dashboard").json();
            long open = sql("select count(*) from rights_request where status in " + OPEN);
            long overdue = sql("select count(*) from rights_request where status in " + OPEN + " and due_at < now()");
            long dueSoon = sql("select count(*) from rights_request where status in " + OPEN
                    + " and due_at >= now() and due_at < now() + interval '3 days'");
            assertThat(dashboard.at("/daysLeft/overdue").asLong()).isEqualTo(overdue);
            assertThat(dashboard.at("/daysLeft/dueSoon").asLong()).isEqualTo(dueSoon);
            assertThat(dashboard.at("/daysLeft/onTime").asLong()).isEqualTo(open - overdue - dueSoon);
            assertThat(dashboard.at("/openByStatus/IN_REVIEW").asLong())
                    .isEqualTo(sql("select count(*) from rights_request where status = 'IN_REVIEW'"));
            assertThat(dashboard.at("/daysLeftByType/COPY/overdue").asLong()).isEqualTo(sql(
                    "select count(*) from rights_request where request_type = 'COPY' and status in " + OPEN + " and due_at < now()"));
            assertThat(dashboard.at("/refusalsByGround/LEGAL_OBLIGATION").asLong())
                    .isEqualTo(sql("select count(*) from request_ground where ground = 'LEGAL_OBLIGATION'"));
            for (JsonNode month : dashboard.get("months")) {
                String m = month.get("month").asText();
                Map<String, Object> expected = jdbc.queryForMap("""
                        select count(*) as received,
                          count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')) as answered,
                          count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED') and closed_at <= due_at) as on_time,
                          percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at) / 86400)
                            filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')) as median
                        from rights_request where to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ?""", m);
                JsonNode all = month.at("/byType/ALL");
                assertThat(all.get("received").asLong()).as(m).isEqualTo(((Number) expected.get("received")).longValue());
                assertThat(all.get("answered").asLong()).as(m).isEqualTo(((Number) expected.get("answered")).longValue());
                assertThat(all.get("onTime").asLong()).as(m).isEqualTo(((Number) expected.get("on_time")).longValue());
                if (expected.get("median") != null) {
                    assertThat(all.get("medianDays").asDouble()).as(m)
                            .isCloseTo(((Number) expected.get("median")).doubleValue(), within(0.0001));
                }
            }
        });
    }

    @Test
    void theReportsCsvCountsWhatSqlCounts() {
        LocalDate from = LocalDate.now(SHANGHAI).minusDays(120);
        LocalDate to = LocalDate.now(SHANGHAI).minusDays(20);
        StaffHttp auditor = StaffHttp.as(port, "auditor");
        agree(() -> {
            StaffHttp.Response csv = auditor.get("/staff/api/statistics.csv?from=" + from + "&to=" + to);
            assertThat(csv.status()).isEqualTo(200);
            List<String> lines = List.of(csv.body().split("\r\n"));
            List<String> header = List.of(lines.get(0).split(","));
            assertThat(lines).hasSize(1 + TYPES.length + 1);
            java.sql.Timestamp start = java.sql.Timestamp.from(start(from));
            java.sql.Timestamp end = java.sql.Timestamp.from(start(to.plusDays(1)));
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = List.of(line.split(",", -1));
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                String right = row.get("right");
                String typeCondition = right.equals("ALL") ? "" : " and request_type = '" + right + "'";
                Map<String, Object> expected = jdbc.queryForMap("""
                        select count(*) as received,
                          count(*) filter (where status = 'COMPLETED') as completed,
                          count(*) filter (where status = 'PARTIALLY_COMPLETED') as partially_completed,
                          count(*) filter (where status = 'REFUSED') as refused,
                          count(*) filter (where status = 'WITHDRAWN') as withdrawn,
                          count(*) filter (where status = 'CLOSED_UNVERIFIED') as closed_unverified,
                          count(*) filter (where status in %s) as open,
                          count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')) as answered,
                          count(*) filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED') and closed_at <= due_at) as answered_on_time,
                          percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at) / 86400)
                            filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')) as median,
                          avg(extract(epoch from closed_at - received_at) / 86400)
                            filter (where status in ('COMPLETED','PARTIALLY_COMPLETED','REFUSED')) as mean
                        from rights_request where received_at >= ? and received_at < ?%s""".formatted(OPEN, typeCondition),
                        start, end);
                for (String column : List.of("received", "completed", "partially_completed", "refused", "withdrawn",
                        "closed_unverified", "open", "answered", "answered_on_time")) {
                    assertThat(Long.parseLong(row.get(column))).as(right + " " + column)
                            .isEqualTo(((Number) expected.get(column)).longValue());
                }
                if (expected.get("median") != null) {
                    assertThat(Double.parseDouble(row.get("median_days_to_answer"))).as(right + " median")
                            .isCloseTo(((Number) expected.get("median")).doubleValue(), within(0.05));
                    assertThat(Double.parseDouble(row.get("mean_days_to_answer"))).as(right + " mean")
                            .isCloseTo(((Number) expected.get("mean")).doubleValue(), within(0.05));
                }
                long legalObligation = sql("select count(*) from request_ground g join rights_request r on r.id = g.request_id"
                        + " where g.ground = 'LEGAL_OBLIGATION' and r.received_at >= ? and r.received_at < ?"
                        + typeCondition.replace("request_type", "r.request_type"), start, end);
                assertThat(Long.parseLong(row.get("refused_on_LEGAL_OBLIGATION"))).as(right + " grounds").isEqualTo(legalObligation);
            }
            // the page shows the same total as the CSV
            JsonNode json = auditor.get("/staff/api/statistics?from=" + from + "&to=" + to).json();
            assertThat(json.get("lines").get(TYPES.length).get("received").asLong())
                    .isEqualTo(Long.parseLong(lines.get(lines.size() - 1).split(",")[3]));
        });
        assertThat(auditor.get("/staff/api/statistics?from=2026-13-01&to=2026-12-31").json().get("code").asText())
                .isEqualTo("BAD_DATE");
        assertThat(auditor.get("/staff/api/statistics?from=2026-12-31&to=2026-01-01").json().get("code").asText())
                .isEqualTo("BAD_DATE_RANGE");
        assertThat(auditor.get("/staff/api/statistics?from=2000-01-01&to=2026-01-01").json().get("code").asText())
                .isEqualTo("PERIOD_TOO_LONG");
    }

    @Test
    void theMetricsReportWhatSqlCounts() {
        agree(() -> {
            metrics.refreshNow();
            String text = PrometheusText.scrape(port, "prometheus");
            assertThat(PrometheusText.sum(text, "rightsflow_requests_overdue")).isEqualTo(
                    (double) sql("select count(*) from rights_request where status in " + OPEN + " and due_at < now()"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests_open"))
                    .isEqualTo((double) sql("select count(*) from rights_request where status in " + OPEN));
            assertThat(PrometheusText.sum(text, "rightsflow_requests_due_soon")).isEqualTo((double) sql(
                    "select count(*) from rights_request where status in " + OPEN
                            + " and due_at >= now() and due_at < now() + interval '3 days'"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests_overdue", "type", "TRANSFER")).isEqualTo((double) sql(
                    "select count(*) from rights_request where request_type = 'TRANSFER' and status in " + OPEN
                            + " and due_at < now()"));
            assertThat(PrometheusText.sum(text, "rightsflow_refusals_total", "ground", "REPETITIVE"))
                    .isEqualTo((double) sql("select count(*) from request_ground where ground = 'REPETITIVE'"));
            assertThat(PrometheusText.sum(text, "rightsflow_requests", "status", "WITHDRAWN"))
                    .isEqualTo((double) sql("select count(*) from rights_request where status = 'WITHDRAWN'"));
            // and the dashboard says the same at the same moment
            JsonNode dashboard = StaffHttp.as(port, "auditor").get("/staff/api/dashboard").json();
            assertThat(dashboard.at("/daysLeft/overdue").asDouble())
                    .isEqualTo(PrometheusText.sum(text, "rightsflow_requests_overdue"));
        });
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(SHANGHAI).toInstant();
    }
}
