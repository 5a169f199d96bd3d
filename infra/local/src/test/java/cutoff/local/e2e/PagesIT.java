package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every page in both languages at desktop and phone widths: a full-height screenshot each
 * ({@code infra/local/target/screenshots/<page>-<lang>-<width>.png}, for a person to look at) and axe-core
 * finding no serious or critical violation.
 *
 * <p>To add a page: one line in {@link #PAGES}. {@link Page#open} for a page anyone can open (the test adds
 * {@code lang=}), {@link Page#token} for one reached from an email (the opener makes the subscriber).
 */
class PagesIT extends BrowserTest {
    /** Desktop and phone, CSS px. */
    static final List<Integer> WIDTHS = List.of(1280, 390);
    static final List<String> LANGUAGES = List.of("zh", "en");

    /** How to reach a page in a language: a URL on the stack (may create a subscriber and read its email). */
    @FunctionalInterface
    interface Opener {
        String url(E2eStack stack, String language) throws Exception;
    }

    /**
     * A page of the tour.
     *
     * @param name     file name stem of its screenshots
     * @param opener   its URL
     */
    record Page(String name, Opener opener) {
        /** A page anyone can open at a path; {@code lang=} is added. */
        static Page open(String name, String path) {
            return new Page(name, (stack, lang) -> stack.url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
        }

        /** A page reached from an email: the opener makes what it needs (in the language asked for). */
        static Page token(String name, Opener opener) {
            return new Page(name, opener);
        }
    }

    static final List<Page> PAGES = List.of(
            Page.open("subscribe", "/subscriptions"),
            Page.open("subscribe-topic", "/subscriptions?topic=" + E2eStack.OPEN_TOPIC),
            Page.token("confirmed", (stack, lang) -> {
                String address = address("confirm", lang);
                stack.postJson("/subscriptions", "{\"email\":\"" + address + "\",\"topics\":[\"" + E2eStack.OPEN_TOPIC
                        + "\"],\"follow\":[\"all\"],\"language\":\"" + lang + "\"}");
                return stack.link(address, "/subscriptions/confirm");
            }),
            Page.token("manage", (stack, lang) -> stack.confirmedSubscriber(address("manage", lang), lang)),
            Page.token("unsubscribe", (stack, lang) -> stack.confirmedSubscriber(address("leave", lang), lang)
                    .replace("/subscriptions/manage?", "/subscriptions/unsubscribe?")),
            Page.open("expired-link", "/subscriptions/confirm?token=" + "A".repeat(43)),
            Page.open("calls", "/"),
            Page.open("calls-filtered", "/?issuer=" + java.net.URLEncoder.encode("上海市科学技术委员会", java.nio.charset.StandardCharsets.UTF_8)
                    + "&q=" + java.net.URLEncoder.encode("合作", java.nio.charset.StandardCharsets.UTF_8)),
            Page.open("calls-past", "/?past=1"),
            Page.open("topic", "/calls/" + E2eStack.OPEN_TOPIC),
            Page.open("topic-foreign", "/calls/" + E2eStack.FOREIGN_TOPIC),
            Page.open("topic-unknown", "/calls/nope-t9"),
            Page.open("office", "/office"),
            Page.open("review-upload", "/review"));


    static String address(String what, String lang) {
        return "e2e-" + what + "-" + lang + "-" + System.nanoTime() + "@example.edu.cn";
    }

    @TestFactory
    Stream<DynamicTest> everyPage_inBothLanguages_atBothWidths_isAccessible_andPhotographed() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Page page : PAGES) {
            for (String lang : LANGUAGES) {
                tests.add(DynamicTest.dynamicTest(page.name() + " " + lang, () -> tour(page, lang)));
            }
        }
        return tests.stream();
    }

    private static void tour(Page page, String lang) throws Exception {
        browser.open(page.opener().url(stack, lang));
        // The page is in the language asked for, and is a page (not a stack error).
        String htmlLang = browser.driver.findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang");
        assertTrue(htmlLang != null && htmlLang.startsWith(lang), page.name() + " in " + lang + ": <html lang=" + htmlLang + ">");
        assertFalse(browser.text().contains("internal error"), browser.text());
        for (int width : WIDTHS) {
            browser.width(width);
            String name = page.name() + "-" + lang + "-" + width;
            assertTrue(java.nio.file.Files.size(browser.screenshot(name)) > 1000, name);
            browser.assertAccessible(name);
        }
    }

    @org.junit.jupiter.api.Test
    void theChecksCanFail_axeNamesTheRuleTargetAndPage_andAMissingBrowserNamesThePackages() {
        String html = "<!doctype html><html lang=en><head><title>sample</title></head><body><main><input id=unlabelled></main></body></html>";
        browser.open("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(html, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"));
        AssertionError axe = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> browser.assertAccessible("sample-page"));
        assertTrue(axe.getMessage().contains("label (critical") && axe.getMessage().contains("#unlabelled")
                && axe.getMessage().contains("sample-page"), axe.getMessage());

        AssertionError missing = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> new Browser(java.nio.file.Path.of("/nonexistent/chromium"), Browser.CHROMEDRIVER));
        assertEquals("the browser tests need Debian's chromium and chromedriver (/nonexistent/chromium is missing): "
                + "sudo apt-get install chromium chromium-driver fonts-wqy-microhei", missing.getMessage());
    }
}
