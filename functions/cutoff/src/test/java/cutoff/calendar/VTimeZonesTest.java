package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every zone the JVM knows, as a VTIMEZONE for events in 2005–2031, evaluated here by the RFC 5545
 * §3.6.5 reading (each observance's onsets: DTSTART and its RRULE occurrences, local times in
 * TZOFFSETFROM; the offset at an instant is the TZOFFSETTO of the latest onset at or before it) and
 * compared with java.time at every transition (a second either side) and every 10 days of the span.
 * Every RRULE must have the one form Outlook desktop reads (MS-OXCICAL 2.1.3.1.1.19.2.2). (ical4j's own
 * reading, {@code net.fortuna.ical4j.model.TimeZone#getOffset}, is not used: in 4.1.1 it errs by hours
 * around onsets even for America/New_York.)
 */
class VTimeZonesTest {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Pattern OUTLOOK_RRULE = Pattern.compile(
            "FREQ=YEARLY(;UNTIL=\\d{8}T\\d{6}Z)?;BYMONTH=\\d{1,2};(BYDAY=(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)|BYMONTHDAY=\\d{1,2})");
    private static final int FROM = 2005;
    private static final int TO = 2031;

    @Test
    void everyZone_givesJavaTimesOffsetAtEveryTransitionAndThroughoutTheYears() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String id : javaZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            String text = VTimeZones.of(zone, FROM, TO).toString();
            Read read = Read.of(text);
            for (String rrule : read.rrules) {
                assertTrue(OUTLOOK_RRULE.matcher(rrule).matches(), id + ": not an Outlook RRULE: " + rrule);
            }
            for (Instant at : samples(zone)) {
                Integer got = read.offsetAt(at);
                int want = zone.getRules().getOffset(at).getTotalSeconds();
                checked++;
                if (got == null || got != want) {
                    wrong.add(id + " at " + at + ": " + got + " s, java.time " + want + " s");
                    break;
                }
            }
        }
        assertEquals(List.of(), wrong, "zones whose VTIMEZONE is wrong");
        assertTrue(checked > 500_000, "samples: " + checked);
    }

    @Test
    void theProbesZones_areNowRight() {
        // Africa/Cairo: "last Friday of April" to "Friday on or after 26 October" (2023 on): 2024-11-01,
        // not the last Friday of October.
        Read cairo = Read.of(VTimeZones.of(ZoneId.of("Africa/Cairo"), 2024, 2024).toString());
        assertEquals(3 * 3600, cairo.offsetAt(Instant.parse("2024-10-31T12:00:00Z")));
        assertEquals(2 * 3600, cairo.offsetAt(Instant.parse("2024-11-01T12:00:00Z")));
        // America/Nuuk, 2021: summer time from Sunday 28 March 01:00 UTC, Saturday 27 March 22:00 local.
        Read nuuk = Read.of(VTimeZones.of(ZoneId.of("America/Nuuk"), 2020, 2022).toString());
        assertEquals(-3 * 3600, nuuk.offsetAt(Instant.parse("2021-03-28T00:30:00Z")));
        assertEquals(-2 * 3600, nuuk.offsetAt(Instant.parse("2021-03-28T01:30:00Z")));
        // Africa/Casablanca, Ramadan 2090 (UTC+0 from 2090-09-24 ... ): listed transitions, no yearly rule.
        ZoneId casablanca = ZoneId.of("Africa/Casablanca");
        Read c = Read.of(VTimeZones.of(casablanca, 2088, 2092).toString());
        for (ZoneOffsetTransition t : VTimeZones.transitions(casablanca.getRules(), 2088, 2092)) {
            assertEquals(t.getOffsetAfter().getTotalSeconds(), c.offsetAt(t.getInstant().plusSeconds(3600)), t.toString());
        }
        // America/Santiago, January 2005: summer time (-03), defined before the first transition of the span.
        Read santiago = Read.of(VTimeZones.of(ZoneId.of("America/Santiago"), 2005, 2005).toString());
        assertEquals(-3 * 3600, santiago.offsetAt(Instant.parse("2004-01-15T12:00:00Z")));
        assertTrue(VTimeZones.of(ZoneId.of("America/Santiago"), 2005, 2005).toString()
                .contains("BEGIN:DAYLIGHT\r\nDTSTART:20040101T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300\r\n"),
                "January is summer time there: the first observance is DAYLIGHT");
    }

    /** The JVM's zone ids (tzdb), without the ids ical4j registers for its own bundled definitions. */
    static List<String> javaZoneIds() {
        List<String> ids = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (!id.startsWith("ical4j~")) {
                ids.add(id);
            }
        }
        assertTrue(ids.size() > 590, "zones: " + ids.size());
        return ids;
    }

    /** Each transition of 2004–2032 a second before, at and a second after; and every 10 days. */
    static List<Instant> samples(ZoneId zone) {
        List<Instant> samples = new ArrayList<>();
        for (ZoneOffsetTransition t : VTimeZones.transitions(zone.getRules(), FROM - VTimeZones.MARGIN, TO + VTimeZones.MARGIN)) {
            samples.add(t.getInstant().minusSeconds(1));
            samples.add(t.getInstant());
            samples.add(t.getInstant().plusSeconds(1));
        }
        Instant end = LocalDateTime.of(TO + VTimeZones.MARGIN, 12, 31, 0, 0).toInstant(ZoneOffset.UTC);
        for (Instant at = LocalDateTime.of(FROM - VTimeZones.MARGIN, 1, 2, 0, 0).toInstant(ZoneOffset.UTC);
                at.isBefore(end); at = at.plus(Duration.ofDays(10))) {
            samples.add(at);
        }
        return samples;
    }

    /** A VTIMEZONE as RFC 5545 §3.6.5 reads it: onsets in UTC, each with the offset it starts. */
    record Read(List<Long> onsets, List<Integer> offsets, List<String> rrules) {

        Integer offsetAt(Instant at) {
            long best = Long.MIN_VALUE;
            Integer offset = null;
            for (int i = 0; i < onsets.size(); i++) {
                long onset = onsets.get(i);
                if (onset <= at.getEpochSecond() && onset >= best) {
                    best = onset;
                    offset = offsets.get(i);
                }
            }
            return offset;
        }

        static Read of(String vtimezone) {
            List<Long> onsets = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            List<String> rrules = new ArrayList<>();
            Map<String, String> props = null;
            for (String line : vtimezone.split("\r\n")) {
                if (line.equals("BEGIN:STANDARD") || line.equals("BEGIN:DAYLIGHT")) {
                    props = new HashMap<>();
                } else if (line.equals("END:STANDARD") || line.equals("END:DAYLIGHT")) {
                    LocalDateTime start = LocalDateTime.parse(props.get("DTSTART"), LOCAL);
                    int from = offset(props.get("TZOFFSETFROM"));
                    int to = offset(props.get("TZOFFSETTO"));
                    String rrule = props.get("RRULE");
                    if (rrule == null) {
                        onsets.add(start.toEpochSecond(ZoneOffset.ofTotalSeconds(from)));
                        offsets.add(to);
                    } else {
                        rrules.add(rrule);
                        for (LocalDateTime occurrence : occurrences(start, rrule, from)) {
                            long utc = occurrence.toEpochSecond(ZoneOffset.ofTotalSeconds(from));
                            onsets.add(utc);
                            offsets.add(to);
                        }
                    }
                    props = null;
                } else if (props != null) {
                    int colon = line.indexOf(':');
                    props.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return new Read(onsets, offsets, rrules);
        }

        /** A yearly RRULE's occurrences from DTSTART through UNTIL (UTC) or 2040. */
        private static List<LocalDateTime> occurrences(LocalDateTime start, String rrule, int from) {
            Map<String, String> parts = new HashMap<>();
            for (String part : rrule.split(";")) {
                String[] kv = part.split("=", 2);
                parts.put(kv[0], kv[1]);
            }
            assertEquals("YEARLY", parts.get("FREQ"), rrule);
            int month = Integer.parseInt(parts.get("BYMONTH"));
            Instant until = parts.containsKey("UNTIL")
                    ? LocalDateTime.parse(parts.get("UNTIL").replace("Z", ""), LOCAL).toInstant(ZoneOffset.UTC) : null;
            List<LocalDateTime> result = new ArrayList<>();
            for (int year = start.getYear(); year <= 2040; year++) {
                LocalDate first = LocalDate.of(year, month, 1);
                LocalDate day;
                if (parts.containsKey("BYMONTHDAY")) {
                    day = first.withDayOfMonth(Integer.parseInt(parts.get("BYMONTHDAY")));
                } else {
                    String byday = parts.get("BYDAY");
                    int n = Integer.parseInt(byday.substring(0, byday.length() - 2));
                    DayOfWeek weekday = weekday(byday.substring(byday.length() - 2));
                    day = n < 0 ? first.with(TemporalAdjusters.lastInMonth(weekday))
                            : first.with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
                }
                LocalDateTime occurrence = day.atTime(start.toLocalTime());
                if (occurrence.isBefore(start)) {
                    continue;
                }
                if (until != null && occurrence.toInstant(ZoneOffset.ofTotalSeconds(from)).isAfter(until)) {
                    break;
                }
                result.add(occurrence);
            }
            return result;
        }

        private static DayOfWeek weekday(String two) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(two)) {
                    return d;
                }
            }
            return fail(two);
        }

        private static int offset(String value) {
            int sign = value.charAt(0) == '-' ? -1 : 1;
            int h = Integer.parseInt(value.substring(1, 3));
            int m = Integer.parseInt(value.substring(3, 5));
            int s = value.length() > 5 ? Integer.parseInt(value.substring(5, 7)) : 0;
            return sign * (h * 3600 + m * 60 + s);
        }
    }
}
