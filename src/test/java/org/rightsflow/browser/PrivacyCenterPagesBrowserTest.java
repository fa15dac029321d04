package org.rightsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.rightsflow.request.RequestType;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every Privacy Center page in zh-CN and en on a 375 px wide phone screen: the lang attribute, key texts, a label
 * for every input, no horizontal scrolling, no English sentence on a Chinese page; the language choice kept from page
 * to page; filing by keyboard alone with a visible focus ring; errors in the page's language; withdrawal from the
 * status page.
 *
 * <p>Languages and widths of the journeys: the keyboard journey runs in Chinese at 375 px, the withdrawal in English
 * at 375 px; each page they show by a plain GET is also seen in the other language on a 1280 px desk
 * ({@link Browser#alsoSeenAs}), so each journey is seen in both languages at both widths for a page load per step
 * instead of a second run (CI time).
 */
class PrivacyCenterPagesBrowserTest extends PostgresIntegrationTest {

    private static final List<String> RIGHTS = List.of("ACCESS", "COPY", "CORRECT", "DELETE", "TRANSFER",
            "WITHDRAW_CONSENT", "CANCEL_ACCOUNT", "EXPLAIN", "RESTRICT");
    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "zh-CN", Map.of("home", "隐私中心", "ACCESS", "请求：查阅个人信息", "TRANSFER", "请求：转移个人信息",
                    "DELETE", "请求：删除个人信息", "lookup", "查询请求进度", "verify", "确认您的身份",
                    "download", "此链接已失效", "error", "出现问题", "submit", "提交请求"),
            "en", Map.of("home", "Privacy Center", "ACCESS", "Request: See your personal information",
                    "TRANSFER", "Request: Transfer your personal information",
                    "DELETE", "Request: Delete your personal information", "lookup", "Follow a request",
                    "verify", "Confirm it is you", "download", "This link does not work any more", "error", "Something is not right",
                    "submit", "Send request"));

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
    void everyPageRendersInBothLanguagesOnAPhone() throws Exception {
        String base = "http://localhost:" + port;
        try (Browser phone = new Browser("pages-phone", 375, 812)) {
            phone.journey(() -> {
                for (String lang : List.of("zh-CN", "en")) {
                    Map<String, String> t = TEXTS.get(lang);
                    page(phone, base + "/privacy?lang=" + lang, lang, t.get("home"), "home-" + lang);
                    // every right the product takes is offered, each once (the list grows as rights are added)
                    assertThat(phone.driver.findElements(By.cssSelector(".rights li.right"))).extracting(e -> e.getAttribute("id"))
                            .containsExactlyInAnyOrderElementsOf(Arrays.stream(RequestType.values())
                                    .map(type -> "right-" + type.name()).toList());
                    for (String right : RIGHTS) {
                        page(phone, base + "/privacy/request/" + right, lang, null, "form-" + right + "-" + lang);
                        assertThat(phone.driver.findElement(By.id("submit")).getText()).isEqualTo(t.get("submit"));
                        assertThat(phone.driver.findElement(By.cssSelector("input[name=idempotencyKey]"))
                                .getAttribute("value")).hasSizeGreaterThanOrEqualTo(8);
                    }
                    page(phone, base + "/privacy/request/ACCESS", lang, t.get("ACCESS"), null);
                    page(phone, base + "/privacy/request/TRANSFER", lang, t.get("TRANSFER"), null);
                    page(phone, base + "/privacy/request/DELETE", lang, t.get("DELETE"), null);
                    page(phone, base + "/privacy/status", lang, t.get("lookup"), "lookup-" + lang);
                    page(phone, base + "/privacy/downloads/abcdefghijklmnopqrstuvwxyz012345", lang, t.get("download"),
                            "download-" + lang);
                    page(phone, base + "/privacy/request/NO_SUCH_RIGHT", lang, t.get("error"), "error-" + lang);
                    assertThat(phone.driver.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
                }
            });
        }
    }

    @Test
    void theLanguageChoiceIsKeptAndAKeyboardAloneFilesVerifiesAndWithdraws() throws Exception {
        String email = "browser-keyboard-" + System.nanoTime() + "@example.com";
        Accounts.account(email).insert(jdbc);
        String base = "http://localhost:" + port;
        try (Browser phone = new Browser("keyboard-zh", 375, 812)) {
            phone.journey(() -> {
                phone.open(base + "/privacy?lang=en");
                phone.open(base + "/privacy/request/TRANSFER");
                assertThat(lang(phone)).as("kept without a parameter").isEqualTo("en");
                // The switch is a link on every page; the choice then holds for the next pages.
                phone.click(By.cssSelector("nav.languages a[lang='zh-CN']"));
                assertThat(lang(phone)).isEqualTo("zh-CN");
                assertThat(phone.driver.getCurrentUrl()).contains("/privacy/request/TRANSFER");
                phone.open(base + "/privacy/status");
                assertThat(lang(phone)).isEqualTo("zh-CN");

                // An error is shown in the page, in the page's language, and the typed values stay.
                phone.open(base + "/privacy/request/TRANSFER");
                phone.type(By.id("accountEmail"), email);
                phone.type(By.id("recipientName"), "新服务商");
                phone.type(By.id("recipientEmail"), "not-an-address");
                phone.click(By.id("submit"));
                assertThat(phone.visible(By.id("problem-summary")).getText()).contains("接收方邮箱：请填写完整的邮箱地址");
                assertThat(phone.driver.findElement(By.id("recipientName")).getAttribute("value")).isEqualTo("新服务商");
                phone.screenshot("transfer-error-zh");

                // Keyboard only: Tab from the top reaches the skip link first, with a visible focus ring.
                phone.open(base + "/privacy/request/ACCESS");
                new Actions(phone.driver).sendKeys(Keys.TAB).perform();
                WebElement focused = phone.driver.switchTo().activeElement();
                assertThat(focused.getAttribute("class")).contains("skip");
                assertThat(focused.isDisplayed()).isTrue();
                assertThat(outline(phone)).isNotEqualTo("none");
                phone.screenshot("skip-link-focused");
                WebElement field = phone.driver.findElement(By.id("accountEmail"));
                int tabs = 0;
                while (!field.equals(phone.driver.switchTo().activeElement()) && tabs++ < 10) {
                    new Actions(phone.driver).sendKeys(Keys.TAB).perform();
                }
                assertThat(phone.driver.switchTo().activeElement()).isEqualTo(field);
                assertThat(outline(phone)).isNotEqualTo("none");
                new Actions(phone.driver).sendKeys(email).perform();
                phone.screenshot("email-focused");
                new Actions(phone.driver).sendKeys(Keys.ENTER).perform();
                phone.visible(By.id("verify-form"));
                assertThat(lang(phone)).isEqualTo("zh-CN");
                String reference = phone.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                noHorizontalScroll(phone);
                labelled(phone);
                phone.screenshot("verify-zh");
                phone.alsoSeenAs("en", 1280, 900, "verify", () -> {
                    assertThat(phone.visible(By.tagName("h1")).getText()).isEqualTo("Confirm it is you");
                    labelled(phone);
                });

                String code = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
                phone.type(By.id("code"), code);
                new Actions(phone.driver).sendKeys(Keys.ENTER).perform();
                phone.visible(By.id("status-current"));
                assertThat(phone.driver.findElement(By.tagName("h1")).getText()).isEqualTo("请求 " + reference);
                assertThat(phone.driver.findElement(By.id("status-due")).getText()).endsWith(" (北京时间)");
                noHorizontalScroll(phone);
                phone.screenshot("status-zh");
                phone.alsoSeenAs("en", 1280, 900, "status", () -> {
                    assertThat(phone.visible(By.tagName("h1")).getText()).isEqualTo("Request " + reference);
                    assertThat(phone.driver.findElement(By.id("status-due")).getText()).endsWith(" (Beijing time)");
                });
            });
        }
    }

    @Test
    void aRequesterWithdrawsFromTheStatusPage() throws Exception {
        // An unknown account: the page answers exactly as for a known one, and the request can be withdrawn.
        String email = "browser-nobody-" + System.nanoTime() + "@example.com";
        String base = "http://localhost:" + port;
        try (Browser phone = new Browser("withdrawal-en", 375, 812)) {
            phone.journey(() -> {
                phone.open(base + "/privacy/request/DELETE?lang=en");
                phone.alsoSeenAs("zh-CN", 1280, 900, "delete-form", () -> assertThat(phone.visible(By.tagName("h1"))
                        .getText()).isEqualTo("请求：删除个人信息"));
                phone.type(By.id("accountEmail"), email);
                assertThat(phone.driver.findElements(By.cssSelector("input[name='ground']:checked")))
                        .as("no deletion ground chosen for the requester").isEmpty();
                phone.click(By.cssSelector("label[for='ground-CONSENT_WITHDRAWN']"));
                phone.click(By.cssSelector("label[for='category-OPERATION_LOGS']"));
                phone.screenshot("delete-form-en");
                phone.click(By.id("submit"));
                phone.visible(By.id("verify-form"));
                String reference = phone.driver.getCurrentUrl().replaceAll(".*/status/([^/]+)/verify$", "$1");
                assertThat(jdbc.queryForObject("select details from rights_request where reference = ?", String.class,
                        reference)).contains("CONSENT_WITHDRAWN").contains("OPERATION_LOGS");
                phone.open(base + "/privacy/status/" + reference);
                phone.screenshot("status-before-withdrawal");
                phone.alsoSeenAs("zh-CN", 1280, 900, "status-before-withdrawal", () -> assertThat(phone
                        .visible(By.id("withdraw")).getText()).isEqualTo("撤回请求"));
                phone.click(By.id("withdraw"));
                // It cannot be undone, so the page asks first.
                assertThat(phone.visible(By.id("confirm-explain")).getText()).contains("cannot be undone");
                noHorizontalScroll(phone);
                phone.screenshot("withdrawal-confirm-en");
                phone.alsoSeenAs("zh-CN", 1280, 900, "withdrawal-confirm", () -> assertThat(phone
                        .visible(By.id("confirm-explain")).getText()).contains("此操作无法撤销"));
                phone.click(By.id("confirm"));
                assertThat(phone.visible(By.cssSelector(".notice")).getText()).isEqualTo("Your request has been withdrawn.");
                assertThat(phone.driver.findElement(By.id("status-current")).getAttribute("data-status")).isEqualTo("WITHDRAWN");
                assertThat(phone.driver.findElements(By.id("withdraw"))).isEmpty();
                phone.screenshot("status-withdrawn");
                phone.alsoSeenAs("zh-CN", 1280, 900, "status-withdrawn", () -> assertThat(phone
                        .visible(By.id("status-current")).getText()).isEqualTo("已撤回"));

                // Without this browser's cookie the same page opens nothing: the lookup form, in the page's language.
                phone.driver.manage().deleteCookieNamed("rf_status_" + reference);
                phone.open(base + "/privacy/status/" + reference);
                // It starts clean (no error before anything is typed) and names the ways in.
                assertThat(phone.visible(By.id("open-elsewhere")).getText()).contains("Use the link in our email");
                assertThat(phone.driver.findElements(By.id("error-summary"))).isEmpty();
                assertThat(phone.driver.findElements(By.id("status-current"))).isEmpty();
                phone.screenshot("lookup-without-the-cookie");
                phone.alsoSeenAs("zh-CN", 1280, 900, "lookup-without-the-cookie", () -> {
                    assertThat(phone.visible(By.id("open-elsewhere")).getText()).contains("邮件");
                    assertThat(phone.driver.findElements(By.id("error-summary"))).isEmpty();
                });
            });
        }
    }

    private static void page(Browser browser, String url, String lang, String heading, String screenshot) {
        browser.open(url);
        assertThat(lang(browser)).as(url).isEqualTo(lang);
        if (heading != null) {
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).as(url).isEqualTo(heading);
        }
        assertThat(browser.driver.findElement(By.cssSelector("a.skip")).getAttribute("href")).endsWith("#main");
        noHorizontalScroll(browser);
        labelled(browser);
        if (lang.equals("zh-CN")) {
            assertThat(browser.firstEnglishSentence()).as("English words on the zh-CN page " + url).isNull();
        }
        if (screenshot != null) {
            browser.screenshot(screenshot);
        }
    }

    private static String lang(Browser browser) {
        return browser.driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    private static String outline(Browser browser) {
        return String.valueOf(browser.script("return getComputedStyle(document.activeElement).outlineStyle"));
    }

    private static void noHorizontalScroll(Browser browser) {
        Object widths = browser.script("return [document.documentElement.scrollWidth, window.innerWidth]");
        @SuppressWarnings("unchecked")
        List<Number> w = (List<Number>) widths;
        assertThat(w.get(0).intValue()).as("no horizontal scroll on " + browser.driver.getCurrentUrl())
                .isLessThanOrEqualTo(w.get(1).intValue());
    }

    /** Every visible form control has a label with text (label[for] or a wrapping label). */
    private static void labelled(Browser browser) {
        Object unlabelled = browser.script("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(e => e.type !== 'hidden')
                  .filter(e => { const l = e.id && document.querySelector('label[for="' + e.id + '"]');
                                 return !((l && l.textContent.trim()) || e.closest('label')); })
                  .map(e => e.name || e.id);""");
        assertThat((List<?>) unlabelled).as("inputs without a label on " + browser.driver.getCurrentUrl()).isEmpty();
    }
}
