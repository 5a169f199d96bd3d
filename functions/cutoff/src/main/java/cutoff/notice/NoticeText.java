package cutoff.notice;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text extracted from a notice's PDF, cleaned of extraction noise.
 *
 * <p>What the extraction does to notices, and what is undone here: lines wrapped mid-sentence (and
 * mid-URL) with blank lines between them; page-number lines ({@code — 7 —}); full-width digits
 * ({@code ９：００}); stray spaces around Chinese characters ({@code 2025 年 10 月 10 日}); ideographic
 * and no-break spaces. Physical lines are rejoined into <em>logical lines</em>: a logical line starts
 * where a heading or a {@code 标签：} label starts, and runs until the next one.
 */
final class NoticeText {
    private static final String HAN = "\\p{IsHan}\\p{InCJK_Symbols_and_Punctuation}\\p{InHalfwidth_and_Fullwidth_Forms}"
            + "“”‘’—…·";
    private static final Pattern SPACE_BEFORE_HAN = Pattern.compile("\\s+(?=[" + HAN + "])");
    private static final Pattern SPACE_AFTER_HAN = Pattern.compile("(?<=[" + HAN + "])\\s+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern PAGE_NUMBER = Pattern.compile("^[—\\-－–]+\\s*\\d+\\s*[—\\-－–]+$|^第\\d+页(共\\d+页)?$");
    private static final Pattern PINYIN_GLOSS = Pattern.compile(
            "(?<=\\p{IsHan})[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]");
    private static final Pattern PARAGRAPH_INDENT = Pattern.compile(
            "(?<=[。；：:！？!?）)])[ \\t\u3000]*\u3000\u3000|(?<=\\S)[ \\t]+\u3000\u3000");
    private static final String NUMERAL = "[一二三四五六七八九十]+";
    /** Where a new logical line begins: a heading, a numbered item, a label, a bracketed tag, a date line. */
    static final Pattern LOGICAL_START = Pattern.compile(
            "^(?:" + NUMERAL + "[、.．]"
                    + "|\\d{1,2}\\s*[、.．](?!\\d)"
                    + "|专题" + "(?:" + NUMERAL + "|\\d+)"
                    + "|方向(?:" + NUMERAL + "|\\d+)"
                    + "|[（(]" + NUMERAL + "[)）]"
                    + "|[（(]\\d{1,2}[)）]"
                    + "|【"
                    + "|(?!https?:)[\\p{IsHan}A-Za-z]{1,16}[：:]"
                    + "|\\d{4}年\\d{1,2}月\\d{1,2}日$"
                    + ")");

    /** Every match of {@link #CELL_BREAK} holds one of these (NoticeTextTest fails when a form of the break does not). */
    private static final String CELL_BREAK_NEEDS = " \t\u3000\u00A0\u2002\u2003";
    /**
     * Where a table cell ends: a tab, two or more spaces, or one space between a non-ASCII character (a cell of
     * Chinese text) and a digit (the date cell after it) or a date's 日 and the next cell, but not around a range's
     * 至 / 到 / －.
     */
    static final Pattern CELL_BREAK = Pattern.compile(
            "[ \u3000\u00A0\u2002\u2003]*\t[ \t\u3000\u00A0\u2002\u2003]*|[ \u3000\u00A0\u2002\u2003]{2,}"
                    + "|(?<=[^\\x00-\\x7F])(?<![至到－～—年月])[ \u3000\u00A0](?=\\d)"
                    + "|(?<=日)[ \u3000\u00A0](?=[^\\x00-\\x7F])(?![至到－～—])");

    private final List<String> physical;
    private final List<String> logical;
    private final List<String> cells;

    private NoticeText(List<String> physical, List<String> logical, List<String> cells) {
        this.physical = physical;
        this.logical = logical;
        this.cells = cells;
    }

    /**
     * One physical line with its table cells kept apart: each cell {@link #clean(String) cleaned}, a tab between
     * cells ({@link #CELL_BREAK}). A line that is not a table row is one cell.
     */
    static String cells(String raw) {
        String line = raw.strip();
        if (!has(line, CELL_BREAK_NEEDS)) {
            return clean(line); // one cell: most lines of a notice
        }
        List<String> out = new ArrayList<>();
        for (String cell : CELL_BREAK.split(line)) {
            String c = clean(cell);
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return String.join("\t", out);
    }

    /**
     * Decodes and cleans a notice file.
     *
     * @param bytes the file's content, UTF-8 (a byte-order mark is allowed)
     * @throws NotANoticeException when the bytes are empty, blank or not valid UTF-8 (the message
     *                             names the byte offset of the first bad sequence)
     */
    static NoticeText of(byte[] bytes) throws NotANoticeException {
        if (bytes.length == 0) {
            throw new NotANoticeException("the file is empty");
        }
        // Invisible and control characters go before anything is read: inside a date they would split it
        // (3月<ZWSP>03<ZWSP>日), and the text a reviewer sees must be the text that was read.
        String text = cutoff.util.Invisibles.text(decodeUtf8(bytes));
        List<String> physical = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (String rawLine : text.split("\\R")) {
            // Text stored as one long line (a crawler's HTML-to-text, NSFC 2017) keeps its paragraph
            // indents: two ideographic spaces start a paragraph.
            for (String raw : PARAGRAPH_INDENT.split(rawLine)) {
                String line = clean(raw);
                if (!line.isEmpty() && !PAGE_NUMBER.matcher(line).matches()) {
                    physical.add(line);
                    cells.add(cells(raw));
                }
            }
        }
        if (physical.isEmpty()) {
            throw new NotANoticeException("the file holds no text, only white space");
        }
        return new NoticeText(List.copyOf(physical), join(physical), List.copyOf(cells));
    }

    private static String decodeUtf8(byte[] bytes) throws NotANoticeException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new NotANoticeException("the file is not UTF-8: invalid byte sequence at byte offset " + in.position()
                    + " (convert it first, e.g. iconv -f GB18030 -t UTF-8)");
        } catch (CharacterCodingException e) {
            throw new NotANoticeException("the file is not UTF-8: " + e.getMessage());
        }
    }

