package cutoff.notice;

import java.time.LocalDate;

/**
 * The year of a date a notice writes without one ({@code 截止时间为4月30日}).
 *
 * <p>In order: the notice's own signature date (a month earlier than the signature's month is in the
 * next year: signed in December, due {@code 1月12日}, means January of the year after); then the
 * operator's {@code --year}; then the date the page says it was published ({@code 发布日期：2019-07-29},
 * {@code 时间：…}: the same roll-over as the signature's); then the one year a sentence opens with
 * ({@code 2018年，…}); then the year of the notice's own document number; last, for review only, the one
 * programme year the text names. Never, as a sure year, the programme
 * year of a title: "2014年度" in a notice signed 2013年1月21日 means a 2013 deadline (科技部国际合作司
 * 2013 中以 call).
 *
 * @param signedOn     the signature date, or {@code null}
 * @param given        {@code --year}, or {@code null}
 * @param documentYear the year in the notice's own document number, or {@code null}
 * @param published    the page's publication date (its header's 发布日期 / 时间 line), or {@code null}
 * @param stated       the year the text states as a sentence's opening adverb ({@link #statedIn}), or {@code null}
 * @param programme    the one programme year the text names ({@code 2022年度}), or {@code null}: last of all, and
 *                     always for review ({@link #doubt})
 */
record Years(LocalDate signedOn, Integer given, Integer documentYear, LocalDate published, Integer stated,
             Integer programme) {

    /** Years of a notice whose page states no publication date and whose text no year of its own. */
    Years(LocalDate signedOn, Integer given, Integer documentYear) {
        this(signedOn, given, documentYear, null, null, null);
    }

    /**
     * A programme year: {@code 2022年度国家外国专家项目}; not a past year's projects ({@code 2021年度已立项…},
     * {@code 2021年度获批项目}), which the call does not run.
     */
    private static final java.util.regex.Pattern PROGRAMME_YEAR = java.util.regex.Pattern.compile(
            "(?<!\\d)(\\d{4})\\s*年度(?!\\s*(?:已|获批|获资助|立项|结题|验收))");

    /** The one programme year the text names ({@code 2022年度}), or {@code null} (none, or several). */
    static Integer programmeIn(java.util.List<String> lines) {
        return theOneYear(lines, PROGRAMME_YEAR);
    }

    /**
     * A sentence that opens with its year ({@code 2018年，国家社科基金…继续实行集中受理}): the year the text says it speaks
     * of. Not a programme year ({@code 2018年度}), not a date.
     */
    private static final java.util.regex.Pattern YEAR_ADVERB = java.util.regex.Pattern.compile(
            "(?:^|[。；;：:！!]|[一二三四五六七八九十]+[、.．])\\s*(\\d{4})\\s*年\\s*[，,]");

    /** The one year the text states as a sentence's opening adverb ({@link #YEAR_ADVERB}), or {@code null} (none, or several). */
    static Integer statedIn(java.util.List<String> lines) {
        return theOneYear(lines, YEAR_ADVERB);
    }

    /** The one year {@code form}'s first group finds in {@code lines}, or {@code null} (none, or several). */
    private static Integer theOneYear(java.util.List<String> lines, java.util.regex.Pattern form) {
        java.util.Set<Integer> years = new java.util.TreeSet<>();
        for (String line : lines) {
            java.util.regex.Matcher m = form.matcher(line);
            while (m.find()) {
                years.add(Integer.valueOf(m.group(1)));
            }
        }
        return years.size() == 1 ? years.iterator().next() : null;
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
        if (stated != null) {
            return stated;
        }
        return documentYear != null ? documentYear : programme;
    }

    /**
     * Why a year-less date in {@code month} needs review, or {@code null} when its year is sound: the signature's
     * and {@code --year} are; the document number's is a guess (a notice numbered in one year may set a date in
     * the next).
     */
    String doubt(int month) {
        if (signedOn == null && given == null && published == null && stated == null && documentYear != null) {
            return "the year " + documentYear + " was taken from the document number";
        }
        if (signedOn == null && given == null && published == null && stated == null && programme != null) {
            // A call for the 2015年度 programme may close in 2014: the programme's year is for a person to confirm.
            return "the year " + programme + " was taken from the programme year (" + programme + "年度)";
        }
        return null;
    }

    /** Why a year-less date stays unresolved, for {@link Notice#missing()}. */
    String whyNone() {
        return "the notice has no signature date (落款) and no document number to take the year from; pass --year";
    }
}
