package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The office page's static parts (resources {@code web/office.html.mustache}, the modules
 * {@code web/assets/office*.mjs}, {@code web/assets/office.css}): every text the page shows comes from a message
 * both languages hold, the script finds every element it needs, and the office key stays out of URLs, cookies and
 * localStorage. The modules' pure helpers have tests of their own, run by {@code node --test}
 * ({@code src/test/js/}, part of {@code ./cutoff test}).
 */
class OfficePageTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("\\{\\{msg\\.([A-Za-z0-9_]+)}}");
    private static final Pattern LISTED_KEY = Pattern.compile("data-key=\"([A-Za-z0-9_]+)\"");
    private static final Pattern SCRIPT_KEY = Pattern.compile("'(office_[a-z0-9_]+)'");
    private static final Pattern SCRIPT_ID = Pattern.compile("\\$\\('([A-Za-z0-9-]+)'\\)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
    private static final Pattern TEMPLATE_ID = Pattern.compile("\\bid=\"([A-Za-z0-9-]+)\"");

    /** A resource of the module's class path as text; a missing one fails the test. */
    static String resource(String path) throws IOException {
        try (InputStream in = OfficePageTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path + " is on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A language's messages: the office bundle, plus the web bundle once the office keys are folded into it. */
    private static Properties messages(String language) throws IOException {
        Properties p = new Properties();
        for (String path : new String[] {"web/office_messages_" + language + ".properties", "web/messages_" + language + ".properties"}) {
            InputStream in = OfficePageTest.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                continue;
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** The office page's script: every module {@link Assets} serves for it (office.mjs and its imports), in one text. */
    private static String script() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String file : Assets.FILES) {
            if (file.startsWith("office") && file.endsWith(".mjs")) {
                all.append(resource("web/assets/" + file)).append('\n');
            }
        }
        assertTrue(all.length() > 20_000, "the office modules are found");
        return all.toString();
    }

    /** Every first group a pattern finds in a text, sorted. */
    static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyTextOfThePage_isAMessageBothLanguagesHold() throws IOException {
        String template = resource("web/office.html.mustache");
        String script = script();
        Set<String> used = all(TEMPLATE_KEY, template);
        used.addAll(all(SCRIPT_KEY, script));
        assertTrue(used.size() > 50, "the page's texts are found: " + used);
        for (String language : new String[] {"zh", "en"}) {
            Properties bundle = messages(language);
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(bundle.stringPropertyNames());
            assertEquals(Set.of(), missing, "keys missing from the " + language + " bundle");
        }
        Set<String> listed = all(LISTED_KEY, template);
        Set<String> unlisted = new TreeSet<>(all(SCRIPT_KEY, script));
        unlisted.removeAll(listed);
        assertEquals(Set.of(), unlisted, "keys the office modules ask #office-messages for but the template does not list");
        for (String key : listed) {
            assertTrue(template.contains("<li data-key=\"" + key + "\">{{msg." + key + "}}</li>"), key + " is filled from its message");
        }
    }

    /**
     * Every code an upload's rejected row can carry (the literals in the sources that make them: Offices, StaffRowCheck and
     * EmailAddress) has its message in office-text.mjs's CODES, so no row falls back to the English reason.
     */
    @Test
    void everyRejectedRowCode_hasItsMessageOnThePage() throws IOException {
        String sources = Files.readString(Path.of("src/main/java/cutoff/officeservice/Offices.java"))
                + Files.readString(Path.of("src/main/java/cutoff/officeservice/StaffRowCheck.java"))
                + Files.readString(Path.of("src/main/java/cutoff/subscriber/EmailAddress.java"));
        Set<String> codes = all(Pattern.compile("new (?:Invalid|Broken)\\(\"([a-z_]+)\""), sources);
        codes.addAll(all(Pattern.compile("new Rejected\\([^,]+, \"([a-z_]+)\","), sources));
        assertTrue(codes.containsAll(Set.of("no_at", "wrong_domain", "unknown_topic", "bad_lead_time", "too_many_cells")), codes.toString());
        assertTrue(codes.size() >= 28, codes.toString());
        String script = script();
        for (String code : codes) {
            assertTrue(Pattern.compile("\\s" + code + ": 'office_code_" + code + "'").matcher(script).find(), code + " has its message in CODES");
        }
    }

    @Test
    void theBundles_holdTheSameOfficeKeys_andTheEnglishOneNoChinese() throws IOException {
        Properties zh = messages("zh");
        Properties en = messages("en");
        Set<String> onlyZh = office(zh);
        onlyZh.removeAll(office(en));
        Set<String> onlyEn = office(en);
        onlyEn.removeAll(office(zh));
        assertEquals(Set.of(), onlyZh, "office keys only the Chinese bundle holds");
        assertEquals(Set.of(), onlyEn, "office keys only the English bundle holds");
        for (String key : office(en)) {
            String value = en.getProperty(key);
            assertFalse(value.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF), key + " in English has Chinese: " + value);
            assertFalse(value.contains("'"), key + ": no ASCII apostrophe (MessageFormat would drop it): " + value);
            assertEquals(all(PLACEHOLDER, value), all(PLACEHOLDER, zh.getProperty(key)), key + ": the same {n} in both languages");
        }
    }

    private static Set<String> office(Properties bundle) {
        Set<String> keys = new TreeSet<>();
        bundle.stringPropertyNames().stream().filter(k -> k.startsWith("office_")).forEach(keys::add);
        return keys;
    }

    @Test
    void theScript_holdsNoSentence_andFindsEveryElementItUses() throws IOException {
        String script = script();
        assertFalse(script.codePoints().anyMatch(c -> c >= 0x3000 && c <= 0x9FFF), "the office modules have no Chinese text");
        Set<String> ids = all(TEMPLATE_ID, resource("web/office.html.mustache"));
        Set<String> missing = all(SCRIPT_ID, script);
        missing.removeAll(ids);
        assertEquals(Set.of(), missing, "elements the office modules look up that the template lacks");
    }

    @Test
    void theOfficeKey_staysOutOfUrlsCookiesAndLocalStorage() throws IOException {
        String script = script();
        assertFalse(script.contains("localStorage"), "no localStorage");
        assertFalse(script.contains("document.cookie"), "no cookie");
        assertFalse(Pattern.compile("[?&](key|apiKey|token|orgKey)=").matcher(script).find(), "no key in a query string");
        assertFalse(Pattern.compile("(orgPath|fetch|open|location[.a-z]*\\s*=)\\([^)\\n]*\\bkey\\b").matcher(script).find(),
                "no key in a request path or location");
        assertTrue(script.contains("sessionStorage.setItem(STORE, JSON.stringify({ orgId: r.data.orgId, key: key }))"),
                "the key is kept in sessionStorage[\"cutoff.office\"] as {orgId, key}");
        assertTrue(script.contains("export const STORE = 'cutoff.office';"));
        // Every other use of the key is an Authorization header.
        Matcher uses = Pattern.compile("[^\\n]*\\b(s\\.key|key \\|\\|)[^\\n]*").matcher(script);
        int n = 0;
        while (uses.find()) {
            String line = uses.group();
            if (line.contains("typeof s.key")) {
                continue;
            }
            n++;
            assertTrue(line.contains("'Bearer ' +"), "the key goes out only as a bearer token: " + line.strip());
        }
        assertEquals(2, n, "the two requests that carry the key: api() (every call, the export too) and the upload (XMLHttpRequest, for its progress)");
    }

    @Test
    void thePage_loadsNothingFromElsewhere_andEscapesEveryValue() throws IOException {
        String template = resource("web/office.html.mustache");
        for (String file : new String[] {template, script(), resource("web/assets/office.css")}) {
            assertFalse(file.contains("://"), "no absolute URL: everything is self-served");
            assertFalse(file.contains("@import"), "no imported stylesheet");
        }
        assertFalse(template.contains("{{{") || template.contains("{{&"), "every value is HTML-escaped");
        assertFalse(template.contains("<script") || template.contains("<style") || template.contains(" style=")
                || Pattern.compile("\\son[a-z]+=").matcher(template).find(), "no inline script, style or handler (CSP 'self'); the layout loads the office modules and css");
        String script = script();
        assertFalse(script.contains("innerHTML") || script.contains("insertAdjacentHTML") || script.contains("document.write"),
                "the script writes text, never markup (titles and reasons come from notices and files)");
        assertFalse(script.contains(".style") || script.contains("'style'") || script.contains("eval("),
                "no inline style or eval (CSP 'self')");
    }

    @Test
    void everyTextFieldOfThePage_isStyledByTheOfficeCss() throws IOException {
        // A field type the stylesheet does not name is the browser's bare box, smaller than its neighbours (the group
        // chat's webhook field, type="url", was).
        Set<String> types = all(Pattern.compile("<input\\b[^>]*\\btype=\"([a-z-]+)\""), resource("web/office.html.mustache"));
        types.removeAll(Set.of("button", "submit", "checkbox", "radio", "file", "hidden"));
        assertFalse(types.isEmpty());
        String css = resource("web/assets/office.css");
        for (String type : types) {
            assertTrue(css.contains(".office input[type=" + type + "]"), "office.css styles input[type=" + type + "]");
        }
    }
}
