package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The review pages' static parts (resources {@code web/review.html.mustache}, the modules {@code web/assets/review*.mjs}):
 * every message they name is in both languages and listed for the modules, every element they look up is in the
 * template, and no module ever writes markup (everything from a draft goes in as text). The modules' pure rules have
 * tests of their own, run by {@code node --test} ({@code src/test/js/review-text.test.mjs}).
 */
class ReviewPageTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("\\{\\{msg\\.([A-Za-z0-9_]+)}}");
    private static final Pattern SCRIPT_KEY = Pattern.compile("'(review_[a-z0-9_]*[a-z0-9])'");
    /** The keys the modules make from a prefix and a name: a reading's kind, a count of an answer, a record's action, a relay date's source. */
    private static final Set<String> MADE = Set.of("review_kind_opens", "review_kind_closes", "review_kind_recommendation",
            "review_kind_paper_copy", "review_kind_pre_proposal", "review_kind_full_proposal", "review_kind_relay", "review_kind_other",
            "review_kind_foreign", "review_count_added", "review_count_moved", "review_count_updated", "review_count_withdrawn",
            "review_count_unchanged", "review_count_remindersplanned", "review_count_followersgiventopics", "review_count_changeemails",
            "review_action_uploaded", "review_action_corrected", "review_action_published", "review_count_stafftold",
            "review_relay_source_relay", "review_relay_source_override", "review_relay_source_rule");
    private static final Pattern SCRIPT_ID = Pattern.compile("\\$\\('([A-Za-z0-9-]+)'\\)");
    private static final Pattern TEMPLATE_ID = Pattern.compile("\\bid=\"([A-Za-z0-9-]+)\"");
    /** The DOM's ways of turning a string into markup, and eval's: none may appear in the review modules. */
    private static final Pattern MARKUP_SINKS = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|createContextualFragment"
            + "|DOMParser|\\beval\\(|new Function|setAttribute\\('on|srcdoc");

    private static String modules() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String file : Assets.FILES) {
            if (file.startsWith("review") && file.endsWith(".mjs")) {
                all.append(OfficePageTest.resource("web/assets/" + file)).append('\n');
            }
        }
        assertTrue(all.length() > 15_000, "the review modules are found");
        return all.toString();
    }

    @Test
    void everyMessageThePagesName_isInBothLanguages_andListedForTheModules() throws IOException {
        Set<String> used = OfficePageTest.all(TEMPLATE_KEY, OfficePageTest.resource("web/review.html.mustache"));
        used.addAll(OfficePageTest.all(SCRIPT_KEY, modules()));
        used.addAll(MADE);
        assertTrue(used.size() > 80, "the pages' texts are found: " + used);
        for (String language : new String[] {"zh", "en"}) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(Messages.all(language).keySet());
            assertEquals(Set.of(), missing, "keys missing from the " + language + " bundle");
            String page = Layout.render("review", ReviewPage.review(language, "AAAAAAAAAAAAAAAAAAAAAA", Instant.EPOCH));
            Set<String> listed = new TreeSet<>(OfficePageTest.all(SCRIPT_KEY, modules()));
            listed.addAll(MADE);
            for (String key : listed) {
                assertTrue(page.contains("<li data-key=\"" + key + "\">"), key + " is listed in #review-messages");
            }
        }
    }

    @Test
    void everyElementTheModulesLookUp_isInTheTemplate() throws IOException {
        Set<String> ids = OfficePageTest.all(TEMPLATE_ID, OfficePageTest.resource("web/review.html.mustache"));
        Set<String> missing = new TreeSet<>(OfficePageTest.all(SCRIPT_ID, modules()));
        missing.removeAll(ids);
        assertEquals(Set.of(), missing, "ids the modules look up that the template lacks");
    }

    @Test
    void noModuleWritesMarkup_soADraftIsOnlyEverText() throws IOException {
        Matcher m = MARKUP_SINKS.matcher(modules());
        assertFalse(m.find(), () -> "a markup sink in the review modules: " + m.group());
    }

    @Test
    void thePagesAreShells_theUploadPageAndADraftsPage_inTheLayoutWithTheirModule() {
        String upload = Layout.render("review", ReviewPage.upload("en", Instant.EPOCH));
        assertTrue(upload.contains("data-mode=\"upload\"") && upload.contains("id=\"review-file\"") && !upload.contains("id=\"review-text\""));
        String draft = Layout.render("review", ReviewPage.review("zh", "AbCdEfGhIjKlMnOpQrStUv", Instant.EPOCH));
        assertTrue(draft.contains("data-mode=\"draft\"") && draft.contains("id=\"review-text\"") && !draft.contains("id=\"review-file\""));
        assertTrue(Pattern.compile("<script type=\"module\" src=\"/assets/review\\.[0-9a-f]{10}\\.mjs\"></script>").matcher(draft).find());
        assertTrue(draft.contains("href=\"/review/AbCdEfGhIjKlMnOpQrStUv?lang"), "the language switch keeps the address");
        assertTrue(ReviewPage.isDraftId("AbCdEfGhIjKlMnOpQrSt_-"));
        assertFalse(ReviewPage.isDraftId("AbCdEfGhIjKlMnOpQrSt_"));
        assertFalse(ReviewPage.isDraftId("AbCdEfGhIjKlMnOpQrSt.-"));
        assertFalse(ReviewPage.isDraftId(null));
    }
}
