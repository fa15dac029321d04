package org.rightsflow.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver) driven through chromedriver at a fixed path, so
 * Selenium Manager never tries to download a browser or driver (the build machine has no internet). Every step
 * can be saved as a screenshot under target/screenshots/&lt;journey&gt;/.
 */
final class Browser implements AutoCloseable {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    final ChromeDriver driver;
    final WebDriverWait wait;
    final Path downloads;
    /** The browser's preferred language (Accept-Language), which the Camunda webapps follow. */
    final String language;
    private final Path userData;
    private Path screenshots;
    private int step;

    /** Skips (with the reason) only on a developer machine without the driver; under CI the browser must be there. */
    static void assumeAvailable() {
        boolean present = new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank()
                && !"false".equalsIgnoreCase(System.getenv("CI"));
        if (!present && ci) {
            throw new AssertionError("CI is set but " + CHROMEDRIVER + " or " + CHROMIUM + " is missing: "
                    + ".ci/run installs chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "Browser tests skipped: " + CHROMEDRIVER + " not found "
                + "(apt-get install chromium chromium-driver); under CI=true they run and fail instead");
    }

    Browser(String journey, int width, int height) {
        this(journey, width, height, "en-US");
    }

    /**
     * @param language the browser's preferred language (navigator.languages and Accept-Language), so a page that
     *                 follows the browser (the Camunda webapps) is tested in a chosen language, not the machine's
     */
    Browser(String journey, int width, int height, String language) {
        this.language = language;
        try {
            this.userData = Files.createTempDirectory("rightsflow-chromium-");
            this.downloads = Files.createTempDirectory("rightsflow-downloads-");
            this.screenshots = Path.of("target", "screenshots", journey);
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + userData.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--lang=" + language);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", language);
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /**
     * One browser session for several journeys (a class's tests share it; starting Chromium costs seconds): the next
     * screenshots go to target/screenshots/&lt;journey&gt;/, numbered from 01, and the window takes the given size.
     * The session's cookies are cleared, so each journey starts as a new visitor.
     */
    void nextJourney(String journey, int width, int height) {
        try {
            screenshots = Path.of("target", "screenshots", journey);
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        step = 0;
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of()); // every path, not only the page's
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void open(String url) {
        driver.get(url);
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return wait.until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Clicks once the element is in view and nothing covers it (forms rendered by script may still shift). */
    void click(By by) {
        wait.until(d -> {
            WebElement element = clickable(by);
            try {
                ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
                element.click();
                return true;
            } catch (ElementClickInterceptedException | StaleElementReferenceException layoutStillMoving) {
                return false;
            }
        });
    }

    void type(By by, String text) {
        WebElement element = visible(by);
        element.clear();
        element.sendKeys(text);
    }

    /**
     * Types into the fields in order and checks that each kept its text, typing them all again until they do: a page
     * that moves the focus while it loads (Tasklist's login page focuses the user name late) can take keys away from
     * the field they were typed into.
     */
    void fill(java.util.LinkedHashMap<By, String> fields) {
        wait.until(d -> {
            fields.forEach(this::type);
            return fields.entrySet().stream()
                    .allMatch(field -> field.getValue().equals(d.findElement(field.getKey()).getAttribute("value")));
        });
    }

    /** Saves the page as it is now: target/screenshots/&lt;journey&gt;/NN-name.png. */
    Path screenshot(String name) {
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On a failure: the screen and the DOM as they were, for whoever reads the report. */
    void failure() {
        try {
            screenshot("failure");
            Files.writeString(screenshots.resolve(String.format("%02d-failure.html", step)), driver.getPageSource());
        } catch (RuntimeException | IOException ignored) {
            // a debugging aid must not hide the real failure
        }
    }

    /** Runs a part of a journey; on failure keeps a screenshot and the page source beside the step screenshots. */
    void journey(ThrowingRunnable steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError e) {
            failure();
            throw e;
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The first three English words in a row on the page (null if none): a Chinese page has every block, hint and
     * explanation from the zh-CN bundle. Addresses and links are not sentences; nor is the language switch.
     */
    String firstEnglishSentence() {
        String text = driver.findElement(org.openqa.selenium.By.tagName("body")).getText()
                .replaceAll("\\S+@\\S+", " ").replaceAll("https?://\\S+", " ");
        java.util.regex.Matcher english = java.util.regex.Pattern
                .compile("[A-Za-z]{2,}[,.]? [A-Za-z]{2,}[,.]? [A-Za-z]{2,}").matcher(text);
        return english.find() ? english.group() : null;
    }

    /**
     * Shows the page now open once more as a reader of the other language on the other screen sees it, then goes back
     * to the journey's own language and size. A journey that runs in one language at one width (say en at 1280 px)
     * is so also seen, step by step, in the other language at the other width (zh-CN at 375 px) without being run
     * twice: filing, codes and background work cost seconds; showing a page again costs a page load. Only for pages
     * that a plain GET shows again (not the answer to a POST). Checked each time: the page's language, no horizontal
     * scrolling, no English sentence on a Chinese page, then the caller's own checks; the screenshot is named
     * &lt;step&gt;-&lt;language&gt;-&lt;width&gt;.
     */
    void alsoSeenAs(String lang, int width, int height, String step, Runnable checks) {
        String url = driver.getCurrentUrl().replaceAll("([?&])lang=[^&]*&?", "$1").replaceAll("[?&]$", "");
        String ownLang = driver.findElement(By.tagName("html")).getAttribute("lang");
        Dimension ownSize = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, height));
        open(url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
        org.assertj.core.api.Assertions.assertThat(driver.findElement(By.tagName("html")).getAttribute("lang"))
                .as(url).isEqualTo(lang);
        @SuppressWarnings("unchecked")
        java.util.List<Number> widths = (java.util.List<Number>) script(
                "return [document.documentElement.scrollWidth, window.innerWidth]");
        org.assertj.core.api.Assertions.assertThat(widths.get(0).intValue())
                .as("no horizontal scroll on " + url + " at " + width + " px").isLessThanOrEqualTo(widths.get(1).intValue());
        if (!lang.equals("en")) {
            org.assertj.core.api.Assertions.assertThat(firstEnglishSentence()).as("English words on the zh-CN page " + url)
                    .isNull();
        }
        checks.run();
        screenshot(step + "-" + lang + "-" + width);
        driver.manage().window().setSize(ownSize);
        open(url + (url.contains("?") ? "&" : "?") + "lang=" + ownLang);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(userData);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
