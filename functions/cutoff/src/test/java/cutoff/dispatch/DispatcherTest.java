package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cutoff.dispatch.Dispatcher.Fate;
import cutoff.notice.DeadlineKind;
import cutoff.reminder.Reminder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule for one recipient's claimed reminders in a dispatch run ({@link Dispatcher#fates}), without a store:
 * every combination of confirmed or not, address shared or not, deadline passed or not, and address claim won or
 * lost, over lists of one to four reminders.
 */
class DispatcherTest {
    private static final Instant NOW = Instant.parse("2026-05-27T01:00:00Z");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static Reminder claimed(int i, Instant deadline) {
        return new Reminder("s1", "u" + i + "@cutoff", "P1D", Reminder.Kind.REMINDER, deadline.minus(Duration.ofDays(1)),
                Reminder.Status.SENDING, "n", "n-t1", DeadlineKind.CLOSES, deadline, LocalDate.ofInstant(deadline, BEIJING), BEIJING,
                "s", null, "run", NOW);
    }

    @Test
    void eachClaimedReminder_getsTheFateTheRuleGives_inOrder() {
        // Deadlines just before, at and after now: "passed" is "not after now".
        List<Instant> deadlines = List.of(NOW.minusSeconds(1), NOW, NOW.plusSeconds(1), NOW.plus(Duration.ofDays(3)));
        for (int n = 1; n <= 4; n++) {
            for (int pattern = 0; pattern < (1 << (2 * n)); pattern++) {
                List<Reminder> claimed = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    claimed.add(claimed(i, deadlines.get((pattern >> (2 * i)) & 3)));
                }
                for (boolean confirmed : new boolean[] {false, true}) {
                    for (boolean shared : new boolean[] {false, true}) {
                        for (int lost = 0; lost < (1 << n); lost++) {
                            check(claimed, confirmed, shared, lost);
                        }
                    }
                }
            }
        }
    }

    private static void check(List<Reminder> claimed, boolean confirmed, boolean shared, int lost) {
        List<Reminder> asked = new ArrayList<>();
        Map<Reminder, Fate> fates = Dispatcher.fates(claimed, confirmed, shared, NOW, r -> {
            asked.add(r);
            return (lost & (1 << claimed.indexOf(r))) == 0;
        });
        String where = "confirmed " + confirmed + ", shared " + shared + ", lost " + Integer.toBinaryString(lost) + ": " + claimed;
        assertEquals(claimed, List.copyOf(fates.keySet()), "every claimed reminder, in order; " + where);
        List<Reminder> expectAsked = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Reminder r = claimed.get(i);
            Fate expected;
            if (!confirmed) {
                expected = Fate.CANCELLED;
            } else if (!r.deadlineEarliest().isAfter(NOW)) {
                expected = Fate.SKIPPED;
            } else if (shared) {
                expectAsked.add(r);
                expected = (lost & (1 << i)) != 0 ? Fate.COVERED : Fate.SEND;
            } else {
                expected = Fate.SEND;
            }
            assertEquals(expected, fates.get(r), "reminder " + i + "; " + where);
        }
        assertEquals(expectAsked, asked, "the address is claimed only for a confirmed, shared, live reminder, once each; " + where);
    }

    @Test
    void aRecipientNotConfirmed_neverClaimsTheAddress() {
        Reminder live = claimed(0, NOW.plus(Duration.ofDays(1)));
        Map<Reminder, Fate> fates = Dispatcher.fates(List.of(live), false, true, NOW, r -> fail("claimed for a recipient not confirmed"));
        assertEquals(Set.of(Fate.CANCELLED), Set.copyOf(fates.values()));
    }

    @Test
    void aDateOnlyDeadline_passesAtTheStartOfItsDayInItsOwnZone() {
        ZoneId helsinki = ZoneId.of("Europe/Helsinki");
        LocalDate day = LocalDate.ofInstant(NOW, helsinki);
        for (LocalDate d : List.of(day.minusDays(1), day, day.plusDays(1))) {
            Reminder r = new Reminder("s1", "d@cutoff", "P1D", Reminder.Kind.REMINDER, NOW, Reminder.Status.SENDING, "n", "n-t1",
                    DeadlineKind.FOREIGN, null, d, helsinki, "s", null, "run", NOW);
            Fate expected = d.atStartOfDay(helsinki).toInstant().isAfter(NOW) ? Fate.SEND : Fate.SKIPPED;
            assertEquals(expected, Dispatcher.fates(List.of(r), true, false, NOW, x -> true).get(r), d.toString());
        }
    }
}
