package cutoff.store;

import cutoff.subscriber.Subscriber;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subscribers, as the office services and the reminder planner read and change them: {@link SubscriberStore} in
 * DynamoDB; an in-memory one in the services' fast tests.
 */
public interface SubscriberRecords {
    Optional<Subscriber> byId(String id);

    /** The subscribers of {@code ids} that exist, by id in the order of {@code ids}. */
    Map<String, Subscriber> byIds(Collection<String> ids);

    /** Of {@code emails}, those that bounced permanently or complained. */
    Set<String> suppressedAmong(Collection<String> emails);

    /** Subscribers following a topic. */
    List<String> subscriberIdsOf(String topicId);

    /** Ends a subscription (UNSUBSCRIBED or SUPPRESSED): memberships and the feed token go. */
    Subscriber leave(Subscriber subscriber, Subscriber.Status status);

    /** A new personal feed token (the old one dead); returns it in clear. */
    String issueFeedToken(Subscriber subscriber, Instant now);
}
