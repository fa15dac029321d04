package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
 * A requester who needs level-2 verification (here: an account cancellation) can finish it in the Privacy Center:
 * after the email code the page asks for the text-message code, resending is limited, and both codes verify.
 */
class PrivacyCenterLevelTwoTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private PrivacyCenterSession browser;

    /** One browser per test (its cookies: form keys, the status cookie, the language). */
    private HttpResponse<String> get(String path) {
        return browser().get(path);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        return browser().post(path, form);
    }

    private PrivacyCenterSession browser() {
        if (browser == null) {
            browser = new PrivacyCenterSession(port);
        }
        return browser;
    }

    @Test
    void theSecondCodeIsAskedForInThePageAndResendingIsLimited() throws Exception {
        String email = "level-two-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        String phone = jdbc.queryForObject("select phone from account where email = ?", String.class, email);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

        HttpResponse<String> form = get("/privacy/request/CANCEL_ACCOUNT?lang=en");
        Matcher key = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(key.find()).as(form.body()).isTrue();
        HttpResponse<String> filed = post("/privacy/request/CANCEL_ACCOUNT",
                Map.of("accountEmail", email, "idempotencyKey", key.group(1)));
        assertThat(filed.statusCode()).isEqualTo(302);
        String verifyPath = URI.create(filed.headers().firstValue("Location").orElseThrow()).getPath();
        Matcher ref = Pattern.compile("RR-\\d{8}-\\d{4}").matcher(verifyPath);
        assertThat(ref.find()).isTrue();
        String reference = ref.group();
        assertThat(verifyPath).doesNotContain("token").doesNotContain(email);

        // Two codes: the page asks for either first, then names the channel of the one still missing.
        assertThat(get(verifyPath).body()).contains("data-channel=\"EITHER\"", "This request needs two codes");
        String emailCode = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
        HttpResponse<String> first = post(verifyPath, Map.of("code", emailCode));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("id=\"pending-factors\"").contains("text message")
                .contains("data-channel=\"SMS\"", "Code from the text message",
                        "6 digits, from the text message we sent to the phone number registered for the account");

        HttpResponse<String> resend = post(verifyPath + "/resend", Map.of());
        assertThat(resend.body()).as("codes were sent a moment ago").contains("Please wait a minute");

        String smsRecipient = "sms+" + phone.replaceAll("\\D", "") + "@demo.invalid";
        String smsCode = Mailbox.codeIn(mailbox.awaitOne(smsRecipient, "VERIFICATION_SMS", reference));
        HttpResponse<String> second = post(verifyPath, Map.of("code", smsCode));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location").orElseThrow()).endsWith("/privacy/status/" + reference);
        assertThat(jdbc.queryForObject("select verified_at is not null from rights_request where reference = ?",
                Boolean.class, reference)).isTrue();
    }
}
