package cutoff.document;

import com.ibm.icu.text.Transliterator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Notice text copied in traditional script (mirrors of mainland pages converted for other readers:
 * 申報時間, 推薦, 紙質) read as simplified, which is what the notice grammar is written in: ICU's
 * {@code Traditional-Simplified} transliteration, only when the text holds traditional-only characters.
 */
final class SimplifiedScript {
    /** Common characters that exist only in traditional script, among those notices use most. */
    private static final String TRADITIONAL = "於與為個這們來時間說請會對發過報號國關開應並從經當專題區縣處廳員機構條點數聯協書紙質審薦際術業設輔導單確";
    /** {@link #TRADITIONAL} by code unit: one look-up per character of a notice, not a search of the list. */
    private static final java.util.BitSet TRADITIONAL_SET = new java.util.BitSet(Character.MAX_VALUE + 1);

    static {
        TRADITIONAL.chars().forEach(TRADITIONAL_SET::set);
    }
    private static final int ENOUGH = 3;

    private SimplifiedScript() {
    }

    /**
     * The text in simplified script.
     *
     * @param utf8 notice text, UTF-8
     * @return the same bytes when the text is simplified (or not UTF-8: the parser reports that), else the
     *         transliterated text, UTF-8
     */
    static byte[] of(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return utf8;
        }
        int seen = 0;
        for (int i = 0; i < text.length() && seen < ENOUGH; i++) {
            if (TRADITIONAL_SET.get(text.charAt(i))) {
                seen++;
            }
        }
        if (seen < ENOUGH) {
            return utf8;
        }
        return Transliterator.getInstance("Traditional-Simplified").transliterate(text).getBytes(StandardCharsets.UTF_8);
    }
}
