package cutoff.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.calendar.FeedNames;
import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.notice.NoticeIds;
import cutoff.store.Dynamo;
import cutoff.store.NoticeStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.Subscriber;
import cutoff.util.Sha256;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the iCalendar feeds (API Gateway HTTP API, payload format 2.0):
 * <ul>
 *   <li>{@code GET /feeds/all.ics}: every deadline of every stored notice;</li>
 *   <li>{@code GET /feeds/notices/{noticeId}.ics}: one notice;</li>
 *   <li>{@code GET /feeds/topics/{topicId}.ics}: one topic;</li>
 *   <li>{@code GET /feeds/personal/{token}.ics}: a subscriber's topics (the token from confirmation).</li>
 * </ul>
 * Responses: 200 {@code text/calendar; charset=utf-8} with a strong {@code ETag} (SHA-256 of the body);
 * 304 when {@code If-None-Match} names it (RFC 9110 §13.1.2); 404 {@code text/plain} for an unknown id
 * or path. Reads are one DynamoDB {@code Query} each.
 */
public final class FeedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Pattern NOTICE = Pattern.compile("^/feeds/notices/([A-Za-z0-9-]+)\\.ics$");
    private static final Pattern TOPIC = Pattern.compile("^/feeds/topics/([A-Za-z0-9-]+)\\.ics$");
    private static final Pattern PERSONAL = Pattern.compile("^/feeds/personal/([A-Za-z0-9_-]{43})\\.ics$");
    private static final String ALL = "/feeds/all.ics";

    private final NoticeStore store;
    private final SubscriberStore subscribers;
    private final Clock clock;
    private final FeedWriter writer = new FeedWriter();

    /** Lambda's constructor: the DynamoDB client and table from the environment, once per container. */
    public FeedHandler() {
        this(Dynamo.fromEnvironment(), Dynamo.tableFromEnvironment());
        // SnapStart: a rendered feed and a DynamoDB round trip in the snapshot (a Query of a notice that is not there).
        Priming.register(() -> {
            Priming.renderFeed();
            store.feedSource("priming-0000");
        });
    }

    private FeedHandler(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table) {
        this(new NoticeStore(dynamo, table, Clock.systemUTC()), new SubscriberStore(dynamo, table), Clock.systemUTC());
    }

    /** For tests and the local stack. */
    public FeedHandler(NoticeStore store, SubscriberStore subscribers, Clock clock) {
        this.store = store;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = Http.method(event);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return text(405, "only GET is served here\n");
        }
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        Optional<Feed> feed = feed(path);
        if (feed.isEmpty()) {
            return text(404, "no feed at " + path + "\n");
        }
        String body = writer.write(feed.get().name(), feed.get().deadlines());
        String etag = "\"" + Sha256.hex(body).substring(0, 32) + "\"";
        Map<String, String> headers = new java.util.HashMap<>(Map.of(
                "Content-Type", "text/calendar; charset=utf-8",
                "ETag", etag,
                "Cache-Control", (path.startsWith("/feeds/personal/") ? "private" : "public") + ", max-age="
                        + (FeedWriter.REFRESH.toSeconds() / 6)));
        if (matches(Http.header(event, "if-none-match"), etag)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        headers.put("Content-Disposition", "inline; filename=\"" + path.substring(path.lastIndexOf('/') + 1) + "\"");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                .withBody("HEAD".equals(method) ? "" : body).build();
    }

    private record Feed(String name, List<Deadline> deadlines) {
    }

    private Optional<Feed> feed(String path) {
        if (path.equals(ALL)) {
            return Optional.of(new Feed(FeedNames.ALL, store.allDeadlines()));
        }
        Matcher personal = PERSONAL.matcher(path);
        if (personal.matches()) {
            return personalFeed(personal.group(1));
        }
        Matcher m = NOTICE.matcher(path);
        if (m.matches()) {
            return store.feedSource(m.group(1)).map(s -> new Feed(s.name(), s.deadlines()));
        }
        m = TOPIC.matcher(path);
        if (m.matches()) {
            String topicId = m.group(1);
            return NoticeIds.noticeIdOf(topicId).flatMap(store::feedSource).flatMap(s -> {
                List<Deadline> ofTopic = s.deadlines().stream().filter(d -> d.topicId().equals(topicId)).toList();
                String name = s.topicNames().get(topicId);
                if (name != null) {
                    return Optional.of(new Feed(name, ofTopic));
                }
                // A withdrawn topic still serves its cancelled events, so calendars learn of it.
                return ofTopic.isEmpty() ? Optional.empty() : Optional.of(new Feed(s.name() + " · " + topicId, ofTopic));
            });
        }
        return Optional.empty();
    }

    /** A subscriber's topics in one calendar; a rotated or unknown token finds nothing (404). */
    private Optional<Feed> personalFeed(String token) {
        return subscribers.grant(token, SubscriberStore.TokenKind.FEED, clock.instant())
                .flatMap(g -> subscribers.byId(g.subscriberId()))
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED)
                .map(s -> {
                    java.util.Set<String> topics = java.util.Set.copyOf(s.topicIds());
                    java.util.Set<String> noticeIds = new java.util.LinkedHashSet<>();
                    s.topicIds().forEach(t -> NoticeIds.noticeIdOf(t).ifPresent(noticeIds::add));
                    List<Deadline> deadlines = new java.util.ArrayList<>();
                    for (String noticeId : noticeIds) {
                        store.feedSource(noticeId).ifPresent(n -> n.deadlines().stream()
                                .filter(d -> topics.contains(d.topicId())).forEach(deadlines::add));
                    }
                    return new Feed(FeedNames.PERSONAL, deadlines);
                });
    }

    /** If-None-Match: a list of entity tags, or {@code *}; weak tags compare weakly (RFC 9110 §13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static APIGatewayV2HTTPResponse text(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8")).withBody(body).build();
    }
}
