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
}
