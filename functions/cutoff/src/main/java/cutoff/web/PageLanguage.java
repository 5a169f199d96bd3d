package cutoff.web;

import cutoff.http.Forms;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * The language a request's page is in, {@code zh} (Chinese, with English on the subscription pages) or {@code en},
 * and the {@code Set-Cookie} value to send when its URL chose it ({@code null} otherwise). {@code ?lang=en|zh} wins
 * and is kept in the cookie {@code lang} (SameSite=Lax, Path=/, a year); what comes next depends on the page: the
 * cookie, then a fallback ({@link #of}); the cookie, then {@code Accept-Language} ({@link #ofVisitor}); or the
 * subscriber's own language ({@link #ofSubscriber}). A malformed query is the route's to answer (400): here it only
 * falls back.
 */
public record PageLanguage(String language, String setCookie) {
    /** {@code en} or {@code zh}: anything else is {@code null}. */
    public static String of(String value) {
        return "en".equals(value) || "zh".equals(value) ? value : null;
    }

    /** {@code en} for English, anything else {@code zh} (Chinese with English). */
    public static String orChinese(String language) {
        return "en".equals(language) ? "en" : "zh";
    }

    /** {@code ?lang=}, else the cookie {@code lang}, else {@code fallback}. */
    public static PageLanguage of(APIGatewayV2HTTPEvent e, String fallback) {
        PageLanguage asked = asked(e);
        if (asked != null) {
            return asked;
        }
        if (e.getCookies() != null) {
            for (String cookie : e.getCookies()) {
                for (String pair : cookie.split(";")) {
                    String p = pair.strip();
                    if (p.startsWith("lang=") && of(p.substring(5)) != null) {
                        return new PageLanguage(p.substring(5), null);
                    }
                }
            }
        }
        return new PageLanguage(fallback, null);
    }

    /**
     * The language of a page that knows no subscriber: {@code ?lang=}, then the cookie {@code lang} (as the
     * other pages), then English when the browser puts it first ({@code Accept-Language}), else Chinese.
     */
    public static PageLanguage ofVisitor(APIGatewayV2HTTPEvent e) {
        String accept = Http.header(e, "accept-language");
        return of(e, accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh");
    }

    /**
     * The language of a page for a known subscriber (reached from an email): {@code ?lang=} (the language
     * switch), else the subscriber's own language, which beats a browser's cookie.
     */
    public static PageLanguage ofSubscriber(APIGatewayV2HTTPEvent e, String subscriberLanguage) {
        PageLanguage asked = asked(e);
        return asked != null ? asked : new PageLanguage(orChinese(subscriberLanguage), null);
    }

    /** The language {@code ?lang=} chose, with its cookie; {@code null} when the URL chose none. */
    static PageLanguage asked(APIGatewayV2HTTPEvent e) {
        String asked = null;
        try {
            asked = of(Forms.first(Forms.query(e), "lang"));
        } catch (HttpProblem ignored) {
            // a malformed query is answered 400 by the route; the language falls back
        }
        return asked == null ? null : new PageLanguage(asked, "lang=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
    }
}
