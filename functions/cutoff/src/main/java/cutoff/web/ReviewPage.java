package cutoff.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The notice review pages (issue 19), template {@code review.html.mustache}: {@code /review}, where an editor or a
 * research office signs in with its key and uploads a notice file, and {@code /review/{draftId}}, a draft's source
 * text beside its reading as a form (correct, confirm, save, publish). Both are shells: the page carries no draft
 * data, only its own words; the module {@code /assets/review.mjs} (layout flag {@code reviewScript}) fetches the
 * draft from the notice API with the key kept in the tab ({@code sessionStorage}) and puts every value of it into
 * the page as text.
 */
public final class ReviewPage {
    /** A draft id as {@code NoticeUploads} makes them: 22 base64url characters (128 random bits). */
    private static final Pattern DRAFT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private ReviewPage() {
    }

    /** True when the path segment can be a draft's id; anything else is the web function's 404 page. */
    public static boolean isDraftId(String segment) {
        return segment != null && DRAFT_ID.matcher(segment).matches();
    }

    /** {@code /review}: sign in, choose a notice file, send it; the draft then opens at {@code /review/{draftId}}. */
    public static Map<String, Object> upload(String language, Instant now) {
        Map<String, Object> view = Layout.view(language, Messages.text(language, "review_upload_title"), "/review", null, now);
        view.put("reviewScript", true);
        view.put("uploadPage", true);
        view.put("mode", "upload");
        view.put("reviewMessages", messages(language));
        return view;
    }

    /**
     * {@code /review/{draftId}}: the review form's empty frame. The id is only the address (the language switch links
     * to it); whether there is such a draft, and whose it is, only the notice API says, to the key that asks.
     */
    public static Map<String, Object> review(String language, String draftId, Instant now) {
        Map<String, Object> view = Layout.view(language, Messages.text(language, "review_title"), "/review/" + draftId, null, now);
        view.put("reviewScript", true);
        view.put("draftPage", true);
        view.put("mode", "draft");
        view.put("reviewMessages", messages(language));
        return view;
    }

    /**
     * The {@code review_*} messages in the page's language, for {@code #review-messages} (one element per key, in key
     * order): the module's words, so it holds no sentence of its own.
     */
    static List<Map<String, String>> messages(String language) {
        return Messages.all(language).entrySet().stream().filter(m -> m.getKey().startsWith("review_"))
                .sorted(Map.Entry.comparingByKey()).map(m -> Map.of("key", m.getKey(), "text", m.getValue())).toList();
    }
}
