package io.convoc.localrun.console;

import io.convoc.localrun.LocalRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console in a real browser (Debian's chromium, headless, driven by chromedriver) against the local cloud with
 * the sample data: what a person signs in to, sees and clicks. Each test class gets its own local cloud (the
 * clouds of one JVM share its system properties, so they run one after the other) and one browser; every page
 * a test looks at can be saved as a screenshot in {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConsoleBrowser {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    protected LocalRun run;
    protected WebDriver browser;

    @BeforeAll
    void startCloudAndBrowser() throws IOException {
        // -Dconvoc.console.sources=<api's static folder>: the console's files as they are being edited (no rebuild)
        String sources = System.getProperty("convoc.console.sources");
        if (sources != null && !sources.isBlank()) {
            System.setProperty("CONSOLE_FILES_DIR", Path.of(sources).toAbsolutePath().toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = LocalRun.start(new LocalRun.Options(0, null, true), new PrintStream(out, true, StandardCharsets.UTF_8));
        browser = newBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (run != null) {
            run.close();
        }
    }

    static WebDriver newBrowser() {
        Path driver = Path.of(System.getProperty("convoc.chromedriver", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getProperty("convoc.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
            fail("the console's browser tests need chromium and chromedriver (apt-get install chromium chromium-driver; "
                    + ".ci/run installs them): " + chromium + ", " + driver);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=fr-FR", "--disable-extensions", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens the console, signs in on the local sign-in page as {@code user}, waits for the first page. */
    protected void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(run.consoleUrl());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(run.consoleUrl());
        waitFor(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(run.consolePassword(user));
        browser.findElement(By.id("sign-in")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    /** Opens a page of the console by its address ({@code #/registrations}) and waits until it has its heading. */
    protected void open(String hash) {
        browser.get(run.consoleUrl() + hash);
        waitForPage();
    }

    protected void waitForPage() {
        waitFor(d -> !d.findElements(By.cssSelector("main h1, main .alert")).isEmpty()
                && d.findElements(By.cssSelector("main > .loading")).isEmpty());
    }

    /** Clicks the language switch and waits for the page in the other language. */
    protected void switchLanguage(String to) {
        browser.findElement(By.id("lang-switch")).click();
        waitFor(d -> to.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        waitForPage();
    }

    /** Reloads the page until {@code condition} holds on it (what the functions do in the background shows up). */
    protected <T> T reloadUntil(Function<? super WebDriver, T> condition) {
        return waitFor(d -> {
            d.navigate().refresh();
            waitForPage();
            return condition.apply(d);
        });
    }

    protected <T> T waitFor(Function<? super WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, WAIT).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // what the page showed and what the browser logged, to see why without a screen
            String shot;
            try {
                shot = screenshot("failed-" + System.currentTimeMillis()).toString();
            } catch (IOException | RuntimeException ignored) {
                shot = "none";
            }
            throw new AssertionError(e.getMessage().lines().findFirst().orElse("timeout") + "\nat " + browser.getCurrentUrl()
                    + "\nmain: " + ((JavascriptExecutor) browser).executeScript(
                    "return document.getElementById('main') && document.getElementById('main').outerHTML")
                    + "\nscreenshot: " + shot
                    + "\nbrowser log: " + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    protected WebElement element(String css) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    protected Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The page is right-to-left Arabic, and mirrored: what starts a line (the brand, a table's first column) is on the right. */
    protected void assertMirroredArabic() {
        WebElement html = browser.findElement(By.tagName("html"));
        assertEquals("ar", html.getAttribute("lang"));
        assertEquals("rtl", html.getAttribute("dir"));
        long width = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        WebElement brand = browser.findElement(By.id("brand"));
        assertTrue(brand.getRect().getX() > width / 2, "the brand starts the bar: on the right in Arabic");
        WebElement signOut = browser.findElement(By.id("sign-out"));
        assertTrue(signOut.getRect().getX() < width / 2, "the tools end the bar: on the left in Arabic");
    }

    /** No script was refused by the Content-Security-Policy and none failed, in what the browser logged. */
    protected void assertNoScriptErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // an API answer a test provoked on purpose (a 4xx) is logged by the browser as a failed resource
                .filter(e -> !e.getMessage().contains("the server responded with a status of 4"))
                .toList();
        assertTrue(errors.isEmpty(), "browser errors: " + errors);
    }

    protected String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    protected String pageSource() {
        return browser.getPageSource();
    }
}
