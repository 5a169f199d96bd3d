package cutoff.web;

import cutoff.http.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscription pages (subscribe, pending, confirmed, manage, unsubscribe, expired link): the page
 * template {@code web/subscription.html.mustache} inside the web pages' layout ({@link Web}: header with nav
 * and language switch, footer, {@code /assets/cutoff.css}, the same content security policy), text from the
 * web bundles ({@code web/messages_zh.properties}, whose subscription messages are Chinese with English as
 * the emails are, and {@code messages_en.properties}). Values are HTML-escaped by Mustache.
 *
 * <p>Every subscription page also says {@code Referrer-Policy: no-referrer}: the token pages carry their
 * token in their URL, and a link followed from them must not pass it on.
 */
public final class Pages {
    private Pages() {
    }

    /** {@code en} for English, anything else {@code zh} (Chinese with English). */
    public static String language(String language) {
        return "en".equals(language) ? "en" : "zh";
    }

    /** Every message of a language, key → text; never the JVM's default locale. */
    public static Map<String, String> messages(String language) {
        return Web.messages(language(language));
    }

    /** A message with its {@code {0}}-style arguments filled in. */
    public static String text(String language, String key, Object... args) {
        return Web.text(language(language), key, args);
    }

    /**
     * The language of a page that knows no subscriber: {@code ?lang=}, then the cookie {@code lang} (as the
     * other pages), then English when the browser puts it first ({@code Accept-Language}), else Chinese.
     */
    public static Web.Language language(APIGatewayV2HTTPEvent e) {
        String accept = Http.header(e, "accept-language");
        return Web.language(e, accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh");
    }

    /**
     * The language of a page for a known subscriber (reached from an email): {@code ?lang=} (the language
     * switch), else the subscriber's own language, which beats a browser's cookie.
     */
    public static Web.Language language(APIGatewayV2HTTPEvent e, String subscriberLanguage) {
        Web.Language asked = Web.asked(e);
        return asked != null ? asked : new Web.Language(language(subscriberLanguage), null);
    }

    /**
     * A view for the template: the title and paragraphs by message key, and what the layout needs; the
     * language switch points at {@code /subscriptions} until {@link Web#switchTo} says otherwise.
     */
    public static Map<String, Object> view(String language, String titleKey, List<String> paragraphs) {
        String lang = language(language);
        Map<String, Object> view = new HashMap<>(Web.view(lang, text(lang, titleKey), "/subscriptions", null, Instant.EPOCH));
        view.remove("nowMillis"); // no countdown on these pages
        view.put("paragraphs", paragraphs);
        return view;
    }

    public static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view) {
        return page(status, view, null, Map.of());
    }

    /**
     * The page in the layout, with the web pages' headers and {@code Referrer-Policy: no-referrer}.
     *
     * @param setCookie the {@code lang} cookie to set ({@link Web.Language#setCookie()}), or {@code null}
     */
    public static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view, String setCookie, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Referrer-Policy", "no-referrer");
        return Web.page(status, "subscription", view, setCookie, h);
    }

    /** The page for a link that was used, has expired or never existed: 404; its switch leads to the form. */
    public static APIGatewayV2HTTPResponse expired(Web.Language language) {
        String l = language.language();
        return page(404, view(l, "expired_title", List.of(text(l, "expired_body"), text(l, "expired_again"))), language.setCookie(), Map.of());
    }
}
