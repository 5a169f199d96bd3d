package cutoff.notice;

/** Ordinals as notices write them in headings: 一 … 九十九, or ASCII digits. */
final class ChineseNumerals {
    static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumerals() {
    }

    /**
     * Value of {@code 一}, {@code 十二}, {@code 二十}, {@code 7}.
     *
     * @throws IllegalArgumentException when the text is not such a numeral
     */
    static int parse(String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text);
        }
        int value = 0;
        int pending = -1;
        for (char c : text.toCharArray()) {
            int d = DIGITS.indexOf(c);
            if (d >= 0) {
                pending = d;
            } else if (c == '十') {
                value += (pending < 0 ? 1 : pending) * 10;
                pending = -1;
            } else {
                throw new IllegalArgumentException("not a numeral: " + text);
            }
        }
        return value + Math.max(pending, 0);
    }
}
