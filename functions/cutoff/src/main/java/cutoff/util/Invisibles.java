package cutoff.util;

/**
 * Invisible characters that change how text around them reads: Unicode's bidirectional controls
 * (Bidi_Control: U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E embeddings and overrides,
 * U+2066–U+2069 isolates), the zero-width characters (U+200B ZWSP, U+200C ZWNJ, U+200D ZWJ,
 * U+2060 WJ, U+FEFF BOM/ZWNBSP) and the other characters that show nothing where they stand (U+00AD soft hyphen, a
 * web page's {@code &shy;}; U+034F combining grapheme joiner; U+180E Mongolian vowel separator; U+2061–U+2064
 * invisible operators). Inside a date they split what the reader must see whole ({@code 3月<U+200B>03<U+200B>日}). In a notice's title they can reverse what a subject line or a
 * calendar's SUMMARY shows ({@code U+202E} makes {@code fdp.exe} read {@code exe.pdf}) or make two
 * different titles look the same. The notices Cutoff reads are Chinese, where none of them is needed
 * (ZWJ only joins emoji and some Indic scripts), so they are removed, not kept: one rule, applied where
 * notice text is read (the notice and topic records, so a stored notice is cleaned however old) and again
 * where text leaves (iCalendar TEXT, email header values, page titles).
 */
public final class Invisibles {
    private Invisibles() {
    }

    /** True for a bidirectional control or zero-width character (the list above). */
    public static boolean is(int c) {
        return c == 0x061C || c >= 0x200B && c <= 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2060 && c <= 0x2064
                || c >= 0x2066 && c <= 0x2069 || c == 0xFEFF || c == 0x00AD || c == 0x034F || c == 0x180E;
    }

    /** True for a control character that is not a line break or a tab: C0 but those, DEL, and C1 but NEL. */
    public static boolean isControl(int c) {
        return c < 0x20 && !isBreakOrTab(c) || c >= 0x7F && c <= 0x9F && c != 0x85;
    }

    private static boolean isBreakOrTab(int c) {
        return c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /**
     * A notice's text as the reader reads it: {@link #strip}, and every control character but line breaks and tabs
     * ({@link #isControl}) removed; lines stay as they were. {@code null} stays {@code null}.
     */
    public static String text(String text) {
        return keep(text, false);
    }

    /**
     * One line of a notice's record (a title, an issuer, a topic's name, a date as written): {@link #strip}, every
     * control character removed, and each line break or tab one space, so a title set through the API can put no
     * terminal escape, bell or second line into a page, an email subject or a SUMMARY. {@code null} stays {@code null}.
     */
    public static String line(String text) {
        return keep(text, true);
    }

    private static String keep(String text, boolean oneLine) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = oneLine && isBreakOrTab(c);
            if (is(c) || isControl(c) || space) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (space) {
                    b.append(' ');
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /** {@code text} without its bidirectional controls and zero-width characters; {@code null} stays {@code null}. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        // A plain loop, no stream: every TEXT value of a feed passes here (its first render's time).
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
