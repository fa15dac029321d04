package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.PrivacyCenterSession;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Status that guides: the acknowledgement's link opens the status on another device without the key (a token only
 * the address on file received), a page opened without it starts clean, every status says what happens next and
 * where to look, and after too many wrong codes no page asks for a code any more.
 */
class PrivacyCenterStatusTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    private PrivacyCenterSession newBrowser() {
        return new PrivacyCenterSession(port);
    }

    /** Files an ACCESS request in English from {@code browser}; returns its reference. */
    private static String file(PrivacyCenterSession browser, String email) {
        return browser.file("ACCESS", "en", Map.of("accountEmail", email));
    }

    @Test
    void theAcknowledgementsLinkOpensTheStatusOnAnotherDeviceWithoutTheKey() throws Exception {
        String email = "status-link-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String reference = file(newBrowser(), email);
        Mailbox.Mail ack = mailbox.awaitOne(email, "ACKNOWLEDGEMENT", reference);
        Matcher link = Pattern.compile("https?://\\S+(/privacy/status/" + reference + "/open/([A-Za-z0-9_-]+))")
                .matcher(ack.body());
        assertThat(link.find()).as(ack.body()).isTrue();
        String statusToken = jdbc.queryForObject("select status_token_hash from rights_request where reference = ?",
                String.class, reference);
        assertThat(link.group(2)).as("not the status key the filer saw").hasSizeGreaterThan(30)
                .isNotEqualTo(statusToken);

        // A second device: no cookie yet. The status page alone opens the look-up form, clean, naming the ways in.
        PrivacyCenterSession phone = newBrowser();
        HttpResponse<String> without = phone.get("/privacy/status/" + reference + "?lang=en");
        assertThat(without.statusCode()).isEqualTo(404);
        assertThat(without.body()).contains("id=\"open-elsewhere\"", "Use the link in our email")
                .doesNotContain("id=\"error-summary\"");
        assertThat(phone.get("/privacy/status").body()).doesNotContain("id=\"error-summary\"");

        HttpResponse<String> opened = phone.get(link.group(1));
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow())
                .as("the token leaves the address bar").endsWith("/privacy/status/" + reference);
        HttpResponse<String> status = phone.get("/privacy/status/" + reference);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("data-situation=\"CODES\"", "Waiting for your verification code",
                "Next: enter the code we sent to the contact details registered for the account");

        // A link for another request, or a changed token, opens nothing.
        assertThat(newBrowser().get(link.group(1).replace("/open/", "/open/x")).body())
                .contains("id=\"open-elsewhere\"", "请使用我们发送到账号登记邮箱的邮件中的链接");
    }

    @Test
    void afterTooManyWrongCodesNoPageAsksForACodeAndTheStatusSaysWhoActs() throws Exception {
        String email = "status-lock-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        PrivacyCenterSession browser = newBrowser();
        String reference = file(browser, email);
        String code = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
        String wrong = code.equals("000000") ? "111111" : "000000";
        String verify = "/privacy/status/" + reference + "/verify";
        assertThat(browser.get(verify).body()).contains("data-channel=\"EMAIL\"", "Code from the email",
                "6 digits, from the email we sent to the address registered for the account");
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = browser.post(verify, Map.of("code", wrong));
        }
        assertThat(last.body()).contains("Too many wrong codes").doesNotContain("id=\"verify-form\"")
                .doesNotContain("id=\"resend\"");
        assertThat(browser.get(verify).body()).doesNotContain("id=\"verify-form\"").contains("id=\"staff-verifies\"");
        String status = browser.get("/privacy/status/" + reference).body();
        assertThat(status).contains("data-situation=\"STAFF_VERIFIES\"", "Our staff will verify your identity")
                .doesNotContain("Enter your verification code");

        // The same in Chinese.
        assertThat(browser.get("/privacy/status/" + reference + "?lang=zh-CN").body())
                .contains("我们的工作人员将核实您的身份", "您无需在此页面操作");
    }
}
