package cutoff.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cutoff.notice.DeadlineKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule for change emails ({@link DeadlineChange#told}), generated over every deadline kind, every kind of change
 * the ingest rule or a withdrawal makes, and deadlines before, at and after the moment of the change, in several zones.
 */
class DeadlineChangeTest {
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Helsinki"),
            ZoneId.of("America/New_York"));
    private static final List<Duration> FROM_NOW = List.of(Duration.ofDays(-30), Duration.ofMinutes(-1), Duration.ZERO,
            Duration.ofMinutes(1), Duration.ofDays(30));

    private static Deadline at(DeadlineKind kind, Instant at, ZoneId zone, int sequence, boolean cancelled) {
        return new Deadline("n-t1-x@cutoff", "n", "n-t1", kind, at, at.atZone(zone).toLocalDate(), zone, "s", "d", null,
                sequence, Instant.EPOCH, cancelled);
    }

    /** Every change the ingest rule and a withdrawal make of one deadline, and whether it is told when ahead. */
    private record Form(String name, boolean toldWhenAhead, DeadlineChange change) {
    }

    private static List<Form> forms(DeadlineKind kind, Instant when, ZoneId zone) {
        Deadline live = at(kind, when.minus(Duration.ofDays(2)), zone, 3, false);
        Deadline here = at(kind, when, zone, 3, false);
        return List.of(
                new Form("added", false, new DeadlineChange(null, here.withSequence(0, NOW))),
                new Form("moved", true, new DeadlineChange(live, here.withSequence(4, NOW))),
                new Form("re-worded", false, new DeadlineChange(here, new Deadline(here.uid(), "n", "n-t1", kind, when,
                        here.date(), zone, "other", "d", null, 3, NOW, false))),
                new Form("withdrawn", true, new DeadlineChange(here, here.asCancelled(4, NOW))),
                new Form("back after a withdrawal", true, new DeadlineChange(here.asCancelled(4, NOW), here.withSequence(5, NOW))));
    }

    @Test
    void aMoveAWithdrawalOrAComeback_isTold_whenStillAhead_andNotAnOpening() {
        int told = 0;
        for (DeadlineKind kind : DeadlineKind.values()) {
            for (ZoneId zone : ZONES) {
                for (Duration d : FROM_NOW) {
                    Instant when = NOW.plus(d);
                    for (Form f : forms(kind, when, zone)) {
                        boolean expected = f.toldWhenAhead() && kind != DeadlineKind.OPENS && when.isAfter(NOW);
                        assertEquals(expected, f.change().told(NOW), f.name() + " " + kind + " " + zone + " " + d);
                        told += expected ? 1 : 0;
                    }
                }
            }
        }
        assertEquals((DeadlineKind.values().length - 1) * ZONES.size() * 2 * 3, told);
    }

    @Test
    void withdrawn_isLiveBeforeAndCancelledAfter_only() {
        Deadline live = at(DeadlineKind.CLOSES, NOW.plus(Duration.ofDays(3)), ZONES.get(0), 0, false);
        assertEquals(true, new DeadlineChange(live, live.asCancelled(1, NOW)).withdrawn());
        assertEquals(false, new DeadlineChange(live.asCancelled(1, NOW), live.asCancelled(1, NOW)).withdrawn());
        assertEquals(false, new DeadlineChange(live.asCancelled(1, NOW), live.withSequence(2, NOW)).withdrawn());
        assertEquals(false, new DeadlineChange(null, live.asCancelled(0, NOW)).withdrawn());
    }

    @Test
    void aDateOnlyDeadline_isAheadUntilTheStartOfItsDayInItsZone() {
        ZoneId helsinki = ZoneId.of("Europe/Helsinki");
        java.time.LocalDate day = NOW.atZone(helsinki).toLocalDate().plusDays(1);
        Instant dayStarts = day.atStartOfDay(helsinki).toInstant();
        Deadline dateOnly = new Deadline("n-t1-foreign-fi@cutoff", "n", "n-t1", DeadlineKind.FOREIGN, null, day, helsinki, "s",
                "d", null, 0, Instant.EPOCH, false);
        DeadlineChange withdrawn = new DeadlineChange(dateOnly, dateOnly.asCancelled(1, NOW));
        assertEquals(true, withdrawn.told(dayStarts.minusSeconds(1)));
        assertEquals(false, withdrawn.told(dayStarts));
    }
}
