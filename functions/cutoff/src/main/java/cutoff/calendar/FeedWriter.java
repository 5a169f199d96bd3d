package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.AbstractCalendarValidatorFactory;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;
import net.fortuna.ical4j.validate.Validator;

/**
 * Writes deadlines as an iCalendar feed (RFC 5545) with ical4j, for calendar apps to subscribe to.
 *
 * <p>One VEVENT per deadline: DTSTART with TZID in the deadline's own zone (a VTIMEZONE for each zone
 * used, built by {@link VTimeZones} for the years the zone's events fall in), or a DATE value for a
 * date-only deadline. DTEND is {@link #TIMED_LENGTH} after a timed DTSTART, in the same form (TZID or
 * UTC), and the next day (VALUE=DATE) after a date-only one (RFC 5545 §3.6.1, §3.8.2.2): events
 * without DTEND are drawn as zero-length slivers or mishandled by some clients. UID is the
 * deadline's stable identity, SEQUENCE its sequence number, DTSTAMP and LAST-MODIFIED its last change,
 * never "now", so the same data gives the same bytes and ETags hold. TRANSP:TRANSPARENT keeps deadlines out of free/busy. The calendar carries
 * X-WR-CALNAME and NAME (RFC 7986 §5.1), REFRESH-INTERVAL (RFC 7986 §5.7) and X-PUBLISHED-TTL.
 * Every TEXT value (calendar name, UID, SUMMARY, DESCRIPTION) is cleaned of control characters by
 * {@link Text}; an event's UID, SUMMARY and DESCRIPTION are {@link TextProperty}s (ical4j writes them,
 * escaped without its regular expressions); URL is written only for an absolute http or https URL with a host.
 * Lines are folded at 75 octets by {@link OctetFolding}.
 *
 * <p>Thread-safe. The text ical4j writes is kept and reused, never changed: each event's (per deadline
 * version, for the whole JVM: {@link RenderedEvents}), each VTIMEZONE's ({@link VTimeZones}) and the
 * calendar's own lines per calendar name. A feed is those texts in the order ical4j's
 * {@code Calendar.toString()} writes them: the calendar's properties, the events, the VTIMEZONEs,
 * {@code END:VCALENDAR}.
 */
public final class FeedWriter {
    /** How often subscribers should re-fetch: deadlines move rarely, but a move matters. */
    public static final Duration REFRESH = Duration.ofHours(6);
    private static final String PRODID = "-//Cutoff//Cutoff deadline feeds 1.0//EN";
    /**
     * How many rendered events the JVM keeps, and how many characters (events' text and their
     * deadlines' strings; 2 bytes each when not Latin-1), whichever bound is reached first: about 3,000
     * characters a deadline of the notices, so 8,000 deadlines fill the 24 million characters, 48 MB at
     * most (docs/speed-render.md).
     */
    static final int CACHED_EVENTS = 10_000;
    static final long CACHED_CHARS = 24_000_000L;
    /** How many calendar names' own lines are kept: one per topic, notice and office feed. */
    private static final int CACHED_CALENDARS = 2_000;
    /** How long a timed event lasts in a calendar: DTEND is DTSTART plus this. */
    static final Duration TIMED_LENGTH = Duration.ofMinutes(1);
    /**
     * The version of the VEVENT text this writer writes for a deadline ({@link #eventText}). Raise it by hand with
     * any change (here, in {@link Text}, {@link TextProperty}, {@link OctetFolding}, or ical4j's version) that could
     * write a different text for the same {@link Deadline}: texts stored with another version ({@link StoredEvent})
     * are then written again instead of used. {@code StoredEventTest}'s digest of generated events' text fails until it is.
     */
    static final int EVENT_FORMAT = 1;
    /** Events by instant, then UID (RFC 5545 does not order them; a stable order keeps ETags stable). */
    private static final Comparator<Deadline> ORDER = (a, b) -> {
        // (Written out, not Comparator.comparing(...).thenComparing(...), whose lambdas are serializable: no class
        // archive keeps such a lambda's class, so each would be made anew in every JVM that writes a feed.)
        int byInstant = a.earliest().compareTo(b.earliest());
        return byInstant != 0 ? byInstant : a.uid().compareTo(b.uid());
    };

    /** Events written before, anywhere in this JVM. */
    private static final RenderedEvents EVENTS = new RenderedEvents(CACHED_EVENTS, CACHED_CHARS);

