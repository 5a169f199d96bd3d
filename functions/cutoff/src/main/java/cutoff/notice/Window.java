package cutoff.notice;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A topic's application window (申报时间).
 *
 * <p>Both ends are the notice's wall times in {@link #zone()} (always {@code Asia/Shanghai},
 * UTC+08:00, no daylight saving), carried with their offset so the instant is unambiguous; an end the
 * notice writes without a time of day is a bare date ({@code 截止日期为2005年4月30日}). The cutoff
 * may include the applicant institution's online review and submission (含申报单位网上审核提交):
 * {@link #includesReview()} says whether the notice says so.
 *
 * @param opens  when applications open, usually 09:00; {@code null} when only a cutoff is stated
 * @param closes the applicant's cutoff, usually 16:30; never {@code null}
 * @param zone   the zone the notice's times are written in
 * @param includesReview the notice says the cutoff includes the applicant institution's own review and
 *               submission ({@code 截止时间（含申报单位网上审核提交）}, STCSM 沪科指南〔2026〕8号); {@code false}
 *               when it does not say so (omitted from JSON)
 * @param confidence whether the cutoff is published as read ({@code sure}) or a person confirms it first
 *               ({@code review}); a record that does not say is {@code sure}
 * @param reasons why the cutoff needs review, one phrase each (two candidate applicant cutoffs in one sentence,
 *               the year taken from the document number …); empty (omitted) when {@code sure}: a person's confirmation drops them
 * @param source where the cutoff was read ({@link Source}); {@code null} (omitted) when supplied by hand
 */
public record Window(DateOrDateTime opens, DateOrDateTime closes, ZoneId zone,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                     boolean includesReview,
                     Confidence confidence,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                     java.util.List<String> reasons,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                     Source source) {

    /** Beijing time: the zone of every time in a Chinese notice. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public Window {
        if (closes == null) {
            throw new IllegalArgumentException("a window needs its cutoff (closes)");
        }
        if (zone == null) {
            zone = BEIJING;
        }
        reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        confidence = Confidence.orImplied(confidence, reasons);
        if (confidence == Confidence.SURE) {
            reasons = java.util.List.of(); // sure is confirmed: no reason for review is left to show (待核实)
        }
        if (opens != null && !opens.earliest(zone).isBefore(closes.passedBy(zone))) {
            throw new IllegalArgumentException("window opens " + opens + " is not before its cutoff " + closes);
        }
    }

    /** A sure window that says nothing of the institution's review, supplied by hand. */
    public Window(DateOrDateTime opens, DateOrDateTime closes, ZoneId zone) {
        this(opens, closes, zone, false, Confidence.SURE, java.util.List.of(), null);
    }

    /** True when the cutoff is published as read; false when a person confirms it first. */
    public boolean sure() {
        return confidence == Confidence.SURE;
    }

    /** The same window, confirmed by a person ({@code ingest --accept-review}): sure, no reasons. */
    public Window confirmed() {
        return new Window(opens, closes, zone, includesReview, Confidence.SURE, java.util.List.of(), source);
    }

    /** A window of two timed ends ({@code opens} may be {@code null}). */
    public Window(OffsetDateTime opens, OffsetDateTime closes, ZoneId zone) {
        this(opens == null ? null : DateOrDateTime.of(opens), closes == null ? null : DateOrDateTime.of(closes), zone);
    }

    /** A date-only or timed cutoff without an opening. */
    public static Window closing(DateOrDateTime closes) {
        return new Window(null, closes, BEIJING);
    }
}
