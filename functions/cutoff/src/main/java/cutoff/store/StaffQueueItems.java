package cutoff.store;

import cutoff.store.StaffQueueStore.Queued;
import cutoff.store.StaffStore.StaffRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The staff work queue's rows and claims, as the staff queue works them: {@link StaffQueueStore} in DynamoDB (the
 * conditions are said there); an in-memory one in the fast tests.
 */
public interface StaffQueueItems {
    /**
     * A page of the rows waiting in one shard (0 to {@link StaffQueueStore#QUEUE_SHARDS} - 1), queued at or before
     * {@code now}, oldest first, after {@code after} ({@code null}: the first page).
     */
    Queued queued(int shard, Instant now, int limit, Map<String, AttributeValue> after);

    /** Claims a queued row for a run; false when another run holds it (lease not ended) or it left the queue. */
    boolean claim(StaffRow row, String runId, Instant now, Duration lease);

    /** Takes a row this run holds off the queue after its work ({@code welcomedAt}: its welcome, or {@code null}). */
    void finish(StaffRow row, String runId, Instant welcomedAt, List<String> appliedRules);

    /** Lets another run take a row this run claimed. */
    void release(StaffRow row, String runId);
}
