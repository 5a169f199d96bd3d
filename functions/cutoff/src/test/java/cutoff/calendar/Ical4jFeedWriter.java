package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The feed writer as it was before {@link TextProperty} (commit 0a7719e), kept as the reference that
 * {@code FeedWriterEquivalenceTest} compares {@link FeedWriter} with: every TEXT value through ical4j's own
 * {@code Encodable} property classes (its regular-expression escaping), the whole calendar folded at once.
 */
final class Ical4jFeedWriter {
    /** How often subscribers should re-fetch: deadlines move rarely, but a move matters. */
    public static final Duration REFRESH = Duration.ofHours(6);
    private static final String PRODID = "-//Cutoff//Cutoff deadline feeds 1.0//EN";
    /** How many rendered events a writer keeps: about 1.5 kB each. */
    static final int CACHED_EVENTS = 5_000;
    /** How long a timed event lasts in a calendar: DTEND is DTSTART plus this. */
    static final Duration TIMED_LENGTH = Duration.ofMinutes(1);

    /**
     * Events already built, by deadline. A {@link Deadline} is an immutable value (sequence, last
     * change and text included), so a changed deadline is a new key; the least recently used go first.
     */
    private final Map<Deadline, VEvent> events = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Deadline, VEvent> eldest) {
                    return size() > CACHED_EVENTS;
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
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        String name = Text.singleLine(calendarName);
        calendar.add(new Name(name));
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));

        // Per zone that timed events name, the first and last year of their wall times.
        Map<String, int[]> zones = new TreeMap<>();
        deadlines.stream()
                .sorted(Comparator.comparing(Deadline::earliest).thenComparing(Deadline::uid))
                .forEach(d -> {
                    calendar.add(events.computeIfAbsent(d, Ical4jFeedWriter::event));
                    if (d.timed()) {
                        int year = LocalDateTime.ofInstant(d.at(), d.zone()).getYear();
                        zones.merge(d.zone().getId(), new int[] {year, year},
                                (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    }
                });
        zones.forEach((zone, years) -> calendar.add(VTimeZones.of(ZoneId.of(zone), years[0], years[1])));

        // CalendarOutputter folds at 75 characters whatever fold length it is given; the calendar's
        // own string form is the unfolded content, which is folded here by octets.
        return OctetFolding.fold(calendar.toString());
    }

    private static VEvent event(Deadline d) {
        VEvent event = new RenderedEvent();
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
        event.add(new Uid(Text.singleLine(d.uid())));
        event.add(end);
        event.add(new DtStamp(d.lastModified()));
        event.add(new LastModified(d.lastModified()));
        event.add(new Sequence(d.sequence()));
        event.add(new Summary(Text.singleLine((d.cancelled() ? "已撤销 Withdrawn: " : "") + d.summary())));
        event.add(new Description(Text.multiLine(d.description())));
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

    /**
     * A VEVENT that keeps its text once written: ical4j escapes every TEXT value with regular
     * expressions on each {@code toString()}, most of a feed's render time. Its properties are never
     * changed after {@link #event} builds it.
     */
    private static final class RenderedEvent extends VEvent {
        private volatile String text;

        RenderedEvent() {
            super(false);
        }

        @Override
        public String toString() {
            String t = text;
            if (t == null) {
                t = super.toString();
                text = t;
            }
            return t;
        }
    }
}
