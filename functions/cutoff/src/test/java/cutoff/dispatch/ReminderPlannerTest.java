package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.reminder.Reminder;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The planning rule ({@link ReminderPlanner#wanted}) without a store: which reminders a subscriber wants,
 * due when, for deadlines generated over zones, kinds, times of day and the moment the subscriber joins.
 */
class ReminderPlannerTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final List<ZoneId> ZONES = List.of(BEIJING, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Jerusalem"), ZoneId.of("Pacific/Auckland"), ZoneId.of("UTC"));

    private static Subscriber subscriber(Subscriber.Status status, List<LeadTime> leads) {
        Instant joined = Instant.parse("2026-01-01T00:00:00Z");
        return new Subscriber("s1", "li.wei@example.edu.cn", "zh", List.of("n-t1"), leads, status, joined, joined, joined, null);
    }

    private static Deadline timed(String uid, DeadlineKind kind, ZonedDateTime at) {
        return new Deadline(uid, "n", "n-t1", kind, at.toInstant(), at.toLocalDate(), at.getZone(), "s", "d", null, 0,
                Instant.EPOCH, false);
    }

    private static Deadline dateOnly(String uid, DeadlineKind kind, LocalDate date, ZoneId zone) {
        return new Deadline(uid, "n", "n-t1", kind, null, date, zone, "s", "d", null, 0, Instant.EPOCH, false);
    }

    private static Map<String, Reminder> wanted(Subscriber s, List<Deadline> deadlines, Instant now) {
        return ReminderPlanner.wanted(s, deadlines, Map.of(), now);
    }

    @Test
    void eachLeadTime_isDueThatLongBeforeTheDeadline_countedInTheDeadlinesOwnZone() {
        List<LeadTime> leads = List.of(LeadTime.parse("P7D"), LeadTime.parse("P1D"), LeadTime.parse("PT12H"), LeadTime.parse("PT30M"));
        for (ZoneId zone : ZONES) {
            for (int month = 1; month <= 12; month++) {
                for (LocalTime time : List.of(LocalTime.of(0, 30), LocalTime.of(9, 0), LocalTime.of(16, 30), LocalTime.of(23, 59))) {
                    ZonedDateTime at = ZonedDateTime.of(LocalDate.of(2027, month, 28), time, zone);
                    Deadline d = timed("u@cutoff", DeadlineKind.FOREIGN, at);
                    Map<String, Reminder> w = wanted(subscriber(Subscriber.Status.CONFIRMED, leads), List.of(d),
                            at.minusDays(30).toInstant());
                    String where = zone + " " + at;
                    assertEquals(at.minusDays(7).toInstant(), w.get("u@cutoff#P7D").dueAt(), where);
                    assertEquals(at.minusDays(1).toInstant(), w.get("u@cutoff#P1D").dueAt(), where);
                    assertEquals(at.toInstant().minus(Duration.ofHours(12)), w.get("u@cutoff#PT12H").dueAt(), where);
                    assertEquals(at.toInstant().minus(Duration.ofMinutes(30)), w.get("u@cutoff#PT30M").dueAt(), where);
                    // A foreign-side deadline gets no morning-of reminder.
                    assertEquals(4, w.size(), where);
                    w.values().forEach(r -> {
                        assertEquals(Reminder.Status.PENDING, r.status());
                        assertEquals(Reminder.Kind.REMINDER, r.kind());
                        assertEquals(zone, r.zone(), "the reminder keeps the deadline's zone");
                        assertEquals(d.at(), r.at());
                    });
                }
            }
        }
    }

    @Test
    void theMorningOf_is0900BeijingOnACutoffsDay_andNoneForAnOpeningOrADeadlineAtOrBeforeNine() {
        Subscriber s = subscriber(Subscriber.Status.CONFIRMED, List.of(LeadTime.parse("MORNING")));
        for (int minute = 0; minute < 24 * 60; minute += 15) {
            ZonedDateTime at = ZonedDateTime.of(LocalDate.of(2026, 6, 3), LocalTime.MIDNIGHT.plusMinutes(minute), BEIJING);
            Instant now = at.minusDays(3).toInstant();
            Map<String, Reminder> cutoff = wanted(s, List.of(timed("c@cutoff", DeadlineKind.CLOSES, at)), now);
            if (at.toLocalTime().isAfter(LocalTime.of(9, 0))) {
                assertEquals(at.with(LocalTime.of(9, 0)).toInstant(), cutoff.get("c@cutoff#MORNING").dueAt(), at.toString());
            } else {
                assertTrue(cutoff.isEmpty(), at + ": " + cutoff);
            }
            assertTrue(wanted(s, List.of(timed("o@cutoff", DeadlineKind.OPENS, at)), now).isEmpty(), at + ": an opening");
        }
        assertTrue(wanted(s, List.of(dateOnly("d@cutoff", DeadlineKind.CLOSES, LocalDate.of(2026, 6, 3), BEIJING)),
                Instant.parse("2026-05-01T00:00:00Z")).isEmpty(), "a date-only cutoff is reminded against its day's start");
    }

    @Test
    void onlyFutureReminders_arePlanned_whateverTheMomentTheSubscriberJoins() {
        List<LeadTime> leads = LeadTime.DEFAULTS;
        ZonedDateTime at = ZonedDateTime.of(2026, 6, 3, 16, 30, 0, 0, BEIJING);
        Deadline d = timed("c@cutoff", DeadlineKind.CLOSES, at);
        Map<String, Instant> dueAt = Map.of("P7D", at.minusDays(7).toInstant(), "P3D", at.minusDays(3).toInstant(),
                "P1D", at.minusDays(1).toInstant(), "MORNING", at.with(LocalTime.of(9, 0)).toInstant());
        for (Instant now = at.minusDays(10).toInstant(); now.isBefore(at.plusHours(1).toInstant()); now = now.plus(Duration.ofMinutes(90))) {
            Set<String> expected = new TreeSet<>();
            for (Map.Entry<String, Instant> e : dueAt.entrySet()) {
                if (e.getValue().isAfter(now)) {
                    expected.add("c@cutoff#" + e.getKey());
                }
            }
            assertEquals(expected, new TreeSet<>(wanted(subscriber(Subscriber.Status.CONFIRMED, leads), List.of(d), now).keySet()),
                    "joined at " + now);
        }
    }

    @Test
    void aReminderAlreadyDueButUnsent_isKept_onlyAtTheSameInstantAndWhilePending() {
        ZonedDateTime at = ZonedDateTime.of(2026, 6, 3, 16, 30, 0, 0, BEIJING);
        Deadline d = timed("c@cutoff", DeadlineKind.CLOSES, at);
        Subscriber s = subscriber(Subscriber.Status.CONFIRMED, List.of(LeadTime.parse("P1D")));
        Instant due = at.minusDays(1).toInstant();
        Instant now = due.plusSeconds(60);
        Reminder stored = ReminderPlanner.reminder("s1", d, "P1D", Reminder.Kind.REMINDER, due, null);
        assertEquals(Set.of("c@cutoff#P1D"), ReminderPlanner.wanted(s, List.of(d), Map.of("c@cutoff#P1D", stored), now).keySet());
        for (Reminder.Status status : Reminder.Status.values()) {
            if (status != Reminder.Status.PENDING) {
                Reminder finished = new Reminder("s1", d.uid(), "P1D", Reminder.Kind.REMINDER, due, status, "n", "n-t1", d.kind(),
                        d.at(), d.date(), d.zone(), "s", null, null, null);
                assertTrue(ReminderPlanner.wanted(s, List.of(d), Map.of("c@cutoff#P1D", finished), now).isEmpty(), status.toString());
            }
        }
        Reminder elsewhen = ReminderPlanner.reminder("s1", d, "P1D", Reminder.Kind.REMINDER, due.minusSeconds(3600), null);
        assertTrue(ReminderPlanner.wanted(s, List.of(d), Map.of("c@cutoff#P1D", elsewhen), now).isEmpty(),
                "a stored one due at another instant (the deadline moved) is not kept once its new instant passed");
        assertTrue(wanted(s, List.of(d), now).isEmpty(), "nor planned afresh");
    }

    @Test
    void aSubscriberNotConfirmed_wantsNothing() {
        ZonedDateTime at = ZonedDateTime.of(2026, 6, 3, 16, 30, 0, 0, BEIJING);
        List<Deadline> ds = List.of(timed("c@cutoff", DeadlineKind.CLOSES, at));
        Map<String, Reminder> existing = new HashMap<>();
        for (Subscriber.Status status : Subscriber.Status.values()) {
            int expected = status == Subscriber.Status.CONFIRMED ? 4 : 0;
            assertEquals(expected, ReminderPlanner.wanted(subscriber(status, LeadTime.DEFAULTS), ds, existing,
                    at.minusDays(30).toInstant()).size(), status.toString());
        }
    }
}
