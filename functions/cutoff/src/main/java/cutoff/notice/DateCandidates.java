package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first step of reading deadlines ({@link DeadlineReader}): every date and time expression of a line, with
 * its span and the words around it. Nothing here says what a date is for ({@link DateRoles}) or which date is
 * the cutoff ({@link CutoffDecision}).
 *
 * <p>What is found:
 * <ul>
 *   <li>the sentences of a line (split after {@code 。；;！!？?}), each with its dates ({@link ChineseDates}) paired
 *       into ranges ({@code 2024年3月1日至3月20日}), each date or range a {@link Candidate} with the words since the
 *       previous one ({@code before}) and up to the next one ({@code after});</li>
 *   <li>a deadline counted from the notice ({@code 本通知印发后15日内}): a {@link Relative};</li>
 *   <li>digits that look like a date but cannot be read as one ({@code 2021119日}, {@code 2021年3月24，}).</li>
 * </ul>
 */
final class DateCandidates {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。；;！!？?])");
    /** A deadline counted from the notice (本通知印发后15日内): not a date; said in missing. */
    private static final Pattern RELATIVE = Pattern.compile("(?:印发|发布|下发|发文)(?:之)?(?:日)?后\\s*(\\d+|[一二三四五六七八九十]+)\\s*(?:个)?(?:工作)?日内");
    /**
     * A deadline counted from the cutoff: {@code 截止前2小时}, {@code 申报截止日期前3个工作日}, {@code 网上提交截止后3个工作日内}.
     * Group 1: 前 or 后; group 2: the count; group 3: the unit.
     */
    private static final Pattern FROM_CUTOFF = Pattern.compile(
            "截止(?:时间|日期|日)?\\s*(?:之)?(前|后)\\s*(?:提前)?\\s*(\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*(?:个)?\\s*"
                    + "(工作日|自然日|日|天|小时|钟头)(?:内|之内|以内)?");
    /** A year alone in a table cell, heading the dates below it: {@code 2018年 |}, {@code 2019年度 |}. */
    private static final Pattern YEAR_HEADING = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})\\s*年度?\\s*[|｜]");
    /** Run-together digits where a date or time should be: {@code 32016時}, {@code 2021119日}, {@code 10186时}. */
    private static final Pattern RUN_TOGETHER = Pattern.compile("(?<![\\d.\\-])(\\d{5,8})\\s*(?=[日时時点]|前|截止)");
    /** A date that lost its 日: {@code 截止日期为2021年3月24，}, {@code 2025年11月4至12月12}. */
    private static final Pattern NO_DAY_MARK = Pattern.compile(
            "(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2})(?![\\d日号])(?!\\s*[-—–~～]\\s*\\d{1,2}\\s*[日号])");

    /**
     * A date, or a range of two, in a sentence.
     *
     * @param first    the date, or the range's first end
     * @param rangeEnd the range's second end, or {@code null}
     * @param before   the words since the previous candidate (or the sentence's start)
     * @param after    the words up to the next date (or the sentence's end)
     * @param index    the index of {@code first} among the sentence's dates
     */
    record Candidate(ChineseDates.Mention first, ChineseDates.Mention rangeEnd, String before, String after, int index) {
        /** The date that closes: the range's second end, else the date. */
        ChineseDates.Mention last() {
            return rangeEnd != null ? rangeEnd : first;
        }
    }

    /**
     * A sentence of a line and its candidates.
     *
     * @param text             the sentence
     * @param line             its 1-based line in the notice, or {@code null} (also when it holds no date)
     * @param mentions         every date in it, in order
     * @param candidates       the dates, ranges paired
     * @param datedInParagraph the last date stating its year in an earlier sentence of the same line, or {@code null}
     * @param yearHeading      a year alone in a table cell before the sentence's first date ({@code 2018年 |}), or
     *                         {@code null}
     */
    record Sentence(String text, Integer line, List<ChineseDates.Mention> mentions, List<Candidate> candidates,
                    ChineseDates.Mention datedInParagraph, Integer yearHeading) {
    }

    /**
     * The year the text last stated before a date: a date of the call's own text with its year, or a table's year
     * heading ({@code 2018年 |}).
     *
     * @param year  the year
     * @param month the month of the date it came with; {@code 0} for a heading (a year alone)
     */
    record YearAnchor(int year, int month) {
        /** The year of a year-less date in {@code month}: a month before the anchor's is in the next year. */
        int forMonth(int month) {
            return year + (month < this.month ? 1 : 0);
        }
    }

    /**
     * A deadline counted from the notice: {@code 印发后15日内}.
     *
     * @param asWritten the phrase
     * @param start     its start in the line
     * @param end       its end in the line
     * @param days      the count, or {@code null} when it cannot be read
     * @param working   counted in working days (工作日)
     */
    record Relative(String asWritten, int start, int end, Integer days, boolean working) {
    }

    /**
     * A deadline counted from the cutoff, placed once the cutoff is decided ({@link CutoffDecision}).
     *
     * @param asWritten the phrase, e.g. {@code 截止前2小时}
     * @param start     its start in the sentence
     * @param end       its end in the sentence
     * @param after     counted after the cutoff (截止后…内), else before it
     * @param count     how many units, or {@code null} when the number cannot be read
     * @param unit      {@code 工作日}, {@code 日} (also 天 and 自然日) or {@code 小时}
     */
    record FromCutoff(String asWritten, int start, int end, boolean after, Integer count, String unit) {
    }

    /** The deadlines counted from the cutoff in a sentence ({@code 截止前2小时}, {@code 截止后3个工作日内}). */
    static List<FromCutoff> fromCutoff(String sentence) {
        List<FromCutoff> found = new ArrayList<>();
        Matcher m = FROM_CUTOFF.matcher(sentence);
        while (m.find()) {
            String unit = switch (m.group(3)) {
                case "工作日" -> "工作日";
                case "小时", "钟头" -> "小时";
                default -> "日";
            };
            found.add(new FromCutoff(m.group(), m.start(), m.end(), m.group(1).equals("后"), ChineseDates.number(m.group(2)), unit));
        }
        return found;
    }

    private DateCandidates() {
    }

    /** The sentences of a line with their candidates, each placed on its line by {@code locator}. */
    static List<Sentence> sentences(String line, DeadlineReader.Locator locator) {
        List<Sentence> sentences = new ArrayList<>();
        ChineseDates.Mention paragraphDated = null;
        for (String sentence : SENTENCE_END.split(line)) {
            List<ChineseDates.Mention> mentions = ChineseDates.find(sentence);
            Integer lineNumber = mentions.isEmpty() ? null : locator.line(sentence);
            ChineseDates.Mention datedInParagraph = paragraphDated;
            for (ChineseDates.Mention dated : mentions) {
                if (dated.year() != null) {
                    paragraphDated = dated;
                }
            }
            sentences.add(new Sentence(sentence, lineNumber, mentions, candidates(sentence, mentions, 0, 0),
                    datedInParagraph, yearHeading(sentence, mentions.isEmpty() ? sentence.length() : mentions.get(0).start())));
        }
        return sentences;
    }

    /**
     * The candidates of a sentence from its {@code from}-th date on, the first one's words before it starting at
     * {@code previousEnd}: a date and the next form a range when {@link ChineseDates#isRange} says so.
     */
    static List<Candidate> candidates(String sentence, List<ChineseDates.Mention> mentions, int from, int previousEnd) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = from; i < mentions.size(); i++) {
            ChineseDates.Mention m = mentions.get(i);
            ChineseDates.Mention rangeEnd = null;
            if (i + 1 < mentions.size() && ChineseDates.isRange(sentence, m, mentions.get(i + 1))) {
                rangeEnd = mentions.get(i + 1);
            }
            ChineseDates.Mention last = rangeEnd != null ? rangeEnd : m;
            int next = i + (rangeEnd != null ? 2 : 1);
            int nextStart = next < mentions.size() ? mentions.get(next).start() : sentence.length();
            candidates.add(new Candidate(m, rangeEnd, sentence.substring(previousEnd, m.start()),
                    sentence.substring(last.end(), nextStart), i));
            previousEnd = last.end();
            if (rangeEnd != null) {
                i++;
            }
        }
        return candidates;
    }

    /** The last year heading ({@code 2018年 |}) before {@code end} in a sentence, or {@code null}. */
    private static Integer yearHeading(String sentence, int end) {
        Matcher m = YEAR_HEADING.matcher(sentence).region(0, end);
        Integer year = null;
        while (m.find()) {
            year = Integer.parseInt(m.group(1));
        }
        return year;
    }

    /** The deadline counted from the notice in a line ({@code 印发后15日内}), or {@code null}. */
    static Relative relative(String line) {
        Matcher relative = RELATIVE.matcher(line);
        if (!relative.find()) {
            return null;
        }
        return new Relative(relative.group(), relative.start(), relative.end(), ChineseDates.number(relative.group(1)),
                relative.group().contains("工作"));
    }

    /**
     * The digits of a line that look like a date but cannot be read as one (a bad extraction): reported, never
     * guessed. Source: the corpus's damaged texts (NSFC 2015 {@code 32016時}, MOE 2021 {@code 2021年3月24}).
     */
    static List<String> unreadable(String line) {
        return unreadableAt(line).stream().map(Unreadable::digits).toList();
    }

    /**
     * Digits that look like a date but cannot be read, with where they stand.
     *
     * @param digits   the digits as written, with the mark after them ({@code 2023624日})
     * @param sentence the sentence they stand in
     * @param start    their start in {@code sentence}
     * @param end      their end in {@code sentence}
     */
    record Unreadable(String digits, String sentence, int start, int end) {
    }

    /** As {@link #unreadable(String)}, each with its sentence and span. */
    static List<Unreadable> unreadableAt(String line) {
        List<Unreadable> found = new ArrayList<>();
        for (Pattern p : List.of(RUN_TOGETHER, NO_DAY_MARK)) {
            Matcher m = p.matcher(line);
            while (m.find()) {
                int end = Math.min(line.length(), m.end(1) + 1);
                int from = 0;
                for (String sentence : SENTENCE_END.split(line)) {
                    if (m.start(1) < from + sentence.length()) {
                        found.add(new Unreadable(line.substring(m.start(1), end).strip(), sentence, m.start(1) - from,
                                Math.min(sentence.length(), end - from)));
                        break;
                    }
                    from += sentence.length();
                }
            }
        }
        return found;
    }
}
