package cutoff.store;

import cutoff.store.FollowedTopicsStore.Followed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Research offices' followed topics kept as an item, as {@code dispatch.FollowedTopics} reads and writes it:
 * {@link FollowedTopicsStore} in DynamoDB (the counting is said there); an in-memory one in the fast tests.
 */
public interface FollowedTopicsItems {
    Optional<Followed> read(String officeId);

    /** Counts a change of the office's followed topics and queues the office. */
    void touch(String officeId);

    /** Stores computed topics unless a change was counted after {@code basedOn}; false then. */
    boolean store(String officeId, long basedOn, List<String> topics, Instant now);

    /** The queued offices. */
    List<String> stale();
}
