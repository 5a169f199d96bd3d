package cutoff.notice;

/**
 * Where in the notice a date was read: the sentence and the span of the date in it.
 *
 * @param line the 1-based line of the notice's extracted text (as {@code parse} cleans it: full-width digits
 *             made ASCII, lines wrapped mid-sentence joined) on which the sentence starts; {@code null} when
 *             it cannot be placed
 * @param from index in {@link #text()} of the date's first character
 * @param to   index in {@link #text()} after the date's last character ({@code to - from} characters)
 * @param text the sentence, as cleaned
 */
public record Source(Integer line, int from, int to, String text) {
    public Source {
        if (text == null || from < 0 || to < from || to > text.length()) {
            throw new IllegalArgumentException("a source is a sentence and a span inside it: " + from + "–" + to + " of " + text);
        }
    }

    /** The date as written: the span's text. */
    public String span() {
        return text.substring(from, to);
    }
}
