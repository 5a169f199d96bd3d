package cutoff.calendar;

import java.util.Arrays;

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
    /** Lines of at most this many characters are at most 75 octets: 3 octets a character at most (4 a pair). */
    private static final int SHORT_LINE = MAX_OCTETS / 3;

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
     * <p>One pass over a copy of the characters ({@code char[]}, segments moved with
     * {@link System#arraycopy}): {@code StringBuilder.append(CharSequence, int, int)} copies a Latin-1
     * range into a UTF-16 builder (a feed with Chinese text) one character at a time, which was most of
     * the fold's time. A line of at most {@link #SHORT_LINE} characters is never scanned: it is at most
     * 75 octets whatever its characters.
     *
     * @param unfolded lines separated by CRLF (a trailing CRLF is kept)
     * @param end      where the lines already folded start: 0, {@code unfolded.length()}, or just after a CRLF
     */
    static String fold(String unfolded, int end) {
        int n = unfolded.length();
        char[] in = new char[n];
        unfolded.getChars(0, n, in, 0);
        // About one fold (3 characters) per 25 to 75 characters of a long line.
        char[] out = new char[n + n / 12 + 16];
        int o = 0;
        int start = 0;
        while (start < end) {
            int lineEnd = unfolded.indexOf("\r\n", start);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int segment = start;
            if (lineEnd - start > SHORT_LINE) {
                int octets = 0;
                int i = start;
                while (i < lineEnd) {
                    char c = in[i];
                    int chars = 1;
                    int size;
                    if (c < 0x80) {
                        size = 1;
                    } else if (c < 0x800) {
                        size = 2;
                    } else if (Character.isHighSurrogate(c) && i + 1 < lineEnd) {
                        // Whatever follows, the pair is kept together and counted as one 4-octet character.
                        chars = 2;
                        size = 4;
                    } else {
                        size = 3;
                    }
                    if (octets + size > MAX_OCTETS) {
                        out = room(out, o, i - segment + 3);
                        System.arraycopy(in, segment, out, o, i - segment);
                        o += i - segment;
                        out[o++] = '\r';
                        out[o++] = '\n';
                        out[o++] = ' ';
                        segment = i;
                        // The leading space of a continuation line counts towards its 75 octets.
                        octets = 1;
                    }
                    octets += size;
                    i += chars;
                }
            }
            // The rest of the line and its CRLF (none after the last line).
            int to = Math.min(n, lineEnd + 2);
            out = room(out, o, to - segment);
            System.arraycopy(in, segment, out, o, to - segment);
            o += to - segment;
            start = lineEnd + 2;
        }
        if (start < n) {
            out = room(out, o, n - start);
            System.arraycopy(in, start, out, o, n - start);
            o += n - start;
        }
        return new String(out, 0, o);
    }

    /** {@code out}, or a larger copy, with room for {@code more} characters after {@code used}. */
    private static char[] room(char[] out, int used, int more) {
        return used + more <= out.length ? out : Arrays.copyOf(out, Math.max(out.length * 2, used + more));
    }
}
