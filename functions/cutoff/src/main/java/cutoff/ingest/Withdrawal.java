package cutoff.ingest;

import cutoff.dispatch.ReminderPlanner;
import cutoff.store.AuditStore;
import cutoff.store.IngestResult;
import cutoff.store.NoticeStore;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.store.SubscriberRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Withdrawing a published notice (issue 19), as every entry point does it ({@code POST /notices/{noticeId}/withdraw},
 * {@code ./cutoff withdraw}): its deadlines cancelled in one transaction ({@link NoticeStore#withdraw}: STATUS:CANCELLED,
 * SEQUENCE up, feed stamps moved), the reminders of its subscribers re-planned (the pending ones of those deadlines
 * cancelled), a withdrawal email queued for each confirmed subscriber of a topic with a deadline still ahead (sent by the
 * dispatcher's next run, one email a subscriber, in their language, with the reason), and an entry {@code withdrawn}
 * appended to the notice's record ({@link AuditStore}). A deadline already past is cancelled in the feeds all the same,
 * but nobody is told of it ({@link cutoff.deadline.DeadlineChange#told}). Withdrawing a notice withdrawn already writes,
 * queues and records nothing.
 */
public final class Withdrawal {
    /** The longest reason taken, in characters (one line, shown in the email and the record). */
    public static final int MAX_REASON = 500;
    /** Who the record names for a withdrawal from the command line ({@code ./cutoff withdraw}). */
    public static final String OPERATOR = "operator";

    private final NoticeStore notices;
    private final ReminderPlanner planner;
    private final SubscriberRecords subscribers;
    private final AuditStore audit;
    private final Clock clock;

    /**
     * @param audit where the withdrawal is recorded, per notice
     * @param clock the instant of the withdrawal: which deadlines are still ahead (UTC)
     */
    public Withdrawal(NoticeStore notices, ReminderPlanner planner, SubscriberRecords subscribers, AuditStore audit, Clock clock) {
        this.notices = notices;
        this.planner = planner;
        this.subscribers = subscribers;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What one withdrawal did.
     *
     * @param noticeId         the notice
     * @param withdrawn        how many deadlines were withdrawn now (0 when it was withdrawn already)
     * @param changeEmails     how many people will be told (addresses of confirmed subscribers of a topic with a
     *                         deadline still ahead; one address reached in two ways counts once)
     * @param alreadyWithdrawn true when every deadline was withdrawn before: nothing was written, queued or recorded
     * @param plan             the reminders planned (the withdrawal emails) and cancelled
     */
    public record Outcome(String noticeId, int withdrawn, int changeEmails, boolean alreadyWithdrawn, ReminderPlanner.Plan plan) {
        /** The answer the API and the command line give: {@code {"noticeId", "withdrawn", "changeEmails", "alreadyWithdrawn"}}. */
        public java.util.Map<String, Object> answer() {
            java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("noticeId", noticeId);
            answer.put("withdrawn", withdrawn);
            answer.put("changeEmails", changeEmails);
            answer.put("alreadyWithdrawn", alreadyWithdrawn);
            return answer;
        }
    }

    /** A reason that may not be taken; nothing was withdrawn. */
    public static final class BadReason extends Exception {
        BadReason(String message) {
            super(message);
        }
    }

    /**
     * The reason as stored and shown: stripped of surrounding white space and of bidirectional controls and zero-width
     * characters ({@link cutoff.util.Invisibles}); {@code null} when blank or absent.
     *
     * @throws BadReason longer than {@value #MAX_REASON} characters (code points), or holding a control character
     *                   (Unicode Cc: a line break, a tab, an escape) or a line or paragraph separator (U+2028, U+2029):
     *                   it is one line in an email and the record
     */
    public static String reason(String reason) throws BadReason {
        String r = reason == null ? "" : cutoff.util.Invisibles.strip(reason).strip();
        if (r.isEmpty()) {
            return null;
        }
        if (r.codePointCount(0, r.length()) > MAX_REASON) {
            throw new BadReason("reason: at most " + MAX_REASON + " characters, not " + r.codePointCount(0, r.length()));
        }
        for (int i = 0; i < r.length(); ) {
            int c = r.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new BadReason(String.format("reason: one line without control characters (U+%04X at character %d)", c, r.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
        return r;
    }

    /**
     * Withdraws a published notice.
     *
     * @param by      who: an editor's id ({@code ed_…}), or {@code operator} for the command line
     * @param reason  as {@link #reason} returned it, or {@code null}
     * @param allowed whether {@code by} may withdraw this notice (the owner check: the caller's rule)
     * @return what was done; empty when no notice has that id, or {@code allowed} says no (the two are not told apart)
     * @throws cutoff.store.ConcurrentIngestException an ingest or another withdrawal of the notice wrote meanwhile;
     *                                                nothing of this one was written
     */
    public Optional<Outcome> withdraw(String noticeId, String by, String reason, Predicate<StoredNotice> allowed) {
        Optional<StoredNotice> stored = notices.notice(noticeId);
        if (stored.isEmpty() || !allowed.test(stored.get())) {
            return Optional.empty();
        }
        Optional<IngestResult> written = notices.withdraw(noticeId);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        IngestResult result = written.get();
        if (result.nothingChanged()) {
            return Optional.of(new Outcome(noticeId, 0, 0, true, new ReminderPlanner.Plan(0, 0, 0)));
        }
        Instant now = clock.instant();
        int told = ReminderPlanner.changeEmails(result.changes(), subscribers, now);
        ReminderPlanner.Plan plan = planner.afterIngest(result, reason);
        audit.append(noticeId, new AuditStore.Entry(now, "withdrawn", by, "", result.cancelled().size()
                + " deadline(s) withdrawn, " + told + " change email(s)" + (reason == null ? "" : "; reason: " + reason)));
        return Optional.of(new Outcome(noticeId, result.cancelled().size(), told, false, plan));
    }
}
