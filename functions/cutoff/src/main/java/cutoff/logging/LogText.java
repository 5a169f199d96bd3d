package cutoff.logging;

import cutoff.util.Invisibles;

/**
 * Text as a plain-text log line may carry it (the demo's request and banner lines): every character
 * that could end the line or forge another, or hide what the line says, is written as a visible
 * {@code \}{@code uXXXX} escape: C0 controls (CR, LF, TAB, ESC…), DEL, C1 controls (NEL U+0085…),
 * U+2028 and U+2029, and the bidirectional and zero-width characters of {@link Invisibles}. A backslash
 * stays as it is. The functions' JSON lines ({@link JsonLog}) escape the same characters.
 */
public final class LogText {
    private LogText() {
    }

    /** True for a character a log line writes as an escape. */
    static boolean escaped(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || Invisibles.is(c);
    }

    /** {@code text} on one line, as above; {@code null} gives {@code "null"}. */
    public static String neutral(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
