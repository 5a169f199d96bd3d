package cutoff.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscription pages: one Mustache template ({@code resources/pages/page.html.mustache}) whose text
 * comes from the message bundles {@code pages/messages_zh.properties} (Chinese with English) and
 * {@code pages/messages_en.properties}. Values are HTML-escaped by Mustache.
 */
final class Pages {
    private static final Mustache PAGE = new DefaultMustacheFactory("pages").compile("page.html.mustache");
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();

    private Pages() {
    }

    /** {@code en} for English, anything else {@code zh} (Chinese with English). */
    static String language(String language) {
        return "en".equals(language) ? "en" : "zh";
    }

    /** Every message of a language, key → text; never the JVM's default locale. */
    static Map<String, String> messages(String language) {
        return BUNDLES.computeIfAbsent(language(language), l -> Bundles.load("pages.messages", l));
    }

    /** A message with its {@code {0}}-style arguments filled in. */
    static String text(String language, String key, Object... args) {
        String pattern = messages(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** A view for the template: the title and paragraphs by message key, the language's messages. */
    static Map<String, Object> view(String language, String titleKey, List<String> paragraphs) {
        Map<String, Object> view = new HashMap<>();
        view.put("title", text(language, titleKey));
        view.put("paragraphs", paragraphs);
        view.put("zh", language(language).equals("zh"));
        view.put("msg", messages(language));
        return view;
    }

    static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view) {
        return page(status, view, Map.of());
    }

    static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view, Map<String, String> headers) {
        StringWriter out = new StringWriter();
        PAGE.execute(out, view);
        return Http.respond(status, "text/html; charset=utf-8", out.toString(), headers);
    }

    /** The page for a link that was used, has expired or never existed: 404. */
    static APIGatewayV2HTTPResponse expired(String language) {
        return page(404, view(language, "expired_title", List.of(text(language, "expired_body"), text(language, "expired_again"))));
    }
}
