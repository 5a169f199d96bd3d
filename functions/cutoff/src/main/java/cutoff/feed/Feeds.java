package cutoff.feed;

import cutoff.dispatch.InternalDeadlineSource;
import cutoff.officeservice.InternalDeadlines;
import cutoff.calendar.FeedFormat;
import cutoff.calendar.FeedNames;
import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.notice.NoticeIds;
import cutoff.store.NoticeStore;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import cutoff.util.Sha256;
import java.time.Clock;
import java.util.ArrayList;
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
    private final InternalDeadlineSource internal;
    private final InternalDeadlines offices;

    public Feeds(NoticeStore notices, SubscriberStore subscribers, TokenStore tokens, Clock clock) {
        this(notices, subscribers, tokens, clock, null, null);
    }

    /**
     * @param internal research offices' internal deadlines, added to the personal feeds of the staff an
     *                 office registered; {@code null} for none
     * @param offices  the office feeds ({@code /feeds/orgs/<secret>.ics}); {@code null} for none
     */
    public Feeds(NoticeStore notices, SubscriberStore subscribers, TokenStore tokens, Clock clock, InternalDeadlineSource internal,
                 InternalDeadlines offices) {
        this.notices = notices;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.clock = clock;
        this.internal = internal;
        this.offices = offices;
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
        Optional<String> stamp = notices.feedStamp(null);
        return render(FeedNames.ALL, notices.allDeadlines(), stamp.map(st -> etag(st, "all")));
    }

    /** One notice's deadlines; empty for an unknown notice id. */
    public Optional<Rendered> notice(String noticeId) {
        Optional<String> stamp = notices.feedStamp(noticeId);
        return notices.feedSource(noticeId).map(s -> render(s.name(), s.deadlines(), stamp.map(st -> etag(st, "notice/" + noticeId))));
    }

    /**
     * The ETag the feed would have now, from one {@code GetItem} of its stamp, without reading or
     * rendering it: what a conditional request ({@code If-None-Match}) is answered from. Empty when the
     * feed is unknown or its data predates stamps (then only a render tells).
     *
     * @param kind {@code all}, {@code notice} or {@code topic}
     * @param id   the notice or topic id ({@code null} for {@code all})
     */
    public Optional<String> currentEtag(String kind, String id) {
        return switch (kind) {
            case "all" -> notices.feedStamp(null).map(st -> etag(st, "all"));
            case "notice" -> notices.feedStamp(id).map(st -> etag(st, "notice/" + id));
            case "topic" -> NoticeIds.noticeIdOf(id).flatMap(notices::feedStamp).map(st -> etag(st, "topic/" + id));
            default -> Optional.empty();
        };
    }

    /**
     * The feed of a kind, as the feed routes name them.
     *
     * @param kind {@code all}, {@code notice}, {@code topic}, {@code personal} or {@code org}
     * @param id   the notice id, topic id, personal feed token or office feed secret; ignored for {@code all}; {@code null}
     *             (a file name that is not {@code <id>.ics}) finds nothing
     * @return empty for an unknown id or kind
     */
    public Optional<Rendered> feed(String kind, String id) {
        if (kind.equals("all")) {
            return Optional.of(all());
        }
        if (id == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case "notice" -> notice(id);
            case "topic" -> topic(id);
            case "personal" -> personal(id);
            case "org" -> office(id); // the /feeds/orgs route's kind, kept with the route
            default -> Optional.empty();
        };
    }

    /** A strong ETag (RFC 9110 §8.8.3) from the data's stamp, the feed and the code that writes it. */
    private static String etag(String stamp, String feed) {
        return "\"" + Sha256.hex(stamp + "|" + feed + "|" + FeedFormat.ID).substring(0, 32) + "\"";
    }

    /** One topic's deadlines; a withdrawn topic still serves its cancelled events. Empty when unknown. */
    public Optional<Rendered> topic(String topicId) {
        Optional<String> noticeId = NoticeIds.noticeIdOf(topicId);
        Optional<String> etag = noticeId.flatMap(notices::feedStamp).map(st -> etag(st, "topic/" + topicId));
        return noticeId.flatMap(notices::feedSource).flatMap(s -> {
            List<Deadline> ofTopic = s.deadlines().stream().filter(d -> d.topicId().equals(topicId)).toList();
            String name = s.topicNames().get(topicId);
            if (name != null) {
                return Optional.of(render(name, ofTopic, etag));
            }
            // A withdrawn topic: its cancelled events tell calendars to drop them.
            return ofTopic.isEmpty() ? Optional.empty() : Optional.of(render(s.name() + " · " + topicId, ofTopic, etag));
        });
    }

    /**
     * A confirmed subscriber's topics in one calendar, with the internal deadlines of the office that
     * registered them (if any); a rotated, unknown or foreign token finds nothing, nor does any token but the one the
     * subscriber's item names. The ETag is a digest of the body, so any change (an internal deadline moved) changes it.
     */
    public Optional<Rendered> personal(String feedToken) {
        return tokens.grant(feedToken, TokenStore.Kind.FEED, clock.instant())
                .flatMap(g -> subscribers.byId(g.subscriberId()))
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED)
                // The subscriber's one current token: a token left over from before a rotation finds nothing.
                .filter(s -> Tokens.sameHash(Tokens.hash(feedToken), s.feedTokenHash()))
                .map(s -> {
                    List<Deadline> deadlines = new ArrayList<>(notices.deadlinesOfTopics(s.topicIds(), new HashMap<>()));
                    if (internal != null) {
                        deadlines.addAll(internal.forSubscriber(s));
                    }
                    return privately(writer.write(FeedNames.PERSONAL, deadlines));
                });
    }

    /**
     * A research office's feed, by its URL secret: every followed topic's deadlines and the office's
     * internal deadlines. Private (a capability URL) with a digest ETag; empty for an unknown or rotated
     * secret.
     */
    public Optional<Rendered> office(String secret) {
        if (offices == null) {
            return Optional.empty();
        }
        return offices.officeFeed(secret).map(f -> privately(writer.write(f.name(), f.deadlines())));
    }

    private static Rendered privately(String body) {
        return new Rendered(body, "\"" + Sha256.hex(body).substring(0, 32) + "\"", true);
    }

    /** A public feed; its ETag from the stamp when the data has one, else a digest of the body. */
    private Rendered render(String name, List<Deadline> deadlines, Optional<String> stampEtag) {
        String body = writer.write(name, deadlines);
        return new Rendered(body, stampEtag.orElseGet(() -> "\"" + Sha256.hex(body).substring(0, 32) + "\""), false);
    }
}
