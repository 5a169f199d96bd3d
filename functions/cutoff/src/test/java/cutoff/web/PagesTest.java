package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages' one message bundle (web and subscription pages alike): the same keys in zh and en, every key a
 * template or a page's code names present in both, no key shown raw, text escaped; the subscription pages in
 * the shared layout with the web pages' security policy.
 */
class PagesTest {
    private static final Path WEB = Project.module().resolve("src/main/resources/web");
    /** The packages whose code names message keys: the handlers, the request and response, the pages. */
    private static final List<Path> CODE = Stream.of("handler", "http", "web")
            .map(p -> Project.module().resolve("src/main/java/cutoff/" + p)).toList();
    /** {@code {{msg.key}}} in a template; {@code text(language, "key"} in the code. */
    private static final Pattern IN_TEMPLATE = Pattern.compile("\\{\\{[#^/]?msg\\.([A-Za-z0-9_]+)\\}\\}");
    private static final Pattern IN_CODE = Pattern.compile("\\btext\\([A-Za-z.()]+, \"([A-Za-z0-9_]+)\"[,)]");

    @Test
    void aPageTitle_hasNoBidiControlOrZeroWidthCharacter() {
        java.util.Map<String, Object> view = Layout.view("zh", "专题\u202e一\u200b\u2066（\ufeff）", "/", null, java.time.Instant.EPOCH);
        assertEquals("专题一（）", view.get("title"));
        assertTrue(Layout.render("error", ErrorPage.view("zh", 404, "notfound_title", "notfound_body", java.time.Instant.EPOCH))
                .chars().noneMatch(cutoff.util.Invisibles::is));
    }

    @Test
    void bothLanguages_haveTheSameMessages() {
        assertEquals(Messages.all("zh").keySet(), Messages.all("en").keySet());
        // ... but for the switch to Chinese, which is written in Chinese.
        assertFalse(Messages.all("en").entrySet().stream().filter(m -> !m.getKey().equals("switch_language"))
                .anyMatch(m -> m.getValue().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)), "the English bundle has no Chinese");
    }

    @Test
    void everyMessageATemplateOrThePagesCodeNames_isInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(WEB)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mustache")).toList()) {
                Matcher m = IN_TEMPLATE.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (Path dir : CODE) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = IN_CODE.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        for (String status : List.of("open", "upcoming", "closed", "withdrawn")) {
            used.add("status_" + status); // a call's badge
        }
        // The keys the subscription pages build: field_<field> and hint_<field> for each field an error can name.
        for (String field : List.of("email", "topics", "follow", "language", "leadTimes")) {
            used.add("field_" + field);
            used.add("hint_" + field);
        }
        // The scan finds what it should: messages of the calls page, the topic page, the office page and the forms.
        assertTrue(used.containsAll(List.of("nav_calls", "calendar_google", "office_title", "form_subscribe", "manage_feed_note",
                "form_invalid_field", "feed_https")), used.toString());
        for (String language : List.of("zh", "en")) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(Messages.all(language).keySet());
            assertEquals(Set.of(), missing, "messages used but missing from messages_" + language + ".properties");
        }
    }

    @Test
    void aSubscriptionPage_isInTheSharedLayout_inItsLanguage_escapesWhatItQuotes_andHasNoInlineStyleOrScript() {
        APIGatewayV2HTTPResponse r = SubscriptionLayout.page(400, SubscriptionLayout.view("en", "form_invalid_title", List.of(Messages.text("en", "form_invalid_field",
                "email", "<script>alert(1)</script>"))));
        String en = r.getBody();
        assertTrue(en.contains("<html lang=\"en\">"), en);
        assertTrue(en.contains("<h1>Please check the form</h1>"), en);
        assertTrue(en.contains("&lt;script&gt;"), en);
        assertFalse(en.contains("<script>") || en.contains("<style") || en.contains(" style="), "nothing inline: " + en);
        assertTrue(en.contains("<header class=\"site\">") && en.contains("<footer class=\"site\">")
                && en.contains("href=\"" + Assets.urls().get("cutoff_css") + "\""), "the layout of the other pages: " + en);
        assertTrue(en.contains("href=\"/subscriptions?lang&#61;zh\" hreflang=\"zh\""), "the switch stays on the form: " + en);
        assertEquals(Layout.CONTENT_SECURITY_POLICY, r.getHeaders().get("Content-Security-Policy"));
        assertEquals("no-referrer", r.getHeaders().get("Referrer-Policy"), "a token in a page's URL is not passed on");
        assertNull(r.getCookies(), "no language asked for: no cookie");

        APIGatewayV2HTTPResponse expired = SubscriptionLayout.expired(new PageLanguage("zh", "lang=zh; Path=/; Max-Age=31536000; SameSite=Lax"));
        String zh = expired.getBody();
        assertEquals(404, expired.getStatusCode());
        assertTrue(zh.contains("<html lang=\"zh-CN\">") && zh.contains("链接无效或已过期"), zh);
        assertFalse(zh.contains("{{") || zh.contains("msg."), zh);
        assertEquals(List.of("lang=zh; Path=/; Max-Age=31536000; SameSite=Lax"), expired.getCookies());
    }
}
