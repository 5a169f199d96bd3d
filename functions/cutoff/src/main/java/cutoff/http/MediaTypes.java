package cutoff.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The grammars of {@code Content-Type}, {@code Accept} and {@code Accept-Encoding} (RFC 9110), read
 * strictly: a value that does not match is {@link Optional#empty()}, and the callers answer as if the
 * header were missing. Nothing here throws on any input.
 *
 * <pre>
 * media-type   = type "/" subtype parameters                              ; §8.3.1
 * parameters   = *( OWS ";" OWS [ parameter ] )                            ; §5.6.6, empty ones allowed
 * parameter    = token "=" ( token / quoted-string )                       ; no space around "="
 * Accept       = #( media-range [ weight ] )                               ; §12.5.1, empty elements allowed (§5.6.1.2)
 * media-range  = ( "*&#47;*" / ( type "/" "*" ) / ( type "/" subtype ) ) parameters
 * weight       = OWS ";" OWS "q=" qvalue                                   ; §12.4.2
 * qvalue       = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
 * Accept-Encoding = #( ( token / "identity" / "*" ) [ weight ] )           ; §12.5.3
 * </pre>
 *
 * Types, subtypes, parameter names and codings are case-insensitive (given here in lower case);
 * parameter values are given as sent, a quoted string unquoted. A {@code q} parameter that is not a
 * qvalue, or a second one, makes the element malformed.
 */
final class MediaTypes {
    /** Quality in thousandths (0–1000), the precision of a qvalue. */
    static final int FULL = 1000;

    private MediaTypes() {
    }

    /**
     * A media type or media range.
     *
     * @param type       lower case; {@code *} in a range
     * @param subtype    lower case; {@code *} in a range
     * @param parameters name (lower case) → value (as sent, unquoted), {@code q} excluded
     * @param quality    the weight, 0–{@value #FULL} thousandths ({@value #FULL} when none is given)
     */
    record MediaType(String type, String subtype, Map<String, String> parameters, int quality) {
        /** {@code type/subtype}, without parameters. */
        String essence() {
            return type + "/" + subtype;
        }
    }

    /**
     * An {@code Accept-Encoding} element.
     *
     * @param coding  lower case ({@code gzip}, {@code identity}, {@code *})
     * @param quality 0–{@value #FULL} thousandths
     */
    record Coding(String coding, int quality) {
    }

    /** A {@code Content-Type} value (§8.3.1); a media range ({@code text/*}) or a {@code q} parameter is not one. */
    static Optional<MediaType> contentType(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Cursor c = new Cursor(value);
        c.ows();
        MediaType t = c.mediaType(false);
        c.ows();
        return t != null && t.quality == FULL && !t.parameters.containsKey("q") && c.atEnd() && !t.type.equals("*")
                && !t.subtype.equals("*") ? Optional.of(t) : Optional.empty();
    }

    /** An {@code Accept} value (§12.5.1): its media ranges in order, empty elements skipped. */
    static Optional<List<MediaType>> accept(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Cursor c = new Cursor(value);
        List<MediaType> ranges = new ArrayList<>();
        while (c.listElement()) {
            MediaType range = c.mediaType(true);
            if (range == null || !c.elementEnd()) {
                return Optional.empty();
            }
            ranges.add(range);
        }
        return Optional.of(ranges);
    }

    /** An {@code Accept-Encoding} value (§12.5.3): its codings in order, empty elements skipped. */
    static Optional<List<Coding>> acceptEncoding(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Cursor c = new Cursor(value);
        List<Coding> codings = new ArrayList<>();
        while (c.listElement()) {
            String coding = c.token();
            if (coding == null) {
                return Optional.empty();
            }
            Map<String, String> parameters = c.parameters();
            if (parameters == null || parameters.size() > (parameters.containsKey("q") ? 1 : 0) || !c.elementEnd()) {
                return Optional.empty();
            }
            int q = parameters.containsKey("q") ? qvalue(parameters.get("q")) : FULL;
            if (q < 0) {
                return Optional.empty();
            }
            codings.add(new Coding(coding.toLowerCase(Locale.ROOT), q));
        }
        return Optional.of(codings);
    }

    /** A qvalue (§12.4.2) in thousandths, or -1 when it is not one ({@code 1.001}, {@code .5}, {@code 0.0001}, {@code -0}). */
    static int qvalue(String s) {
        if (s == null || s.isEmpty() || s.length() > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
            return -1;
        }
        if (s.length() > 1 && s.charAt(1) != '.') {
            return -1;
        }
        int thousandths = (s.charAt(0) - '0') * FULL;
        for (int i = 2, scale = 100; i < s.length(); i++, scale /= 10) {
            char d = s.charAt(i);
            if (d < '0' || d > '9') {
                return -1;
            }
            thousandths += (d - '0') * scale;
        }
        return thousandths <= FULL ? thousandths : -1;
    }

    /** {@code tchar} (§5.6.2). */
    static boolean tchar(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
    }

    /** A left-to-right reader of one field value. */
    private static final class Cursor {
        private final String s;
        private int i;
        /** The q parameter's value in this element's last {@link #parameters()}, unquoted only. */
        private boolean quotedQ;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        void ows() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        String token() {
            int start = i;
            while (i < s.length() && tchar(s.charAt(i))) {
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        /** §5.6.4: DQUOTE *( qdtext / quoted-pair ) DQUOTE, unquoted; {@code null} when malformed. */
        String quotedString() {
            StringBuilder b = new StringBuilder();
            i++; // the opening quote
            while (i < s.length()) {
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\') {
                    if (i >= s.length() || !text(s.charAt(i))) {
                        return null;
                    }
                    b.append(s.charAt(i++));
                } else if (text(ch)) {
                    b.append(ch);
                } else {
                    return null;
                }
            }
            return null;
        }

        /** HTAB, SP, VCHAR or obs-text (%x80–FF): what a quoted string may hold. */
        private static boolean text(char ch) {
            return ch == '\t' || ch >= 0x20 && ch != 0x7f && ch <= 0xff;
        }

        /** Moves to the next list element, past empty ones and their commas; false at the end of the list. */
        boolean listElement() {
            while (true) {
                ows();
                if (atEnd()) {
                    return false;
                }
                if (peek() != ',') {
                    return true;
                }
                i++;
            }
        }

        /** After an element: OWS, then a comma or the end. */
        boolean elementEnd() {
            ows();
            if (atEnd()) {
                return true;
            }
            if (peek() == ',') {
                i++;
                return true;
            }
            return false;
        }

        /** type "/" subtype parameters, with the weight taken out; {@code null} when malformed. */
        MediaType mediaType(boolean range) {
            String type = token();
            if (type == null || peek() != '/') {
                return null;
            }
            i++;
            String subtype = token();
            if (subtype == null) {
                return null;
            }
            type = type.toLowerCase(Locale.ROOT);
            subtype = subtype.toLowerCase(Locale.ROOT);
            boolean wild = type.equals("*") || subtype.equals("*");
            if (wild && (!range || type.equals("*") && !subtype.equals("*"))) {
                return null;
            }
            Map<String, String> parameters = parameters();
            if (parameters == null) {
                return null;
            }
            int q = FULL;
            if (range && parameters.containsKey("q")) {
                q = quotedQ ? -1 : qvalue(parameters.remove("q"));
                if (q < 0) {
                    return null;
                }
            }
            return new MediaType(type, subtype, parameters, q);
        }

        /** *( OWS ";" OWS [ parameter ] ); {@code null} when malformed or a name repeats. */
        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            quotedQ = false;
            while (true) {
                int before = i;
                ows();
                if (peek() != ';') {
                    i = before;
                    return parameters;
                }
                i++;
                ows();
                if (!tchar(peek())) {
                    continue; // an empty parameter
                }
                String name = token().toLowerCase(Locale.ROOT);
                if (peek() != '=') {
                    return null;
                }
                i++;
                boolean quoted = peek() == '"';
                String value = quoted ? quotedString() : token();
                if (value == null || parameters.put(name, value) != null) {
                    return null;
                }
                if (name.equals("q")) {
                    quotedQ = quoted;
                }
            }
        }
    }
}
