package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Project;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The subscriber's path in a browser, with the keyboard only where a form is filled: the subscription page
 * reached from a topic (its topic ticked), a mistake (nothing ticked) shown beside its field with nothing lost,
 * subscribe with a follow rule, the confirmation email from the SES stand-in, confirm, a new call of the
 * followed issuer reaching the personal feed, preferences changed, a new feed address, one-click unsubscribe.
 * Each page on the way is photographed and checked by axe-core (as {@link PagesIT} does).
 */
class SubscriberPathIT extends BrowserTest {
    private static final String ISSUER = "广东省科技厅";
    /** The topic of the call ingested mid-test (infra/local/src/test/resources/e2e/gd-2026-follow.json). */
    private static final String NEW_TOPIC = "e2e-gd-2026-t1";
    private static final String NEW_TOPIC_TITLE = "2026年广东省对外科技合作专项（端到端测试）";


    @Test
    void subscribe_confirm_followAnIssuer_changePreferences_andUnsubscribe_withTheKeyboard() throws Exception {
        String address = PagesIT.address("path", "zh");

        // A topic page's "email me reminders" link: the subscription page with that topic ticked.
        browser.open(stack.url("/subscriptions?lang=zh&topic=" + E2eStack.OPEN_TOPIC));
        assertTrue(browser.heading().contains("订阅申报截止提醒"), browser.heading());
        assertTrue(checkbox("topics", E2eStack.OPEN_TOPIC).isSelected(), "?topic= ticks the topic");
        assertEveryInputLabelled();

        // Keyboard only: the address, the topic unticked by mistake, a follow rule, submit with ENTER.
        browser.tabTo("input[name=email]");
        browser.keys(address);
        browser.tabTo("input[name=topics][value='" + E2eStack.OPEN_TOPIC + "']");
        browser.keys(Keys.SPACE);
        browser.tabTo("input[name=follow][value='issuer:" + ISSUER + "']");
        browser.keys(Keys.SPACE);
        browser.tabTo("input[name=email]");
        browser.submitWith(Keys.ENTER);

        // A rule alone is enough to subscribe (every new call of that issuer).
        assertTrue(browser.text().contains("请查收邮件"), "a rule alone subscribes: " + browser.text());
        shoot("subscribe-pending", "zh");
        assertTrue(browser.text().contains(address), "the page names the address the email goes to");
        String confirm = stack.link(address, "/subscriptions/confirm");
        stack.clock(now().plusSeconds(3700)); // the next request for this address may send again

        // A mistake on a second visit: neither a topic nor a rule ticked.
        browser.open(stack.url("/subscriptions?lang=zh"));
        browser.tabTo("input[name=email]");
        browser.keys(address);
        browser.tabTo("input[name=leadTimes][value=P14D]");
        browser.keys(Keys.SPACE);
        browser.tabTo("button[type=submit]");
        browser.submitWith(Keys.ENTER);
        // The form again, with the field named in words, and everything typed or ticked kept.
        assertTrue(browser.text().contains("请检查填写"), browser.text());
        assertTrue(browser.text().contains("专题 Topics") && browser.text().contains("请至少勾选一个专题或一条关注规则"), browser.text());
        assertEquals(address, browser.driver.findElement(By.name("email")).getAttribute("value"), "the address is kept");
        assertTrue(checkbox("leadTimes", "P14D").isSelected(), "the lead time ticked is kept");
        shoot("subscribe-error", "zh");
        browser.driver.findElement(By.cssSelector("#problem a")).click(); // an anchor on the same page
        assertTrue(browser.driver.getCurrentUrl().endsWith("#field-topics"), "the summary links to the field");

        // The confirmation email's link (the first request's settings: the rule, no topic).
        browser.open(confirm);
        assertTrue(browser.heading().contains("订阅已确认"), browser.text());
        assertTrue(browser.text().contains(ISSUER + " 的所有新通知"), "the rule is named: " + browser.text());
        String feed = browser.driver.findElement(By.id("feed-https")).getAttribute("value");
        assertTrue(feed.startsWith(stack.url("/feeds/personal/")) && feed.endsWith(".ics"), feed);
        assertEquals(feed.replaceFirst("^http://", "webcal://"),
                browser.driver.findElement(By.partialLinkText("webcal")).getAttribute("href"));
        assertFalse(unfolded(stack.get(feed).body()).contains(NEW_TOPIC_TITLE));

        // A new call of the followed issuer: the next ingest puts it in the personal feed.
        stack.ingest(Project.root().resolve("infra/local/src/test/resources/e2e/gd-2026-follow.json"));
        HttpResponse<String> ics = stack.get(feed);
        assertEquals(200, ics.statusCode());
        assertTrue(unfolded(ics.body()).contains("SUMMARY:申报截止 Cutoff · " + NEW_TOPIC_TITLE), "the followed issuer's new call is in the personal feed:\n" + ics.body());

        // Preferences, from the link in an email (asking again sends one with a manage link).
        int before = stack.emailsTo(address).size();
        stack.postJson("/subscriptions", "{\"email\":\"" + address + "\",\"topics\":[\"" + E2eStack.OPEN_TOPIC + "\"]}");
        for (int i = 0; i < 100 && stack.emailsTo(address).size() == before; i++) {
            Thread.sleep(100);
        }
        String manage = stack.link(address, "/subscriptions/manage");
        browser.open(manage);
        assertTrue(browser.heading().contains("管理订阅"), browser.text());
        assertTrue(checkbox("topics", NEW_TOPIC).isSelected(), "the topic the rule brought is followed");
        assertFalse(checkbox("topics", E2eStack.OPEN_TOPIC).isSelected());
        assertTrue(checkbox("follow", "issuer:" + ISSUER).isSelected(), "the rule is shown");
        assertTrue(checkbox("leadTimes", "P1D").isSelected());
        assertTrue(radio("zh").isSelected());
        assertEveryInputLabelled();
        shoot("manage-path", "zh");

        // Keyboard only: tick a topic, untick a lead time, English, save with ENTER.
        browser.tabTo("input[name=topics][value='" + E2eStack.OPEN_TOPIC + "']");
        browser.keys(Keys.SPACE);
        browser.tabTo("input[name=leadTimes][value=P1D]");
        browser.keys(Keys.SPACE);
        browser.tabTo("input[name=language]:checked");
        browser.keys(Keys.ARROW_DOWN);
        browser.tabTo("button[value=update]");
        browser.submitWith(Keys.ENTER);
        assertTrue(browser.text().contains("Saved."), browser.text());
        assertTrue(browser.heading().contains("Manage your subscription"), "the page now speaks English");
        assertTrue(checkbox("topics", E2eStack.OPEN_TOPIC).isSelected());
        assertFalse(checkbox("leadTimes", "P1D").isSelected());
        assertTrue(radio("en").isSelected());
        assertTrue(checkbox("follow", "issuer:" + ISSUER).isSelected(), "the rule is kept");
        shoot("manage-saved", "en");

        // A new feed address: shown as webcal and https; the old one stops.
        browser.clickToLoad("button[value=rotate]");
        String newFeed = browser.driver.findElement(By.id("feed-https")).getAttribute("value");
        assertTrue(browser.driver.findElement(By.partialLinkText("webcal")).getAttribute("href").startsWith("webcal://"));
        assertEquals(404, stack.get(feed).statusCode(), "the old feed address is dead");
        assertEquals(200, stack.get(newFeed).statusCode());

        // One click.
        browser.clickToLoad("button[value=unsubscribe]");
        assertTrue(browser.heading().contains("Unsubscribed"), browser.text());
        shoot("unsubscribed", "en");
        assertEquals(404, stack.get(newFeed).statusCode(), "the personal feed ends");
        browser.open(manage);
        assertTrue(browser.heading().contains("expired"), "the manage link is dead after leaving: " + browser.text());
    }

