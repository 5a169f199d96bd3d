package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
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
 * Writes deadlines as an iCalendar feed (RFC 5545) with ical4j, for calendar apps to subscribe to.
 *
 * <p>One VEVENT per deadline: DTSTART with TZID in the deadline's own zone (a VTIMEZONE for each zone
 * used, built by {@link VTimeZones}), or a DATE value for a date-only deadline; no DTEND, so a timed deadline is an instant and a
 * date-only one is that day (RFC 5545 §3.6.1). UID is the deadline's stable identity, SEQUENCE its
 * revision, DTSTAMP and LAST-MODIFIED its last change, never "now", so the same data gives the same
 * bytes and ETags hold. TRANSP:TRANSPARENT keeps deadlines out of free/busy. The calendar carries
 * X-WR-CALNAME and NAME (RFC 7986 §5.1), REFRESH-INTERVAL (RFC 7986 §5.7) and X-PUBLISHED-TTL.
 * Lines are folded at 75 octets by {@link OctetFolding}.
 *
 * <p>Thread-safe: each call builds its own calendar; the zone registry is shared and read-only.
 */
public final class FeedWriter {
    /** How often subscribers should re-fetch: deadlines move rarely, but a move matters. */
    public static final Duration REFRESH = Duration.ofHours(6);
    private static final String PRODID = "-//Cutoff//Cutoff deadline feeds 1.0//EN";

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
        calendar.add(new Name(calendarName));
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));

        Set<String> zones = new TreeSet<>();
        deadlines.stream()
                .sorted(Comparator.comparing(Deadline::earliest).thenComparing(Deadline::uid))
                .forEach(d -> {
                    calendar.add(event(d));
                    if (d.timed()) {
                        zones.add(d.zone().getId());
                    }
                });
        for (String zone : zones) {
            calendar.add(VTimeZones.of(ZoneId.of(zone)));
        }

        // CalendarOutputter folds at 75 characters whatever fold length it is given; the calendar's
        // own string form is the unfolded content, which is folded here by octets.
        return OctetFolding.fold(calendar.toString());
    }

    private static VEvent event(Deadline d) {
        VEvent event = new VEvent(false);
        if (d.timed()) {
            // The wall time in the deadline's zone, written as is with its TZID: ical4j's own
            // ZonedDateTime conversion uses its bundled zone rules, which are wrong (see VTimeZones).
            LocalDateTime wall = LocalDateTime.ofInstant(d.at(), d.zone());
            event.add(new DtStart<>(new ParameterList(List.of(new TzId(d.zone().getId()))), wall));
        } else {
            event.add(new DtStart<>(d.date()));
        }
        event.add(new Uid(d.uid()));
        event.add(new DtStamp(d.lastModified()));
        event.add(new LastModified(d.lastModified()));
        event.add(new Sequence(d.revision()));
        event.add(new Summary((d.cancelled() ? "已撤销 Withdrawn: " : "") + d.summary()));
        event.add(new Description(d.description()));
        if (d.url() != null) {
            event.add(new Url(java.net.URI.create(d.url())));
        }
        event.add(new Status(d.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        event.add(new Transp(Transp.VALUE_TRANSPARENT));
        return event;
    }
}
