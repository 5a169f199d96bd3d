package cutoff.notice;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a window's opening where the notice states it apart from its cutoff (not as {@code X至Y}): the forms
 * {@code 自X起}, {@code 自X开始}, {@code X起可通过…申报}, {@code X开始受理}, {@code 于X后登录…系统},
 * {@code 系统将于X开通/开放}, {@code 自今日(29日)起} (the day the text is dated). The opening must fall before the cutoff, and within {@value #MAX_DAYS} days of it; a
 * year left out is the cutoff's (the year before when its month is later). Dates of project periods, births and
 * the like are not openings.
 */
final class Openings {
    /** How far before the cutoff an opening may be: a call's window, not a programme's years. */
    static final int MAX_DAYS = 200;
    /** What follows an opening's date: 起可通过…申报, 开始受理, 后登录, 开通. */
    private static final Pattern OPENS_AFTER = Pattern.compile(
            "^\\s*(?:(?:起|开始)(?!\\s*(?:至|到|止))[^，,。；;]{0,30}?(?:受理|申报|申请|提交|填报|登录|接收|接受|可)"
                    + "|后(?:即可|方可|可)?(?:登录|开始)"
                    + "|(?:正式)?(?:开通|开放|开始受理|开始接收|开始申报|开始接受))");
    /** 自X起 / 从X开始 alone: the words before the date open it. */
    private static final Pattern FROM_BEFORE = Pattern.compile("(?:自|从)\\s*$");
    private static final Pattern FROM_AFTER = Pattern.compile("^\\s*(?:起|开始)(?!\\s*(?:至|到|止))");
    private static final Pattern NOT_AN_OPENING = Pattern.compile(
            "执行期|期限|实施|周期|出生|毕业|获得|以来|成立|发表|合作期|研究期|不予|不再|无效|逾期");

    /** 自今日(29日)起, 今天起: the day the report is dated; a day in brackets must be that day. */
    private static final Pattern TODAY = Pattern.compile(
            "(?:今日|今天)\\s*(?:[(（]\\s*(\\d{1,2})\\s*日\\s*[)）])?\\s*(?:起|开始)");

    private Openings() {
    }

    /**
     * As {@link #read(Window, List)}, and {@code 自今日(29日)起…}: the opening is {@code today}, the date the text is
     * dated (its signature or dateline), when the day in brackets, if any, is today's.
     */
    static Window read(Window window, List<String> lines, java.time.LocalDate today) {
        Window read = read(window, lines);
        if (read == null || read.opens() != null || today == null) {
            return read;
        }
        for (String line : lines) {
            Matcher m = TODAY.matcher(line);
            if (m.find() && (m.group(1) == null || Integer.parseInt(m.group(1)) == today.getDayOfMonth())) {
                DateOrDateTime value = DateOrDateTime.ofDate(today);
                if (value.earliest(read.zone()).isBefore(read.closes().earliest(read.zone()))
                        && ChronoUnit.DAYS.between(today, read.closes().date()) <= MAX_DAYS) {
                    return new Window(value, read.closes(), read.zone(), read.includesReview(), read.confidence(),
                            read.reasons(), read.source());
                }
            }
        }
        return read;
    }

    /**
     * The window with its opening read from {@code lines} when it has none; else the window as it is.
     *
     * @param window the topic's window, or {@code null}
     * @param lines  the logical lines the window was read from
     */
    static Window read(Window window, List<String> lines) {
        if (window == null || window.opens() != null) {
            return window;
        }
        for (String line : lines) {
            for (String sentence : line.split("(?<=[。；;])")) {
                for (ChineseDates.Mention m : ChineseDates.find(sentence)) {
                    String before = sentence.substring(0, m.start());
                    String after = sentence.substring(m.end());
                    boolean opens = OPENS_AFTER.matcher(after).lookingAt()
                            || (FROM_BEFORE.matcher(before).find() && FROM_AFTER.matcher(after).lookingAt());
                    String clause = before.substring(Math.max(Math.max(before.lastIndexOf('，'), before.lastIndexOf(',')), 0))
                            + after.split("[，,。；;]", 2)[0];
                    if (!opens || NOT_AN_OPENING.matcher(clause).find()) {
                        continue;
                    }
                    java.time.LocalDate cutoff = window.closes().date();
                    int year = m.year() != null ? m.year() : cutoff.getYear() - (m.month() > cutoff.getMonthValue() ? 1 : 0);
                    DateOrDateTime value = ChineseDates.resolve(m, year);
                    if (value == null || !value.earliest(window.zone()).isBefore(window.closes().earliest(window.zone()))
                            || ChronoUnit.DAYS.between(value.date(), cutoff) > MAX_DAYS) {
                        continue;
                    }
                    return new Window(value, window.closes(), window.zone(), window.includesReview(), window.confidence(),
                            window.reasons(), window.source());
                }
            }
        }
        return window;
    }
}
