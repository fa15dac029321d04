package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rightsflow.operations.evidence.EvidencePackVerifier;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.GeneratedHistory;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The privacy team's pages in a real browser, on a generated history: an officer signs in, finds the most overdue
 * request from the dashboard's overdue card, opens its timeline and downloads its evidence pack (which verifies); the
 * dashboard's charts are drawn by the Chart.js the application serves; an auditor opens the statistics report; every
 * page in zh-CN and en, and readable on a 375 px phone without scrolling sideways. Screenshots under
 * target/screenshots/staff-*.
 */
class StaffOperationsBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void signIn(Browser browser, String user, String next) {
        browser.open(base() + next);
        LinkedHashMap<By, String> fields = new LinkedHashMap<>();
        fields.put(By.id("username"), user);
        fields.put(By.id("password"), user);
        browser.fill(fields);
        browser.screenshot("sign-in-" + user);
        browser.click(By.id("sign-in"));
        browser.visible(By.id("signed-in-user"));
    }

    @Test
    void anOfficerFindsAnOverdueRequestFromTheDashboardOpensItsTimelineAndDownloadsItsEvidencePack() throws Exception {
        GeneratedHistory.ensure(jdbc, 3000);
        String email = "browser-overdue-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Overdue Holder").legalHold().insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
        requester.awaitStatus(filed, "IN_REVIEW");
        // the oldest promise of all: first on the overdue list sorted by due date (older than any open request other
        // classes of the suite left, some of which are dated decades back)
        jdbc.update("update rights_request set due_at = least(now() - interval '400 days', (select min(due_at) - interval"
                + " '1 day' from rights_request where status in ('RECEIVED','AWAITING_VERIFICATION','IN_REVIEW',"
                + "'IN_PROGRESS','WAITING_FOR_REQUESTER'))) where reference = ?", filed.reference());

        try (Browser officer = new Browser("staff-officer", 1280, 900)) {
            officer.journey(() -> {
                signIn(officer, "officer", "/staff/login?next=/staff/dashboard");
                assertThat(officer.driver.getCurrentUrl()).endsWith("/staff/dashboard");
                assertThat(officer.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
                assertThat(officer.visible(By.tagName("h1")).getText()).isEqualTo("概览");
                awaitChartsDrawn(officer);
                long overdue = Long.parseLong(officer.visible(By.cssSelector("#card-overdue .figure")).getText());
                assertThat(overdue).isEqualTo(jdbc.queryForObject("select count(*) from rights_request where status in"
                        + " ('RECEIVED','AWAITING_VERIFICATION','IN_REVIEW','IN_PROGRESS','WAITING_FOR_REQUESTER')"
                        + " and due_at < now()", Long.class));
                officer.screenshot("dashboard-zh-CN");

                officer.click(By.id("card-overdue"));
                WebElement first = officer.visible(By.cssSelector("#register-table tbody tr"));
                assertThat(first.getAttribute("data-reference")).isEqualTo(filed.reference());
                assertThat(first.getText()).contains("已逾期");
                assertThat(officer.visible(By.id("result-count")).getText()).contains(Long.toString(overdue));
                officer.screenshot("overdue-register-zh-CN");

                first.findElement(By.tagName("a")).click();
                assertThat(officer.visible(By.id("reference")).getText()).isEqualTo(filed.reference());
                assertThat(officer.visible(By.id("standing")).getText()).isEqualTo("已逾期");
                assertThat(officer.driver.findElements(By.cssSelector(".tasklist-link"))).isNotEmpty();
                assertThat(officer.driver.findElements(By.cssSelector(".cockpit-link"))).isNotEmpty();
                assertThat(officer.visible(By.id("timeline")).getText()).contains("IN_REVIEW");
                assertThat(officer.visible(By.id("audit-verdict")).getAttribute("class")).isEqualTo("notice");
                assertThat(officer.driver.getPageSource()).doesNotContain(email);
                officer.screenshot("timeline-zh-CN");

                officer.click(By.id("evidence-pack"));
                Path pack = awaitDownload(officer.downloads, "evidence-" + filed.reference() + ".zip");
                EvidencePackVerifier.Result verified = EvidencePackVerifier.verify(Files.readAllBytes(pack), null);
                assertThat(verified.problems()).isEmpty();
                assertThat(verified.reference()).isEqualTo(filed.reference());
                officer.screenshot("evidence-downloaded");

                officer.open(base() + "/staff/requests/" + filed.reference() + "?lang=en");
                assertThat(officer.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
                assertThat(officer.visible(By.id("standing")).getText()).isEqualTo("overdue");
                assertThat(officer.visible(By.id("extend-form")).getText()).contains("Extend the deadline");
                officer.screenshot("timeline-en");
                officer.open(base() + "/staff/dashboard");
                assertThat(officer.visible(By.tagName("h1")).getText()).isEqualTo("Dashboard");
                awaitChartsDrawn(officer);
                officer.screenshot("dashboard-en");
            });
        }
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action ="
                + " 'EVIDENCE_PACK_DOWNLOADED' and actor = 'officer'", Long.class, filed.reference())).isEqualTo(1);
    }

    @Test
    void anAuditorOpensTheStatisticsReportInBothLanguages() throws Exception {
        GeneratedHistory.ensure(jdbc, 3000);
        try (Browser auditor = new Browser("staff-auditor", 1280, 900)) {
            auditor.journey(() -> {
                signIn(auditor, "auditor", "/staff/login?next=/staff/report");
                assertThat(auditor.visible(By.tagName("h1")).getText()).isEqualTo("统计报告");
                String from = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(6).toString();
                String to = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
                auditor.driver.executeScript("document.getElementById('r-from').value = arguments[0];"
                        + "document.getElementById('r-to').value = arguments[1];", from, to);
                auditor.click(By.id("show-report"));
                WebElement all = auditor.visible(By.cssSelector("#report-table tr[data-type='ALL']"));
                assertThat(Long.parseLong(all.findElement(By.cssSelector(".received")).getText())).isGreaterThanOrEqualTo(3000);
                assertThat(auditor.driver.findElement(By.id("report-csv")).getAttribute("href"))
                        .contains("/staff/report.csv?from=" + from + "&to=" + to);
                assertThat(auditor.driver.findElements(By.id("extend-form"))).isEmpty();
                auditor.screenshot("report-zh-CN");
                auditor.open(auditor.driver.getCurrentUrl() + "&lang=en");
                assertThat(auditor.visible(By.tagName("h1")).getText()).isEqualTo("Statistics report");
                assertThat(auditor.visible(By.id("report-grounds")).getText()).contains("LEGAL_OBLIGATION");
                auditor.screenshot("report-en");
                auditor.open(base() + "/staff/report?from=2026-02-30&to=2026-03-01");
                assertThat(auditor.visible(By.id("filter-error")).getText()).contains("BAD_DATE");
                auditor.screenshot("report-bad-date-en");
            });
        }
    }

    @Test
    void theStaffPagesAreReadableOnAPhoneInBothLanguages() throws Exception {
        GeneratedHistory.ensure(jdbc, 3000);
        String reference = jdbc.queryForObject("select reference from rights_request where account_email like ?"
                + " order by received_at limit 1", String.class, "%" + GeneratedHistory.EMAIL_DOMAIN);
        try (Browser phone = new Browser("staff-phone", 375, 812)) {
            phone.journey(() -> {
                signIn(phone, "officer", "/staff/login?next=/staff/dashboard");
                for (String language : List.of("zh-CN", "en")) {
                    for (String page : List.of("/staff/dashboard", "/staff/requests?standing=OVERDUE&sort=due",
                            "/staff/requests/" + reference, "/staff/report")) {
                        phone.open(base() + page + (page.contains("?") ? "&" : "?") + "lang=" + language);
                        assertThat(phone.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
                        Number width = (Number) phone.script("return document.documentElement.scrollWidth;");
                        assertThat(width.intValue()).as(page + " " + language + " fits 375 px").isLessThanOrEqualTo(375);
                        phone.screenshot(language + page.replaceAll("[^a-z]+", "-"));
                    }
                }
            });
        }
    }

    private static void awaitChartsDrawn(Browser browser) {
        browser.wait.until(d -> d.findElements(By.cssSelector("canvas[data-drawn='true']")).size() == 5);
    }

    private static Path awaitDownload(Path folder, String name) {
        Path file = folder.resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Stream<Path> files = Files.list(folder)) {
                return Files.exists(file) && files.noneMatch(p -> p.toString().endsWith(".crdownload"));
            }
        });
        return file;
    }
}
