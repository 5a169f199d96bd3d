package cutoff.app;

import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.store.IngestResult;
import cutoff.store.NoticeStore;

/**
 * Ingest as every entry point does it (CLI, demo, tests): store a notice's deadlines, then re-plan the
 * reminders of the subscribers of whatever moved, appeared or was withdrawn.
 */
public final class Ingestion {
    private final NoticeStore notices;
    private final ReminderPlanner planner;

    public Ingestion(NoticeStore notices, ReminderPlanner planner) {
        this.notices = notices;
        this.planner = planner;
    }

    /**
     * What one ingest did.
     *
     * @param result what the store changed
     * @param plan   the reminders planned and cancelled because of it (zero when nothing changed)
     */
    public record Outcome(IngestResult result, ReminderPlanner.Plan plan) {
    }

    /**
     * Stores a notice and re-plans its subscribers' reminders.
     *
     * @throws IncompleteNoticeException when a topic has no cutoff; nothing is written
     */
    public Outcome ingest(Notice notice) throws IncompleteNoticeException {
        IngestResult result = notices.ingest(notice);
        ReminderPlanner.Plan plan = result.nothingChanged() ? new ReminderPlanner.Plan(0, 0, 0) : planner.afterIngest(result);
        return new Outcome(result, plan);
    }
}
