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
 * A requester files EXPLAIN and RESTRICT through the Privacy Center in zh-CN on a 375 px phone and in en on a 1280 px
 * desk (each journey in both languages and at both widths, one browser for both): the question with its line breaks
 * and topics, and a restriction of chosen categories and purposes until a date, each reaching the identity check
 * with exactly what was chosen in the request's details.
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
        try (Browser browser = new Browser("explain-restrict", 375, 812)) {
            browser.journey(() -> {
                for (String lang : List.of("zh-CN", "en")) {
                    int width = lang.equals("en") ? 1280 : 375;
                    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
                    browser.open(base + "/privacy?lang=" + lang);
                    browser.open(base + "/privacy/request/EXPLAIN");
                    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
                    browser.type(By.id("accountEmail"), email);
                    String question = (lang.equals("en") ? "Who receives my bills?" : "我的账单会提供给谁？") + " " + lang;
                    browser.type(By.id("question"), question);
                    browser.click(By.id("topic-RECIPIENTS"));
                    browser.screenshot("explain-" + lang + "-" + width);
                    browser.click(By.id("submit"));
                    browser.wait.until(d -> d.getCurrentUrl().matches(".*/privacy/status/RR-[0-9-]+/verify$")); // the POST redirects
                    String explain = browser.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                    assertThat(jdbc.queryForMap("select request_type, language, details from rights_request where reference = ?",
                            explain)).containsEntry("request_type", "EXPLAIN").containsEntry("language", lang)
                            .hasEntrySatisfying("details", d -> assertThat((String) d).contains(question, "\"RECIPIENTS\""));

                    browser.open(base + "/privacy/request/RESTRICT");
                    browser.type(By.id("accountEmail"), email);
                    browser.click(By.id("category-OPERATION_LOGS"));
                    browser.click(By.id("purpose-MARKETING"));
                    String until = LocalDate.now().plusDays(20).toString();
                    browser.script("document.getElementById('until').value = arguments[0]", until);
                    browser.screenshot("restrict-" + lang + "-" + width);
                    Object scroll = browser.script("return document.documentElement.scrollWidth <= window.innerWidth");
                    assertThat(scroll).as("no horizontal scroll at " + width + " px").isEqualTo(true);
                    browser.click(By.id("submit"));
                    browser.wait.until(d -> d.getCurrentUrl().matches(".*/privacy/status/RR-[0-9-]+/verify$")); // the POST redirects
                    String restrict = browser.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                    assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                            restrict)).contains("\"categories\":[\"OPERATION_LOGS\"]", "\"purposes\":[\"MARKETING\"]",
                            "\"until\":\"" + until + "\"");
                }
            });
        }
    }
}
