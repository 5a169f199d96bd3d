package cutoff.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * VTIMEZONE components (RFC 5545 §3.6.5) built from the JVM's own zone rules, the same rules that
 * turned the notices' wall times into instants.
 *
 * <p>Why not ical4j's bundled definitions: in ical4j 4.1.1 they disagree with the tz database where it
 * matters here. Its Asia/Shanghai carries the 1986–1991 daylight-saving rule in a form that ical4j's
 * own conversion applies to later years (a 16:30 cutoff in April 2023 came out as 17:30), and it
 * answers Europe/Oslo with a VTIMEZONE whose TZID is Europe/Berlin (a tzdata link), so the TZID
 * that events name is not defined in the feed. A VTIMEZONE here describes the zone from the last
 * fixed transition on: the current yearly rules (DAYLIGHT and STANDARD with RRULE) or one fixed
 * offset. That is exact for every instant after that transition (1991 for Beijing), which is all a
 * deadline feed needs.
 */
final class VTimeZones {
    private VTimeZones() {
    }

    /** The VTIMEZONE for a zone; its TZID is the zone's id, as events name it. */
    static VTimeZone of(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> history = rules.getTransitions();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        VTimeZone vtimezone = new VTimeZone();
        vtimezone.add(new TzId(zone.getId()));
        if (yearly.isEmpty()) {
            // No yearly rules: the offset after the last transition holds for good.
            ZoneOffset offset = history.isEmpty() ? rules.getOffset(Instant.EPOCH) : history.get(history.size() - 1).getOffsetAfter();
            LocalDateTime since = history.isEmpty() ? LocalDateTime.of(1970, 1, 1, 0, 0)
                    : history.get(history.size() - 1).getDateTimeAfter();
            Standard standard = new Standard();
            standard.add(new DtStart<>(since));
            standard.add(new TzOffsetFrom(offset));
            standard.add(new TzOffsetTo(offset));
            vtimezone.add(standard);
            return vtimezone;
        }
        int firstYear = history.isEmpty() ? 1970 : history.get(history.size() - 1).getDateTimeAfter().getYear() + 1;
        for (ZoneOffsetTransitionRule rule : yearly) {
            ZoneOffsetTransition first = rule.createTransition(firstYear);
            Observance observance = rule.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds()
                    ? new Daylight() : new Standard();
            observance.add(new DtStart<>(first.getDateTimeBefore()));
            observance.add(new TzOffsetFrom(rule.getOffsetBefore()));
            observance.add(new TzOffsetTo(rule.getOffsetAfter()));
            observance.add(new RRule<>(recurrence(rule)));
            vtimezone.add(observance);
        }
        return vtimezone;
    }

    /** The yearly rule as an RRULE value: month, and weekday within a seven-day window of the month. */
    private static String recurrence(ZoneOffsetTransitionRule rule) {
        StringBuilder r = new StringBuilder("FREQ=YEARLY;BYMONTH=").append(rule.getMonth().getValue());
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek day = rule.getDayOfWeek();
        if (day == null) {
            return r.append(";BYMONTHDAY=").append(indicator).toString();
        }
        // Java's "dayOfWeek on or after indicator" (or, negative, on or before the indicator-th last day).
        String days = indicator > 0
                ? IntStream.range(indicator, indicator + 7).mapToObj(Integer::toString).collect(Collectors.joining(","))
                : IntStream.range(0, 7).mapToObj(i -> Integer.toString(indicator - i)).collect(Collectors.joining(","));
        return r.append(";BYMONTHDAY=").append(days).append(";BYDAY=").append(day.name(), 0, 2).toString();
    }
}