    /** Per calendar name (as given): the calendar's text before its components and after them. */
    private static final Map<String, String[]> CALENDARS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                    return size() > CACHED_CALENDARS;
                }
            });

    /**
     * The feed for a set of deadlines.
     *
     * @param calendarName what the calendar app shows as the calendar's name
     * @param deadlines    the deadlines, in any order (events are written by instant, then UID)
     * @return the iCalendar stream: CRLF line ends, folded, UTF-8 characters
     */
    public String write(String calendarName, List<Deadline> deadlines) {
        Deadline[] sorted = deadlines.toArray(new Deadline[0]);
        Arrays.sort(sorted, ORDER);
        String[] calendar = CALENDARS.computeIfAbsent(calendarName, FeedWriter::calendar);
        List<String> parts = new ArrayList<>(sorted.length + 8);
        parts.add(calendar[0]);
        // Per zone that timed events name, the first and last year of their wall times.
        Map<String, int[]> zones = new TreeMap<>();
        for (Deadline d : sorted) {
            parts.add(EVENTS.text(d, FeedWriter::eventText));
            if (d.timed()) {
                int year = LocalDateTime.ofInstant(d.at(), d.zone()).getYear();
                zones.merge(d.zone().getId(), new int[] {year, year},
                        (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        zones.forEach((zone, years) -> parts.add(VTimeZones.of(ZoneId.of(zone), years[0], years[1]).toString()));
        parts.add(calendar[1]);
        // One copy of every part into the feed's characters.
        return String.join("", parts);
    }

    /**
     * The calendar's own text, as ical4j writes a calendar with these properties and no component, folded
     * ({@link OctetFolding}; CalendarOutputter folds at 75 characters whatever fold length it is given),
     * split where ical4j writes the components: before {@code END:VCALENDAR}.
     */
    private static String[] calendar(String calendarName) {
        Calendar calendar = new Calendar(new PropertyList(), new ComponentList<>(), new DefaultValidation());
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        String name = Text.singleLine(calendarName);
        calendar.add(new Name(name));
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));
        String text = OctetFolding.fold(calendar.toString());
        int end = text.lastIndexOf("END:VCALENDAR\r\n");
        return new String[] {text.substring(0, end), text.substring(end)};
    }

    /**
     * ical4j's own calendar validation, built when a calendar is validated rather than with the calendar: the writer
     * never validates, and {@code new Calendar()} builds the validator's rule sets (after a service look-up over the
     * class path) for every calendar. A class, not a lambda: ical4j's {@code Validator} is serializable, and no class
     * archive keeps a serializable lambda's class.
     */
    private static final class DefaultValidation implements Validator<Calendar> {
        @Override
        public ValidationResult validate(Calendar calendar) throws ValidationException {
            return AbstractCalendarValidatorFactory.getInstance().newInstance().validate(calendar);
        }
    }

    /**
     * Keeps a deadline's VEVENT written before (stored beside its item: {@link StoredEvent}) for every writer of the JVM,
     * unless one is kept already.
     */
    static void keep(Deadline d, String text) {
        EVENTS.keep(d, text);
    }

    /** A deadline's VEVENT as ical4j writes it, folded by octets: written now, not kept. */
    static String eventText(Deadline d) {
        return OctetFolding.fold(event(d).toString());
    }

    private static VEvent event(Deadline d) {
        VEvent event = new VEvent(false);
        Property start;
        Property end;
        if (d.timed()) {
            // DTEND one minute on, in the same form as DTSTART (RFC 5545 §3.8.2.2): a deadline is a
            // moment, but clients draw an event without DTEND as a zero-length sliver or not at all.
            Instant endsAt = d.at().plus(TIMED_LENGTH);
            LocalDateTime wall = LocalDateTime.ofInstant(d.at(), d.zone());
            if (d.zone().getRules().getValidOffsets(wall).size() > 1) {
                // A wall time that occurs twice (the hour repeated when daylight saving ends) names its
                // first occurrence (RFC 5545 §3.3.5), and parsers differ: write the instant in UTC.
                start = new DtStart<>(d.at());
                end = new DtEnd<>(endsAt);
            } else {
                // The wall time in the deadline's zone, written as is with its TZID: ical4j's own
                // ZonedDateTime conversion uses its bundled zone rules, which are wrong (see VTimeZones).
                // A minute after an unrepeated wall time is never the second pass of a repeated hour.
                start = zoned(new DtStart<>(zoneParameter(d.zone()), wall));
                end = zoned(new DtEnd<>(zoneParameter(d.zone()), LocalDateTime.ofInstant(endsAt, d.zone())));
            }
        } else {
            // A date-only deadline is that whole day: DTEND is the next day, exclusive (RFC 5545 §3.6.1).
            start = new DtStart<>(d.date());
            end = new DtEnd<>(d.date().plusDays(1));
        }
        event.add(start);
        event.add(TextProperty.of(Property.UID, Text.singleLine(d.uid())));
        event.add(end);
        event.add(new DtStamp(d.lastModified()));
        event.add(new LastModified(d.lastModified()));
        event.add(new Sequence(d.sequence()));
        event.add(TextProperty.of(Property.SUMMARY, Text.singleLine((d.cancelled() ? "已撤销 Withdrawn: " : "") + d.summary())));
        event.add(TextProperty.of(Property.DESCRIPTION, Text.multiLine(d.description())));
        URI url = Text.webUrl(d.url());
        if (url != null) {
            event.add(new Url(url));
        }
        event.add(new Status(d.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        event.add(new Transp(Transp.VALUE_TRANSPARENT));
        return event;
    }

    private static ParameterList zoneParameter(ZoneId zone) {
        return new ParameterList(List.of(new TzId(zone.getId())));
    }

    private static <P extends DateProperty<LocalDateTime>> P zoned(P property) {
        property.setTimeZoneRegistry(JavaZones.INSTANCE);
        return property;
    }
}
