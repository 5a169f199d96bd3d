package cutoff.local.e2e;

import cutoff.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (package chromium-driver), both found at fixed
 * paths: Selenium Manager is never asked to find or download anything ({@code SE_OFFLINE} is set as well, see
 * infra/local/pom.xml). Missing binaries fail the test with one line naming the packages. Also: the page checks
 * every test uses (axe-core, full-height screenshots at a CSS width, keyboard steps).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("cutoff.e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cutoff.e2e.chromedriver", "/usr/bin/chromedriver"));
    /** axe-core from npm (infra/e2e, installed by {@code ./cutoff test}'s {@code npm ci}). */
    static final Path AXE = Project.root().resolve("infra/e2e/node_modules/axe-core/axe.min.js");
    /** Where screenshots go: {@code <page>-<lang>-<width>.png}. */
    static final Path SCREENSHOTS = Project.root().resolve("infra/local/target/screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private int width = 1280;

    Browser() throws IOException {
        this(CHROMIUM, CHROMEDRIVER);
    }

    /** A browser from these binaries; either missing: an AssertionError of one line naming the packages. */
    Browser(Path chromium, Path chromedriver) throws IOException {
        for (Path p : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError("the browser tests need Debian's chromium and chromedriver (" + p + " is missing): "
                        + "sudo apt-get install chromium chromium-driver fonts-wqy-microhei");
            }
        }
        if (!Files.isRegularFile(AXE)) {
            throw new AssertionError("the browser tests need axe-core (" + AXE + " is missing): run npm ci in infra/e2e (./cutoff test does)");
        }
        profile = Files.createTempDirectory("cutoff-e2e-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    /** Opens a URL and waits for the document. */
    void open(String url) {
        driver.get(url);
    }

    /** The page's visible text. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The page's CSS layout width in px: the viewport is emulated, not the window resized (exact on any screen). */
    void width(int px) {
        width = px;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", px, "height", 900, "deviceScaleFactor", 1, "mobile", px < 600));
    }

    /**
     * Saves the whole page (its full height, not the viewport) at the current width as
     * {@code target/screenshots/<name>.png}.
     */
    Path screenshot(String name) throws IOException {
        Number height = (Number) driver.executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    /**
     * Runs axe-core (injected from the npm package, no CDN) on the page; fails listing every serious or critical
     * violation with its rule id, impact, help and the CSS targets of its nodes, naming the page.
     */
    void assertAccessible(String page) throws IOException {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(Files.readString(AXE));
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                        + " help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))).catch(e => done('axe failed: ' + e));");
        if (result instanceof String failure) {
            throw new AssertionError(page + ": " + failure);
        }
        List<String> bad = new ArrayList<>();
        for (Object o : (List<?>) result) {
            Map<?, ?> v = (Map<?, ?>) o;
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                bad.add(v.get("id") + " (" + v.get("impact") + ", " + v.get("help") + ") at "
                        + ((List<?>) v.get("targets")).stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
        }
        if (!bad.isEmpty()) {
            throw new AssertionError("axe-core: " + bad.size() + " serious or critical violation(s) on " + page + " ("
                    + driver.getCurrentUrl() + "):\n  " + String.join("\n  ", bad));
        }
    }

    /**
     * The page as it is at each of {@link PagesIT#WIDTHS}: a screenshot {@code <name>-<width>} and axe-core
     * (failing as {@link #assertAccessible} does); the width is the first one again afterwards.
     */
    void photographAndCheck(String name) throws IOException {
        for (int px : PagesIT.WIDTHS) {
            width(px);
            screenshot(name + "-" + px);
            assertAccessible(name + "-" + px);
        }
        width(PagesIT.WIDTHS.get(0));
    }

    /** Sends keys to whatever has the focus (keyboard only, no element clicked). */
    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * Does something that loads another page (a key that submits a form, a click on a button) and waits until
     * the new page has replaced the old one and finished loading (at most 30 s).
     */
    void navigate(Runnable action) {
        navigate(driver, action, Duration.ofSeconds(30));
    }

    /** The property {@link #navigate} sets on the old page's {@code window}: a new document has none. */
    static final String OLD_PAGE_MARKER = "__cutoffOldPage";

    /**
     * Marks the current document's {@code window}, runs the action, then waits (polling every 50 ms, up to
     * {@code timeout}) until the window holds a document without the mark whose {@code readyState} is
     * {@code complete}: a new page, whatever happened to the old page's nodes meanwhile. Errors the driver
     * answers while the old document goes away ({@link #oldPageGoing}) mean "not yet"; any other error ends the
     * wait at once.
     *
     * @throws org.openqa.selenium.TimeoutException when no new page loaded in time (the action navigated nowhere)
     */
    static void navigate(WebDriver driver, Runnable action, Duration timeout) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window[arguments[0]] = true", OLD_PAGE_MARKER);
        action.run();
        new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(d -> newPageLoaded(js));
    }

    /** True when the window holds an unmarked, fully loaded document; false while the old one stays or is going. */
    static boolean newPageLoaded(JavascriptExecutor js) {
        try {
            return Boolean.TRUE.equals(js.executeScript(
                    "return window[arguments[0]] === undefined && document.readyState === 'complete'", OLD_PAGE_MARKER));
        } catch (WebDriverException e) {
            if (oldPageGoing(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * True for what chromedriver answers about a document that is being replaced: a stale element, and the
     * DevTools errors Chromium (156 and others) raises instead when a node or the script context went away
     * mid-navigation ({@code unhandled inspector error: {"code":-32000,"message":"Node with given id does not
     * belong to the document"}}, "Execution context was destroyed", "Cannot find context with specified id",
     * "Inspected target navigated or closed"). False for anything else (no session, a crashed browser, a
     * script error on the page): those are failures, not a page in transit.
     */
    static boolean oldPageGoing(WebDriverException e) {
        if (e instanceof StaleElementReferenceException) {
            return true;
        }
        String message = e.getMessage();
        return message != null && PAGE_GOING.stream().anyMatch(message::contains);
    }

    private static final List<String> PAGE_GOING = List.of("Node with given id does not belong to the document",
            "No node with given id found", "Execution context was destroyed", "Cannot find context with specified id",
            "Inspected target navigated or closed");

    /** Presses a key that submits the form in focus, and waits for the page it loads. */
    void submitWith(CharSequence key) {
        navigate(() -> keys(key));
    }

    /** Clicks what a CSS selector finds (a submit button), and waits for the page it loads. */
    void clickToLoad(String css) {
        navigate(() -> driver.findElement(By.cssSelector(css)).click());
    }

    /** The focused element. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /**
     * Presses TAB until the focused element matches a CSS selector (at most 200 presses), as a keyboard user
     * moves through the form.
     */
    WebElement tabTo(String css) {
        for (int i = 0; i < 200; i++) {
            WebElement f = focused();
            if (Boolean.TRUE.equals(driver.executeScript("return arguments[0].matches(arguments[1])", f, css))) {
                return f;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("TAB never reached " + css + " on " + driver.getCurrentUrl());
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind
        }
    }
}
