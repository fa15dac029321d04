package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An officer answers an EXPLAIN in Tasklist, in real Chromium: the form opens with the draft answer pre-filled from
 * the data map's facts for the account, the officer adds a sentence of their own and sends it, and the answer (draft
 * and edit) reaches the address on file as a notice that never repeats the requester's question.
 */
class ExplainAnsweredInTasklistBrowserTest extends PostgresIntegrationTest {

    private static final String QUESTION = "Why do you keep my login history for so long, Tang Shuyan asks?";
    private static final String OFFICER_SENTENCE = "We checked your account by hand on the officer's desk today.";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void anOfficerEditsThePrefilledAnswerInTasklistAndTheAnswerArrivesByMail() throws Exception {
        String email = "browser-explain-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Tang Shuyan Test").insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("EXPLAIN", email, email,
                Map.of("question", QUESTION, "topics", java.util.List.of("RETENTION")));

        String[] draft = new String[1];
        try (Browser officer = new Browser("staff-explain-answer", 1400, 1000)) {
            officer.journey(() -> {
                TasklistUi.signIn(officer, port, "officer");
                TasklistUi.findTask(officer, "Privacy officers", filed.reference(), "Answer the question");
                TasklistUi.openAndClaim(officer, filed.reference(), "Answer the question");
                WebElement label = officer.visible(By.xpath("//div[contains(@class,'fjs-container')]"
                        + "//label[starts-with(normalize-space(.),'Answer')]"));
                WebElement answer = officer.driver.findElement(By.id(label.getAttribute("for")));
                draft[0] = answer.getAttribute("value");
                assertThat(draft[0]).as("pre-filled from the data map's facts").isNotBlank();
                officer.screenshot("prefilled-answer");
                officer.click(By.xpath("//label[starts-with(normalize-space(.), 'PROCEED:')]"));
                answer.sendKeys("\n" + OFFICER_SENTENCE);
                officer.screenshot("edited-answer");
                TasklistUi.complete(officer);
            });
        }

        Mailbox.Mail sent = mailbox.awaitOne(email, "EXPLANATION_ANSWER", filed.reference());
        String firstDraftLine = draft[0].lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().strip();
        assertThat(sent.body()).contains(OFFICER_SENTENCE, firstDraftLine).doesNotContain(QUESTION, "Tang Shuyan");
        requester.awaitStatus(filed, "COMPLETED");
    }
}
