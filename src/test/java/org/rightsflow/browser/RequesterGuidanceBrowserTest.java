package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The requester journeys of a newcomer, in Chromium: CORRECT with a picked field and a mistyped value, back and
 * resubmit filing nothing twice (en, 1280 px); the email's link opening the status in a second browser, and the lock
 * after too many wrong codes (zh-CN, 375 px); the download page while the link works (en, 1280 px) and once it is
 * used up (zh-CN, 375 px). Screenshots under target/screenshots/ named after each step.
 */
class RequesterGuidanceBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DownloadService downloads;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void correctBackResubmitTheEmailsLinkOnASecondBrowserAndTheLock() throws Exception {
        String email = "browser-correct-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String base = "http://localhost:" + port;
        String reference;
        try (Browser desk = new Browser("correct-en-1280", 1280, 900)) {
            desk.journey(() -> {
                desk.open(base + "/privacy/request/CORRECT?lang=en");
                desk.type(By.id("accountEmail"), email);
                new Select(desk.visible(By.id("field0"))).selectByValue("securityPhone");
                assertThat(desk.driver.findElement(By.id("value0")).getAttribute("type")).as("a phone keypad")
                        .isEqualTo("tel");
                assertThat(desk.driver.findElement(By.id("value0-hint")).getText()).contains("country code");
                desk.type(By.id("value0"), "call me");
                desk.screenshot("correct-field-picked");
                desk.click(By.id("submit"));
                assertThat(desk.visible(By.id("problem-summary")).getText())
                        .contains("Security phone number: please enter a phone number");
                assertThat(desk.driver.findElement(By.id("value0")).getAttribute("value")).isEqualTo("call me");
                assertThat(new Select(desk.driver.findElement(By.id("field0"))).getFirstSelectedOption()
                        .getAttribute("value")).isEqualTo("securityPhone");
                desk.screenshot("correct-mistyped-field");
                desk.type(By.id("value0"), "+86 138 0000 0077");
                desk.click(By.id("submit"));
                desk.visible(By.id("verify-form"));
                String verifyUrl = desk.driver.getCurrentUrl();
                desk.screenshot("correct-filed-verify");

                // Back, and send the same form again: the page names the request already filed; nothing new is filed.
                // (one step back is the answer to the mistyped post, which Chromium offers to send again; two is the form)
                desk.driver.navigate().back();
                desk.driver.navigate().back();
                assertThat(desk.visible(By.id("already-filed")).getText()).contains("already filed request");
                desk.screenshot("correct-back-already-filed");
                desk.type(By.id("accountEmail"), email);
                new Select(desk.visible(By.id("field0"))).selectByValue("securityPhone");
                desk.type(By.id("value0"), "+86 138 0000 0077");
                desk.click(By.id("submit"));
                desk.visible(By.id("verify-form"));
                assertThat(desk.driver.getCurrentUrl()).isEqualTo(verifyUrl);
                assertThat(jdbc.queryForObject("select count(*) from rights_request where account_email = ?",
                        Integer.class, email)).as("one request for back and resubmit").isEqualTo(1);
                desk.screenshot("correct-resubmit-same-request");
            });
            reference = desk.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
        }

        // The acknowledgement's link, opened on a phone that never saw the request, in Chinese.
        Matcher link = Pattern.compile("https?://[^/\\s]+(/privacy/status/\\S+/open/[A-Za-z0-9_-]+)")
                .matcher(mailbox.awaitOne(email, "ACKNOWLEDGEMENT", reference).body());
        assertThat(link.find()).isTrue();
        String code = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
        String wrong = code.equals("000000") ? "111111" : "000000";
        try (Browser phone = new Browser("status-link-zh-375", 375, 812)) {
            phone.journey(() -> {
                phone.open(base + "/privacy?lang=zh-CN");
                phone.open(base + link.group(1));
                assertThat(phone.driver.getCurrentUrl()).isEqualTo(base + "/privacy/status/" + reference);
                assertThat(phone.visible(By.id("status-current")).getAttribute("data-situation")).isEqualTo("CODES");
                assertThat(phone.driver.findElement(By.id("status-next")).getText()).contains("下一步：请输入");
                phone.screenshot("status-opened-from-email-link");
                phone.click(By.cssSelector("a.button[href$='/verify']"));
                assertThat(phone.visible(By.id("code-hint")).getText()).contains("邮件");
                for (int i = 0; i < 5; i++) {
                    phone.type(By.id("code"), wrong);
                    phone.click(By.id("submit"));
                    phone.visible(By.id("error-summary"));
                }
                assertThat(phone.driver.findElements(By.id("verify-form"))).as("no code box after the lock").isEmpty();
                assertThat(phone.driver.findElements(By.id("resend"))).isEmpty();
                phone.screenshot("verify-locked");
                phone.open(base + "/privacy/status/" + reference);
                assertThat(phone.visible(By.id("status-current")).getText()).isEqualTo("我们的工作人员将核实您的身份");
                assertThat(phone.driver.findElements(By.cssSelector("a.button[href$='/verify']"))).as("no link to enter a code").isEmpty();
                phone.screenshot("status-staff-verifies");
            });
        }
    }

    @Test
    void theDownloadPageWhileTheLinkWorksAndOnceItIsUsedUp() throws Exception {
        String base = "http://localhost:" + port;
        Api.Response filed = new Api(port).post("/api/requests", Api.json(Map.of("type", "ACCESS",
                "accountEmail", "browser-download-" + System.nanoTime() + "@example.com", "language", "zh-CN")));
        String reference = filed.json().get("reference").asText();
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                reference);
        String url = downloads.publish(downloads.store(requestId, "ACCESS_REPORT", "access-report.html", "text/html",
                "<html>report</html>".getBytes(StandardCharsets.UTF_8))).url();
        String token = url.substring(url.lastIndexOf('/') + 1);
        try (Browser desk = new Browser("download-en-1280", 1280, 900)) {
            desk.journey(() -> {
                desk.open(base + "/privacy/downloads/" + token + "?lang=en");
                assertThat(desk.visible(By.id("download-state")).getText()).contains("3 more time(s)");
                assertThat(desk.driver.findElement(By.id("download-what")).getText()).contains("HTML");
                desk.screenshot("download-page-ready");
            });
        }
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/api/downloads/" + token)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        try (Browser phone = new Browser("download-used-up-zh-375", 375, 812)) {
            phone.journey(() -> {
                phone.open(base + "/privacy/downloads/" + token);
                assertThat(phone.visible(By.id("download-state")).getAttribute("data-state")).isEqualTo("USED_UP");
                assertThat(phone.driver.findElement(By.tagName("h1")).getText()).isEqualTo("此链接已失效");
                assertThat(phone.driver.findElements(By.id("download"))).isEmpty();
                phone.screenshot("download-used-up");
            });
        }
    }
}
