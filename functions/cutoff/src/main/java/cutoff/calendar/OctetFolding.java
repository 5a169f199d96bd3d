package cutoff.calendar;

/**
 * Content-line folding by octets, as RFC 5545 §3.1 requires: "Lines of text SHOULD NOT be longer than
 * 75 octets, excluding the line break", folded by inserting CRLF followed by a single space, and
 * "care MUST be taken not to split a multi-octet character" of UTF-8.
 *
 * <p>ical4j folds at 75 <em>characters</em>; a Chinese character is 3 octets in UTF-8, so its lines
 * reach about 225 octets. The feed is therefore written unfolded by ical4j and folded here.
 */
public final class OctetFolding {
    /** Maximum octets of a content line, excluding CRLF (RFC 5545 §3.1). */
    public static final int MAX_OCTETS = 75;

    private OctetFolding() {
    }

    /**
     * Folds every line of an unfolded iCalendar stream.
     *
     * @param unfolded lines separated by CRLF (a trailing CRLF is kept)
     * @return the same content with every line at most {@link #MAX_OCTETS} octets of UTF-8
     */
    public static String fold(String unfolded) {
        return fold(unfolded, unfolded.length());
    }

    /**
     * Folds the lines that start before {@code end} and copies the rest as it is (content already folded).
     *
     * @param unfolded lines separated by CRLF (a trailing CRLF is kept)
     * @param end      where the lines already folded start: 0, {@code unfolded.length()}, or just after a CRLF
     */
    static String fold(String unfolded, int end) {
        StringBuilder out = new StringBuilder(unfolded.length() + end / 20);
        foldLines(unfolded, end, out);
        return out.append(unfolded, end, unfolded.length()).toString();
    }

    private static void foldLines(String unfolded, int until, StringBuilder out) {
        int start = 0;
        while (start < until) {
            int end = unfolded.indexOf("\r\n", start);
            if (end < 0) {
                end = unfolded.length();
            }
            foldLine(unfolded, start, end, out);
            if (end < unfolded.length()) {
                out.append("\r\n");
            }
            start = end + 2;
        }
    }

    /** Octets of one code point in UTF-8 (RFC 3629 §3). */
    static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static void foldLine(String text, int from, int to, StringBuilder out) {
        int octets = 0;
        int segment = from;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            int chars = Character.isHighSurrogate(c) && i + 1 < to ? 2 : 1;
            int size = chars == 2 ? 4 : utf8Length(c);
            if (octets + size > MAX_OCTETS) {
                out.append(text, segment, i).append("\r\n ");
                segment = i;
                // The leading space of a continuation line counts towards its 75 octets.
                octets = 1;
            }
            octets += size;
            i += chars;
        }
        out.append(text, segment, to);
    }
}
