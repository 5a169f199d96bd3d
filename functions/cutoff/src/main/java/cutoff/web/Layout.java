package cutoff.web;

import cutoff.http.Http;
import cutoff.util.Invisibles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web pages' shared frame, and a page as a response: one layout ({@code resources/web/layout.html.mustache}:
 * header with the site name, nav, language switch; {@code <main>}; footer) around a page template
 * ({@code web/<page>.html.mustache}), words from {@link Messages}. Mustache HTML-escapes every {@code {{value}}}; the
 * only unescaped value is the page body the layout wraps ({@code {{{body}}}}), itself rendered by Mustache.
 *
 * <p>Every view has {@code lang} ({@code zh} or {@code en}), {@code msg} (the bundle), {@code lq}
 * ({@code lang=en}: appended to links so they keep the language) and {@code assets} (file name with
 * {@code _} for {@code .} → its versioned URL: {@code assets.cutoff_css}).
 */
public final class Layout {
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("web");
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();
    /** Pages are never framed, and load only this site's own scripts, styles and data (no third party). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /** The header's name. */
    public static final String CSP = "Content-Security-Policy";

    private Layout() {
    }

    /**
     * {@link #CONTENT_SECURITY_POLICY} with one more origin the page's scripts may connect to (the upload page's: the
     * bucket it PUTs large notice files to).
     *
     * @param origin {@code scheme://host[:port]}
     * @throws IllegalArgumentException for anything else (a path, a space, a quote or a semicolon would change the policy)
     */
    public static String contentSecurityPolicy(String origin) {
        if (origin == null || !origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            throw new IllegalArgumentException("an origin is scheme://host[:port], not " + origin);
        }
        return CONTENT_SECURITY_POLICY.replace(" connect-src 'self';", " connect-src 'self' " + origin + ";");
    }

    /**
     * A view with what every page has.
     *
     * @param path    the page's path and query without {@code lang} (for the language switch), e.g. {@code /?year=2026}
     * @param section {@code calls} or {@code office}: the nav item marked current; {@code null} for none
     * @param now     the server's clock (the countdowns count from it, not from the browser's)
     */
    static Map<String, Object> view(String language, String title, String path, String section, java.time.Instant now) {
        Map<String, Object> view = new HashMap<>();
        view.put("nowMillis", Long.toString(now.toEpochMilli()));
        view.put("lang", language);
        view.put("zh", language.equals("zh"));
        view.put("msg", Messages.all(language));
        view.put("lq", "lang=" + language);
        // A page title never carries bidirectional or zero-width characters, whatever text it came from.
        view.put("title", Invisibles.strip(title));
        view.put("assets", Assets.urls());
        switchTo(view, language, path);
        if (section != null) {
            view.put("section_" + section, true);
        }
        return view;
    }

    /**
     * Points the header's language switch at {@code path} in the other language.
     *
     * @param path a path and query without {@code lang}, e.g. {@code /subscriptions?topic=x}
     */
    public static void switchTo(Map<String, Object> view, String language, String path) {
        String other = language.equals("zh") ? "en" : "zh";
        view.put("switchHref", path + (path.contains("?") ? "&" : "?") + "lang=" + other);
        view.put("switchLang", other);
        view.put("switchLabel", Messages.text(language, "switch_language"));
    }

    /** A query value as a link writes it: percent-encoded UTF-8, a space as {@code %20}. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Mustache template(String name) {
        return COMPILED.computeIfAbsent(name, n -> TEMPLATES.compile(n + ".html.mustache"));
    }

    /** The page template {@code web/<page>.html.mustache} rendered inside the layout. */
    public static String render(String page, Map<String, Object> view) {
        StringWriter body = new StringWriter();
        template(page).execute(body, view);
        Map<String, Object> outer = new HashMap<>(view);
        outer.put("body", body.toString());
        StringWriter out = new StringWriter();
        template("layout").execute(out, outer);
        return out.toString();
    }

    /**
     * An HTML page response: not stored by caches (it carries "now" and a countdown), with the content
     * security policy, and the {@code lang} cookie when the URL chose the language.
     *
     * @param setCookie a {@code Set-Cookie} value, or {@code null}
     */
    public static APIGatewayV2HTTPResponse page(int status, String page, Map<String, Object> view, String setCookie,
                                                Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put(CSP, headers.getOrDefault(CSP, CONTENT_SECURITY_POLICY));
        h.put("Content-Language", (String) view.get("lang"));
        h.put("Vary", "Cookie");
        APIGatewayV2HTTPResponse r = Http.respond(status, "text/html; charset=utf-8", render(page, view), h);
        if (setCookie != null) {
            r.setCookies(List.of(setCookie));
        }
        return r;
    }
}
