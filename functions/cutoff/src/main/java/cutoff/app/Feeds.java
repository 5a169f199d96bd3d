package cutoff.app;

import cutoff.calendar.FeedNames;
import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.notice.NoticeIds;
import cutoff.store.NoticeStore;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.Subscriber;
import cutoff.util.Sha256;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The iCalendar feeds (RFC 5545) as a calendar app fetches them: every call, one notice, one topic, or
 * a subscriber's own topics. Each is one or a few DynamoDB {@code Query}s and a render by
 * {@link FeedWriter}; an unknown id or token finds nothing.
 */
public final class Feeds {
    private final NoticeStore notices;
    private final SubscriberStore subscribers;
    private final TokenStore tokens;
    private final Clock clock;
    private final FeedWriter writer = new FeedWriter();

    public Feeds(NoticeStore notices, SubscriberStore subscribers, TokenStore tokens, Clock clock) {
        this.notices = notices;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * A rendered feed.
     *
     * @param body     the iCalendar stream (CRLF, folded at 75 octets)
     * @param etag     a strong entity tag (RFC 9110 §8.8.3), quoted: a digest of the body
     * @param personal true for a subscriber's feed (not to be cached by shared caches)
     */
    public record Rendered(String body, String etag, boolean personal) {
    }

    /** Every deadline of every stored notice, past ones included. */
    public Rendered all() {
        return render(FeedNames.ALL, notices.allDeadlines(), false);
    }

    /** One notice's deadlines; empty for an unknown notice id. */
    public Optional<Rendered> notice(String noticeId) {
        return notices.feedSource(noticeId).map(s -> render(s.name(), s.deadlines(), false));
    }

    /** One topic's deadlines; a withdrawn topic still serves its cancelled events. Empty when unknown. */
    public Optional<Rendered> topic(String topicId) {
        return NoticeIds.noticeIdOf(topicId).flatMap(notices::feedSource).flatMap(s -> {
            List<Deadline> ofTopic = s.deadlines().stream().filter(d -> d.topicId().equals(topicId)).toList();
            String name = s.topicNames().get(topicId);
            if (name != null) {
                return Optional.of(render(name, ofTopic, false));
            }
            // A withdrawn topic: its cancelled events tell calendars to drop them.
            return ofTopic.isEmpty() ? Optional.empty() : Optional.of(render(s.name() + " · " + topicId, ofTopic, false));
        });
    }

    /** A confirmed subscriber's topics in one calendar; a rotated, unknown or foreign token finds nothing. */
    public Optional<Rendered> personal(String feedToken) {
        return tokens.grant(feedToken, TokenStore.Kind.FEED, clock.instant())
                .flatMap(g -> subscribers.byId(g.subscriberId()))
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED)
                .map(s -> render(FeedNames.PERSONAL, notices.deadlinesOfTopics(s.topicIds(), new HashMap<>()), true));
    }

    private Rendered render(String name, List<Deadline> deadlines, boolean personal) {
        String body = writer.write(name, deadlines);
        return new Rendered(body, "\"" + Sha256.hex(body).substring(0, 32) + "\"", personal);
    }
}
