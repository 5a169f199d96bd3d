package cutoff.office;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A research office's internal deadline (内部截止时间) for one topic: earlier than the official cutoff,
 * because the cutoff includes the institution's own review (含申报单位网上审核提交). Either the office's
 * {@link Rule} applied to the topic's cutoff, or an explicit instant for that topic (an override, which
 * wins). Always Beijing time ({@link #ZONE}); instants are stored, wall times only rendered.
 */
public final class InternalDeadline {
    /** The zone internal deadlines are set and shown in: Beijing time. */
    public static final ZoneId ZONE = Window.BEIJING;
    /** The fewest and most whole days a rule may put an internal deadline before the cutoff. */
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 60;
    /** The years an override may fall in (ISO proleptic, the offset's own). */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 9999;
    /** What a withdrawn internal deadline's reminder summary starts with (the "removed" email line). */
    public static final String REMOVED = "已取消 Removed: ";
    /** A change email's former time for an internal deadline that had none: the first one set. */
    public static final String NOT_SET = "未设置 not set";
    private static final Pattern PERIOD = Pattern.compile("P([0-9]{1,3})D");
    private static final Pattern HHMM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private InternalDeadline() {
    }

    /**
     * A bad value of one field of a request: the field's name, a stable code ({@code bad_period},
     * {@code period_out_of_range}, {@code bad_time}, {@code bad_date_time}, {@code after_cutoff},
     * {@code in_past}) for pages to word in their language, and what is wrong in English.
     */
    public static final class BadValue extends IllegalArgumentException {
        private final String field;
        private final String code;

        public BadValue(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }

        public String field() {
            return field;
        }

        public String code() {
            return code;
        }
    }

    /**
     * An office's rule: {@code before} whole days before each cutoff's Beijing date, at {@code at} Beijing
     * wall time ({@code P3D}, {@code 16:30}: three days before each cutoff at 16:30).
     *
     * @param days {@value #MIN_DAYS} to {@value #MAX_DAYS}
     * @param at   a wall time in Beijing, minutes precision
     */
    public record Rule(int days, LocalTime at) {
        /**
         * Reads a rule as the API takes it.
         *
         * @param before an ISO-8601 period of whole days, {@code P1D} to {@code P60D}
         * @param at     {@code HH:mm}, 24-hour
         * @throws BadValue naming {@code before} or {@code at}
         */
        public static Rule parse(String before, String at) {
            if (before == null || !PERIOD.matcher(before.strip()).matches()) {
                throw new BadValue("before", "bad_period", "before is an ISO-8601 period of whole days from P" + MIN_DAYS + "D to P" + MAX_DAYS
                        + "D (P3D: three days before each cutoff)");
            }
            int days = Period.parse(before.strip()).getDays();
            if (days < MIN_DAYS || days > MAX_DAYS) {
                throw new BadValue("before", "period_out_of_range", "before is from P" + MIN_DAYS + "D to P" + MAX_DAYS + "D");
            }
            if (at == null || !HHMM.matcher(at.strip()).matches()) {
                throw new BadValue("at", "bad_time", "at is a Beijing wall time HH:mm, 00:00 to 23:59 (16:30)");
            }
            return new Rule(days, LocalTime.parse(at.strip()));
        }

        /** {@code P3D}. */
        public String before() {
            return "P" + days + "D";
        }

        /** {@code 16:30}. */
        public String atText() {
            return at.toString();
        }

        /**
         * The internal deadline this rule gives a cutoff: the cutoff's date in Beijing (the date of a
         * date-only cutoff) minus {@link #days}, at {@link #at} Beijing time.
         */
        public Instant apply(Deadline cutoff) {
            LocalDate day = cutoff.timed() ? LocalDateTime.ofInstant(cutoff.at(), ZONE).toLocalDate()
                    : cutoff.earliest().atZone(ZONE).toLocalDate();
            return day.minusDays(days).atTime(at).atZone(ZONE).toInstant();
        }
    }

    /**
     * Reads an override instant as the API takes it: an ISO-8601 date-time with an offset
     * ({@code 2026-06-10T12:00:00+08:00}, or {@code Z}) in the years {@value #MIN_YEAR} to {@value #MAX_YEAR};
     * seconds are dropped (minutes precision).
     *
     * @throws BadValue naming {@code at}
     */
    public static Instant parseOverride(String at) {
        if (at == null || at.isBlank() || at.length() > 40) {
            throw new BadValue("at", "bad_date_time", "at is an ISO-8601 date-time with an offset, such as 2026-06-10T12:00:00+08:00");
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(at.strip());
            // Years far out (-999999999) break the reminder arithmetic; no call's deadline is outside these.
            if (parsed.getYear() < MIN_YEAR || parsed.getYear() > MAX_YEAR) {
                throw new BadValue("at", "year_out_of_range", "at must be in the years " + MIN_YEAR + " to " + MAX_YEAR + ", not " + parsed.getYear());
            }
            return parsed.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            throw new BadValue("at", "bad_date_time", "at is an ISO-8601 date-time with an offset (+08:00 for Beijing time), such as "
                    + "2026-06-10T12:00:00+08:00; not " + (at.length() > 40 ? at.substring(0, 40) + "…" : at));
        }
    }

    /** An instant as the API shows it: ISO-8601 with Beijing's offset ({@code 2026-06-10T12:00:00+08:00}). */
    public static String iso(Instant at) {
        return OffsetDateTime.ofInstant(at, ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A Beijing wall time as emails show it: {@code 2026-06-10 12:00}. */
    public static String wall(Instant at) {
        return WALL.format(LocalDateTime.ofInstant(at, ZONE));
    }

    /**
     * The stable RFC 5545 UID of an office's internal deadline for a topic: from the office and the topic,
     * never the instant, so a moved internal deadline keeps it (and raises SEQUENCE).
     */
    public static String uid(String officeId, String topicId) {
        return topicId + "-internal-" + officeId + "@cutoff";
    }

    /**
     * The SUMMARY, naming the office in both languages (someone registered by two offices sees two internal
     * deadlines for one topic, and tells them apart by it): {@code 【<office>内部截止】<topic>}
     * ({@code 【某某大学科研处内部截止】专题一 …}; a space before 内部截止 when the name ends in a Latin letter or
     * digit) for {@code zh}, {@code Internal deadline (<office>): <topic>} for {@code en}.
     */
    public static String summary(String language, String officeName, String topicTitle) {
        if ("en".equals(language)) {
            return "Internal deadline (" + officeName + "): " + topicTitle;
        }
        boolean latinEnd = !officeName.isEmpty() && officeName.charAt(officeName.length() - 1) < 0x80
                && Character.isLetterOrDigit(officeName.charAt(officeName.length() - 1));
        return "【" + officeName + (latinEnd ? " " : "") + "内部截止】" + topicTitle;
    }

    /**
     * The deadline as feeds and reminders take it.
     *
     * @param at           the internal deadline's instant
     * @param cutoff       the topic's cutoff, for the description and the ids
     * @param sequence     SEQUENCE (RFC 5545 §3.8.7.4): +1 each time the instant moves or it is withdrawn
     * @param lastModified DTSTAMP / LAST-MODIFIED: when it last changed
     * @param cancelled    withdrawn by the office (STATUS:CANCELLED)
     */
    public static Deadline deadline(String officeId, String officeName, String language, String topicTitle, Deadline cutoff,
                                    Instant at, int sequence, Instant lastModified, boolean cancelled) {
        String cutoffText = cutoff.timed() ? WALL.format(LocalDateTime.ofInstant(cutoff.at(), cutoff.zone()))
                : cutoff.date() + "";
        String description = officeName + " 内部截止 internal deadline: " + wall(at) + " 北京时间 Beijing time\n"
                + "请在此之前把申报材料交到" + officeName + "，以便单位审核后在正式截止（" + cutoffText + "）前提交。\n"
                + "Get your application to " + officeName + " by then, so that it can review and submit it before the official "
                + "cutoff (" + cutoffText + ").";
        return new Deadline(uid(officeId, cutoff.topicId()), cutoff.noticeId(), cutoff.topicId(), DeadlineKind.INTERNAL, at,
                LocalDateTime.ofInstant(at, ZONE).toLocalDate(), ZONE, summary(language, officeName, topicTitle), description,
                cutoff.url(), sequence, lastModified, cancelled);
    }
}
