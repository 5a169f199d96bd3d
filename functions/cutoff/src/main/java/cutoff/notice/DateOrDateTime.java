package cutoff.notice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When a deadline falls, as precisely as the notice states it: a date-time with its UTC offset
 * (RFC 5545 §3.3.5 DATE-TIME), or a calendar date alone (§3.3.4 DATE) when the notice writes no time
 * of day ({@code 截止日期为2005年4月30日}).
 *
 * <p>In JSON it is one string: {@code "2013-05-30T17:00:00+08:00"} or {@code "2005-04-30"}. A bare
 * date is a day in the zone of whatever carries it (a {@link Window}'s zone: Beijing).
 *
 * @param dateTime the instant with the offset it was written in; {@code null} for a date-only value
 * @param date     the calendar date: the date-only value, or the local date of {@code dateTime}
 */
public record DateOrDateTime(OffsetDateTime dateTime, LocalDate date) implements Comparable<DateOrDateTime> {

    /** The first year a notice's date may be in. */
    public static final int FIRST_YEAR = 1900;
    /** The last year a notice's date may be in: four digits in iCalendar (RFC 5545 §3.3.4), zone rules computable. */
    public static final int LAST_YEAR = 2199;

    public DateOrDateTime {
        Objects.requireNonNull(date, "date");
        inRange(date);
        if (dateTime != null && !dateTime.toLocalDate().equals(date)) {
            throw new IllegalArgumentException("date " + date + " is not the date of " + dateTime);
        }
    }

    /**
     * The date itself when its year is one a notice's date can be in ({@value #FIRST_YEAR}–{@value #LAST_YEAR}).
     *
     * @throws DateTimeException naming the date and the range: a year past them is a mistake (a typed {@code 20270},
     *                           {@code 3026年}), and an event there would break every feed that holds it; the reader
     *                           takes such a date as one that does not exist ({@link #orNull})
     */
    public static LocalDate inRange(LocalDate date) {
        if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
            throw new DateTimeException("a date from " + FIRST_YEAR + " to " + LAST_YEAR + ", not " + date);
        }
        return date;
    }

    /** A timed value. */
    public static DateOrDateTime of(OffsetDateTime dateTime) {
        return new DateOrDateTime(Objects.requireNonNull(dateTime, "dateTime"), dateTime.toLocalDate());
    }

    /** A date-only value. */
    public static DateOrDateTime ofDate(LocalDate date) {
        return new DateOrDateTime(null, date);
    }

    /**
     * Reads the JSON form.
     *
     * @param text {@code 2013-05-30T17:00:00+08:00} (an offset is required) or {@code 2005-04-30}
     * @throws IllegalArgumentException naming the text when it is neither
     */
    @JsonCreator
    public static DateOrDateTime parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a deadline needs a date, e.g. 2005-04-30 or 2013-05-30T17:00:00+08:00");
        }
        try {
            return text.length() <= 10 ? ofDate(LocalDate.parse(text)) : of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (2005-04-30) or a date-time with offset "
                    + "(2013-05-30T17:00:00+08:00): " + text);
        }
    }

    /** True when the notice states a time of day. */
    public boolean timed() {
        return dateTime != null;
    }

    /**
     * The earliest instant the deadline could be: the date-time, or the start of the date in
     * {@code zone} (what reminders count back from, as for a date-only foreign deadline).
     */
    public Instant earliest(ZoneId zone) {
        return dateTime != null ? dateTime.toInstant() : date.atStartOfDay(zone).toInstant();
    }

    /** The instant by which the deadline has certainly passed: the date-time, or the end of the date in {@code zone}. */
    public Instant passedBy(ZoneId zone) {
        return dateTime != null ? dateTime.toInstant() : date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The same value with another date-time; the date follows. */
    public DateOrDateTime plusDays(long days) {
        return dateTime != null ? of(dateTime.plusDays(days)) : ofDate(date.plusDays(days));
    }

    /** Orders by {@link #earliest(ZoneId)} in UTC+8 terms: a date-only value sorts at its day's start. */
    @Override
    public int compareTo(DateOrDateTime other) {
        return earliest(Window.BEIJING).compareTo(other.earliest(Window.BEIJING));
    }

    /**
     * A record's own: equal when both components are ({@link Objects#equals}), in their order. Written out because a
     * record's generated one is made at its first call by {@code java.lang.runtime.ObjectMethods}, which spins about
     * a dozen method-handle classes no class archive keeps: ~10% of a {@code ./cutoff feed}'s CPU
     * (docs/speed-cli.md). {@code DateOrDateTimeTest} holds both to the generated ones.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DateOrDateTime other && Objects.equals(dateTime, other.dateTime) && Objects.equals(date, other.date);
    }

    /** A record's own: {@code 31 * hash(dateTime) + hash(date)} (its components' hashes, in order, as {@link #equals}). */
    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(dateTime) + Objects.hashCode(date);
    }

    /** The JSON form: ISO 8601 date-time with offset, or date. */
    @JsonValue
    @Override
    public String toString() {
        return dateTime != null ? java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime) : date.toString();
    }

    /** Builds a value, or {@code null} when the date does not exist ({@code 2月30日}). */
    static DateOrDateTime orNull(int year, int month, int day, java.time.LocalTime time) {
        try {
            LocalDate d = LocalDate.of(year, month, day);
            return time == null ? ofDate(d)
                    : of(d.atTime(time).atZone(Window.BEIJING).toOffsetDateTime());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
