package cutoff.notice;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a table of programmes: one programme per row, each with its own application period
 * (a funding timetable, 资助计划申请时间表). Extraction keeps a row on one line with its cells apart
 * (a tab, two or more spaces, or a space between a cell of Chinese text and a date);
 * {@link NoticeText#cells(String)} marks those boundaries with a tab.
 *
 * <p>The grammar of a row: {@code [name cell…] [label:]range [further cells…]}, where {@code range} is a
 * whole cell {@code YYYY年M月D日至[YYYY年]M月D日} (至, 到, -, －, ~, ～, —), {@code name} cells are short
 * (at most 40 characters) without sentence punctuation, and {@code label} names the period
 * ({@code 申请期}/{@code 申請期}, {@code 第一期}; a prefix before it is the name:
 * {@code 非认证企业类第一期}). A row without a name cell takes the last name written on a line of its own
 * or in a row above it. A period labelled as a collection (征集期/徵集期: needs or guide directions) is
 * not an application window and is skipped. It is a table only with at least two such rows.
 *
 * <p>Each row's window is a bare-date window in Beijing time, {@code sure} when both ends' years are
 * written or the cutoff's year is the opening's; a cutoff that would fall before its opening in the
 * opening's year is taken in the next year, for {@code review}. Month-level periods
 * ({@code 2025年11月至12月}) are not rows.
 *
 * <p>Two further forms of the range cell, in a table that has at least two rows of the first form:
 * <ul>
 *   <li>a <b>recurring</b> window, {@code YYYY年M月、M月…的D至D日} (the same days of each month listed: rounds of a
 *       matching scheme each quarter): one row per month, titled {@code name (M月)}, each {@code sure};</li>
 *   <li>a <b>damaged</b> range whose day marks were lost ({@code 2025年11月4至12月12}: 日 missing after a day): a row
 *       with no window, its digits quoted in {@link Row#damaged()} for a person to read; never a guess.</li>
 * </ul>
 */
final class ProgrammeTable {
    private static final Pattern RANGE = Pattern.compile(
            "^(?:(.{1,20}?)[:：])?\\s*((\\d{4})年(\\d{1,2})月(\\d{1,2})日\\s*[至到\\-－~～—]\\s*(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日)$");
    /** {@code 2025年1月、4月、7月、10月的1至10日}: the same days of each month listed. */
    private static final Pattern RECURRING = Pattern.compile(
            "^(?:(.{1,20}?)[:：])?\\s*((\\d{4})年((?:\\d{1,2}月\\s*[、，,及和与]\\s*)+\\d{1,2}月)\\s*(?:的|之)?\\s*(\\d{1,2})日?"
                    + "\\s*[至到\\-－~～—]\\s*(\\d{1,2})日)$");
    /** A range whose 日 was lost after a day: {@code 2025年11月4至12月12}. Tried after {@link #RANGE}. */
    private static final Pattern DAMAGED = Pattern.compile(
            "^(?:(.{1,20}?)[:：])?\\s*((\\d{4})年(\\d{1,2})月(\\d{1,2})日?\\s*[至到\\-－~～—]\\s*(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日?)$");
    private static final Pattern PERIOD_LABEL = Pattern.compile(
            "^(.*?)(申[请請报報]期[间間]?|第[一二三四五六七八九十\\d]+期)$");
    private static final Pattern COLLECTION = Pattern.compile("[征徵]集");
    private static final Pattern NAME = Pattern.compile("^[^。；;，,！？!?\\d]{2,40}$");
    /** A row's deadline-words would make it a sentence, not a cell. */
    private static final Pattern SENTENCE_WORDS = Pattern.compile("截止|之前|以前|前提交|須|须|应于|應於");

    private ProgrammeTable() {
    }

    /**
     * One row of a programme table.
     *
     * @param title  the programme as named in the row (name cells, then the period's label), spaces between
     * @param window  the row's application window; {@code null} for a damaged range
     * @param damaged the range cell as written when its day marks were lost (its dates not read), else {@code null}
     */
    record Row(String title, Window window, String damaged) {
        Row(String title, Window window) {
            this(title, window, null);
        }
    }

    /**
     * The rows of the programme table in {@code lines}, in order; empty when fewer than two rows are found.
     *
     * @param lines     the body's lines with cell boundaries marked by tabs ({@link NoticeText#cells(String)})
     * @param firstLine the 1-based line number of {@code lines.get(0)} in the notice, for {@link Source}
     */
    static List<Row> read(List<String> lines, int firstLine) {
        List<Row> rows = new ArrayList<>();
        String context = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String[] cells = line.split("\t");
            int at = -1;
            Matcher m = null;
            for (int i = 0; i < cells.length && m == null; i++) {
                for (Pattern form : List.of(RANGE, RECURRING, DAMAGED)) {
                    Matcher candidate = form.matcher(cells[i].strip());
                    if (candidate.matches()) {
                        at = i;
                        m = candidate;
                        break;
                    }
                }
            }
            if (at < 0) {
                if (cells.length == 1 && NAME.matcher(line.strip()).matches() && !SENTENCE_WORDS.matcher(line).find()) {
                    context = line.strip();
                }
                continue;
            }
            List<String> names = new ArrayList<>();
            boolean named = true;
            for (int i = 0; i < at; i++) {
                String cell = cells[i].strip();
                if (cell.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(cell).matches() || SENTENCE_WORDS.matcher(cell).find()) {
                    named = false;
                }
                names.add(cell);
            }
            if (!named) {
                continue;
            }
            String label = m.group(1) == null ? null : m.group(1).strip();
            if (!names.isEmpty()) {
                context = String.join(" ", names);
            }
            if (label != null && COLLECTION.matcher(label).find()) {
                continue;
            }
            String title;
            if (label == null) {
                if (names.isEmpty()) {
                    continue;
                }
                title = String.join(" ", names);
            } else {
                Matcher period = PERIOD_LABEL.matcher(label);
                if (!period.matches() || SENTENCE_WORDS.matcher(label).find()) {
                    continue;
                }
                String name = !names.isEmpty() ? String.join(" ", names)
                        : !period.group(1).isEmpty() ? period.group(1) : context;
                if (name == null) {
                    continue;
                }
                title = name + " " + period.group(2);
            }
            if (m.pattern() == RECURRING) {
                rows.addAll(recurring(title, m, cells, at, firstLine + n));
            } else if (m.pattern() == DAMAGED) {
                rows.add(new Row(title, null, m.group(2)));
            } else {
                Row row = row(title, m, cells, at, firstLine + n);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows.stream().filter(r -> r.window() != null).count() >= 2 ? List.copyOf(rows) : List.of();
    }

    /** One row per month of {@code YYYY年M月、M月…的D至D日}, titled {@code title (M月)}; a day the month lacks is no row. */
    private static List<Row> recurring(String title, Matcher m, String[] cells, int at, int line) {
        int year = Integer.parseInt(m.group(3));
        int from = Integer.parseInt(m.group(5));
        int to = Integer.parseInt(m.group(6));
        Source source = source(m.group(2), cells, at, line);
        List<Row> rows = new ArrayList<>();
        Matcher month = Pattern.compile("(\\d{1,2})月").matcher(m.group(4));
        while (month.find() && source != null && from <= to) {
            int mo = Integer.parseInt(month.group(1));
            try {
                Window window = new Window(DateOrDateTime.ofDate(LocalDate.of(year, mo, from)),
                        DateOrDateTime.ofDate(LocalDate.of(year, mo, to)), Window.BEIJING, false, Confidence.SURE, List.of(),
                        source);
                rows.add(new Row(title + " (" + mo + "月)", window));
            } catch (DateTimeException e) {
                // 2月30日: no such day, no row
            }
        }
        return rows;
    }

    /** The row's cells joined by spaces, the range's span in it; {@code null} when the range is not found. */
    private static Source source(String range, String[] cells, int at, int line) {
        String text = String.join(" ", java.util.Arrays.stream(cells).map(String::strip).filter(c -> !c.isEmpty()).toList());
        int from = text.indexOf(range, text.indexOf(cells[at].strip()));
        return from < 0 ? null : new Source(line, from, from + range.length(), text);
    }

    private static Row row(String title, Matcher m, String[] cells, int at, int line) {
        LocalDate opens;
        LocalDate closes;
        try {
            int year = Integer.parseInt(m.group(3));
            opens = LocalDate.of(year, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            int closeYear = m.group(6) != null ? Integer.parseInt(m.group(6)) : year;
            closes = LocalDate.of(closeYear, Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)));
        } catch (DateTimeException e) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        if (closes.isBefore(opens)) {
            if (m.group(6) != null || closes.getYear() >= 9999) {
                return null;
            }
            closes = closes.plusYears(1);
            reasons.add("the cutoff's year is not written and its day falls before the opening's: taken as "
                    + closes.getYear() + "; a person must confirm it");
        }
        Source source = source(m.group(2), cells, at, line);
        if (source == null) {
            return null;
        }
        Window window = new Window(DateOrDateTime.ofDate(opens), DateOrDateTime.ofDate(closes), Window.BEIJING, false,
                reasons.isEmpty() ? Confidence.SURE : Confidence.REVIEW, reasons, source);
        return new Row(title, window);
    }
}
