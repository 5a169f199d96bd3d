package cutoff.web;

import java.time.Instant;
import java.util.Map;

/** The research office's page ({@code /office}, template {@code office.html.mustache}). */
public final class OfficePage {
    private OfficePage() {
    }

    /**
     * The office page's view: office.html.mustache's markup, which the module {@code /assets/office.mjs} drives (the layout loads
     * it with the flag {@code officeScript}); its texts are the {@code office_*} messages the template writes into
     * {@code #office-messages}.
     */
    public static Map<String, Object> view(String language, Instant now) {
        Map<String, Object> view = Layout.view(language, Messages.text(language, "office_title"), "/office", "office", now);
        view.put("officeScript", true);
        return view;
    }
}
