package cutoff.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Month;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * VTIMEZONE components (RFC 5545 §3.6.5) built from the JVM's own zone rules, the same rules that
 * turned the notices' wall times into instants, for the span of years a feed's events use.
 *
 * <p>Why not ical4j's bundled definitions: in ical4j 4.1.1 they disagree with the tz database where it
 * matters here (its Asia/Shanghai applies the 1986–1991 daylight-saving rule to later years, and it
 * answers Europe/Oslo with TZID Europe/Berlin). Why not the zone's yearly rule objects
 * ({@code ZoneRules#getTransitionRules}): they are not the transitions. Zones such as Africa/Casablanca
 * list decades of transitions ahead with no yearly rule; rules defined in UTC or standard time
 * (America/Nuuk, Pacific/Easter) fall on another local day than their month-day-weekday says; and
 * Africa/Cairo's "Friday on or after 26 October" has no single-occurrence RRULE form at all.
 *
 * <p>So the component is built from the actual transitions ({@code ZoneRules#nextTransition}) in
 * 1 January of {@code fromYear - MARGIN} to 1 January of {@code toYear + MARGIN + 1}, local time:
 * <ul>
 *   <li>a first observance at the span's start with TZOFFSETFROM = TZOFFSETTO = the offset then in
 *       force (DAYLIGHT when that is summer time, as in Santiago in January), so every time in the span
 *       has a defined offset;</li>
 *   <li>per pair (offset before, offset after), runs of transitions in consecutive years that one
 *       Outlook-style yearly rule reproduces exactly become one observance with
 *       {@code RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nWD} ({@code n} in 1..4 or -1) or
 *       {@code BYMONTH=m;BYMONTHDAY=d}, written with ical4j's {@link Recur} builder (MS-OXCICAL
 *       2.1.3.1.1.19.2.2 allows Outlook no other BYDAY form), with UNTIL (UTC, as §3.6.5 requires) when
 *       the run ends inside the span; DTSTART is the first transition's wall time in the offset before
 *       it (§3.6.5);</li>
 *   <li>every other transition becomes an observance of its own (DTSTART, no RRULE), which every
 *       client reads.</li>
 * </ul>
 * A rule is accepted only when its occurrences, year by year, are the local date-times the JVM's
 * transitions have; nothing is taken from the rule objects. Outside the span the component may
 * differ from the tz database (a run left open at the span's end goes on by its rule).
 *
 * <p>Components are cached per (zone, span); callers must not change them.
 */
final class VTimeZones {
    /** Years added on each side of the events' years, for DTEND and for clients that look ahead. */
    static final int MARGIN = 1;
    /** The oldest transition the span reaches back to: before it, offsets are local mean times. */
    private static final int FIRST_YEAR = 1900;
    private static final int CACHED = 1_000;

    private static final Map<String, VTimeZone> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, VTimeZone> eldest) {
                    return size() > CACHED;
                }
            });

    private VTimeZones() {
    }

    /**
     * The VTIMEZONE for a zone, exact (against java.time) from 1 January {@code fromYear - MARGIN} to
     * the end of {@code toYear + MARGIN}, local time; its TZID is the zone's id, as events name it.
     *
     * @param zone     a region or offset zone the JVM knows
     * @param fromYear the first year (in the zone's local time) of the events that name the zone
     * @param toYear   the last such year, not before {@code fromYear}
     * @throws IllegalArgumentException when {@code toYear < fromYear}
     */
    static VTimeZone of(ZoneId zone, int fromYear, int toYear) {
        if (toYear < fromYear) {
            throw new IllegalArgumentException("years " + fromYear + ".." + toYear);
        }
        return CACHE.computeIfAbsent(zone.getId() + " " + fromYear + " " + toYear,
                k -> build(zone, Math.max(FIRST_YEAR, fromYear - MARGIN), toYear + MARGIN));
    }

    private static VTimeZone build(ZoneId zone, int firstYear, int lastYear) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> transitions = transitions(rules, firstYear, lastYear);
        VTimeZone vtimezone = new RenderedTimeZone();
        vtimezone.add(new TzId(zone.getId()));

        // The offset in force when the span starts, defined from then on (until the first transition).
        LocalDateTime start = LocalDateTime.of(firstYear, 1, 1, 0, 0);
        ZoneOffset initial = transitions.isEmpty() ? rules.getOffset(start.atZone(zone).toInstant())
                : transitions.get(0).getOffsetBefore();
        if (!transitions.isEmpty() && !transitions.get(0).getDateTimeBefore().isAfter(start)) {
            start = transitions.get(0).getDateTimeBefore().minusDays(1);
        }
        Instant startInstant = start.atZone(zone).toInstant();
        vtimezone.add(observance(rules.isDaylightSavings(startInstant) ? new Daylight() : new Standard(), start, initial,
                initial, null));

        // Per (offset before, offset after), in time order.
        Map<String, List<ZoneOffsetTransition>> byPair = new LinkedHashMap<>();
        for (ZoneOffsetTransition t : transitions) {
            byPair.computeIfAbsent(t.getOffsetBefore().getId() + t.getOffsetAfter().getId(), k -> new ArrayList<>()).add(t);
        }
        for (List<ZoneOffsetTransition> pair : byPair.values()) {
            int i = 0;
            while (i < pair.size()) {
                ZoneOffsetTransition first = pair.get(i);
                Observance kind = rules.isDaylightSavings(first.getInstant()) ? new Daylight() : new Standard();
                Yearly best = null;
                int bestEnd = i + 1;
                for (Yearly rule : Yearly.candidates(first.getDateTimeBefore())) {
                    int end = rule.run(pair, i);
                    if (end > bestEnd) {
                        best = rule;
                        bestEnd = end;
                    }
                }
                if (best == null) {
                    vtimezone.add(observance(kind, first.getDateTimeBefore(), first.getOffsetBefore(),
                            first.getOffsetAfter(), null));
                } else {
                    ZoneOffsetTransition last = pair.get(bestEnd - 1);
                    // Open-ended when the run reaches the span's last year: no later occurrence is in the span.
                    Instant until = last.getDateTimeBefore().getYear() >= lastYear ? null : last.getInstant();
                    vtimezone.add(observance(kind, first.getDateTimeBefore(), first.getOffsetBefore(),
                            first.getOffsetAfter(), best.recur(until)));
                }
                i = bestEnd;
            }
        }
        return vtimezone;
    }

    /** The zone's transitions whose local date-time (either side) falls in the span, in time order. */
    static List<ZoneOffsetTransition> transitions(ZoneRules rules, int firstYear, int lastYear) {
        Instant from = LocalDateTime.of(firstYear, 1, 1, 0, 0).toInstant(ZoneOffset.ofHours(18));
        Instant to = LocalDateTime.of(lastYear + 1, 1, 1, 0, 0).toInstant(ZoneOffset.ofHours(-18));
        List<ZoneOffsetTransition> result = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(from.minusNanos(1)); t != null && t.getInstant().isBefore(to);
                t = rules.nextTransition(t.getInstant())) {
            int before = t.getDateTimeBefore().getYear();
            int after = t.getDateTimeAfter().getYear();
            if (before >= firstYear && before <= lastYear || after >= firstYear && after <= lastYear) {
                result.add(t);
            }
        }
        return result;
    }

    private static Observance observance(Observance o, LocalDateTime start, ZoneOffset from, ZoneOffset to,
                                         Recur<Instant> recur) {
        o.add(new DtStart<>(start));
        o.add(new TzOffsetFrom(from));
        o.add(new TzOffsetTo(to));
        if (recur != null) {
            o.add(new RRule<>(recur));
        }
        return o;
    }

    /**
     * One Outlook-style yearly rule at a fixed time of day: month and the {@code n}-th ({@code n} in
     * 1..4) or last weekday, or month and day.
     */
    private record Yearly(int month, DayOfWeek weekday, int nth, int monthDay, java.time.LocalTime time) {

        /** The rules the transition's local date-time is an occurrence of. */
        static List<Yearly> candidates(LocalDateTime at) {
            LocalDate d = at.toLocalDate();
            List<Yearly> result = new ArrayList<>(3);
            int n = (d.getDayOfMonth() - 1) / 7 + 1;
            if (n <= 4) {
                result.add(new Yearly(d.getMonthValue(), d.getDayOfWeek(), n, 0, at.toLocalTime()));
            }
            if (d.getDayOfMonth() + 7 > d.lengthOfMonth()) {
                result.add(new Yearly(d.getMonthValue(), d.getDayOfWeek(), -1, 0, at.toLocalTime()));
            }
            result.add(new Yearly(d.getMonthValue(), null, 0, d.getDayOfMonth(), at.toLocalTime()));
            return result;
        }

        /** The occurrence in a year. */
        LocalDateTime in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate day;
            if (weekday == null) {
                if (monthDay > first.lengthOfMonth()) {
                    return null;
                }
                day = first.withDayOfMonth(monthDay);
            } else if (nth > 0) {
                day = first.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
            } else {
                day = first.with(TemporalAdjusters.lastInMonth(weekday));
            }
            return day.atTime(time);
        }

        /**
         * The index after the last of the transitions from {@code start} on that this rule gives, one a
         * year in consecutive years, each at exactly its wall time before the transition.
         */
        int run(List<ZoneOffsetTransition> pair, int start) {
            int year = pair.get(start).getDateTimeBefore().getYear();
            int i = start;
            while (i < pair.size()) {
                LocalDateTime wall = pair.get(i).getDateTimeBefore();
                if (wall.getYear() != year || !wall.equals(in(year))) {
                    break;
                }
                i++;
                year++;
            }
            return i;
        }

        /** This rule as an RRULE value, ending at {@code until} (UTC) when not {@code null}. */
        Recur<Instant> recur(Instant until) {
            // Typed by UNTIL, which ical4j writes in UTC (with Z) only for an Instant.
            Recur.Builder<Instant> b = new Recur.Builder<Instant>()
                    .frequency(Frequency.YEARLY)
                    .monthList(Month.valueOf(month));
            if (weekday == null) {
                b.monthDayList(monthDay);
            } else {
                b.dayList(new WeekDay(WeekDay.getWeekDay(weekday), nth));
            }
            if (until != null) {
                b.until(until);
            }
            return b.build();
        }
    }

    /** A VTIMEZONE that keeps its text, folded ({@link OctetFolding}), once written: a cached component is never changed. */
    private static final class RenderedTimeZone extends VTimeZone {
        private volatile String text;

        @Override
        public String toString() {
            String t = text;
            if (t == null) {
                t = OctetFolding.fold(super.toString());
                text = t;
            }
            return t;
        }
    }
}
