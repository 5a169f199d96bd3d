package cutoff.notice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a sentence starts in a notice's cleaned lines: the first line (1-based) holding its first 12 characters,
 * else its first 6 ({@link #line}), as reading every line for them would answer, in time that does not grow with
 * the notice.
 *
 * <p>Why: a sentence whose opening words cross a wrapped line is on no line, so each such sentence had
 * every line read, twice; a notice of N such sentences took N² line reads (a 1.8-million-character
 * text of 40,000 wrapped window sentences read for minutes). Here each key length's table of first occurrences
 * is built once, in one pass over the lines: every run of 12 (or 6) characters within a line, by a hash, with the
 * first line it is on. An answer is the table's line when that line holds the key (the first line with a run of
 * that hash is the first with the key, if it holds it); a key on no line has no entry. Only a hash collision, or a
 * key of another length (a sentence under 12 characters), reads the lines, once per distinct key.
 *
 * <p>Memory: two {@code int}s per slot, two to four slots per character of the notice, per key length built (two
 * lengths: about 64 MB at the readers' 2,000,000-character bound; a real notice's, under 1 MB).
 * Not thread-safe: one per reading.
 */
final class LineIndex implements DeadlineReader.Locator {
    private static final int[] KEY_LENGTHS = {12, 6};

    private final List<String> lines;
    private final Map<String, Integer> answered = new HashMap<>();
    private final Map<Integer, Table> tables = new HashMap<>();
    /** Odd, drawn per index: a text cannot be written to make this index's hashes collide. */
    private final int base = ThreadLocalRandom.current().nextInt() | 1;
    private long linesRead;

    /** @param lines the notice's cleaned lines ({@link NoticeText#physicalLines()}), line 1 first */
    LineIndex(List<String> lines) {
        this.lines = lines;
    }

    /** The 1-based line on which {@code sentence} starts, the first 12 characters' line, else the first
     * 6's; {@code null} when none. */
    @Override
    public Integer line(String sentence) {
        String text = sentence.strip();
        for (int length : KEY_LENGTHS) {
            String key = text.substring(0, Math.min(length, text.length()));
            if (key.isEmpty()) {
                return null;
            }
            Integer found = answered.containsKey(key) ? answered.get(key) : first(key);
            answered.put(key, found);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Lines read one by one so far (not through a table): the work a test can count. */
    long linesRead() {
        return linesRead;
    }

    private Integer first(String key) {
        Table table = key.length() == KEY_LENGTHS[0] || key.length() == KEY_LENGTHS[1]
                ? tables.computeIfAbsent(key.length(), this::table) : null;
        if (table != null) {
            int line = table.firstLine(hash(key, 0, key.length()));
            if (line < 0) {
                return null;
            }
            if (lines.get(line).contains(key)) {
                return line + 1;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            linesRead++;
            if (lines.get(i).contains(key)) {
                return i + 1;
            }
        }
        return null;
    }

    private int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = h * base + s.charAt(i);
        }
        return h;
    }

    /** Every run of {@code length} characters within a line, by its hash, with the first line it is on. */
    private Table table(int length) {
        long runs = 0;
        for (String line : lines) {
            runs += Math.max(0, line.length() - length + 1);
        }
        Table table = new Table((int) Math.min(runs, Integer.MAX_VALUE / 4));
        int power = 1; // base^(length-1), to take the leaving character out of the rolling hash
        for (int i = 1; i < length; i++) {
            power *= base;
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.length() < length) {
                continue;
            }
            int h = hash(line, 0, length);
            table.putIfAbsent(h, n);
            for (int end = length; end < line.length(); end++) {
                h = (h - line.charAt(end - length) * power) * base + line.charAt(end);
                table.putIfAbsent(h, n);
            }
        }
        return table;
    }

    /** An open-addressing map of {@code int} hash to {@code int} line, first put kept. */
    private static final class Table {
        private final int[] hashes;
        private final int[] lineOf; // line + 1; 0 for an empty slot
        private final int mask;

        Table(int entries) {
            int capacity = Integer.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
            hashes = new int[capacity];
            lineOf = new int[capacity];
            mask = capacity - 1;
        }

        void putIfAbsent(int hash, int line) {
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                if (lineOf[slot] == 0) {
                    hashes[slot] = hash;
                    lineOf[slot] = line + 1;
                    return;
                }
                if (hashes[slot] == hash) {
                    return;
                }
            }
        }

        /** The 0-based line, or -1. */
        int firstLine(int hash) {
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                if (lineOf[slot] == 0) {
                    return -1;
                }
                if (hashes[slot] == hash) {
                    return lineOf[slot] - 1;
                }
            }
        }

        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x45d9f3b;
            return h ^ (h >>> 16);
        }
    }
}
