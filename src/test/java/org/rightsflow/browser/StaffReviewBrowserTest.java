package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey (b) in a real browser: a request for an account under legal hold reaches the privacy officers' filter in
 * Tasklist; `officer` finds it by its reference (due date visible), opens the Camunda Form (form-js), proposes a
 * refusal with a ground and an explanation; `legal` approves it in Form_RefusalApproval; the requester receives the
 * refusal email with the ground and the explanation, and the request's page, opened from the acknowledgement's link,
 * says the reasons are in that email (in English at 1280 px, in Chinese at 375 px) without showing them. The account
 * is the test's own (legal hold set), so nothing here depends on or changes the demo accounts.
 */
class StaffReviewBrowserTest extends PostgresIntegrationTest {

    private static final String EXPLANATION = "The account is subject to a legal preservation order (browser test).";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageSource messages;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void anOfficerProposesARefusalInTasklistLegalApprovesAndTheRequesterIsTold() throws Exception {
        String email = "browser-hold-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Held Account").legalHold().insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
        requester.awaitStatus(filed, "IN_REVIEW");

        try (Browser officer = new Browser("staff-review-officer", 1400, 1000)) {
            officer.journey(() -> {
            signIn(officer, "officer");
            WebElement task = findTask(officer, "Privacy officers", filed.reference(), "Review exemptions");
            assertThat(task.getText()).as("the filter's Reference column").contains("Reference:").contains(filed.reference());
            officer.screenshot("task-in-filter");
            openAndClaim(officer, filed.reference(), "Review exemptions");
            assertThat(officer.visible(By.cssSelector(".fjs-container")).getText())
                    .contains("Exemption review").contains(filed.reference()).contains("Legal hold: 是 · yes");
            officer.screenshot("review-form");

            officer.click(By.xpath("//label[starts-with(normalize-space(.), 'REFUSE:')]"));
            officer.click(By.xpath("//label[starts-with(normalize-space(.), 'LEGAL_OBLIGATION:')]"));
            typeInField(officer, "Explanation", EXPLANATION);
            officer.screenshot("refusal-proposed");
            complete(officer);
            officer.screenshot("review-completed");
            });
        }

        try (Browser legal = new Browser("staff-review-legal", 1400, 1000)) {
            legal.journey(() -> {
            signIn(legal, "legal");
            WebElement task = findTask(legal, "Legal reviewers", filed.reference(), "Approve refusal");
            legal.screenshot("approval-in-filter");
            openAndClaim(legal, filed.reference(), "Approve refusal");
            assertThat(legal.visible(By.cssSelector(".fjs-container")).getText())
                    .contains("Approve refusal").contains("LEGAL_OBLIGATION").contains(EXPLANATION);
            legal.screenshot("approval-form");
            legal.click(By.xpath("//label[starts-with(normalize-space(.), 'APPROVE:')]"));
            typeInField(legal, "Explanation", "Checked the preservation order in the browser.");
            legal.screenshot("approval-filled");
            complete(legal);
            legal.screenshot("approval-completed");

            // the requester follows the acknowledgement's link: the page says where the reasons went, never shows them
            requester.awaitStatus(filed, "REFUSED");
            String link = Mailbox.statusLinkIn(mailbox.awaitOne(email, "ACKNOWLEDGEMENT", filed.reference()));
            legal.nextJourney("requester-refused-status-en-1280", 1280, 900);
            legal.open("http://localhost:" + port + link + "?lang=en");
            assertThat(legal.visible(By.id("status-current")).getAttribute("data-situation")).isEqualTo("REFUSED");
            assertThat(legal.driver.findElement(By.id("status-next")).getText())
                    .isEqualTo(messages.getMessage("next.REFUSED", null, Locale.ENGLISH));
            assertThat(legal.driver.findElement(By.tagName("main")).getText()).doesNotContain(EXPLANATION);
            legal.screenshot("status-refused");
            legal.alsoSeenAs("zh-CN", 375, 812, "status-refused", () -> assertThat(legal.visible(By.id("status-next"))
                    .getText()).isEqualTo(messages.getMessage("next.REFUSED", null, Locale.SIMPLIFIED_CHINESE)));
            });
        }

        Mailbox.Mail refusal = mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference());
        assertThat(refusal.body())
                .contains("it relates to our obligations under laws and regulations")
                .contains(EXPLANATION)
                .contains("people's court")
                .doesNotContain("Checked the preservation order");
    }

    @Test
    void theReviewFormTellsTheOfficerThatAConsentWithdrawalCannotBeRefusedInPart() throws Exception {
        String email = "browser-consent-" + System.nanoTime() + "@example.com";
        long accountId = Accounts.account(email).displayName("Held Account").legalHold().insert(jdbc);
        jdbc.update("""
                insert into account_consent (account_id, purpose, granted, changed_at, source)
                values (?, 'MARKETING', true, current_timestamp, 'SIGN_UP')""", accountId);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("WITHDRAW_CONSENT", email, email,
                Map.of("purposes", java.util.List.of("MARKETING")));
        requester.awaitStatus(filed, "IN_REVIEW");

        try (Browser officer = new Browser("staff-review-consent", 1400, 1000)) {
            officer.journey(() -> {
            signIn(officer, "officer");
            findTask(officer, "Privacy officers", filed.reference(), "Review exemptions");
            openAndClaim(officer, filed.reference(), "Review exemptions");
            By warning = By.xpath("//div[contains(@class,'fjs-container')]//div[contains(@class,'fjs-form-field')]"
                    + "[contains(normalize-space(.), 'PARTIAL does not apply to a consent withdrawal')]");
            assertThat(officer.driver.findElements(warning)).as("shown only once PARTIAL is chosen").isEmpty();
            officer.click(By.xpath("//label[starts-with(normalize-space(.), 'PARTIAL:')]"));
            assertThat(officer.visible(warning).getText()).contains("decide PROCEED or REFUSE");
            officer.screenshot("partial-warning");
            officer.click(By.xpath("//label[starts-with(normalize-space(.), 'PROCEED:')]"));
            officer.wait.until(ExpectedConditions.invisibilityOfElementLocated(warning));
            typeInField(officer, "Explanation", "The legal hold does not cover marketing consent (browser test).");
            complete(officer);
            });
        }

        requester.awaitStatus(filed, "COMPLETED");
    }

    private void signIn(Browser browser, String user) {
        TasklistUi.signIn(browser, port, user);
    }

    private WebElement findTask(Browser browser, String filterName, String reference, String taskName) {
        return TasklistUi.findTask(browser, filterName, reference, taskName);
    }

    private void openAndClaim(Browser browser, String reference, String taskName) {
        TasklistUi.openAndClaim(browser, reference, taskName);
    }

    private void typeInField(Browser browser, String label, String text) {
        TasklistUi.typeInField(browser, label, text);
    }

    private void complete(Browser browser) {
        TasklistUi.complete(browser);
    }
}
