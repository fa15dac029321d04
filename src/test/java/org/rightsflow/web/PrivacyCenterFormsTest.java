package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.PrivacyCenterSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Privacy Center's forms as a requester without help meets them: CORRECT offers the data map's correctable
 * fields by their labels in the page's language and checks each value by its kind; every problem names its field,
 * keeps what was typed and never cuts it; sending the same form again (back button, reload) files nothing twice.
 */
class PrivacyCenterFormsTest extends PostgresIntegrationTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

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

    private static String key(HttpResponse<String> page) {
        Matcher key = KEY.matcher(page.body());
        assertThat(key.find()).as(page.body()).isTrue();
        return key.group(1);
    }

    @Test
    void correctOffersTheDataMapsFieldsByTheirLabelsInBothLanguages() throws Exception {
        String en = get("/privacy/request/CORRECT?lang=en").body();
        assertThat(en).contains("<option value=\"securityPhone\"", "Security phone number", "Full name",
                "<optgroup label=\"Invoices\"", "data-input=\"PHONE\"", "data-input=\"ADDRESS\"", "data-limit=\"100\"")
                .doesNotContain("invoice.address");
        String zh = get("/privacy/request/CORRECT?lang=zh-CN").body();
        assertThat(zh).contains("<option value=\"securityPhone\"", "安全手机", "姓名", "请选择信息项",
                "<optgroup label=\"发票信息\"");
    }

    @Test
    void aMistypedFieldIsNamedInThePagesLanguageAndNothingTypedIsLostOrCut() throws Exception {
        String email = "forms-mistyped-" + System.nanoTime() + "@example.com";
        String longAddress = "长".repeat(1000);
        String key = key(get("/privacy/request/CORRECT?lang=en"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("idempotencyKey", key);
        form.put("accountEmail", email);
        form.put("field0", "securityPhone");
        form.put("value0", "call me");
        form.put("field1", "invoiceAddress");
        form.put("value1", longAddress);
        form.put("field2", "");
        form.put("value2", "a value without a detail");
        HttpResponse<String> answer = post("/privacy/request/CORRECT", form);
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains("Security phone number: please enter a phone number")
                .contains("Recipient address: at most 500 characters; you entered 1,000")
                .contains("Detail 3: please choose which detail the value is for")
                .contains("value=\"" + longAddress + "\"", "value=\"call me\"", "value=\"" + email + "\"")
                .contains("href=\"#value0\"", "href=\"#value1\"", "href=\"#field2\"")
                .contains("value=\"" + key + "\"");
        assertThat(jdbc.queryForObject("select count(*) from rights_request where received_at > now() - interval '1 minute'"
                + " and details::text like '%call me%'", Integer.class)).isZero();

        // The same in Chinese: the page's language names the field.
        get("/privacy/request/CORRECT?lang=zh-CN");
        form.put("value1", "北京市朝阳区");
        String zh = post("/privacy/request/CORRECT", form).body();
        assertThat(zh).contains("安全手机：请填写 6 至 15 位数字的电话号码", "信息项 3：请选择这项内容对应的信息项")
                .doesNotContain("收件地址：最多");
    }

    @Test
    void theSameFormSentTwiceFilesOneRequestAndTheFormSaysSo() throws Exception {
        String email = "forms-twice-" + System.nanoTime() + "@example.com";
        String key = key(get("/privacy/request/CORRECT?lang=en"));
        Map<String, String> form = Map.of("idempotencyKey", key, "accountEmail", email,
                "field0", "securityPhone", "value0", "+86 138-0000 0009", "field1", "", "value1", "",
                "field2", "", "value2", "");
        HttpResponse<String> first = post("/privacy/request/CORRECT", form);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        String location = first.headers().firstValue("Location").orElseThrow();
        String reference = location.replaceAll(".*/status/([^/]+)/verify$", "$1");
        assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                reference)).as("the phone number as stored: digits only").contains("+8613800000009");

        // Back to the form: the same key, and the page names the request already filed from it.
        HttpResponse<String> back = get("/privacy/request/CORRECT");
        assertThat(key(back)).isEqualTo(key);
        assertThat(back.body()).contains("already filed request " + reference, "File another request");
        HttpResponse<String> again = post("/privacy/request/CORRECT", form);
        assertThat(again.headers().firstValue("Location").orElseThrow()).isEqualTo(location);
        assertThat(jdbc.queryForObject("select count(*) from rights_request where details::text like ?",
                Integer.class, "%+8613800000009%")).isEqualTo(1);

        // "File another request" starts over with a fresh key.
        HttpResponse<String> fresh = get("/privacy/request/CORRECT?new=1");
        assertThat(key(fresh)).isNotEqualTo(key);
        assertThat(fresh.body()).doesNotContain("already filed request");
    }

    @Test
    void withdrawingAsksForConfirmationFirst() throws Exception {
        String email = "forms-withdraw-" + System.nanoTime() + "@example.com";
        String key = key(get("/privacy/request/ACCESS?lang=en"));
        String location = post("/privacy/request/ACCESS", Map.of("idempotencyKey", key, "accountEmail", email))
                .headers().firstValue("Location").orElseThrow();
        String reference = location.replaceAll(".*/status/([^/]+)/verify$", "$1");
        String statusPath = "/privacy/status/" + reference;
        assertThat(get(statusPath).body()).contains("href=\"" + statusPath + "/withdrawal\"");

        // A post without the confirmation's "yes" (a one-click form, an old page) only leads to the question.
        HttpResponse<String> unconfirmed = post(statusPath + "/withdrawal", Map.of());
        assertThat(unconfirmed.headers().firstValue("Location").orElseThrow()).endsWith(statusPath + "/withdrawal");
        assertThat(status(reference)).isNotEqualTo("WITHDRAWN");
        String question = get(statusPath + "/withdrawal").body();
        assertThat(question).contains("Withdraw request " + reference + "?", "This cannot be undone",
                "See your personal information", "id=\"keep\"");

        HttpResponse<String> confirmed = post(statusPath + "/withdrawal", Map.of("confirm", "yes"));
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith(statusPath);
        assertThat(status(reference)).isEqualTo("WITHDRAWN");
        assertThat(get(statusPath + "/withdrawal").statusCode()).as("nothing left to withdraw").isEqualTo(302);
    }

    private String status(String reference) {
        return jdbc.queryForObject("select status from rights_request where reference = ?", String.class, reference);
    }
}
