package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.PrivacyCenterSession;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A minor's guardian who files in the Privacy Center reads every page of the request about the minor's account, in
 * en and zh-CN: the verification page (where the codes went: the guardian's contact on file), the status in each
 * situation met, the withdrawal and revocation confirmations and the download page behind the result email — never
 * "your account" or "your personal information". The minor of 16 filing alone still reads "your". The pages are
 * fetched over HTTP from the running application (a browser would add nothing: this is wording, not layout); the
 * texts expected are the bundles' own.
 */
class PrivacyCenterGuardianPagesTest extends PostgresIntegrationTest {

    /** What would tell a guardian the account or the data is the guardian's own. */
    private static final List<String> ADDRESSING_THE_HOLDER = List.of("your account", "your personal information",
            "your information", "your data", "about you", "my account", "您的账号", "您的个人信息", "您的信息",
            "您的数据", "我的账号");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageSource messages;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    record Teen(String email, String guardianEmail, String guardianSms) {
    }

    /** A holder of 16 with a guardian on file, of this test's own (no bills, no services: nothing blocks a cancellation). */
    private Teen teen(String prefix) {
        long nano = System.nanoTime();
        String email = prefix + "-" + nano + "@example.com";
        String guardianEmail = prefix + "-guardian-" + nano + "@example.com";
        String guardianPhone = "+86136" + String.format("%08d", nano % 100_000_000L);
        LocalDate sixteen = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(16).minusDays(30);
        Accounts.account(email).phone("+86137" + String.format("%08d", nano % 100_000_000L))
                .displayName("Qiu Mingyue Test").birthDate(sixteen).guardian(guardianEmail, guardianPhone).insert(jdbc);
        return new Teen(email, guardianEmail, "sms+" + guardianPhone.substring(1) + "@demo.invalid");
    }

    @Test
    void aGuardiansAccessRequestIsWordedAboutTheMinorOnEveryPageInEnglish() throws Exception {
        Teen teen = teen("guardian-pages-en");
        PrivacyCenterSession browser = newBrowser();
        String reference = file(browser, "ACCESS", "en", teen.email(), "GUARDIAN");
        String verifyPath = "/privacy/status/" + reference + "/verify";

        String verify = page(browser, verifyPath);
        assertThat(verify).contains(text("en", "verify.intro.both.guardian"), text("en", "verify.key.guardian"));
        String status = page(browser, "/privacy/status/" + reference);
        assertThat(status).contains(text("en", "right.ACCESS.title.guardian"), text("en", "next.CODES.guardian"));
        assertThat(page(browser, "/privacy/status/" + reference + "/withdrawal")).contains(
                text("en", "confirm.withdrawal.explain", text("en", "right.ACCESS.title.guardian")));

        // both codes went to the guardian's contacts on file; the page asks for the second by its channel
        String emailCode = Mailbox.codeIn(mailbox.awaitOne(teen.guardianEmail(), "VERIFICATION_CODE", reference));
        String smsCode = Mailbox.codeIn(mailbox.awaitOne(teen.guardianSms(), "VERIFICATION_SMS", reference));
        HttpResponse<String> first = browser.post(verifyPath, Map.of("code", emailCode));
        assertThat(main(first.body())).contains(text("en", "verify.pending.SMS.guardian"),
                text("en", "verify.code.hint.SMS.guardian"));
        notAddressingTheHolder(first.body(), verifyPath);
        assertThat(browser.post(verifyPath, Map.of("code", smsCode)).statusCode()).isEqualTo(302);

        // the report goes to the guardian; its link's page and the finished status speak of the minor
        String downloadPage = Mailbox.pageLinkIn(mailbox.awaitOne(teen.guardianEmail(), "DOWNLOAD_READY", reference))
                .replaceFirst("^https?://[^/]+", "");
        containsAround(page(browser, downloadPage), "en", "download.what.ACCESS_REPORT.guardian");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                browser.get("/privacy/status/" + reference).body().contains("data-status=\"COMPLETED\""));
        assertThat(page(browser, "/privacy/status/" + reference)).contains(text("en", "next.COMPLETED.guardian"));

        // the minor of 16 filing alone still reads about their own account
        PrivacyCenterSession minorsBrowser = newBrowser();
        String own = file(minorsBrowser, "ACCESS", "en", teen.email(), null);
        assertThat(main(minorsBrowser.get("/privacy/status/" + own).body()))
                .contains(text("en", "right.ACCESS.title"), text("en", "next.CODES"))
                .doesNotContain("minor", "guardian");
    }

    @Test
    void aGuardiansAccountCancellationIsWordedAboutTheMinorsAccountInChinese() throws Exception {
        Teen teen = teen("guardian-pages-zh");
        PrivacyCenterSession browser = newBrowser();
        String reference = file(browser, "CANCEL_ACCOUNT", "zh-CN", teen.email(), "GUARDIAN");
        String verifyPath = "/privacy/status/" + reference + "/verify";
        assertThat(page(browser, verifyPath)).contains(text("zh-CN", "verify.intro.both.guardian"));
        assertThat(page(browser, "/privacy/status/" + reference))
                .contains(text("zh-CN", "right.CANCEL_ACCOUNT.title.guardian"), text("zh-CN", "next.CODES.guardian"));

        String emailCode = Mailbox.codeIn(mailbox.awaitOne(teen.guardianEmail(), "VERIFICATION_CODE", reference));
        String smsCode = Mailbox.codeIn(mailbox.awaitOne(teen.guardianSms(), "VERIFICATION_SMS", reference));
        // the text message's code first: the page then asks for the email's, at the guardian's address
        HttpResponse<String> first = browser.post(verifyPath, Map.of("code", smsCode));
        assertThat(main(first.body())).contains(text("zh-CN", "verify.pending.EMAIL.guardian"),
                text("zh-CN", "verify.code.hint.EMAIL.guardian"));
        notAddressingTheHolder(first.body(), verifyPath);
        assertThat(browser.post(verifyPath, Map.of("code", emailCode)).statusCode()).isEqualTo(302);

        // a privacy officer lets the cancellation proceed: the cooling-off period is the guardian's to revoke
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference, "The guardian asks to cancel.");
        mailbox.awaitOne(teen.guardianEmail(), "CANCELLATION_COOLING_OFF", reference);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                browser.get("/privacy/status/" + reference).body().contains("data-situation=\"COOLING_OFF\""));
        String coolingOff = page(browser, "/privacy/status/" + reference);
        assertThat(coolingOff).contains(text("zh-CN", "status.revoke.explain.guardian"));
        containsAround(coolingOff, "zh-CN", "next.COOLING_OFF.guardian");
        assertThat(page(browser, "/privacy/status/" + reference + "/cancellation-revocation")).contains(
                text("zh-CN", "confirm.revocation.explain.guardian", text("zh-CN", "right.CANCEL_ACCOUNT.title.guardian")),
                text("zh-CN", "confirm.revocation.yes.guardian"));
        HttpResponse<String> revoked = browser.post("/privacy/status/" + reference + "/cancellation-revocation",
                Map.of("confirm", "yes"));
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(page(browser, "/privacy/status/" + reference)).contains(text("zh-CN", "status.revoked.guardian"));
    }

    private PrivacyCenterSession newBrowser() {
        return new PrivacyCenterSession(port);
    }

    /** Files through the form in the page's language, as the guardian (or, without filedAs, the holder). */
    private static String file(PrivacyCenterSession browser, String type, String lang, String email, String filedAs) {
        return browser.file(type, lang, filedAs == null ? Map.of("accountEmail", email)
                : Map.of("accountEmail", email, "filedAs", filedAs));
    }

    /** The page's main content, checked to speak to the guardian only about the minor's account and information. */
    private String page(PrivacyCenterSession browser, String path) throws Exception {
        HttpResponse<String> response = browser.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        notAddressingTheHolder(response.body(), path);
        return main(response.body());
    }

    private static void notAddressingTheHolder(String html, String path) {
        String main = main(html);
        assertThat(ADDRESSING_THE_HOLDER).as("holder's wording on " + path + ": " + main)
                .noneMatch(phrase -> main.toLowerCase(Locale.ROOT).contains(phrase));
    }

    /** The text of {@code <main>} as a reader sees it (tags dropped, entities decoded). */
    private static String main(String html) {
        Matcher m = Pattern.compile("(?s)<main[^>]*>(.*)</main>").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&quot;", "\"")
                .replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    /** The page holds the text of {@code key} around its arguments (dates, sizes: the page's own). */
    private void containsAround(String page, String lang, String key) {
        String marked = text(lang, key, "§", "§");
        assertThat(page).contains(List.of(marked.split("§")).stream().filter(part -> !part.isBlank()).toList());
    }

    private String text(String lang, String key, Object... args) {
        return messages.getMessage(key, args, lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
    }
}
