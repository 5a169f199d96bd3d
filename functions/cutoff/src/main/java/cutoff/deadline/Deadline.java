package cutoff.deadline;

import cutoff.notice.DeadlineKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One deadline of one topic: what becomes one VEVENT in a feed and one reminder target.
 *
 * <p>A deadline is either <em>timed</em> ({@link #at()} is the instant; {@link #zone()} is the zone its
 * wall time was written in) or <em>date-only</em> ({@link #at()} is {@code null}; {@link #date()} is a
 * calendar date in {@link #zone()}), as a foreign-side deadline or a cutoff whose time of day the notice
 * does not state.
 *
 * @param uid          RFC 5545 §3.8.4.7 UID, stable across re-ingests: {@code <topicId>-closes@cutoff}, {@code -opens@cutoff},
 *                     {@code -foreign-<partner>@cutoff} (a partner's later deadlines {@code --2}, {@code --3}), and for
 *                     the call's further deadlines {@code -recommendation@cutoff}, {@code -paper-copy@cutoff},
 *                     {@code -pre-proposal@cutoff}, {@code -full-proposal@cutoff}, {@code -relay@cutoff},
 *                     {@code -other@cutoff} (a second of one kind {@code --2})
 * @param noticeId     the notice's id
 * @param topicId      the topic's id
 * @param kind         opening, cutoff, foreign-side, or one of the call's further deadlines (recommendation,
 *                     paper copies, pre- or full proposal, relay, other)
 * @param at           the instant; {@code null} for a date-only deadline
 * @param date         the date in {@link #zone()} (for a timed deadline, the date of {@link #at()} there)
 * @param zone         Asia/Shanghai for ours (the call's further deadlines included); the agency's zone for a
 *                     foreign-side deadline
 * @param summary      one-line title, Chinese with English
 * @param description  the facts a person needs, several lines
 * @param url          where to apply or read more; may be {@code null}
 * @param sequence     RFC 5545 §3.8.7.4 SEQUENCE: 0 at first ingest, +1 each time the date or time moves
 * @param lastModified when this deadline last changed (DTSTAMP and LAST-MODIFIED), UTC
 * @param cancelled    withdrawn by a later ingest of its notice (STATUS:CANCELLED)
 */
public record Deadline(
        String uid,
        String noticeId,
        String topicId,
        DeadlineKind kind,
        Instant at,
        LocalDate date,
        ZoneId zone,
        String summary,
        String description,
        String url,
        int sequence,
        Instant lastModified,
        boolean cancelled) {

    public Deadline {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** True when the deadline has a time of day; false for a date-only one. */
    public boolean timed() {
        return at != null;
    }

    /**
     * The earliest instant the deadline could be: {@link #at()}, or the start of {@link #date()} in
     * {@link #zone()} for a date-only deadline (the moment to remind against).
     */
    public Instant earliest() {
        return at != null ? at : date.atStartOfDay(zone).toInstant();
    }

    /** True when the timing (instant, date or zone) differs: such a change raises the sequence. */
    public boolean movedFrom(Deadline earlier) {
        return !Objects.equals(at, earlier.at) || !date.equals(earlier.date) || !zone.equals(earlier.zone)
                || cancelled != earlier.cancelled;
    }

    /** True when anything a subscriber sees differs, timing included. */
    public boolean differsFrom(Deadline earlier) {
        return movedFrom(earlier) || !summary.equals(earlier.summary) || !description.equals(earlier.description)
                || !Objects.equals(url, earlier.url);
    }

    public Deadline withSequence(int newSequence, Instant newLastModified) {
        return new Deadline(uid, noticeId, topicId, kind, at, date, zone, summary, description, url, newSequence,
                newLastModified, cancelled);
    }

    public Deadline asCancelled(int newSequence, Instant newLastModified) {
        return new Deadline(uid, noticeId, topicId, kind, at, date, zone, summary, description, url, newSequence,
                newLastModified, true);
    }
}
