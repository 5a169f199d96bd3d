package cutoff.util;

/**
 * Invisible characters that change how text around them reads: Unicode's bidirectional controls
 * (Bidi_Control: U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E embeddings and overrides,
 * U+2066–U+2069 isolates) and the zero-width characters (U+200B ZWSP, U+200C ZWNJ, U+200D ZWJ,
 * U+2060 WJ, U+FEFF BOM/ZWNBSP). In a notice's title they can reverse what a subject line or a
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
        return c == 0x061C || c >= 0x200B && c <= 0x200F || c >= 0x202A && c <= 0x202E || c == 0x2060
                || c >= 0x2066 && c <= 0x2069 || c == 0xFEFF;
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
