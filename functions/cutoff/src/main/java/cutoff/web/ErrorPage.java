package cutoff.web;

import cutoff.http.HttpProblem;
import java.time.Instant;
import java.util.Map;

/** The error page (template {@code error.html.mustache}): a status, its title and message in the page's language, a link home. */
public final class ErrorPage {
    private ErrorPage() {
    }

    /**
     * An error page's view (template {@code error}): its title and, with a {@code bodyKey}, its message, both from
     * the bundles; a link home in the same language.
     *
     * @param status the HTTP status the page is sent with (shown on it)
     */
    public static Map<String, Object> view(String language, int status, String titleKey, String bodyKey, Instant now) {
        Map<String, Object> view = Layout.view(language, Messages.text(language, titleKey), "/", null, now);
        view.put("status", status);
        if (bodyKey != null) {
            view.put("message", Messages.text(language, bodyKey));
        }
        view.put("homeHref", "/?lang=" + language);
        return view;
    }

    /** The page for a malformed query: its status (400) and the field it names, in the bundle's words. */
    public static Map<String, Object> invalid(String language, HttpProblem bad, Instant now) {
        Map<String, Object> view = view(language, bad.status, "invalid_title", null, now);
        view.put("message", Messages.text(language, "invalid_field", bad.field, bad.getMessage()));
        return view;
    }

}
