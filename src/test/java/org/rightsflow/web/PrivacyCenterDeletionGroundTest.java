package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The deletion form explains, in both languages, why stating a ground helps and that it is optional, and presets no
 * answer: a requester who names none is not refused for it (a privacy officer decides).
 */
class PrivacyCenterDeletionGroundTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    private String page(String lang) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/privacy/request/DELETE?lang=" + lang)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theGroundIsExplainedOptionalAndNotPreset() throws Exception {
        String en = page("en");
        assertThat(en).contains("Stating the ground helps", "PIPL Art. 47", "a privacy officer then looks at your request",
                "(optional)", "We have stopped providing");
        String zh = page("zh-CN");
        assertThat(zh).contains("说明删除理由有助于我们处理", "第四十七条", "隐私官先审核", "我们已停止提供相关产品或者服务");
        for (String html : new String[] {en, zh}) {
            Matcher radio = Pattern.compile("<input[^>]*name=\"ground\"[^>]*>").matcher(html);
            int radios = 0;
            while (radio.find()) {
                radios++;
                assertThat(radio.group()).as("no ground is chosen for the requester").doesNotContain("checked");
            }
            assertThat(radios).as("five grounds and 'prefer not to say'").isEqualTo(6);
        }
    }
}