    /** iCalendar text with its folded lines joined (RFC 5545 §3.1). */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "").replace("\r\n\t", "");
    }

    private static Instant now() throws Exception {
        return Instant.parse(stack.get(stack.url("/local/clock")).body().strip());
    }

    private static WebElement checkbox(String name, String value) {
        return browser.driver.findElement(By.cssSelector("input[name=" + name + "][value='" + value + "']"));
    }

    private static WebElement radio(String language) {
        return browser.driver.findElement(By.cssSelector("input[name=language][value=" + language + "]"));
    }

    /** Every visible form control has a label a screen reader reads out. */
    private static void assertEveryInputLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) browser.driver.executeScript(
                "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                        + ".filter(e => !e.labels || e.labels.length === 0).map(e => e.name + '=' + e.value)");
        assertEquals(List.of(), unlabelled, "inputs without a label on " + browser.driver.getCurrentUrl());
    }

    /** The page as it is, at both widths, photographed and checked by axe-core. */
    private static void shoot(String page, String lang) throws Exception {
        for (int width : PagesIT.WIDTHS) {
            browser.width(width);
            browser.screenshot(page + "-" + lang + "-" + width);
            browser.assertAccessible(page + "-" + lang + "-" + width);
        }
        browser.width(PagesIT.WIDTHS.get(0));
    }
}
