package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A requester files EXPLAIN and RESTRICT through the Privacy Center in zh-CN and in en on a 375 px phone: the question
 * with its line breaks and topics, and a restriction of chosen categories and purposes until a date, each reaching the
 * identity check with exactly what was chosen in the request's details.
 */
class ExplainAndRestrictBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void explainAndRestrictAreFiledInBothLanguagesOnAPhone() throws Exception {
        String base = "http://localhost:" + port;
        String email = "browser-rights-" + System.nanoTime() + "@example.com";
        Accounts.account(email).insert(jdbc);
        try (Browser phone = new Browser("explain-restrict", 375, 812)) {
            phone.journey(() -> {
                for (String lang : List.of("zh-CN", "en")) {
                    phone.open(base + "/privacy?lang=" + lang);
                    phone.open(base + "/privacy/request/EXPLAIN");
                    assertThat(phone.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
                    phone.type(By.id("accountEmail"), email);
                    String question = (lang.equals("en") ? "Who receives my bills?" : "我的账单会提供给谁？") + " " + lang;
                    phone.type(By.id("question"), question);
                    phone.click(By.id("topic-RECIPIENTS"));
                    phone.screenshot("explain-" + lang);
                    phone.click(By.id("submit"));
                    phone.wait.until(d -> d.getCurrentUrl().matches(".*/privacy/status/RR-[0-9-]+/verify$")); // the POST redirects
                    String explain = phone.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                    assertThat(jdbc.queryForMap("select request_type, language, details from rights_request where reference = ?",
                            explain)).containsEntry("request_type", "EXPLAIN").containsEntry("language", lang)
                            .hasEntrySatisfying("details", d -> assertThat((String) d).contains(question, "\"RECIPIENTS\""));

                    phone.open(base + "/privacy/request/RESTRICT");
                    phone.type(By.id("accountEmail"), email);
                    phone.click(By.id("category-OPERATION_LOGS"));
                    phone.click(By.id("purpose-MARKETING"));
                    String until = LocalDate.now().plusDays(20).toString();
                    phone.script("document.getElementById('until').value = arguments[0]", until);
                    phone.screenshot("restrict-" + lang);
                    Object scroll = phone.script("return document.documentElement.scrollWidth <= window.innerWidth");
                    assertThat(scroll).as("no horizontal scroll at 375 px").isEqualTo(true);
                    phone.click(By.id("submit"));
                    phone.wait.until(d -> d.getCurrentUrl().matches(".*/privacy/status/RR-[0-9-]+/verify$")); // the POST redirects
                    String restrict = phone.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                    assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                            restrict)).contains("\"categories\":[\"OPERATION_LOGS\"]", "\"purposes\":[\"MARKETING\"]",
                            "\"until\":\"" + until + "\"");
                }
            });
        }
    }
}
