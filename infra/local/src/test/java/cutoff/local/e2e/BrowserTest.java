package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test class: the shared local stack ({@link E2eStack#get}) and one headless Chromium for the class, and the
 * reads the signed-in pages' tests share (an element's text, a table's cells, a date input set, a wait, a feed's VEVENT).
 */
abstract class BrowserTest {
    static Browser browser;
    static E2eStack stack;

    @BeforeAll
    static void startBrowser() throws Exception {
        stack = E2eStack.get();
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** An element's visible text, stripped. */
    static String text(String id) {
        return browser.driver.findElement(By.id(id)).getText().strip();
    }

    /** The cells' visible text of each row a selector finds. */
    static List<List<String>> rows(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(td -> td.getText().strip()).toList()).toList();
    }

    /**
     * Sets a date, time or datetime-local input's value as the browser's picker would (its segments differ by locale,
     * so keys are not typed into it), firing input and change.
     */
    static void setValue(String id, String value) {
        browser.driver.executeScript("var e = document.getElementById(arguments[0]); e.focus(); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
        assertEquals(value, browser.driver.findElement(By.id(id)).getAttribute("value"));
    }

    /** Waits (at most 30 s) until the condition holds; failing, says what the page said. */
    static void await(Function<WebDriver, Boolean> condition) {
        // A list the page redraws (the staff list after an upload) may go stale mid-read: read it again, within the bound.
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).withMessage(() -> "the page said: " + browser.text())
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The VEVENT of a UID in a calendar (ical4j); none is an AssertionError showing the calendar. */
    static VEvent event(String ics, String uid) throws Exception {
        List<VEvent> events = new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
        return events.stream().filter(e -> uid.equals(prop(e, Property.UID))).findFirst()
                .orElseThrow(() -> new AssertionError("no VEVENT " + uid + " in\n" + ics));
    }

    static String prop(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElse(null);
    }

    /** The TZID of an event's DTSTART; null for none. */
    static String tzid(VEvent e) {
        return e.getProperty(Property.DTSTART).flatMap(p -> p.<Parameter>getParameter(Parameter.TZID)).map(Parameter::getValue).orElse(null);
    }
}
