package cutoff.store;

import cutoff.deadline.Deadline;
import cutoff.store.NoticeStore.StoredNotice;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored notices, as the office services and the reminder planner read them: {@link NoticeStore} in DynamoDB; an
 * in-memory one in the services' fast tests.
 */
public interface NoticeReads {
    /** A stored notice with its deadlines (withdrawn ones cancelled). */
    Optional<StoredNotice> notice(String noticeId);

    /** The stored deadlines of some topics (live and cancelled), {@code cache} holding what a request read before. */
    List<Deadline> deadlinesOfTopics(Collection<String> topicIds, Map<String, List<Deadline>> cache);
}
