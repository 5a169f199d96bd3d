package cutoff.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DeadlineKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest rule without storage: what a fresh reading changes (added, moved, updated, withdrawn, unchanged). */
class DeadlineDiffTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-04-01T02:00:00Z");

    private static Deadline cutoff(String topic, String at, String summary, int sequence, boolean cancelled) {
        Instant i = Instant.parse(at);
        return new Deadline(topic + "-closes@cutoff", "n", topic, DeadlineKind.CLOSES, i, LocalDate.ofInstant(i, BEIJING), BEIJING,
                summary, "description", null, sequence, FIRST, cancelled);
    }

    @Test
    void aFirstReading_addsEverything_atSequenceZero_stampedNow() {
        DeadlineDiff d = DeadlineDiff.between(List.of(), List.of(cutoff("t1", "2026-05-27T08:30:00Z", "s", 0, false)), NOW);
        assertEquals(List.of("t1-closes@cutoff"), d.added());
        DeadlineChange c = d.changes().get(0);
        assertNull(c.before());
        assertEquals(0, c.after().sequence());
        assertEquals(NOW, c.after().lastModified());
    }

    @Test
    void theSameReadingAgain_changesNothing_andKeepsTheStamp() {
        Deadline stored = cutoff("t1", "2026-05-27T08:30:00Z", "s", 2, false);
        DeadlineDiff d = DeadlineDiff.between(List.of(stored), List.of(cutoff("t1", "2026-05-27T08:30:00Z", "s", 0, false)), NOW);
        assertEquals(1, d.unchanged());
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void aMovedCutoff_raisesTheSequence_soCalendarsReplaceTheEvent() {
        Deadline stored = cutoff("t1", "2026-05-27T08:30:00Z", "s", 2, false);
        DeadlineDiff d = DeadlineDiff.between(List.of(stored), List.of(cutoff("t1", "2026-06-03T08:30:00Z", "s", 0, false)), NOW);
        assertEquals(List.of("t1-closes@cutoff"), d.moved());
        DeadlineChange c = d.changes().get(0);
        assertTrue(c.moved());
        assertEquals(3, c.after().sequence());
        assertEquals(Instant.parse("2026-06-03T08:30:00Z"), c.after().at());
        assertEquals(NOW, c.after().lastModified());
    }

    @Test
    void reworded_keepsTheSequence_butIsWritten() {
        Deadline stored = cutoff("t1", "2026-05-27T08:30:00Z", "old words", 2, false);
        DeadlineDiff d = DeadlineDiff.between(List.of(stored), List.of(cutoff("t1", "2026-05-27T08:30:00Z", "new words", 0, false)), NOW);
        assertEquals(List.of("t1-closes@cutoff"), d.updated());
        assertEquals(2, d.changes().get(0).after().sequence());
        assertEquals("new words", d.changes().get(0).after().summary());
        assertTrue(!d.changes().get(0).moved());
    }

    @Test
    void aTopicNoLongerInTheNotice_isWithdrawnOnce_notDeleted() {
        Deadline stored = cutoff("t2", "2026-05-27T08:30:00Z", "s", 1, false);
        DeadlineDiff d = DeadlineDiff.between(List.of(stored), List.of(), NOW);
        assertEquals(List.of("t2-closes@cutoff"), d.withdrawn());
        Deadline withdrawn = d.changes().get(0).after();
        assertTrue(withdrawn.cancelled());
        assertEquals(2, withdrawn.sequence());
        DeadlineDiff again = DeadlineDiff.between(List.of(withdrawn), List.of(), NOW.plusSeconds(60));
        assertTrue(again.changes().isEmpty(), "already withdrawn: nothing more to write");
    }

    @Test
    void aWithdrawnDeadlineThatComesBack_isRestoredAsAMove() {
        Deadline withdrawn = cutoff("t1", "2026-05-27T08:30:00Z", "s", 4, true);
        DeadlineDiff d = DeadlineDiff.between(List.of(withdrawn), List.of(cutoff("t1", "2026-05-27T08:30:00Z", "s", 0, false)), NOW);
        assertEquals(List.of("t1-closes@cutoff"), d.moved());
        assertEquals(5, d.changes().get(0).after().sequence());
        assertTrue(!d.changes().get(0).after().cancelled());
    }
}
