package cutoff.notice;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The year of a date a notice writes without one ({@code 截止时间为4月30日}).
 *
 * <p>In order: the notice's own signature date (a month earlier than the signature's month is in the
 * next year: signed in December, due {@code 1月12日}, means January of the year after); then the
 * operator's {@code --year}; then the date the web page was published ({@code 发布日期: 2023-04-10} in a crawled
 * page's header, read as a signature is); then the year of the notice's own document number. Never the programme
 * year of a title: "2014年度" in a notice signed 2013年1月21日 means a 2013 deadline (科技部国际合作司
 * 2013 中以 call).
 *
 * @param signedOn     the signature date, or {@code null}
 * @param given        {@code --year}, or {@code null}
 * @param documentYear the year in the notice's own document number, or {@code null}
 * @param published    the date the page was published (发布日期 / 发布时间 in its header), or {@code null}
 */
record Years(LocalDate signedOn, Integer given, Integer documentYear, LocalDate published) {
    /** A page header's publication date: {@code 发布日期: 2023-04-10}, {@code 发布时间：2021-01-08}, {@code 日期：2022年5月12日}. */
    private static final Pattern PUBLISHED = Pattern.compile(
            "(?:发布|发表|公布)?(?:日期|时间)\\s*[:：]\\s*(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
    /** How many lines from the top a page header is looked for in. */
    private static final int HEADER_LINES = 12;

    /** Without a page's publication date. */
    Years(LocalDate signedOn, Integer given, Integer documentYear) {
        this(signedOn, given, documentYear, null);
    }

    /** The publication date in a crawled page's header (its first lines), or {@code null}. */
    static LocalDate published(List<String> lines) {
        for (String line : lines.subList(0, Math.min(HEADER_LINES, lines.size()))) {
            Matcher m = PUBLISHED.matcher(line);
            if (m.find()) {
                try {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The year for a date in {@code month} written without a year; {@code null} when nothing says. */
    Integer forMonth(int month) {
        if (signedOn != null) {
            return signedOn.getYear() + (month < signedOn.getMonthValue() ? 1 : 0);
        }
        if (given != null) {
            return given;
        }
        if (published != null) {
            return published.getYear() + (month < published.getMonthValue() ? 1 : 0);
        }
        return documentYear;
    }

    /**
     * Why a year-less date in {@code month} needs review, or {@code null} when its year is sound: the signature's,
     * {@code --year} and the page's publication date are; the document number's is a guess (a notice numbered in
     * one year may set a date in the next).
     */
    String doubt(int month) {
        if (signedOn == null && given == null && published == null && documentYear != null) {
            return "the year " + documentYear + " was taken from the document number";
        }
        return null;
    }

    /** Why a year-less date stays unresolved, for {@link Notice#missing()}. */
    String whyNone() {
        return "the notice has no signature date (落款) and no document number to take the year from; pass --year";
    }
}
