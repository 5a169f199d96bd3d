package cutoff.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscription pages' frame (subscribe, pending, confirmed, manage, unsubscribe, expired link): the page
 * template {@code web/subscription.html.mustache} inside the web pages' {@link Layout} (header with nav and language
 * switch, footer, {@code /assets/cutoff.css}, the same content security policy), a title and paragraphs by message key
 * ({@link Messages}). Values are HTML-escaped by Mustache. What each page shows: {@link SubscriptionPages}.
 *
 * <p>Every subscription page also says {@code Referrer-Policy: no-referrer}: the token pages carry their
 * token in their URL, and a link followed from them must not pass it on.
 */
public final class SubscriptionLayout {
    private SubscriptionLayout() {
    }

    /**
     * A view for the template: the title and paragraphs by message key, and what the layout needs; the
     * language switch points at {@code /subscriptions} until {@link Layout#switchTo} says otherwise.
     *
     * @param language {@code en}, else Chinese with English
     */
    public static Map<String, Object> view(String language, String titleKey, List<String> paragraphs) {
        String lang = PageLanguage.orChinese(language);
        Map<String, Object> view = new HashMap<>(Layout.view(lang, Messages.text(lang, titleKey), "/subscriptions", null, Instant.EPOCH));
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
     * @param setCookie the {@code lang} cookie to set ({@link PageLanguage#setCookie()}), or {@code null}
     */
    public static APIGatewayV2HTTPResponse page(int status, Map<String, Object> view, String setCookie, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Referrer-Policy", "no-referrer");
        return Layout.page(status, "subscription", view, setCookie, h);
    }

    /** The page for a link that was used, has expired or never existed: 404; its switch leads to the form. */
    public static APIGatewayV2HTTPResponse expired(PageLanguage language) {
        String l = language.language();
        return page(404, view(l, "expired_title", List.of(Messages.text(l, "expired_body"), Messages.text(l, "expired_again"))),
                language.setCookie(), Map.of());
    }
}
