package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
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
 * The staff decision forms in Tasklist as a reviewer decides from them: the exemption review, opened in the Chinese
 * Tasklist of an officer whose browser prefers Chinese, shows the right, the ground and the categories the requester
 * chose and the triage rule that sent it there, with the due date in Beijing time, every text in both languages and
 * every refusal ground's label whole; the correction's values are judged on the request's staff page behind the
 * form's link; intake staff enter a request from the start form and are shown its reference, then check identity by
 * hand with the contacts on file, which the request's page shows to intake only. Screenshots under
 * target/screenshots/staff-forms-*.
 */
class StaffDecisionFormsBrowserTest extends PostgresIntegrationTest {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String beijingDue(String reference) {
        return BEIJING.format(jdbc.queryForObject("select due_at from rights_request where reference = ?",
                java.sql.Timestamp.class, reference).toInstant());
    }

    @Test
    void theExemptionReviewShowsTheGroundTheCategoriesAndTheTriageRule() throws Exception {
        String email = "forms-review-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Forms Account").legalHold().insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("BILLING", "INVOICES")));
        requester.awaitStatus(filed, "IN_REVIEW");

        // an officer who works in Chinese: Tasklist in Rightsflow's Chinese translation, the form in both languages
        try (Browser officer = new Browser("staff-forms-review-zh-CN", 1400, 1100, "zh-CN")) {
            officer.journey(() -> {
                TasklistUi.signIn(officer, port, "officer");
                WebElement card = TasklistUi.findTask(officer, "Privacy officers", filed.reference(), "Review exemptions");
                assertThat(card.getText()).as("the filter's columns in both languages").contains("申请编号 · Reference");
                TasklistUi.openAndClaim(officer, filed.reference(), "Review exemptions");
                String form = TasklistUi.formText(officer, "Triage rule");
                assertThat(form).contains("豁免审核 · Exemption review")
                        .contains("删除 / Delete")
                        .contains(beijingDue(filed.reference()) + " 北京时间 / Beijing time")
                        .contains("Deletion ground chosen").contains("I have withdrawn my consent")
                        .contains("消费账单 / Bills").contains("发票信息 / Invoices")
                        .contains("Rule_LegalHold").contains("the account is under a legal hold")
                        .contains("分诊事实 · Triage facts").contains("法律保全 · Legal hold: 是 · yes")
                        .contains("Decision · 决定").contains("拒绝请求")
                        .doesNotContain(email).doesNotContain("T15:59");
                assertThat(officer.driver.findElement(By.tagName("body")).getText()).as("Tasklist in Chinese")
                        .contains("启动流程").doesNotContain("Start process");
                officer.screenshot("review-form-with-the-request-card");
                // the grounds appear once a refusal is chosen; each label is read whole, however long
                officer.click(By.xpath("//label[starts-with(normalize-space(.), 'REFUSE:')]"));
                officer.visible(By.xpath("//label[starts-with(normalize-space(.), 'PROTECT_LIFE_OR_PROPERTY:')]"));
                Object cut = officer.script("""
                        return Array.from(document.querySelectorAll('.fjs-container .fjs-form-field-checklist label'))
                          .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent.trim());""");
                assertThat((List<?>) cut).as("ground labels cut off").isEmpty();
                officer.screenshot("review-grounds-read-whole");
                String link = TasklistUi.staffPageLink(officer, filed.reference());
                assertThat(link).endsWith("/staff/requests/" + filed.reference());
                officer.open(link);
                assertThat(officer.visible(By.id("reference")).getText()).isEqualTo(filed.reference());
                officer.screenshot("the-request-page-from-the-form");
            });
        }
    }

    @Test
    void anOfficerJudgesACorrectionsValuesOnTheRequestsPage() throws Exception {
        long n = System.nanoTime();
        String email = "forms-correct-" + n + "@example.com";
        String oldName = "Oldforms" + n;
        String newName = "Newforms" + n;
        Accounts.account(email).displayName(oldName).birthDate("1991-02-03").insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", email, email,
                Map.of("corrections", List.of(Map.of("field", "displayName", "value", newName))));
        awaitTask(tasks, filed.reference(), "Task_ReviewCorrection");

        try (Browser officer = new Browser("staff-forms-correction", 1400, 1100)) {
            officer.journey(() -> {
                TasklistUi.signIn(officer, port, "officer");
                TasklistUi.findTask(officer, "Privacy officers", filed.reference(), "Review correction");
                TasklistUi.openAndClaim(officer, filed.reference(), "Review correction");
                String form = TasklistUi.formText(officer, "Fields to correct");
                assertThat(form).contains("(displayName)").contains("Show the values the requester typed")
                        .doesNotContain(oldName).doesNotContain(newName);
                officer.screenshot("correction-form-points-to-the-values");

                officer.open(TasklistUi.staffPageLink(officer, filed.reference()));
                officer.click(By.id("reveal-values"));
                String values = officer.visible(By.id("typed-values")).getText();
                assertThat(values).contains(oldName).contains(newName);
                officer.screenshot("values-judged-on-the-staff-page");
            });
        }
    }

    @Test
    void intakeEntersARequestSeesItsReferenceAndChecksIdentityWithTheContactsOnFile() throws Exception {
        String email = "forms-intake-" + System.nanoTime() + "@example.com";
        String phone = Accounts.uniquePhone();
        Accounts.account(email).phone(phone).birthDate("1985-05-05").insert(jdbc);
        String[] reference = new String[1];

        try (Browser intake = new Browser("staff-forms-intake", 1400, 1100)) {
            intake.journey(() -> {
                TasklistUi.signIn(intake, port, "intake");
                intake.click(By.xpath("//a[normalize-space(.)='Start process']"));
                intake.click(By.xpath("//div[contains(@class,'modal')]//a[contains(normalize-space(.),"
                        + "'Enter a request received by phone, letter or email')]"));
                intake.visible(By.cssSelector(".modal .fjs-container"));
                select(intake, "Right requested", "ACCESS:");
                TasklistUi.typeInField(intake, "Email of the account concerned", email);
                intake.click(By.xpath("//div[contains(@class,'fjs-container')]//label[starts-with(normalize-space(.),'PHONE:')]"));
                intake.screenshot("staff-start-form-filled");
                intake.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']"));
                intake.wait.until(d -> jdbc.queryForObject("select count(*) from rights_request where account_email = ?",
                        Long.class, email) == 1);
                reference[0] = jdbc.queryForObject("select reference from rights_request where account_email = ?",
                        String.class, email);

                // the reference is shown: a task assigned to whoever entered the request, named with it
                awaitTask(tasks, reference[0], "Task_TellTheReference");
                TasklistUi.findTask(intake, "Intake staff", reference[0], "Tell the requester the reference");
                WebElement task = intake.visible(By.xpath(TasklistUi.taskCard(reference[0], "Tell the requester the reference")));
                assertThat(task.getText()).contains(reference[0]);
                TasklistUi.open(intake, reference[0], "Tell the requester the reference", false);
                assertThat(TasklistUi.formText(intake, reference[0])).contains("Request entered").contains("请求已录入")
                        .contains(reference[0]).doesNotContain(email);
                intake.screenshot("staff-start-shows-the-reference");
                TasklistUi.complete(intake);

                // identity by hand: the form sends intake to the contacts on file on the request's page
                awaitTask(tasks, reference[0], "Task_VerifyIdentityManually");
                TasklistUi.findTask(intake, "Intake staff", reference[0], "Verify identity manually");
                TasklistUi.openAndClaim(intake, reference[0], "Verify identity manually");
                String form = TasklistUi.formText(intake, "Show the contacts on file");
                assertThat(form).contains("the request was entered by intake staff").doesNotContain(email).doesNotContain(phone);
                intake.screenshot("manual-identity-check-form");
                intake.open(TasklistUi.staffPageLink(intake, reference[0]));
                intake.click(By.id("reveal-contacts"));
                assertThat(intake.visible(By.id("contacts")).getText()).contains(email).contains(phone);
                intake.screenshot("contacts-on-file-for-intake");
            });
        }

        try (Browser officer = new Browser("staff-forms-intake-officer", 1400, 1100)) {
            officer.journey(() -> {
                TasklistUi.signIn(officer, port, "officer");
                officer.open(base() + "/staff/requests/" + reference[0]);
                assertThat(officer.visible(By.id("reference")).getText()).isEqualTo(reference[0]);
                assertThat(officer.driver.findElements(By.id("reveal-contacts"))).as("contacts are intake's only").isEmpty();
                assertThat(officer.driver.getPageSource()).doesNotContain(phone);
                officer.screenshot("no-contacts-for-an-officer");
            });
        }
    }

    /** A form-js select: opens its list and picks the option whose label starts with the text. */
    private static void select(Browser browser, String label, String optionStart) {
        browser.click(By.xpath("//div[contains(@class,'fjs-container')]//div[contains(@class,'fjs-form-field-select')]"
                + "[.//label[starts-with(normalize-space(.),'" + label + "')]]//div[contains(@class,'fjs-input-group')]"));
        browser.click(By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][starts-with(normalize-space(.),'"
                + optionStart + "')]"));
    }
}
