package cutoff.ingest;

import cutoff.dispatch.ReminderPlanner;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import java.util.List;
import cutoff.store.IngestResult;
import cutoff.store.NoticeStore;

/**
 * Ingest as every entry point does it (CLI, demo, tests): store a notice's deadlines, then re-plan the
 * reminders of the subscribers of whatever moved, appeared or was withdrawn.
 */
public final class Ingestion {
    private final NoticeStore notices;
    private final ReminderPlanner planner;
    private final FollowExpansion follows;

    public Ingestion(NoticeStore notices, ReminderPlanner planner, FollowExpansion follows) {
        this.notices = notices;
        this.planner = planner;
        this.follows = follows;
    }

    /**
     * What one ingest did.
     *
     * @param result what the store changed
     * @param plan   the reminders planned and cancelled because of it (zero when nothing changed)
     * @param follow what follow rules gave the followers of the notice's new topics
     */
    public record Outcome(IngestResult result, ReminderPlanner.Plan plan, FollowExpansion.Report follow) {
    }

    /**
     * Stores a notice, gives the topics it brings to the followers of matching rules ({@link FollowExpansion})
     * and re-plans its subscribers' reminders.
     *
     * @throws IncompleteNoticeException when a topic has no cutoff, or a reading is under review
     *                                   ({@link cutoff.notice.NoticeReview#pending}); nothing is written
     */
    public Outcome ingest(Notice notice) throws IncompleteNoticeException {
        List<String> review = cutoff.notice.NoticeReview.pending(notice);
        if (!review.isEmpty()) {
            // Precision first: a reading under review never reaches subscribers unattended.
            throw new IncompleteNoticeException("notice " + notice.id() + " has readings under review: "
                    + String.join("; ", review), review);
        }
        cutoff.deadline.Deadlines.of(notice, java.time.Instant.EPOCH); // every topic has a cutoff, before anything is written
        List<String> stored = notices.notice(notice.id()).map(n -> n.notice().topics().stream().map(Topic::id).toList())
                .orElse(List.of());
        follows.prepare(notice, stored);
        IngestResult result = notices.ingest(notice);
        FollowExpansion.Report follow = follows.expand(notice);
        ReminderPlanner.Plan plan = result.nothingChanged() ? new ReminderPlanner.Plan(0, 0, 0) : planner.afterIngest(result);
        return new Outcome(result, plan, follow);
    }
}
