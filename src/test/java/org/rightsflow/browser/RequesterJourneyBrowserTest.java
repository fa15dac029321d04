package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey (a) in a real browser: a requester files a COPY request in the Privacy Center, reads the code from the
 * email that really arrived, verifies in the page, follows the status page with its history and due date, and
 * downloads the package (ZIP) from the download page the DOWNLOAD_READY email links to. The account is the test's
 * own (no sensitive data, no history), so no other test changes its triage.
 *
 * <p>Languages and widths: the journey runs in English on a 1280 px desk; the verification page, the completed
 * status and the download page are also seen in Chinese on a 375 px phone ({@link Browser#alsoSeenAs}), and the
 * home page and the COPY form are PrivacyCenterPagesBrowserTest's in Chinese at 375 px: the journey in both
 * languages at both widths, at the cost of a few page loads instead of a second filing and package (CI time). The
 * Chinese journeys that act on the pages (a wrong code, the lock, a used-up link) are
 * {@link RequesterGuidanceBrowserTest}'s.
 */
class RequesterJourneyBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void aRequesterFilesVerifiesFollowsAndDownloadsInThePrivacyCenter() throws Exception {
        String email = "browser-copy-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Browser Tester").insert(jdbc);
        String base = "http://localhost:" + port;

        try (Browser browser = new Browser("requester-journey", 1280, 900)) {
            browser.open(base + "/privacy?lang=en");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.visible(By.id("right-COPY")).getText()).contains("Get a copy of your personal information");
            browser.screenshot("home-en");

            browser.click(By.cssSelector("#right-COPY a"));
            browser.visible(By.id("request-form"));
            assertThat(browser.driver.getCurrentUrl()).endsWith("/privacy/request/COPY");
            browser.type(By.id("accountEmail"), email);
            browser.screenshot("form-filled");

            // A double click: the second submission carries the same Idempotency-Key and files nothing new.
            browser.script("var f = document.getElementById('request-form');"
                    + "var b = document.getElementById('submit'); b.click(); HTMLFormElement.prototype.submit.call(f);");
            browser.visible(By.id("verify-form"));
            String url = browser.driver.getCurrentUrl();
            Matcher m = Pattern.compile("/privacy/status/(RR-\\d{8}-\\d+)/verify$").matcher(url);
            assertThat(m.find()).as(url).isTrue();
            String reference = m.group(1);
            assertThat(jdbc.queryForObject("select count(*) from rights_request where account_email = ?",
                    Integer.class, email)).as("one request for a double submit").isEqualTo(1);
            assertThat(url).doesNotContain("token").doesNotContain("key=");
            Cookie cookie = browser.driver.manage().getCookieNamed("rf_status_" + reference);
            assertThat(cookie).as("status token kept in a cookie").isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getPath()).isEqualTo("/privacy");
            browser.screenshot("verify-page");
            browser.alsoSeenAs("zh-CN", 375, 812, "verify-page", () -> assertThat(browser.visible(By.id("code-hint"))
                    .getText()).isEqualTo("我们发送到账号登记邮箱的邮件中的 6 位数字"));

            // A wrong code first: the page says so in English, with the attempts left.
            String code = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
            String wrong = code.equals("000000") ? "111111" : "000000";
            browser.type(By.id("code"), wrong);
            browser.click(By.id("submit"));
            assertThat(browser.visible(By.id("error-summary")).getText()).contains("Attempts left: 4");
            browser.screenshot("wrong-code");

            browser.type(By.id("code"), code);
            browser.click(By.id("submit"));
            browser.visible(By.id("status-current"));
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/privacy/status/" + reference);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Request " + reference);
            assertThat(browser.driver.findElement(By.id("status-type")).getText()).isEqualTo("Get a copy of your personal information");
            String due = jdbc.queryForObject("select to_char(due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') "
                    + "from rights_request where reference = ?", String.class, reference);
            assertThat(browser.driver.findElement(By.id("status-due")).getText()).isEqualTo(due + " (Beijing time)");
            assertThat(browser.driver.findElements(By.cssSelector("#history tbody tr")).stream()
                    .map(r -> r.getAttribute("data-status")).toList()).contains("RECEIVED", "AWAITING_VERIFICATION");
            browser.screenshot("status-after-verification");

            // The package is built in the background; the status page shows COMPLETED once the result notice is out.
            Mailbox.Mail ready = mailbox.awaitOne(email, "DOWNLOAD_READY", reference);
            String link = Mailbox.pageLinkIn(ready);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.open(base + "/privacy/status/" + reference);
                return "COMPLETED".equals(browser.visible(By.id("status-current")).getAttribute("data-status"));
            });
            assertThat(browser.driver.findElement(By.id("status-current")).getText()).isEqualTo("Completed");
            assertThat(browser.driver.findElements(By.id("withdraw"))).as("no withdrawal once done").isEmpty();
            browser.screenshot("status-completed");
            browser.alsoSeenAs("zh-CN", 375, 812, "status-completed", () -> {
                assertThat(browser.visible(By.id("status-current")).getText()).isEqualTo("已完成");
                assertThat(browser.driver.findElement(By.id("status-due")).getText()).isEqualTo(due + " (北京时间)");
            });

            // Follow the emailed link: the download page says what the file is; only the button fetches it.
            browser.open(link.replaceFirst("^https?://[^/]+", base));
            assertThat(browser.visible(By.id("download-state")).getAttribute("data-uses-left")).isEqualTo("3");
            assertThat(browser.driver.findElement(By.id("download-what")).getText()).contains(reference, "ZIP");
            browser.screenshot("download-page");
            browser.alsoSeenAs("zh-CN", 375, 812, "download-page", () -> assertThat(browser
                    .visible(By.id("download-what")).getText()).contains(reference, "ZIP 文件"));
            assertThat(browser.visible(By.id("download-state")).getAttribute("data-uses-left"))
                    .as("showing the page spends no use").isEqualTo("3");
            browser.click(By.id("download"));
            Path pkg = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> finishedDownload(browser.downloads), p -> p != null);
            assertThat(pkg.getFileName().toString()).endsWith(".zip");
            List<String> entries = new java.util.ArrayList<>();
            try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(pkg))) {
                for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).contains("index.html");
            assertThat(entries.stream().filter(n -> n.endsWith(".json"))).isNotEmpty();
        }
    }

    private static Path finishedDownload(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> done = files.filter(p -> !p.getFileName().toString().endsWith(".crdownload")
                    && !p.getFileName().toString().startsWith(".")).toList();
            return done.isEmpty() ? null : done.get(0);
        }
    }
}
