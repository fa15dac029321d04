package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Camunda webapps as the privacy team meets them (issue 18, part 7): {@code /camunda} signs staff in and lands
 * each in the app they may use; a browser that prefers Chinese gets Rightsflow's Chinese translation, any other
 * language English; Camunda's red "migrate to Camunda 8" banner shows nowhere; an auditor reads a request's instance
 * in Cockpit without the buttons that would change it (and end in the engine's authorization message), which an
 * administrator has.
 */
class WebappsBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void browserPresent() {
        Browser.assumeAvailable();
    }

    @Test
    void anOfficerWithAChineseBrowserLandsInTasklistInChinese() throws Exception {
        try (Browser officer = new Browser("webapps-officer-zh-CN", 1400, 1000, "zh-CN")) {
            officer.journey(() -> {
                officer.open(base() + "/camunda");
                assertSignInReads(officer, "用户名", "登录");
                officer.screenshot("sign-in-zh");
                signIn(officer, "officer");

                officer.wait.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/default/"));
                officer.visible(By.cssSelector(".task-filters"));
                officer.wait.until(d -> body(officer).contains("在列表中选择一个任务"));
                assertThat(body(officer)).contains("启动流程").contains("创建任务").contains("键盘快捷键")
                        .doesNotContain("Select a task in the list").doesNotContain("Start process");
                assertBannerHidden(officer);
                officer.screenshot("tasklist-zh");

                // signed in already: /camunda goes straight to Tasklist
                officer.open(base() + "/camunda/");
                officer.wait.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/default/"));
                officer.visible(By.cssSelector(".task-filters"));
            });
        }
    }

    @Test
    void anAuditorLandsInCockpitNotOnTasklistsLoginFailure() throws Exception {
        try (Browser auditor = new Browser("webapps-auditor-zh-CN", 1400, 1000, "zh-CN")) {
            auditor.journey(() -> {
                auditor.open(base() + "/camunda");
                signIn(auditor, "auditor");

                auditor.wait.until(d -> d.getCurrentUrl().contains("/camunda/app/cockpit/default/"));
                auditor.wait.until(d -> body(auditor).contains("运行中的流程实例"));
                assertThat(body(auditor)).doesNotContain("登录失败").doesNotContain("Login Failed");
                assertBannerHidden(auditor);
                auditor.screenshot("cockpit-zh");

                // a request's instance: the auditor reads it, and sees no button that would change it
                openInstance(auditor, aRequestsInstance());
                // the read-only mark follows the engine's answer about the signed-in user
                auditor.visible(By.cssSelector("html.rf-read-only"));
                assertThat(changeButtonsShown(auditor)).as("change buttons an auditor may not use").isEmpty();
                auditor.screenshot("instance-read-only-zh");
            });
        }
    }

    @Test
    void aBrowserInAnotherLanguageGetsEnglishAndAnAdministratorLandsInCockpit() throws Exception {
        try (Browser admin = new Browser("webapps-admin-fr-FR", 1400, 1000, "fr-FR")) {
            admin.journey(() -> {
                admin.open(base() + "/camunda");
                assertSignInReads(admin, "Username", "Log in");
                signIn(admin, "admin");

                admin.wait.until(d -> d.getCurrentUrl().contains("/camunda/app/cockpit/default/"));
                admin.wait.until(d -> body(admin).contains("Running Process Instances"));
                assertBannerHidden(admin);
                admin.screenshot("cockpit-en");

                // the same kind of page for someone who may change it: the buttons are there
                openInstance(admin, aRequestsInstance());
                admin.wait.until(d -> !changeButtonsShown(admin).isEmpty());
                assertThat(changeButtonsShown(admin)).as("an administrator's change buttons").isNotEmpty();
                assertThat(admin.driver.findElements(By.cssSelector("html.rf-read-only"))).isEmpty();
                admin.screenshot("instance-with-actions-en");

                // Admin is one click away: its user list, in English too
                admin.open(base() + "/camunda/app/admin/default/#/users");
                new WebDriverWait(admin.driver, Duration.ofSeconds(90)).until(d -> body(admin).contains("List of users"));
                assertBannerHidden(admin);
                admin.screenshot("admin-en");
            });
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** A request of this test's own, waiting for its code: its process instance is running. */
    private String aRequestsInstance() {
        String reference = new Api(port).post("/api/requests", Api.json(Map.of("type", "ACCESS",
                "accountEmail", "webapps-" + System.nanoTime() + "@example.com"))).json().get("reference").asText();
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(RightsRequestModel.PROCESS_ID).singleResult().getId();
    }

    /** Opens the instance's page in Cockpit and waits for its toolbar (drawn whatever the user may do). */
    private void openInstance(Browser browser, String instanceId) {
        browser.open(base() + "/camunda/app/cockpit/default/#/process-instance/" + instanceId + "/runtime");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(CHANGE_BUTTONS));
    }

    /** Cockpit's toolbar actions on the page (suspend, cancel, add variable, retries) that show. */
    private static List<String> changeButtonsShown(Browser browser) {
        return browser.driver.findElements(CHANGE_BUTTONS).stream().filter(WebElement::isDisplayed)
                .map(button -> button.getAttribute("uib-tooltip")).toList();
    }

    private static final By CHANGE_BUTTONS = By.cssSelector("a.btn-toolbar[ng-click], .action-button[ng-click]");

    private static void signIn(Browser browser, String user) {
        LinkedHashMap<By, String> credentials = new LinkedHashMap<>();
        credentials.put(By.cssSelector("input[ng-model='username']"), user);
        credentials.put(By.cssSelector("input[ng-model='password']"), user);
        browser.fill(credentials);
        browser.click(By.cssSelector("form button[type='submit']"));
    }

    private static void assertSignInReads(Browser browser, String userNamePlaceholder, String button) {
        browser.wait.until(d -> userNamePlaceholder.equals(
                d.findElement(By.cssSelector("input[ng-model='username']")).getAttribute("placeholder")));
        assertThat(browser.visible(By.cssSelector("form button[type='submit']")).getText().strip()).isEqualTo(button);
    }

    private static String body(Browser browser) {
        return browser.driver.findElement(By.tagName("body")).getText();
    }

    /** The banner is in Camunda's header markup; the webapps' user-styles.css keeps it from showing. */
    private static void assertBannerHidden(Browser browser) {
        browser.visible(By.cssSelector("[cam-widget-header]"));
        java.util.List<WebElement> banners = browser.driver.findElements(By.cssSelector(".ce-eol-banner"));
        assertThat(banners).as("Camunda still renders the banner, so the stylesheet is what hides it").isNotEmpty();
        for (WebElement banner : banners) {
            assertThat(banner.isDisplayed()).as("the Camunda 8 migration banner").isFalse();
        }
        assertThat(body(browser)).doesNotContain("Camunda 8").doesNotContain("迁移到 Camunda 8");
    }
}
