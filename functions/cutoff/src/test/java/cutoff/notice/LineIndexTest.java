package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A sentence's line ({@link LineIndex}): the same answer as reading every line for its first 12, then 6 characters,
 * on generated texts with repeats and wrapped sentences, and work that grows with the notice, not its square.
 */
class LineIndexTest {
    /** The reference: every line read, for the first 12 characters, then the first 6. */
    private static Integer everyLine(List<String> lines, String sentence) {
        String text = sentence.strip();
        for (int length : new int[] {12, 6}) {
            String key = text.substring(0, Math.min(length, text.length()));
            if (key.isEmpty()) {
                return null;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(key)) {
                    return i + 1;
                }
            }
        }
        return null;
    }

    @Test
    void answersAsReadingEveryLineOnGeneratedTexts() {
        // A small alphabet: many repeated runs, sentences found on earlier lines than their own, and some wrapped.
        String alphabet = "申报时间截止年月日至专题测试0123456789:。 ";
        Random random = new Random(19);
        for (int text = 0; text < 200; text++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                lines.add(word(random, alphabet, 1 + random.nextInt(25)));
            }
            LineIndex index = new LineIndex(lines);
            for (int q = 0; q < 40; q++) {
                // A sentence starting inside a line, often running on into the next (a wrapped line).
                int at = random.nextInt(lines.size());
                String line = lines.get(at);
                String next = at + 1 < lines.size() ? lines.get(at + 1) : "";
                String joined = line + next;
                int from = random.nextInt(line.length());
                String sentence = random.nextInt(5) == 0 ? word(random, alphabet, 1 + random.nextInt(20))
                        : " " + joined.substring(from, Math.min(joined.length(), from + 1 + random.nextInt(20)));
                assertEquals(everyLine(lines, sentence), index.line(sentence), lines + " / " + sentence);
            }
        }
    }

    @Test
    void wrappedSentencesAreFoundWithoutReadingEveryLineForEach() {
        for (int n : new int[] {2_000, 8_000}) {
            // n wrapped sentences: a topic line, then its window sentence; the sentence that joins them is on no line.
            List<String> lines = new ArrayList<>();
            List<String> sentences = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lines.add("测试" + String.format("%04d", i));
                lines.add("网上申报时间为2027年3月1日9:00至2027年3月31日16:30。");
                sentences.add(lines.get(2 * i) + lines.get(2 * i + 1));
            }
            LineIndex index = new LineIndex(lines);
            for (int i = 0; i < n; i++) {
                // Its first 12 characters cross the line break; its first 6 are the topic line, line 2i + 1.
                assertEquals(2 * i + 1, index.line(sentences.get(i)), sentences.get(i));
            }
            // Reading every line for each would be n × 2n line reads; a collision may cost one read of them.
            assertTrue(index.linesRead() <= 2L * lines.size(), n + " sentences: " + index.linesRead() + " lines read");
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
