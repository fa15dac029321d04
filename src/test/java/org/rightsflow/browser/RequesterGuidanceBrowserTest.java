package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The requester journeys of a newcomer, in Chromium, each in English on a 1280 px desk and in Chinese on a 375 px
 * phone: CORRECT with a picked field (its characters-left counter while typing) and a mistyped value, then back and
 * resubmit filing nothing twice; the acknowledgement's link opening the status in a second browser that never saw the
 * request, then level 2 (the code asked for by its channel) and the lock after too many wrong codes; the download page
 * while the link works, and once it is used up (in the request's language, whatever the browser chose, also when the
 * browser opens the file's own address); the cooling-off email's link to the request's page, whose revoke button asks
 * first. The Chinese pages carry no English sentence. Screenshots under
 * target/screenshots/&lt;journey&gt;-&lt;language&gt;-&lt;width&gt;/ named after each step. The texts expected are the
 * pages' own message bundles in the journey's language.
 *
 * <p>One Chromium session serves every journey (and a second one plays the other device): starting a browser costs
 * seconds of CI time.
 */
class RequesterGuidanceBrowserTest extends PostgresIntegrationTest {

    /** The demo SMS channel's mailbox of the phone on file of every {@link TestAccounts#plain} account. */
    private static final String PLAIN_ACCOUNT_SMS = "sms+8613900000099@demo.invalid";

    private static Browser browser;
    private static Browser otherDevice;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DownloadService downloads;
    @Autowired
    MessageSource messages;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    static Stream<Arguments> languagesAndWidths() {
        return Stream.of(Arguments.of("en", 1280, 900), Arguments.of("zh-CN", 375, 812));
    }

    @BeforeAll
    static void startBrowsers() {
        Browser.assumeAvailable();
        browser = new Browser("requester-guidance", 1280, 900);
        otherDevice = new Browser("requester-guidance-other-device", 375, 812);
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser b : new Browser[] {browser, otherDevice}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("languagesAndWidths")
    void correctWithAPickedFieldAndAMistypedValueThenBackAndResubmitFileOnce(String lang, int width, int height)
            throws Exception {
        String email = "browser-correct-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String base = "http://localhost:" + port;
        browser.nextJourney("correct-" + lang + "-" + width, width, height);
        browser.journey(() -> {
            browser.open(base + "/privacy/request/CORRECT?lang=" + lang);
            browser.type(By.id("accountEmail"), email);
            Select field = new Select(browser.visible(By.id("field0")));
            field.selectByValue("securityPhone");
            WebElement picked = field.getFirstSelectedOption();
            String label = picked.getText();
            assertThat(browser.driver.findElement(By.id("value0")).getAttribute("type")).as("a phone keypad")
                    .isEqualTo("tel");
            assertThat(browser.driver.findElement(By.id("value0-hint")).getText()).as("the picked field's hint")
                    .isEqualTo(picked.getAttribute("data-hint")).contains("+86");
            // a limit shows as characters left while typing, and as too many beyond it: nothing is cut off
            int limit = Integer.parseInt(picked.getAttribute("data-limit"));
            browser.type(By.id("value0"), "x".repeat(limit + 3));
            assertThat(browser.driver.findElement(By.id("value0")).getAttribute("value")).hasSize(limit + 3);
            assertThat(browser.driver.findElement(By.id("value0-counter")).getText())
                    .isEqualTo(text(lang, "limit.over", "{0}").replace("{0}", "3"));
            browser.type(By.id("value0"), "call me");
            assertThat(browser.driver.findElement(By.id("value0-counter")).getText())
                    .isEqualTo(text(lang, "limit.left", "{0}").replace("{0}", Integer.toString(limit - 7)));
            noHorizontalScroll();
            noEnglishSentences(browser, lang);
            browser.screenshot("correct-field-picked");
            browser.click(By.id("submit"));
            assertThat(browser.visible(By.id("problem-summary")).getText()).as("the problem names the field")
                    .contains(text(lang, "problem.phone", label));
            assertThat(browser.driver.findElement(By.id("value0")).getAttribute("value")).isEqualTo("call me");
            assertThat(new Select(browser.driver.findElement(By.id("field0"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo("securityPhone");
            assertThat(lang()).isEqualTo(lang);
            noEnglishSentences(browser, lang);
            browser.screenshot("correct-mistyped-field");
            browser.type(By.id("value0"), "+86 138 0000 0077");
            browser.click(By.id("submit"));
            browser.visible(By.id("verify-form"));
            String verifyUrl = browser.driver.getCurrentUrl();
            String reference = verifyUrl.replaceAll(".*/status/([^/]+)/verify$", "$1");
            noEnglishSentences(browser, lang);
            browser.screenshot("correct-filed-verify");

            // Back, and send the same form again: the page names the request already filed; nothing new is filed.
            // (one step back is the answer to the mistyped post, which Chromium offers to send again; two is the form)
            browser.driver.navigate().back();
            browser.driver.navigate().back();
            assertThat(browser.visible(By.id("already-filed")).getText())
                    .contains(text(lang, "form.alreadyFiled", reference));
            noEnglishSentences(browser, lang);
            browser.screenshot("correct-back-already-filed");
            browser.type(By.id("accountEmail"), email);
            new Select(browser.visible(By.id("field0"))).selectByValue("securityPhone");
            browser.type(By.id("value0"), "+86 138 0000 0077");
            browser.click(By.id("submit"));
            browser.visible(By.id("verify-form"));
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(verifyUrl);
            assertThat(jdbc.queryForObject("select count(*) from rights_request where account_email = ?",
                    Integer.class, email)).as("one request for back and resubmit").isEqualTo(1);
            browser.screenshot("correct-resubmit-same-request");
        });
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("languagesAndWidths")
    void theEmailsLinkOpensTheStatusInASecondBrowserThenTheLevelTwoLock(String lang, int width, int height)
            throws Exception {
        String email = "browser-link-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String base = "http://localhost:" + port;
        // filed elsewhere (here: through the API), so this browser has never seen the request; an account
        // cancellation always needs level 2: a code by email and one by text message to the phone on file
        String reference = new Api(port).post("/api/requests", Api.json(Map.of("type", "CANCEL_ACCOUNT",
                "accountEmail", email, "language", lang))).json().get("reference").asText();
        String link = Mailbox.statusLinkIn(mailbox.awaitOne(email, "ACKNOWLEDGEMENT", reference));
        String emailCode = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
        String smsCode = Mailbox.codeIn(mailbox.awaitOne(PLAIN_ACCOUNT_SMS, "VERIFICATION_SMS", reference));
        String wrong = Stream.of("000000", "111111", "222222").filter(c -> !c.equals(smsCode) && !c.equals(emailCode))
                .findFirst().orElseThrow();

        otherDevice.nextJourney("status-link-level2-" + lang + "-" + width, width, height);
        otherDevice.journey(() -> {
            otherDevice.open(base + "/privacy?lang=" + lang);
            otherDevice.open(base + link);
            assertThat(otherDevice.driver.getCurrentUrl()).as("the link's token is not kept in the address")
                    .isEqualTo(base + "/privacy/status/" + reference);
            assertThat(otherDevice.visible(By.id("status-current")).getAttribute("data-situation")).isEqualTo("CODES");
            assertThat(otherDevice.driver.findElement(By.id("status-next")).getText())
                    .contains(text(lang, "next.CODES"));
            noEnglishSentences(otherDevice, lang);
            otherDevice.screenshot("status-opened-from-email-link");
            otherDevice.click(By.cssSelector("a.button[href$='/verify']"));
            // two codes, either first: the page says so, then asks for the one still missing by its channel
            assertThat(otherDevice.visible(By.id("code-hint")).getText())
                    .isEqualTo(text(lang, "verify.code.hint.EITHER"));
            otherDevice.screenshot("verify-two-codes");
            otherDevice.type(By.id("code"), emailCode);
            otherDevice.click(By.id("submit"));
            assertThat(otherDevice.visible(By.id("pending-factors")).getText())
                    .isEqualTo(text(lang, "verify.pending.SMS"));
            assertThat(otherDevice.driver.findElement(By.id("code-hint")).getText())
                    .isEqualTo(text(lang, "verify.code.hint.SMS"));
            noEnglishSentences(otherDevice, lang);
            otherDevice.screenshot("verify-text-message-code");
            for (int i = 0; i < 5; i++) {
                otherDevice.type(By.id("code"), wrong);
                otherDevice.click(By.id("submit"));
                otherDevice.visible(By.id("error-summary"));
            }
            assertThat(otherDevice.driver.findElements(By.id("verify-form"))).as("no code box after the lock").isEmpty();
            assertThat(otherDevice.driver.findElements(By.id("resend"))).as("no resend after the lock").isEmpty();
            noEnglishSentences(otherDevice, lang);
            otherDevice.screenshot("verify-locked");
            otherDevice.open(base + "/privacy/status/" + reference);
            assertThat(otherDevice.visible(By.id("status-current")).getText())
                    .isEqualTo(text(lang, "now.STAFF_VERIFIES"));
            assertThat(otherDevice.driver.findElement(By.id("status-next")).getText())
                    .as("not 'enter your code' any more").doesNotContain(text(lang, "next.CODES"));
            assertThat(otherDevice.driver.findElements(By.cssSelector("a.button[href$='/verify']")))
                    .as("no link to enter a code").isEmpty();
            noEnglishSentences(otherDevice, lang);
            otherDevice.screenshot("status-staff-verifies");
        });
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("languagesAndWidths")
    void theDownloadPageWhileTheLinkWorksAndOnceItIsUsedUp(String lang, int width, int height) throws Exception {
        String base = "http://localhost:" + port;
        String reference = new Api(port).post("/api/requests", Api.json(Map.of("type", "ACCESS",
                "accountEmail", "browser-download-" + System.nanoTime() + "@example.com", "language", lang)))
                .json().get("reference").asText();
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                reference);
        String url = downloads.publish(downloads.store(requestId, "ACCESS_REPORT", "access-report.html", "text/html",
                "<html>report</html>".getBytes(StandardCharsets.UTF_8))).url();
        String token = url.substring(url.lastIndexOf('/') + 1);
        browser.nextJourney("download-" + lang + "-" + width, width, height);
        browser.journey(() -> {
            browser.open(base + "/privacy/downloads/" + token + "?lang=" + lang);
            assertThat(browser.visible(By.id("download-state")).getAttribute("data-uses-left")).isEqualTo("3");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo(text(lang, "download.title"));
            assertThat(browser.driver.findElement(By.id("download-what")).getText()).contains(reference, "HTML");
            assertThat(browser.driver.findElement(By.id("download"))).isNotNull();
            noHorizontalScroll();
            noEnglishSentences(browser, lang);
            browser.screenshot("download-page-ready");
        });
        assertThat(downloads.linkState(token).orElseThrow().usesLeft()).as("showing the page spends no use")
                .isEqualTo(3);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/api/downloads/" + token)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        String otherLang = lang.equals("en") ? "zh-CN" : "en";
        browser.journey(() -> {
            // the browser now prefers the other language; a used-up link answers in the request's
            browser.open(base + "/privacy?lang=" + otherLang);
            browser.open(base + "/privacy/downloads/" + token);
            assertThat(browser.visible(By.id("download-state")).getAttribute("data-state")).isEqualTo("USED_UP");
            assertThat(lang()).isEqualTo(lang);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo(text(lang, "download.gone.title"));
            assertThat(browser.driver.findElements(By.id("download"))).as("nothing left to download").isEmpty();
            noHorizontalScroll();
            noEnglishSentences(browser, lang);
            browser.screenshot("download-used-up");
            // the file's own address (a tab left open on the page, an older email): the same page, not an error
            browser.open(base + "/api/downloads/" + token);
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/privacy/downloads/" + token);
            assertThat(browser.visible(By.id("download-state")).getAttribute("data-state")).isEqualTo("USED_UP");
            assertThat(lang()).isEqualTo(lang);
            browser.screenshot("download-file-address-used-up");
        });
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("languagesAndWidths")
    void theCoolingOffEmailLeadsToTheRevokeButtonWhichAsksFirst(String lang, int width, int height) throws Exception {
        String email = "browser-revoke-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email); // nothing unpaid, no resources: no blockers, the cooling-off starts at once
        String base = "http://localhost:" + port;
        Api api = new Api(port);
        var filed = api.post("/api/requests", Api.json(Map.of("type", "CANCEL_ACCOUNT", "accountEmail", email,
                "language", lang))).json();
        String reference = filed.get("reference").asText();
        for (String code : List.of(Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference)),
                Mailbox.codeIn(mailbox.awaitOne(PLAIN_ACCOUNT_SMS, "VERIFICATION_SMS", reference)))) {
            assertThat(api.post("/api/requests/" + reference + "/verification", Api.json(Map.of("code", code)),
                    "X-Status-Token", filed.get("statusToken").asText()).status()).isEqualTo(200);
        }
        // the triage sends every cancellation to a privacy officer, who lets it proceed
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        StaffSignIn.as(identity, "officer");
        try {
            tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey("Task_ReviewExemptions").singleResult().getId(), Variables.createVariables()
                    .putValue("decision", "PROCEED").putValue("explanation", "The account holder asks to cancel."));
        } finally {
            identity.clearAuthentication();
        }
        // the cooling-off email leads to the request's page
        String link = Mailbox.statusLinkIn(mailbox.awaitOne(email, "CANCELLATION_COOLING_OFF", reference));

        browser.nextJourney("revocation-" + lang + "-" + width, width, height);
        browser.journey(() -> {
            browser.open(base + "/privacy?lang=" + lang);
            browser.open(base + link);
            assertThat(browser.visible(By.id("status-current")).getText()).isEqualTo(text(lang, "now.COOLING_OFF"));
            noEnglishSentences(browser, lang);
            browser.screenshot("cooling-off-status");
            // revoking asks first; going back changes nothing
            browser.click(By.id("revoke"));
            assertThat(browser.visible(By.tagName("h1")).getText())
                    .isEqualTo(text(lang, "confirm.revocation.title", reference));
            noHorizontalScroll();
            noEnglishSentences(browser, lang);
            browser.screenshot("revocation-confirm");
            browser.click(By.id("keep"));
            assertThat(browser.visible(By.id("status-current")).getAttribute("data-situation"))
                    .isEqualTo("COOLING_OFF");
            assertThat(jdbc.queryForObject("select status from rights_request where reference = ?", String.class,
                    reference)).isEqualTo("WAITING_FOR_REQUESTER");
            browser.click(By.id("revoke"));
            browser.click(By.id("confirm"));
            assertThat(browser.visible(By.cssSelector(".notice")).getText()).isEqualTo(text(lang, "status.revoked"));
            assertThat(browser.driver.findElement(By.id("status-current")).getAttribute("data-status"))
                    .isEqualTo("WITHDRAWN");
            assertThat(browser.driver.findElements(By.id("revoke"))).isEmpty();
            noEnglishSentences(browser, lang);
            browser.screenshot("revoked");
        });
        mailbox.awaitOne(email, "CANCELLATION_REVOKED", reference);
    }

    private String text(String lang, String key, Object... args) {
        return messages.getMessage(key, args, lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
    }

    private static String lang() {
        return browser.driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    /** A Chinese page has no English sentence left in it ({@link Browser#firstEnglishSentence}). */
    private static void noEnglishSentences(Browser on, String lang) {
        if (!lang.equals("en")) {
            assertThat(on.firstEnglishSentence()).as("English words on the zh-CN page " + on.driver.getCurrentUrl())
                    .isNull();
        }
    }

    private static void noHorizontalScroll() {
        @SuppressWarnings("unchecked")
        List<Number> w = (List<Number>) browser.script(
                "return [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat(w.get(0).intValue()).as("no horizontal scroll on " + browser.driver.getCurrentUrl())
                .isLessThanOrEqualTo(w.get(1).intValue());
    }
}
