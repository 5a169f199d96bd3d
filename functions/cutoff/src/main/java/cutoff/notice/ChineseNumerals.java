package cutoff.notice;

/** Ordinals as notices write them in headings: 一 … 九十九, or ASCII digits. */
final class ChineseNumerals {
    private ChineseNumerals() {
    }

    /**
     * Value of {@code 一}, {@code 十二}, {@code 二十}, {@code 7} (the grammar of {@link ChineseDates#number}).
     *
     * @throws IllegalArgumentException when the text is not such a numeral
     */
    static int parse(String text) {
        Integer value = ChineseDates.number(text);
        if (value == null) {
            throw new IllegalArgumentException("not a numeral: " + text);
        }
        return value;
    }
}
