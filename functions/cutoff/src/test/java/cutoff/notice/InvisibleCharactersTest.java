package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.util.Invisibles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Characters that show nothing (bidirectional controls, zero-width characters, the soft hyphen of a web page's
 * {@code &shy;}, control characters) put anywhere in a notice's date sentence, alone or in pairs, change nothing the
 * reader reads: the same window, the same confidence, the same evidence. Before, a pair inside the cutoff's day
 * ({@code 3月<ZWSP>03<ZWSP>日16:30}) made the reader take the opening as a sure cutoff.
 */
class InvisibleCharactersTest {
    private static final String SENTENCE = "网上申报时间为2027年3月1日9:00至2027年3月31日16:30。";

    private static String notice(String sentence) {
        return "关于组织申报2027年度示例合作项目的通知\n各有关单位：\n一、专题一 示例合作研究\n" + sentence
                + "\n示例科学技术委员会\n2027年1月5日\n";
    }

    private static final NoticeParser PARSER = new NoticeParser();

    private static String reading(String text) throws Exception {
        return NoticeJson.write(PARSER.parse(text.getBytes(StandardCharsets.UTF_8), null));
    }

    /**
     * The characters the reader must not see: every invisible one ({@link Invisibles#is}), and of the 64 controls that
     * are not line breaks ({@link Invisibles#isControl}: one rule, tested whole in {@code InvisiblesTest}) each end of
     * each block and the ones text carries (NUL, BEL, BS, ESC, DEL).
     */
    private static List<Character> unseen() {
        List<Character> all = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Invisibles.is(c) || Invisibles.isControl(c) && List.of(0x00, 0x07, 0x08, 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x9F).contains(c)) {
                all.add((char) c);
            }
        }
        return all;
    }

    @Test
    void theCleanSentence_isReadAsItsWindow() throws Exception {
        Notice n = new NoticeParser().parse(notice(SENTENCE).getBytes(StandardCharsets.UTF_8), null);
        Window w = n.topics().get(0).window();
        assertEquals(DateOrDateTime.parse("2027-03-31T16:30:00+08:00"), w.closes());
        assertEquals(DateOrDateTime.parse("2027-03-01T09:00:00+08:00"), w.opens());
        assertEquals(Confidence.SURE, w.confidence());
    }

    @Test
    void oneUnseenCharacter_anywhereInTheSentence_changesNothing() throws Exception {
        String clean = reading(notice(SENTENCE));
        List<Character> unseen = unseen();
        assertTrue(unseen.size() >= 33, "controls and invisibles: " + unseen.size());
        for (char c : unseen) {
            for (int at = 0; at <= SENTENCE.length(); at++) {
                String text = notice(SENTENCE.substring(0, at) + c + SENTENCE.substring(at));
                assertEquals(clean, reading(text), String.format("U+%04X at %d", (int) c, at));
            }
        }
    }

    @Test
    void aPairOfUnseenCharacters_aroundAnyPartOfADate_changesNothing() throws Exception {
        String clean = reading(notice(SENTENCE));
        int from = SENTENCE.indexOf("至") + 1;
        for (char c : unseen()) {
            for (int at = from; at < SENTENCE.length(); at++) {
                for (int width = 1; width <= 2 && at + width <= SENTENCE.length(); width++) {
                    String sentence = SENTENCE.substring(0, at) + c + SENTENCE.substring(at, at + width) + c
                            + SENTENCE.substring(at + width);
                    assertEquals(clean, reading(notice(sentence)), String.format("U+%04X around %d+%d", (int) c, at, width));
                }
            }
        }
    }
}
