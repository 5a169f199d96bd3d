package cutoff.notice;

import java.time.LocalDate;

/**
 * The year of a date a notice writes without one ({@code 截止时间为4月30日}).
 *
 * <p>In order: the notice's own signature date (a month earlier than the signature's month is in the
 * next year: signed in December, due {@code 1月12日}, means January of the year after); then the
 * operator's {@code --year}; then the date the page says it was published ({@code 发布日期：2019-07-29},
 * {@code 时间：…}: the same roll-over as the signature's); then the year of the notice's own document number. Never the programme
 * year of a title: "2014年度" in a notice signed 2013年1月21日 means a 2013 deadline (科技部国际合作司
 * 2013 中以 call).
 *
 * @param signedOn     the signature date, or {@code null}
 * @param given        {@code --year}, or {@code null}
 * @param documentYear the year in the notice's own document number, or {@code null}
 * @param published    the page's publication date (its header's 发布日期 / 时间 line), or {@code null}
 */
record Years(LocalDate signedOn, Integer given, Integer documentYear, LocalDate published) {

    /** Years of a notice whose page states no publication date. */
    Years(LocalDate signedOn, Integer given, Integer documentYear) {
        this(signedOn, given, documentYear, null);
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
     * Why a year-less date in {@code month} needs review, or {@code null} when its year is sound: the signature's
     * and {@code --year} are; the document number's is a guess (a notice numbered in one year may set a date in
     * the next).
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
