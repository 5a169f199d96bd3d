package cutoff.calendar;

import cutoff.util.Invisibles;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a notice's text may put into a feed: TEXT values (RFC 5545 §3.3.11) without control characters,
 * and URLs only for the web.
 *
 * <p>RFC 5545's TEXT admits no control character but HTAB (§3.3.11, CONTROL in §3.1), and a line break
 * in a value is the escape {@code \n}. ical4j escapes line feeds but passes a carriage return, a form
 * feed or a NUL as they are; a lone CR then ends the content line for some parsers (Python's vobject
 * cannot read the feed). Unicode line and paragraph separators (U+2028, U+2029) and NEL (U+0085) are
 * line breaks to Python's {@code splitlines}, so they are treated as line breaks too.
 */
final class Text {
    private Text() {
    }

    /**
     * A multi-line TEXT value (DESCRIPTION), without bidirectional or zero-width characters
     * ({@link Invisibles}, which a calendar app would otherwise let reorder a title): CR LF, lone CR, NEL, U+2028 and U+2029 become LF (which
     * ical4j writes as {@code \n}); a tab becomes a space; every other control character (Unicode
     * category Cc: U+0000–U+001F, U+007F–U+009F) is removed.
     *
     * @param text the text as the notice gave it; {@code null} gives the empty string
     */
    static String multiLine(String text) {
        if (text == null) {
            return "";
        }
        if (clean(text, true)) {
            return text;
        }
        text = Invisibles.strip(text);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A single-line TEXT value (calendar name, UID, SUMMARY): as {@link #multiLine}, with each line break
     * (or run of them) turned into one space and the ends trimmed.
     *
     * @param text the text as the notice gave it; {@code null} gives the empty string
     */
    static String singleLine(String text) {
        if (text != null && clean(text, false) && text.strip().length() == text.length()) {
            return text;
        }
        String lines = multiLine(text);
        StringBuilder out = new StringBuilder(lines.length());
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            if (c != '\n') {
                out.append(c);
            } else if (i == 0 || lines.charAt(i - 1) != '\n') {
                out.append(' ');
            }
        }
        return out.toString().strip();
    }

    /**
     * True when the text needs no change: no control character (but LF, when lines are kept), no separator
     * and nothing {@link Invisibles} removes. One pass, and the common case of a feed's render.
     */
    private static boolean clean(String text, boolean keepLineFeeds) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '\u00a0' ? Character.isISOControl(c) && !(keepLineFeeds && c == '\n')
                    : c == '\u2028' || c == '\u2029' || Invisibles.is(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The URL for a URL property (RFC 5545 §3.8.4.6), or {@code null} when it should be left out: only an
     * absolute {@code http} or {@code https} URI with a host is written, so {@code javascript:},
     * {@code data:}, {@code file:} and relative or malformed values never reach a calendar app.
     *
     * @param url the URL as the notice gave it, surrounding white space ignored; may be {@code null}
     */
    static URI webUrl(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return null;
            }
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && !uri.isOpaque() && uri.getHost() != null && !uri.getHost().isEmpty() ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
