package cutoff.reminder;

import cutoff.notice.DeadlineKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One planned email line: a reminder of a deadline at a lead time, or a notice that a deadline moved.
 * It carries a snapshot of the deadline as planned, so the dispatcher needs no other read to write the
 * email; a moved deadline is re-planned, which replaces the snapshot.
 *
 * @param subscriberId  who gets it
 * @param deadlineUid   the deadline's UID (as in the feeds)
 * @param lead          the lead-time code ({@code P7D}, {@code MORNING}), or {@code CHANGE#<sequence>}
 * @param kind          a reminder, a deadline-changed notice, or a deadline-withdrawn notice
 * @param dueAt         when it is due (UTC)
 * @param status        where it is in its life
 * @param noticeId      the deadline's notice
 * @param topicId       the deadline's topic
 * @param deadlineKind  our cutoff or a foreign-side deadline
 * @param at            the deadline's instant; {@code null} for a date-only deadline
 * @param date          the deadline's date in {@code zone}
 * @param zone          the deadline's zone (Asia/Shanghai, or the agency's)
 * @param summary       the deadline's one-line title
 * @param previous      for a change: the deadline's former time, as a person reads it; for a withdrawal: the reason
 *                      an editor or the operator gave (one line, at most 500 characters), or {@code null} for none;
 *                      for a deadline back after a withdrawal (published again): {@link #WAS_WITHDRAWN}; else
 *                      {@code null}
 * @param claim         the dispatcher run that holds it while SENDING; else {@code null}
 * @param claimedAt     when that run claimed it
 */
public record Reminder(
        String subscriberId,
        String deadlineUid,
        String lead,
        Kind kind,
        Instant dueAt,
        Status status,
        String noticeId,
        String topicId,
        DeadlineKind deadlineKind,
        Instant at,
        LocalDate date,
        ZoneId zone,
        String summary,
        String previous,
        String claim,
        Instant claimedAt) {

    /**
     * Reminder, change notice (the deadline moved, or came back after a withdrawal), or withdrawal notice (the
     * deadline was withdrawn, with its notice or by a re-ingest: its event is cancelled, STATUS:CANCELLED). A change
     * and a withdrawal are due at once, keyed {@code CHANGE#<sequence>}.
     */
    public enum Kind { REMINDER, CHANGE, WITHDRAWN }

    /** The {@link #previous} of a change that brings a deadline back after a withdrawal: it was withdrawn, not at a time. */
    public static final String WAS_WITHDRAWN = "已撤回 withdrawn";

    /** PENDING and SENDING are on the due index; the rest are the record of what happened. */
    public enum Status {
        PENDING, SENDING, SENT, SKIPPED, FAILED, CANCELLED,
        /**
         * Not sent by this subscriber: another subscriber of the same address (its own subscription, another office's
         * registration) claimed the same deadline and lead, and its email carries it.
         */
        COVERED
    }

    /** The earliest instant the deadline could be (start of its day in its zone when date-only). */
    public Instant deadlineEarliest() {
        return at != null ? at : date.atStartOfDay(zone).toInstant();
    }
}
