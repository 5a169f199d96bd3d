package cutoff.store;

import java.util.List;

/**
 * What one ingest of a notice changed.
 *
 * @param noticeId  the notice
 * @param added     UIDs of deadlines stored for the first time (sequence 0)
 * @param moved     UIDs whose date or time changed (sequence raised)
 * @param updated   UIDs whose text changed but not their time (sequence kept)
 * @param cancelled UIDs no longer in the notice (STATUS:CANCELLED, sequence raised)
 * @param unchanged how many deadlines were already stored exactly so
 * @param changes   every deadline written, with its former version
 */
public record IngestResult(String noticeId, List<String> added, List<String> moved, List<String> updated,
                           List<String> cancelled, int unchanged, List<cutoff.deadline.DeadlineChange> changes) {

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
