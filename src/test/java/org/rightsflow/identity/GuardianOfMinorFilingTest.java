package org.rightsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may file for a minor of 14 to 17, through the real API and the mails that reach GreenMail: the guardian on the
 * minor's behalf (both codes to the guardian's contact on file, every notice worded about the minor's data, in
 * zh-CN and en), or the minor alone (their own contact, "your"). A guardian's filing for an account without a
 * guardian on file is answered exactly like any other and can never be verified; a malformed onBehalfOf files nothing.
 */
class GuardianOfMinorFilingTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    record Teen(long id, String email, String phone, String guardianEmail, String guardianPhone) {
        String guardianSms() {
            return "sms+" + guardianPhone.substring(1) + "@demo.invalid";
        }

        String ownSms() {
            return "sms+" + phone.substring(1) + "@demo.invalid";
        }
    }

    /** A holder of 16 with a guardian on file, of this test's own (its requests change no demo account's counts). */
    private Teen teen(String prefix) {
        long nano = System.nanoTime();
        String email = prefix + "-" + nano + "@example.com";
        String guardianEmail = prefix + "-guardian-" + nano + "@example.com";
        String phone = "+86137" + String.format("%08d", nano % 100_000_000L);
        String guardianPhone = "+86136" + String.format("%08d", nano % 100_000_000L);
        LocalDate sixteen = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(16).minusDays(30);
        long id = Accounts.account(email).phone(phone).displayName("Qiu Mingyue Test").birthDate(sixteen)
                .guardian(guardianEmail, guardianPhone).insert(jdbc);
        return new Teen(id, email, phone, guardianEmail, guardianPhone);
    }

    private Api api() {
        return new Api(port);
    }

    private Mailbox mailbox() {
        return new Mailbox(TestInfrastructure.mail());
    }

    private Api.Response file(String type, String email, String language, String relationship) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", type, "accountEmail", email, "language", language));
        if (relationship != null) {
            body.put("onBehalfOf", Map.of("relationship", relationship));
        }
        return api().post("/api/requests", Api.json(body));
    }

    private Api.Response submit(String reference, String token, String code) {
        return api().post("/api/requests/" + reference + "/verification", Api.json(Map.of("code", code)),
                "X-Status-Token", token);
    }

    private List<Mailbox.Mail> mailsAbout(String reference) {
        return mailbox().all().stream().filter(m -> m.body().contains(reference) || m.subject().contains(reference)).toList();
    }

    @Test
    void theGuardianFilesForAMinorOf16AndReadsAboutTheMinorsDataInEnglish() {
        Teen teen = teen("guardian-en");
        Api.Response filed = file("ACCESS", teen.email(), "en", "GUARDIAN");
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        String token = filed.json().get("statusToken").asText();

        Mailbox.Mail ack = mailbox().awaitOne(teen.guardianEmail(), "ACKNOWLEDGEMENT", reference);
        assertThat(ack.body()).contains("view the minor's personal information", "the account you are the guardian of")
                .doesNotContain("your personal information");
        Mailbox.Mail code = mailbox().awaitOne(teen.guardianEmail(), "VERIFICATION_CODE", reference);
        assertThat(code.body()).contains("a minor's account for which you are the registered guardian");
        Mailbox.Mail sms = mailbox().awaitOne(teen.guardianSms(), "VERIFICATION_SMS", reference);
        assertThat(mailsAbout(reference)).as("nothing to the minor's own contacts")
                .noneMatch(m -> m.to().equalsIgnoreCase(teen.email()) || m.to().equals(teen.ownSms()));

        assertThat(submit(reference, token, Mailbox.codeIn(code)).json().get("pendingFactors").get(0).asText())
                .as("a guardian's filing needs the guardian's phone code too").isEqualTo("SMS");
        Api.Response verified = submit(reference, token, Mailbox.codeIn(sms));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select filed_as from rights_request where reference = ?", String.class, reference))
                .isEqualTo("GUARDIAN");

        // the result reaches the guardian, worded for the guardian, by the outbox like every notice
        Mailbox.Mail ready = mailbox().awaitOne(teen.guardianEmail(), "DOWNLOAD_READY", reference);
        assertThat(ready.body()).contains("view the minor's personal information").doesNotContain("your personal information");
        assertThat(mailsAbout(reference)).noneMatch(m -> m.to().equalsIgnoreCase(teen.email()));
    }

    @Test
    void theGuardiansNoticesAreWordedForTheGuardianInChinese() {
        Teen teen = teen("guardian-zh");
        Api.Response filed = file("DELETE", teen.email(), "zh-CN", "GUARDIAN");
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        Mailbox.Mail ack = mailbox().awaitOne(teen.guardianEmail(), "ACKNOWLEDGEMENT", reference);
        assertThat(ack.subject()).isEqualTo("我们已收到您提出的个人信息权利请求 " + reference);
        assertThat(ack.body()).contains("您作为监护人所监护账号的个人信息", "登记的监护人联系方式").doesNotContain("您的个人信息");
        Mailbox.Mail code = mailbox().awaitOne(teen.guardianEmail(), "VERIFICATION_CODE", reference);
        assertThat(code.body()).contains("您作为监护人登记的未成年人账号", "登记的监护人手机号码");
        mailbox().awaitOne(teen.guardianSms(), "VERIFICATION_SMS", reference);
    }

    @Test
    void aMinorOf16MayFileAloneWithTheirOwnContactOnFile() {
        Teen teen = teen("minor-alone");
        Api.Response filed = file("ACCESS", teen.email(), "en", null);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        Mailbox.Mail ack = mailbox().awaitOne(teen.email(), "ACKNOWLEDGEMENT", reference);
        assertThat(ack.body()).contains("view your personal information").doesNotContain("guardian", "minor");
        Mailbox.Mail code = mailbox().awaitOne(teen.email(), "VERIFICATION_CODE", reference);
        Api.Response verified = submit(reference, filed.json().get("statusToken").asText(), Mailbox.codeIn(code));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(verified.json().has("pendingFactors")).as("the holder's own ACCESS needs one code").isFalse();
        assertThat(mailsAbout(reference)).as("the guardian is not told of the minor's own request")
                .noneMatch(m -> m.to().equalsIgnoreCase(teen.guardianEmail()) || m.to().equals(teen.guardianSms()));
    }

    @Test
    void aGuardiansFilingForAnAccountWithoutAGuardianOnFileIsAnsweredAlikeAndNeverVerified() {
        long nano = System.nanoTime();
        String adult = "adult-no-guardian-" + nano + "@example.com";
        Accounts.account(adult).phone("+86135" + String.format("%08d", nano % 100_000_000L))
                .displayName("Pan Wenjing Test").birthDate("1985-03-02").insert(jdbc);
        Api.Response forAdult = file("ACCESS", adult, "en", "GUARDIAN");
        Api.Response forTeen = file("ACCESS", teen("teen-compare").email(), "en", "GUARDIAN");
        assertThat(forAdult.status()).isEqualTo(201);
        assertThat(forAdult.json().get("status").asText()).isEqualTo(forTeen.json().get("status").asText());
        assertThat(forAdult.json().fieldNames()).toIterable().containsExactlyElementsOf(() -> forTeen.json().fieldNames());
        String reference = forAdult.json().get("reference").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "select action from audit_entry where reference = ?", String.class, reference)
                .contains("VERIFICATION_NO_CONTACT_ON_FILE"));
        assertThat(mailsAbout(reference)).as("no code and no notice to the adult who did not ask").isEmpty();
    }

    @Test
    void thePrivacyCenterFormOffersTheGuardiansFilingInBothLanguages() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String zh = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + port + "/privacy/request/ACCESS?lang=zh-CN")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(zh).contains("我是持有该账号的未成年人的监护人", "value=\"GUARDIAN\"");
        String en = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + port + "/privacy/request/ACCESS?lang=en")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(en).contains("I am the guardian of the minor who holds the account");
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(en);
        assertThat(key.find()).isTrue();
        Teen teen = teen("guardian-page");
        String form = "idempotencyKey=" + key.group(1) + "&accountEmail="
                + java.net.URLEncoder.encode(teen.email(), java.nio.charset.StandardCharsets.UTF_8) + "&filedAs=GUARDIAN";
        java.net.http.HttpResponse<String> filed = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/privacy/request/ACCESS"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String reference = filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/status/([^/]+)/verify$", "$1");
        assertThat(jdbc.queryForObject("select filed_as from rights_request where reference = ?", String.class, reference))
                .isEqualTo("GUARDIAN");
        mailbox().awaitOne(teen.guardianEmail(), "VERIFICATION_CODE", reference);
    }

    @Test
    void aMalformedOnBehalfOfFilesNothing() {
        Teen teen = teen("malformed");
        int before = jdbc.queryForObject("select count(*) from rights_request where account_id = ?", Integer.class, teen.id());
        for (String body : List.of(
                "{\"type\":\"ACCESS\",\"accountEmail\":\"" + teen.email() + "\",\"onBehalfOf\":{\"relationship\":\"FRIEND\"}}",
                "{\"type\":\"ACCESS\",\"accountEmail\":\"" + teen.email() + "\",\"onBehalfOf\":\"GUARDIAN\"}",
                "{\"type\":\"ACCESS\",\"accountEmail\":\"" + teen.email() + "\",\"onBehalfOf\":{}}")) {
            Api.Response answer = api().post("/api/requests", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_ON_BEHALF_OF");
        }
        Api.Response extra = api().post("/api/requests", "{\"type\":\"ACCESS\",\"accountEmail\":\"" + teen.email()
                + "\",\"onBehalfOf\":{\"relationship\":\"GUARDIAN\",\"name\":\"Qiu\"}}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(jdbc.queryForObject("select count(*) from rights_request where account_id = ?", Integer.class, teen.id()))
                .isEqualTo(before);
    }
}
