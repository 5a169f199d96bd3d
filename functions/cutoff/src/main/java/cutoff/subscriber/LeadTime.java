package cutoff.subscriber;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * When, before a deadline, a reminder is due.
 *
 * <p>Written as ISO 8601 durations ({@code P7D}, {@code P1D}, {@code PT2H}: days count in the
 * deadline's own zone, so a foreign-side deadline's "7 days before" is 7 local days there, across a
 * daylight-saving change), or {@code MORNING}: 09:00 Beijing time on the day of a cutoff (for our
 * cutoffs, which close at 16:30, and for the call's further deadlines, which are reminded like a cutoff:
 * {@link DeadlineKind#remindedLikeCutoff()}). A date-only deadline (a foreign-side one in the agency's
 * zone, or one of ours in Beijing) is reminded against the start of its day ({@link Deadline#earliest()}),
 * so it gets no morning-of reminder: 09:00 on the day is after that start.
 *
 * <p>A subscriber's lead times apply to every deadline of the topics it follows, whatever its kind.
 *
 * @param code the written form, as stored and as accepted from the API
 */
public record LeadTime(String code) {
    /** 7 days, 3 days and 1 day before, and 09:00 Beijing on the day of a cutoff. */
    public static final List<LeadTime> DEFAULTS = List.of(new LeadTime("P7D"), new LeadTime("P3D"),
            new LeadTime("P1D"), new LeadTime("MORNING"));
    static final String MORNING = "MORNING";
    private static final Duration LONGEST = Duration.ofDays(60);

    /**
     * Reads a lead time.
     *
     * @throws IllegalArgumentException with a sentence for the person: not a duration, months or years,
     *                                  zero or negative, over 60 days, or not a whole number of minutes
     */
    public static LeadTime parse(String text) {
        String code = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        if (code.equals(MORNING)) {
            return new LeadTime(MORNING);
        }
        Duration length;
        try {
            if (code.contains("T")) {
                length = Duration.parse(code);
            } else {
                Period p = Period.parse(code);
                if (p.getYears() != 0 || p.getMonths() != 0) {
                    throw new IllegalArgumentException("lead time " + text + ": give days (P14D), not months or years");
                }
                length = Duration.ofDays(p.getDays());
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("lead time " + text + " is not an ISO 8601 duration such as P7D or PT12H, nor MORNING");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("lead time " + text + " must be more than zero and at most 60 days");
        }
        if (length.toSecondsPart() != 0 || length.toNanosPart() != 0) {
            throw new IllegalArgumentException("lead time " + text + ": give whole minutes (PT30M) or more, not seconds");
        }
        return new LeadTime(code);
    }

    /**
     * The instant this reminder is due for a deadline, or empty when the lead does not apply to it
     * ({@code MORNING} for an opening, a foreign-side deadline, or a deadline at or before 09:00 Beijing
     * on its day, a date-only one included).
     */
    public Optional<Instant> dueFor(Deadline deadline) {
        if (code.equals(MORNING)) {
            if (!deadline.kind().remindedLikeCutoff()) {
                return Optional.empty();
            }
            ZonedDateTime cutoff = deadline.earliest().atZone(Window.BEIJING);
            ZonedDateTime morning = cutoff.with(LocalTime.of(9, 0));
            return morning.isBefore(cutoff) ? Optional.of(morning.toInstant()) : Optional.empty();
        }
        ZonedDateTime at = deadline.earliest().atZone(deadline.zone());
        if (code.contains("T")) {
            return Optional.of(at.minus(Duration.parse(code)).toInstant());
        }
        return Optional.of(at.minus(Period.parse(code)).toInstant());
    }

    /**
     * How a person reads it, in the language of the email ({@code en}, else Chinese): days for a
     * {@code P…D} code, hours for whole hours, minutes otherwise.
     */
    public String describe(String language) {
        if (code.equals(MORNING)) {
            return language.equals("en") ? "on the day, 09:00 Beijing time" : "当天上午9:00（北京时间）";
        }
        if (!code.contains("T")) {
            int days = Period.parse(code).getDays();
            return language.equals("en") ? days + (days == 1 ? " day" : " days") + " before" : "提前" + days + "天";
        }
        Duration length = Duration.parse(code);
        if (length.toMinutesPart() != 0) {
            long minutes = length.toMinutes();
            return language.equals("en") ? minutes + (minutes == 1 ? " minute" : " minutes") + " before"
                    : "提前" + minutes + "分钟";
        }
        long hours = length.toHours();
        return language.equals("en") ? hours + (hours == 1 ? " hour" : " hours") + " before" : "提前" + hours + "小时";
    }
}
