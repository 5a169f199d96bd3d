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
 * ({@code 2025年11月至12月}), recurring ones ({@code 1月、4月的1至10日}) and damaged dates are not rows.
 */
final class ProgrammeTable {
    private static final Pattern RANGE = Pattern.compile(
            "^(?:(.{1,20}?)[:：])?\\s*((\\d{4})年(\\d{1,2})月(\\d{1,2})日\\s*[至到\\-－~～—]\\s*(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日)$");
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
     * @param window the row's application window
     */
    record Row(String title, Window window) {
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
            for (int i = 0; i < cells.length; i++) {
                Matcher candidate = RANGE.matcher(cells[i].strip());
                if (candidate.matches()) {
                    at = i;
                    m = candidate;
                    break;
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
            Row row = row(title, m, cells, at, firstLine + n);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows.size() >= 2 ? List.copyOf(rows) : List.of();
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
        String text = String.join(" ", java.util.Arrays.stream(cells).map(String::strip).filter(c -> !c.isEmpty()).toList());
        String range = m.group(2);
        int from = text.indexOf(range, text.indexOf(cells[at].strip()));
        if (from < 0) {
            return null;
        }
        Source source = new Source(line, from, from + range.length(), text);
        Window window = new Window(DateOrDateTime.ofDate(opens), DateOrDateTime.ofDate(closes), Window.BEIJING, false,
                reasons.isEmpty() ? Confidence.SURE : Confidence.REVIEW, reasons, source);
        return new Row(title, window);
    }
}
