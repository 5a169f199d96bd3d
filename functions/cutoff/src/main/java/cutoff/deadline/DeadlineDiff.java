package cutoff.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest rule, apart from storage: what a fresh reading of a notice changes in its stored
 * deadlines. Deadlines are matched by UID (RFC 5545 §3.8.4.7), so a calendar keeps one event per
 * deadline across re-ingests:
 * <ul>
 *   <li><b>added</b>: a UID not stored before, at sequence 0;</li>
 *   <li><b>moved</b>: its instant, date or zone changed (or it comes back after a withdrawal): the
 *       SEQUENCE (RFC 5545 §3.8.7.4) goes up by one, so clients replace the event;</li>
 *   <li><b>updated</b>: only its text or URL changed: the sequence stays, the last change is now;</li>
 *   <li><b>withdrawn</b>: a stored UID the notice no longer has: kept, cancelled (STATUS:CANCELLED),
 *       sequence up by one, so subscribed calendars drop it; one already withdrawn is left as is;</li>
 *   <li><b>unchanged</b>: identical: nothing is written, and DTSTAMP stays, so the feed's bytes and ETag hold.</li>
 * </ul>
 *
 * @param added     UIDs new in this reading
 * @param moved     UIDs whose timing changed
 * @param updated   UIDs whose text changed but not their timing
 * @param withdrawn UIDs no longer in the notice
 * @param unchanged how many deadlines are exactly as stored
 * @param changes   every deadline to write, with its stored version
 */
public record DeadlineDiff(List<String> added, List<String> moved, List<String> updated, List<String> withdrawn,
                           int unchanged, List<DeadlineChange> changes) {

    /**
     * Compares a fresh reading with what is stored.
     *
     * @param stored the deadlines stored for the notice (withdrawn ones included)
     * @param fresh  the deadlines of the new reading, at sequence 0 ({@link Deadlines#of})
     * @param now    the ingest's instant (UTC): the last change of whatever changes
     */
    public static DeadlineDiff between(List<Deadline> stored, List<Deadline> fresh, Instant now) {
        Map<String, Deadline> before = new LinkedHashMap<>();
        stored.forEach(d -> before.put(d.uid(), d));
        List<String> added = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        List<DeadlineChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (Deadline d : fresh) {
            Deadline old = before.remove(d.uid());
            Deadline next;
            if (old == null) {
                next = d.withSequence(0, now);
                added.add(d.uid());
            } else if (d.movedFrom(old)) {
                next = d.withSequence(old.sequence() + 1, now);
                moved.add(d.uid());
            } else if (d.differsFrom(old)) {
                next = d.withSequence(old.sequence(), now);
                updated.add(d.uid());
            } else {
                unchanged++;
                continue;
            }
            changes.add(new DeadlineChange(old, next));
        }
        for (Deadline gone : before.values()) {
            if (!gone.cancelled()) {
                withdrawn.add(gone.uid());
                changes.add(new DeadlineChange(gone, gone.asCancelled(gone.sequence() + 1, now)));
            }
        }
        return new DeadlineDiff(List.copyOf(added), List.copyOf(moved), List.copyOf(updated), List.copyOf(withdrawn),
                unchanged, List.copyOf(changes));
    }
}
