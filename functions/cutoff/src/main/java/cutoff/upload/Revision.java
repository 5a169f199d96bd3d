package cutoff.upload;

import cutoff.deadline.Deadline;
import cutoff.deadline.DeadlineChange;
import cutoff.deadline.DeadlineDiff;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.store.SubscriberRecords;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What publishing a draft would change in a notice that is already published (issue 19's revisions), before anything
 * is written: the ingest rule ({@link DeadlineDiff}) applied to the stored deadlines and the draft's reading, and how
 * many people would get a change email for it (the confirmed subscribers of a topic whose deadline moves, or is
 * withdrawn, while still ahead: {@link DeadlineChange#told}, the rule {@code ReminderPlanner.afterIngest} queues
 * change emails by).
 *
 * @param added        UIDs the notice did not have
 * @param moved        UIDs whose time, date or zone changes (SEQUENCE goes up, calendars replace the event)
 * @param updated      UIDs whose text changes only
 * @param withdrawn    UIDs the reading no longer has (their events become CANCELLED)
 * @param changeEmails how many people would be told of a move or a withdrawal: the addresses of confirmed subscribers
 *                     of a topic with a told change (one address reached in two ways counts once, as the dispatcher
 *                     sends it one email)
 */
public record Revision(List<String> added, List<String> moved, List<String> updated, List<String> withdrawn,
                       int changeEmails) {

    /**
     * The revision a draft's reading makes of the published notice with its id.
     *
     * @param published the notice as stored, or empty when it was never published
     * @param now       when (UTC): a move to a time already past tells nobody
     * @return empty when nothing with the id is published, or the reading has a topic without a cutoff (it cannot be
     *         published as it is)
     */
    static Optional<Revision> of(Notice reading, Optional<StoredNotice> published, SubscriberRecords subscribers, Instant now) {
        if (published.isEmpty()) {
            return Optional.empty();
        }
        List<Deadline> fresh;
        try {
            fresh = Deadlines.of(reading, now);
        } catch (IncompleteNoticeException e) {
            return Optional.empty();
        }
        DeadlineDiff diff = DeadlineDiff.between(published.get().deadlines(), fresh, now);
        return Optional.of(new Revision(diff.added(), diff.moved(), diff.updated(), diff.withdrawn(), cutoff.dispatch.ReminderPlanner.changeEmails(diff.changes(), subscribers, now)));
    }
}
