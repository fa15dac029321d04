package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Steps in Camunda Tasklist shared by the staff journeys: sign in, find a request's task, claim, complete. Tasklist
 * speaks the browser's language (English, or Rightsflow's Chinese translation for a browser preferring zh-CN): the
 * buttons are found by their words in that language.
 */
final class TasklistUi {

    /** Tasklist's own words for the steps, from its locale files (locales/zh.json: DUE, CLAIM_TASK, COMPLETE). */
    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("due", "Due", "claim", "Claim", "complete", "Complete"),
            "zh", Map.of("due", "到期", "claim", "认领", "complete", "完成"));

    private TasklistUi() {
    }

    private static String word(Browser browser, String step) {
        return WORDS.get(browser.language.startsWith("zh") ? "zh" : "en").get(step);
    }

    static void signIn(Browser browser, int port, String user) {
        browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/");
        LinkedHashMap<By, String> credentials = new LinkedHashMap<>();
        credentials.put(By.cssSelector("input[ng-model='username']"), user);
        credentials.put(By.cssSelector("input[ng-model='password']"), user);
        browser.fill(credentials);
        browser.screenshot("login-" + user);
        browser.click(By.cssSelector("form button[type='submit']"));
        browser.visible(By.cssSelector(".task-filters"));
    }

    /** Opens the filter by its name, narrows it to the reference (a process-variable search) and finds the task. */
    /** @param group the English name of the staff group whose filter of all open tasks is opened ("Privacy officers") */
    static WebElement findTask(Browser browser, String group, String reference, String taskName) {
        String filterName = org.rightsflow.support.TaskFilters.openTasksOf(group);
        // The filter's own name is the link's first text node (a task counter follows it once focused).
        browser.click(By.xpath("//*[contains(@class,'task-filter')]//h4[contains(@class,'name')]"
                + "/a[normalize-space(text())='" + filterName + "']"));
        browser.wait.until(d -> d.getCurrentUrl().contains("filter="));
        String url = browser.driver.getCurrentUrl();
        String search = URLEncoder.encode("[" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of(
                "type", "processVariables", "operator", "eq", "name", "reference", "value", reference)) + "]",
                StandardCharsets.UTF_8);
        browser.driver.get(url + (url.contains("?") ? "&" : "?") + "searchQuery=" + search);
        // The search narrows the filter to this request; its card shows the Reference column and the due date.
        WebElement task = browser.visible(By.xpath(taskCard(reference, taskName)));
        assertThat(task.findElement(By.cssSelector(".due-date")).getText()).startsWith(word(browser, "due"));
        return task;
    }

    static String taskCard(String reference, String taskName) {
        return "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "[.//h4[contains(normalize-space(.), '" + taskName + "')] and contains(normalize-space(.), '" + reference + "')]";
    }

    /** Opens the task; claims it unless it is assigned already. Tasklist refreshes its list: the link is found anew. */
    static void open(Browser browser, String reference, String taskName, boolean claim) {
        browser.click(By.xpath(taskCard(reference, taskName) + "//h4[contains(concat(' ', normalize-space(@class), ' '), ' task ')]//a"));
        if (claim) {
            browser.click(By.xpath("//*[contains(@class,'task-details')]//*[self::a or self::button][normalize-space(.)='" + word(browser, "claim") + "']"));
        }
        browser.visible(By.cssSelector(".fjs-container"));
    }

    static void openAndClaim(Browser browser, String reference, String taskName) {
        open(browser, reference, taskName, true);
    }

    static void typeInField(Browser browser, String label, String text) {
        WebElement labelElement = browser.visible(By.xpath("//div[contains(@class,'fjs-container')]//label[normalize-space(.)='"
                + label + "' or normalize-space(.)='" + label + "*' or starts-with(normalize-space(.),'" + label + "')]"));
        WebElement field = browser.driver.findElement(By.id(labelElement.getAttribute("for")));
        field.clear();
        field.sendKeys(text);
    }

    static void complete(Browser browser) {
        browser.click(By.xpath("//button[normalize-space(.)='" + word(browser, "complete") + "']"));
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-container")));
    }

    /** The form's text as the staff member reads it, once the request card has rendered. */
    static String formText(Browser browser, String mustShow) {
        WebElement form = browser.visible(By.cssSelector(".fjs-container"));
        browser.wait.until(d -> form.getText().contains(mustShow));
        return form.getText();
    }

    /** The address of the form's first link to the request's staff page. */
    static String staffPageLink(Browser browser, String reference) {
        WebElement link = browser.visible(By.xpath("//div[contains(@class,'fjs-container')]//a[contains(@href, '/staff/requests/"
                + reference + "')]"));
        return link.getAttribute("href");
    }
}
