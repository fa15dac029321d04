package org.rightsflow.fulfilment.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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
 * Form_CorrectionReview as Tasklist renders it (form-js): the masked changes from the task-local rows, the per-change
 * choices from the task-local JSON list, and a per-change rejection that the server records. The rejection is a
 * refusal proposal: the legal reviewer approves it in Form_RefusalApproval (RefusalApprovalProcess), in Tasklist too,
 * before anything is written. The requested value is an attack (Markdown heading, link, HTML image with a script): in
 * the form it is masked and plain text, and on the request's staff page it is the literal text the requester typed,
 * never markup.
 */
class CorrectionReviewBrowserTest extends PostgresIntegrationTest {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

    @Test
    void anOfficerSeesMaskedChangesAndRejectsOneOfThemInTasklist() throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank()
                && !"false".equalsIgnoreCase(System.getenv("CI"));
        boolean present = new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
        Assumptions.assumeTrue(present || ci, "no chromium/chromedriver on this machine");

        long n = System.nanoTime();
        String email = "correct-browser-" + n + "@example.com";
        String oldName = "Oldbrowser" + n;
        String oldSecurity = "oldsec-browser-" + n + "@example.com";
        long id = Accounts.account(email).displayName(oldName).birthDate("1991-02-03").insert(jdbc);
        jdbc.update("insert into account_security (account_id, security_email, updated_at) values (?, ?, current_timestamp)",
                id, oldSecurity);
        // what an impostor typed, hoping the officer's form renders it as an order and a link
        // (at most 100 characters: the column's width)
        String newName = "# URGENT APPLY [ok](https://evil.example/" + n % 100_000
                + ") <img src=x onerror=\"document.title='pwn'\">";
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", email, email, Map.of("corrections", List.of(
                Map.of("field", "displayName", "value", newName),
                Map.of("field", "securityEmail", "value", "newsec-browser-" + n + "@example.com"))));
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ReviewCorrection").count() == 1);
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewCorrection").singleResult().getId();

        Path userData = Files.createTempDirectory("rightsflow-chromium-");
        Path shots = Files.createDirectories(Path.of("target", "screenshots", "correction-review"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + userData.toAbsolutePath(),
                "--window-size=1400,1100");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build(), options);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try {
            signIn(driver, wait, "officer");
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
            click(driver, wait, By.xpath("//*[contains(@class,'task-details')]//*[self::a or self::button][normalize-space(.)='Claim']"));
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
            wait.until(d -> form.getText().contains("O***"));
            assertThat(form.getText()).contains(filed.reference(), "Requested changes", "Display name", "O***", "#***",
                    "o***@***.com", "n***@***.com").doesNotContain(oldName, newName, oldSecurity, "URGENT", "evil");
            assertThat(form.findElements(By.cssSelector("table.fjs-table td"))).extracting(WebElement::getText)
                    .as("the changes are a table of plain-text cells").contains("O***", "#***");
            assertThat(form.findElements(By.xpath(".//a[contains(@href,'evil')] | .//img[@src='x'] | .//h1[contains(.,'URGENT')]")))
                    .as("nothing the requester typed became markup").isEmpty();
            assertThat(driver.getTitle()).doesNotContain("pwn");
            Files.write(shots.resolve("01-form.png"), driver.getScreenshotAs(OutputType.BYTES));

            click(driver, wait, By.xpath("//label[starts-with(normalize-space(.), 'APPLY:')]"));
            click(driver, wait, By.xpath("//label[starts-with(normalize-space(.), '2. Security email')]"));
            click(driver, wait, By.xpath("//label[starts-with(normalize-space(.), 'RISK_TO_OTHERS:')]"));
            WebElement label = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//div[contains(@class,'fjs-container')]//label[starts-with(normalize-space(.),'Explanation')]")));
            driver.findElement(By.id(label.getAttribute("for")))
                    .sendKeys("The new security address could not be confirmed (browser test).");
            Files.write(shots.resolve("02-filled.png"), driver.getScreenshotAs(OutputType.BYTES));
            click(driver, wait, By.xpath("//button[normalize-space(.)='Complete']"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-container")));

            // the second person: a legal reviewer approves the refusal in Tasklist before anything is written
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                    .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ApproveRefusal").count() == 1);
            String approvalId = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                    .taskDefinitionKey("Task_ApproveRefusal").singleResult().getId();
            assertThat(jdbc.queryForObject("select display_name from account where id = ?", String.class, id))
                    .as("nothing written before the approval").isEqualTo(oldName);
            driver.manage().deleteAllCookies();
            signIn(driver, wait, "legal");
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + approvalId);
            click(driver, wait, By.xpath("//*[contains(@class,'task-details')]//*[self::a or self::button][normalize-space(.)='Claim']"));
            WebElement approvalForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
            wait.until(d -> approvalForm.getText().contains("RISK_TO_OTHERS"));
            assertThat(approvalForm.getText()).contains(filed.reference(), "requested corrections", "officer",
                    "The new security address could not be confirmed (browser test).").doesNotContain(oldSecurity);
            Files.write(shots.resolve("03-approval.png"), driver.getScreenshotAs(OutputType.BYTES));
            click(driver, wait, By.xpath("//label[starts-with(normalize-space(.), 'APPROVE:')]"));
            WebElement comment = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//div[contains(@class,'fjs-container')]//label[starts-with(normalize-space(.),'Explanation')]")));
            driver.findElement(By.id(comment.getAttribute("for")))
                    .sendKeys("Unconfirmed security address: the refusal stands (browser test).");
            click(driver, wait, By.xpath("//button[normalize-space(.)='Complete']"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-container")));

            // the full value, for a privacy officer, on the request's staff page (the webapps' session): as typed
            driver.manage().deleteAllCookies();
            signIn(driver, wait, "officer");
            driver.get("http://localhost:" + port + "/staff/requests/" + filed.reference());
            click(driver, wait, By.id("reveal-values"));
            WebElement values = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("typed-values")));
            assertThat(values.findElements(By.tagName("dd"))).extracting(WebElement::getText).contains(newName);
            assertThat(driver.findElements(By.xpath("//a[contains(@href,'evil')] | //img[@src='x'] | //h1[contains(.,'URGENT')]")))
                    .as("the staff page shows the requester's text as text").isEmpty();
            assertThat(driver.getTitle()).doesNotContain("pwn");
            Files.write(shots.resolve("04-staff-page.png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (Exception | AssertionError e) {
            Files.write(shots.resolve("99-failure.png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(shots.resolve("99-failure.html"), driver.getPageSource());
            throw e;
        } finally {
            driver.quit();
        }

        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");
        assertThat(jdbc.queryForObject("select display_name from account where id = ?", String.class, id)).isEqualTo(newName);
        assertThat(jdbc.queryForObject("select security_email from account_security where account_id = ?", String.class, id))
                .isEqualTo(oldSecurity);
    }

    private void signIn(ChromeDriver driver, WebDriverWait wait, String user) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        By username = By.cssSelector("input[ng-model='username']");
        By password = By.cssSelector("input[ng-model='password']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(username));
        // the login page focuses the user name late: keys meant for the password can land there, so type until
        // both fields hold what was typed
        wait.until(d -> {
            for (By field : List.of(username, password)) {
                d.findElement(field).clear();
                d.findElement(field).sendKeys(user);
            }
            return user.equals(d.findElement(username).getAttribute("value"))
                    && user.equals(d.findElement(password).getAttribute("value"));
        });
        driver.findElement(By.cssSelector("form button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters")));
    }

    private static void click(ChromeDriver driver, WebDriverWait wait, By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
        element.click();
    }
}