    /** One physical line: ASCII digits and spaces, no space around Chinese characters, trimmed. */
    static String clean(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            } else if (c == '於') {
                c = '于'; // 关於: the variant simplified texts still use for 于
            } else if (c == '\u3000' || c == '\u00A0' || c == '\t' || c == '\u2002' || c == '\u2003') {
                c = ' ';
            }
            sb.append(c);
        }
        // Pinyin glosses a mirror site inserts after characters (申報(bào)時(shí)間) are not the notice's text.
        // (Each pattern runs only on a line holding what it needs: most lines hold no bracket and many no
        // space, and a notice's thousands of lines are read while the JVM still interprets the matcher.)
        String unglossed = has(sb, "(（") ? PINYIN_GLOSS.matcher(sb).replaceAll("") : sb.toString();
        String line = unglossed.strip();
        if (!has(line, " \t\n\u000B\f\r")) { // \s as the two patterns read it (no UNICODE_CHARACTER_CLASS)
            return line;
        }
        line = SPACE_AFTER_HAN.matcher(SPACE_BEFORE_HAN.matcher(line).replaceAll("")).replaceAll("");
        return line.contains("  ") ? SPACES.matcher(line).replaceAll(" ") : line;
    }

    /** Whether the text holds any of {@code chars}. */
    private static boolean has(CharSequence text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Logical lines of some physical lines (a part of the notice). */
    static List<String> logical(List<String> physical) {
        return physical.isEmpty() ? List.of() : join(physical);
    }

    private static List<String> join(List<String> physical) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = null;
        for (String line : physical) {
            if (current == null || LOGICAL_START.matcher(line).find()) {
                if (current != null) {
                    logical.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                // A wrapped line: Chinese has no spaces between words, and a URL split at the line
                // end must be rejoined, so the pieces are joined directly; only two Latin words
                // (outside a URL) get the space the line break stood for.
                if (needsSpace(current, line)) {
                    current.append(' ');
                }
                current.append(line);
            }
        }
        logical.add(current.toString());
        return List.copyOf(logical);
    }

    private static boolean needsSpace(CharSequence before, String after) {
        char last = before.charAt(before.length() - 1);
        char first = after.charAt(0);
        if (".!?;:,".indexOf(last) >= 0 && before.length() > 1 && isAsciiAlnum(before.charAt(before.length() - 2))
                && (Character.isUpperCase(first) || Character.isDigit(first)) && first < 0x80) {
            // An English sentence ends at the line end (…around the globe. / Important Dates): the next starts after a
            // space, as English sentences are told apart; a URL broken after its dot goes on in lower case.
            String token = before.subSequence(Math.max(0, before.length() - 200), before.length()).toString();
            token = token.substring(token.lastIndexOf(' ') + 1);
            return !token.contains("://") && !token.contains("@");
        }
        if (!isAsciiAlnum(last) || !isAsciiAlnum(first)) {
            return false;
        }
        int tokenStart = before.length();
        while (tokenStart > 0 && before.charAt(tokenStart - 1) < 0x80 && before.charAt(tokenStart - 1) != ' ') {
            tokenStart--;
        }
        String token = before.subSequence(tokenStart, before.length()).toString();
        // A URL or an e-mail address broken at the line end is one token (PDF wrapping: …enterprisesg.gov.s / g).
        if (token.contains("@")) {
            // An address's domain goes on in lower case (…gov.s / g); a capitalised word after it is a new word.
            return !after.matches("^[a-z0-9][a-z0-9.-]*(?![A-Za-z]).*");
        }
        return !token.contains("://");
    }

    private static boolean isAsciiAlnum(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    /** Cleaned physical lines, blank and page-number lines removed. */
    List<String> physicalLines() {
        return physical;
    }

    /** The physical lines with table cells apart ({@link #cells(String)}), one for each of {@link #physicalLines()}. */
    List<String> cellLines() {
        return cells;
    }

    /** Logical lines: headings and labelled paragraphs, each whole. */
    List<String> logicalLines() {
        return logical;
    }
}
