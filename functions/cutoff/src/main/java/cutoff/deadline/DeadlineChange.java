package cutoff.deadline;

/**
 * A deadline that is new, moved, re-worded or withdrawn by an ingest, as it is to be stored.
 *
 * @param before the stored version before the ingest; {@code null} when new
 * @param after  the version to store (cancelled when withdrawn)
 */
public record DeadlineChange(Deadline before, Deadline after) {
    /** True when the deadline's time moved (or it was withdrawn or restored). */
    public boolean moved() {
        return before != null && after.movedFrom(before);
    }

    /** True when the deadline was withdrawn by this change: live before, cancelled (STATUS:CANCELLED) after. */
    public boolean withdrawn() {
        return before != null && !before.cancelled() && after.cancelled();
    }

    /**
     * The rule for change emails: true when a subscriber of the deadline's topic is told of this change, that is
     * when its time moved, it was withdrawn, or it came back after a withdrawal ({@link #moved}), it is not an
     * opening ({@link cutoff.notice.DeadlineKind#OPENS}: the cutoff is what a person acts on), and it is still
     * ahead at {@code now} (its {@link Deadline#earliest} after it; of a deadline already past nobody is told, even
     * when it is withdrawn: its event is cancelled in the feeds all the same). A new deadline and a re-worded one
     * are not told.
     *
     * @param now the instant of the ingest or withdrawal (UTC)
     */
    public boolean told(java.time.Instant now) {
        return moved() && after.kind() != cutoff.notice.DeadlineKind.OPENS && after.earliest().isAfter(now);
    }
}
