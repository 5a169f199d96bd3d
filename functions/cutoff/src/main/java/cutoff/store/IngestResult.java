package cutoff.store;

import java.util.List;

/**
 * What one ingest of a notice changed.
 *
 * @param noticeId  the notice
 * @param added     UIDs of deadlines stored for the first time (revision 0)
 * @param moved     UIDs whose date or time changed (revision raised)
 * @param updated   UIDs whose text changed but not their time (revision kept)
 * @param cancelled UIDs no longer in the notice (STATUS:CANCELLED, revision raised)
 * @param unchanged how many deadlines were already stored exactly so
 * @param changes   every deadline written, with its former version
 */
public record IngestResult(String noticeId, List<String> added, List<String> moved, List<String> updated,
                           List<String> cancelled, int unchanged, List<Change> changes) {

    /**
     * A deadline that is new, moved, re-worded or withdrawn, as stored now.
     *
     * @param before the stored version before this ingest; {@code null} when new
     * @param after  the version now stored (cancelled when withdrawn)
     */
    public record Change(cutoff.deadline.Deadline before, cutoff.deadline.Deadline after) {
        /** True when the deadline's time moved (or it was withdrawn or restored). */
        public boolean moved() {
            return before != null && after.movedFrom(before);
        }
    }

    /** True when the ingest wrote nothing: the notice was already stored exactly so. */
    public boolean nothingChanged() {
        return added.isEmpty() && moved.isEmpty() && updated.isEmpty() && cancelled.isEmpty();
    }

    /** One line for the operator. */
    public String summary() {
        return noticeId + ": " + added.size() + " added, " + moved.size() + " moved, " + updated.size() + " updated, "
                + cancelled.size() + " withdrawn, " + unchanged + " unchanged";
    }
}
