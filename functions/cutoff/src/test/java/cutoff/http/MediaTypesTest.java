package cutoff.http;

import cutoff.handler.Routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Content-Type, Accept and Accept-Encoding grammars (RFC 9110 §8.3.1, §12.5.1, §12.5.3, §12.4.2),
 * held against values generated from the grammar (well-formed: read back as written) and against broken
 * forms of them (empty ranges, stray separators, q-values out of range, bad quoted strings, space where
 * the grammar has none): every broken one reads as a missing header, none throws.
 */
class MediaTypesTest {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int CASES = 3000;

    /** One generated element: what was written, and what it must read back as. */
    private record Written(String text, String essence, Map<String, String> parameters, int quality) {
    }

    private static String token(Random r) {
        StringBuilder b = new StringBuilder();
        for (int n = 1 + r.nextInt(8); n > 0; n--) {
            b.append(TCHARS.charAt(r.nextInt(TCHARS.length())));
        }
        // "*" alone is the wildcard, and "q" is the weight: neither is a plain name here.
        String t = b.toString();
        return t.equals("*") || t.equalsIgnoreCase("q") ? t + "x" : t;
    }

    private static String ows(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> " ";
            case 1 -> "\t ";
            default -> "";
        };
    }

    private static String randomCase(Random r, String s) {
        return r.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** A quoted string with escapes and obs-text, and the value it stands for. */
    private static String[] quoted(Random r) {
        String plain = "a b\t\"\\,;=é" + TCHARS.substring(0, 5);
        StringBuilder text = new StringBuilder("\"");
        StringBuilder value = new StringBuilder();
        for (int n = r.nextInt(6); n > 0; n--) {
            char c = plain.charAt(r.nextInt(plain.length()));
            if (c == '"' || c == '\\' || r.nextInt(5) == 0) {
                text.append('\\');
            }
            text.append(c);
            value.append(c);
        }
        return new String[] {text.append('"').toString(), value.toString()};
    }

    private static String qvalue(Random r) {
        if (r.nextInt(4) == 0) {
            return "1" + (r.nextBoolean() ? "." + "0".repeat(r.nextInt(4)) : "");
        }
        StringBuilder b = new StringBuilder("0");
        if (r.nextBoolean()) {
            b.append('.');
            for (int n = r.nextInt(4); n > 0; n--) {
                b.append(r.nextInt(10));
            }
        }
        return b.toString();
    }

    private static int thousandths(String q) {
        return (int) Math.round(Double.parseDouble(q.endsWith(".") ? q + "0" : q) * 1000);
    }

    /** A well-formed media type or range with parameters (some empty), and a weight when {@code weighted}. */
    private static Written element(Random r, boolean range, boolean weighted) {
        String type = token(r);
        String subtype = token(r);
        if (range && r.nextInt(5) == 0) {
            subtype = "*";
            type = r.nextBoolean() ? "*" : type;
        }
        StringBuilder text = new StringBuilder(randomCase(r, type) + "/" + randomCase(r, subtype));
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int n = r.nextInt(4); n > 0; n--) {
            text.append(ows(r)).append(';').append(ows(r));
            if (r.nextInt(4) == 0) {
                continue; // an empty parameter
            }
            String name = token(r);
            if (parameters.containsKey(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String[] value = r.nextBoolean() ? quoted(r) : new String[] {token(r), null};
            parameters.put(name.toLowerCase(Locale.ROOT), value[1] == null ? value[0] : value[1]);
            text.append(randomCase(r, name)).append('=').append(value[0]);
        }
        int quality = 1000;
        if (weighted && r.nextBoolean()) {
            String q = qvalue(r);
            quality = thousandths(q);
            text.append(ows(r)).append(';').append(ows(r)).append(r.nextBoolean() ? "q=" : "Q=").append(q);
        }
        return new Written(text.toString(), (type + "/" + subtype).toLowerCase(Locale.ROOT), parameters, quality);
    }

    /** A list of elements joined by commas with OWS, some elements empty. */
    private static String list(Random r, List<String> elements) {
        StringBuilder b = new StringBuilder(ows(r));
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0 || r.nextInt(6) == 0) {
                b.append(ows(r)).append(',').append(ows(r));
            }
            if (r.nextInt(8) == 0) {
                b.append(',').append(ows(r)); // an empty element
            }
            b.append(elements.get(i));
        }
        return b.append(r.nextInt(6) == 0 ? "," : "").append(ows(r)).toString();
    }

    @Test
    void generatedContentTypes_readBackAsWritten() {
        Random r = new Random(9110);
        for (int i = 0; i < CASES; i++) {
            Written w = element(r, false, false);
            String value = ows(r) + w.text + ows(r);
            MediaTypes.MediaType t = MediaTypes.contentType(value).orElseThrow(() -> new AssertionError(value));
            assertEquals(w.essence, t.essence(), value);
            assertEquals(w.parameters, t.parameters(), value);
        }
    }

    @Test
    void generatedAcceptHeaders_readBackAsWritten() {
        Random r = new Random(12_5_1);
        for (int i = 0; i < CASES; i++) {
            List<Written> written = new ArrayList<>();
            for (int n = r.nextInt(5); n > 0; n--) {
                written.add(element(r, true, true));
            }
            String value = list(r, written.stream().map(Written::text).toList());
            List<MediaTypes.MediaType> read = MediaTypes.accept(value).orElseThrow(() -> new AssertionError(value));
            assertEquals(written.size(), read.size(), value);
            for (int k = 0; k < read.size(); k++) {
                assertEquals(written.get(k).essence, read.get(k).essence(), value);
                assertEquals(written.get(k).parameters, read.get(k).parameters(), value);
                assertEquals(written.get(k).quality, read.get(k).quality(), value);
            }
        }
    }

    /** Ways to break a well-formed value: each yields text outside the grammar. */
    private static final List<java.util.function.BiFunction<Random, String, String>> BREAKS = List.of(
            (r, v) -> ";" + v,                                    // a stray separator before the type
            (r, v) -> v.replaceFirst("/", ""),                     // no slash
            (r, v) -> v.replaceFirst("/", "//"),                   // two slashes
            (r, v) -> v.replaceFirst("/", " / "),                  // space around the slash
            (r, v) -> v + ";" + token(r),                          // a parameter without "="
            (r, v) -> v + ";" + token(r) + " = " + token(r),       // space around "="
            (r, v) -> v + ";" + token(r) + "=",                    // an empty value
            (r, v) -> v + ";=" + token(r),                         // an empty name
            (r, v) -> v + ";" + token(r) + "=\"open",              // an unterminated quoted string
            (r, v) -> v + ";" + token(r) + "=\"a\\",               // a quoted pair with nothing after it
            (r, v) -> v + ";" + token(r) + "=\"\u0001\"",          // a control character in a quoted string
            (r, v) -> v + ";" + token(r) + "=a\"b\"",              // a quote inside a token
            (r, v) -> v + ";" + token(r) + "=中文",                 // a value that is no token
            (r, v) -> v + " " + token(r),                          // a second word
            (r, v) -> v + "\r\n" + token(r),                        // a line break
            (r, v) -> v + "/" + token(r));                         // a second slash

    /** q-values outside §12.4.2: above 1, four decimals, no leading digit, signs, exponents, quoted. */
    private static final List<String> BAD_Q = List.of("1.001", "2", "1.5", "10", "0.0001", ".5", "-0", "+1", "1e0", "0,5",
            "", "q", "\"0.5\"", "01", "0x1", "1.0000", "NaN", "Infinity", "0. 5");

    @Test
    void brokenContentTypes_readAsNone_andNoneThrows() {
        Random r = new Random(831);
        for (String fixed : List.of("", " ", ";", ";;;", ",", ",;,", "/", "*/*", "text/*", "text/", "/json", "text/html,", "q=1",
                "application/json;q=0.5", "application/json, text/html")) {
            assertEquals(Optional.empty(), MediaTypes.contentType(fixed), fixed);
        }
        for (int i = 0; i < CASES; i++) {
            String good = element(r, false, false).text;
            String bad = BREAKS.get(r.nextInt(BREAKS.size())).apply(r, good);
            assertEquals(Optional.empty(), MediaTypes.contentType(bad), bad);
        }
    }

    @Test
    void brokenAcceptHeaders_readAsNone_andNoneThrows() {
        Random r = new Random(1252);
        for (String fixed : List.of(";", ";;;", "text/html,;", ",;,", "*/html", "text/html;q=0.5;q=0.5", "text/html;;q", "/",
                "*", "text/html;q=0.5 x")) {
            assertEquals(Optional.empty(), MediaTypes.accept(fixed), fixed);
        }
        for (int i = 0; i < CASES; i++) {
            List<String> elements = new ArrayList<>();
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                elements.add(element(r, true, true).text);
            }
            int k = r.nextInt(elements.size());
            String broken = r.nextInt(3) == 0
                    ? elements.get(k).replaceFirst(";\\s*[qQ]=[0-9.]*$", "") + ";q=" + BAD_Q.get(r.nextInt(BAD_Q.size()))
                    : BREAKS.get(r.nextInt(BREAKS.size())).apply(r, elements.get(k));
            elements.set(k, broken);
            String value = list(r, elements);
            assertEquals(Optional.empty(), MediaTypes.accept(value), value);
        }
    }

    @Test
    void emptyElementsAndEmptyParameters_areAllowed_asTheRfcSays() {
        assertEquals(List.of(), MediaTypes.accept("").orElseThrow());
        assertEquals(List.of(), MediaTypes.accept(" , ,,").orElseThrow());
        assertEquals(2, MediaTypes.accept("text/html;;level=1;, ,application/json;q=0.5").orElseThrow().size());
        assertEquals("text/html", MediaTypes.contentType("TEXT/HTML;").orElseThrow().essence());
        assertEquals(Map.of("charset", "UTF-8"), MediaTypes.contentType("text/csv ;; charset=\"UTF-8\"").orElseThrow().parameters());
    }

    @Test
    void qvalues_areZeroToOne_withAtMostThreeDecimals() {
        for (String q : List.of("0", "0.", "0.5", "0.05", "0.005", "0.999", "1", "1.", "1.0", "1.000")) {
            int expected = thousandths(q);
            assertEquals(expected, MediaTypes.qvalue(q), q);
        }
        for (String q : BAD_Q) {
            assertEquals(-1, MediaTypes.qvalue(q), q);
        }
    }

    @Test
    void acceptEncoding_takesCodingsWithWeights_only() {
        assertEquals(List.of(new MediaTypes.Coding("gzip", 1000), new MediaTypes.Coding("br", 500)),
                MediaTypes.acceptEncoding("GZIP , br;q=0.5,").orElseThrow());
        for (String bad : List.of(";", ",;,", "gzip;level=1", "gzip;q=2", "gzip q=1", "gzip/x")) {
            assertEquals(Optional.empty(), MediaTypes.acceptEncoding(bad), bad);
            assertFalse(Negotiation.acceptsGzip(bad), bad);
        }
    }

    private static APIGatewayV2HTTPEvent accepting(String accept) {
        return Routes.event("GET", "/subscriptions", accept == null ? Map.of() : Map.of("accept", accept), null);
    }

    @Test
    void aPageIsForAClientThatPrefersHtml_anythingMalformedIsAsNoAccept() {
        assertTrue(Http.wantsHtml(accepting("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
        assertTrue(Http.wantsHtml(accepting("application/json;q=0.5, TEXT/HTML")));
        assertFalse(Http.wantsHtml(accepting("application/json, text/html;q=0.9")));
        assertFalse(Http.wantsHtml(accepting("text/html;q=0")));
        assertFalse(Http.wantsHtml(accepting("*/*")));
        assertFalse(Http.wantsHtml(accepting(null)));
        for (String bad : List.of(";", ";;;", "text/html,;", ",;,", "text/html;q=1.5", "text/html;q=\"1\"", "text/html;q=0.0001")) {
            assertFalse(Http.wantsHtml(accepting(bad)), bad);
        }
    }
}
