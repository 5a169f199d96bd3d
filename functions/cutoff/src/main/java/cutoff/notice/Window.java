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
 */
public record Window(DateOrDateTime opens, DateOrDateTime closes, ZoneId zone,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                     boolean includesReview) {

    /** Beijing time: the zone of every time in a Chinese notice. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public Window {
        if (closes == null) {
            throw new IllegalArgumentException("a window needs its cutoff (closes)");
        }
        if (zone == null) {
            zone = BEIJING;
        }
        if (opens != null && !opens.earliest(zone).isBefore(closes.passedBy(zone))) {
            throw new IllegalArgumentException("window opens " + opens + " is not before its cutoff " + closes);
        }
    }

    /** A window that says nothing of the institution's review. */
    public Window(DateOrDateTime opens, DateOrDateTime closes, ZoneId zone) {
        this(opens, closes, zone, false);
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
