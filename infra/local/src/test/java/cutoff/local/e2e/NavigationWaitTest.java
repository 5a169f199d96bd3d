package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * {@link Browser#navigate}'s wait, without a browser: what chromedriver answers while a page is replaced is
 * played by a stand-in driver, since no real one fails on cue. The error is the one a fresh clone's CI met in
 * SubscriberPathIT (Chromium 156: a node gone mid-navigation is an inspector error, not a stale element).
 */
class NavigationWaitTest {
    /** What chromedriver 156 said, as Selenium wraps it. */
    static final String INSPECTOR_ERROR = "unknown error: unhandled inspector error: {\"code\":-32000,\"message\":\"Node with given id "
            + "does not belong to the document\"}\n  (Session info: chrome=156.0.8078.129)";

    /**
     * A driver whose every element and script call answers the next of {@code answers} (an exception is thrown):
     * the old page's nodes and scripts as they go away, then the new page's.
     */
    private static class Replay {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        boolean acted;

        Object next(String call) {
            calls.add(call);
            Object a = answers.isEmpty() ? Boolean.FALSE : answers.poll();
            if (a instanceof RuntimeException e) {
                throw e;
            }
            return a;
        }

        WebDriver driver() {
            WebElement html = (WebElement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebElement.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "isEnabled", "isDisplayed", "getTagName" -> acted ? next("element." + m.getName()) : Boolean.TRUE;
                        case "hashCode" -> 1;
                        case "equals" -> p == args[0];
                        case "toString" -> "html";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            return (WebDriver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebDriver.class, JavascriptExecutor.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "findElement" -> html;
                        case "executeScript" -> acted ? next("script") : null;
                        case "hashCode" -> 1;
                        case "equals" -> p == args[0];
                        case "toString" -> "replay driver";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        void navigate(Duration timeout) {
            Browser.navigate(driver(), () -> acted = true, timeout);
        }
    }

    @Test
    void anInspectorErrorWhileTheOldPageGoes_isWaitedThrough_untilTheNewPageHasLoaded() {
        Replay r = new Replay();
        r.answers.add(new WebDriverException(INSPECTOR_ERROR));
        r.answers.add(new StaleElementReferenceException("stale element reference: element is not attached to the page document"));
        r.answers.add(new JavascriptException("javascript error: Execution context was destroyed, most likely because of a navigation"));
        r.answers.add(Boolean.FALSE); // the new document, still loading (or the old one, still marked)
        r.answers.add(Boolean.TRUE);
        r.navigate(Duration.ofSeconds(10));
        assertTrue(r.answers.isEmpty(), "waited until the new page said it had loaded: " + r.calls);
    }

    @Test
    void anyOtherError_endsTheWaitAtOnce_andAPageThatNeverChanges_timesOut() {
        Replay gone = new Replay();
        gone.answers.add(new NoSuchSessionException("invalid session id"));
        long start = System.nanoTime();
        assertThrows(NoSuchSessionException.class, () -> gone.navigate(Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "not waited out");

        Replay stuck = new Replay(); // the marked page stays: the action navigated nowhere
        assertThrows(TimeoutException.class, () -> stuck.navigate(Duration.ofMillis(300)));
        assertTrue(stuck.calls.size() > 1, "polled: " + stuck.calls);
    }

    @Test
    void theErrorsOfAPageInTransit_areToldFromRealFailures() {
        assertTrue(Browser.oldPageGoing(new WebDriverException(INSPECTOR_ERROR)));
        assertTrue(Browser.oldPageGoing(new StaleElementReferenceException("stale")));
        assertTrue(Browser.oldPageGoing(new WebDriverException("unknown error: Cannot find context with specified id")));
        assertTrue(Browser.oldPageGoing(new WebDriverException("unknown error: Inspected target navigated or closed")));
        assertFalse(Browser.oldPageGoing(new NoSuchSessionException("invalid session id")));
        assertFalse(Browser.oldPageGoing(new WebDriverException("unknown error: chrome not reachable")));
        assertFalse(Browser.oldPageGoing(new JavascriptException("javascript error: x is not defined")));
        assertFalse(Browser.oldPageGoing(new WebDriverException((String) null)));
        assertEquals(false, Browser.newPageLoaded((JavascriptExecutor) new Replay() {
            {
                acted = true;
                answers.add(new WebDriverException(INSPECTOR_ERROR));
            }
        }.driver()));
    }
}
