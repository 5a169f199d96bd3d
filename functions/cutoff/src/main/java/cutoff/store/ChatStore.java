package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.chat.ChatPost;
import cutoff.chat.ChatService;
import cutoff.chat.ChatWebhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A research office's group chat and the posts queued for it (issue 19), in the office's partition:
 *
 * <ul>
 *   <li>the robot: {@code ORG#<orgId>} / {@code #CHAT}: {@code service}, {@code token}, {@code secret} (kept in clear:
 *       signing needs it; never answered, never logged), {@code connectedAt}, and once a post was refused for good
 *       {@code failedAt}, {@code failedReason}, {@code failedWords}; with {@code GSI1PK = CHATS} and
 *       {@code GSI1SK = <remindersRefreshedAt>#<orgId>}, so a run finds the chats whose reminders are stale;</li>
 *   <li>a queued post: {@code ORG#<orgId>} / {@code CHATPOST#<postId>}, with {@code GSI1PK = CHATDUE} and
 *       {@code GSI1SK = <dueAt>#<orgId>#<postId>} while it is to be sent; {@code status} {@code PENDING}, {@code SENT} or
 *       {@code FAILED}; the post as JSON; {@code leaseUntil} while a dispatcher run posts it. The post id is made by
 *       what it is about ({@code relay#<noticeId>#<hash>}, {@code remind#<noticeId>#<topic>#<lead>}), so queueing it
 *       twice queues it once;</li>
 *   <li>the public calls the chat was told of: {@code ORG#<orgId>} / {@code CHAT#CALLS}, {@code topics} (a list of
 *       topic ids: those still followed and open);</li>
 *   <li>what a relay last told the chat: {@code ORG#<orgId>} / {@code CHAT#RELAY#<noticeId>}, {@code items} (JSON), for
 *       the next publication's "what changed".</li>
 * </ul>
 */
public final class ChatStore {
    static final String CHAT_SK = "#CHAT";
    static final String POST_PREFIX = "CHATPOST#";
    static final String RELAY_PREFIX = "CHAT#RELAY#";
    static final String DUE = "CHATDUE";
    static final String CHATS = "CHATS";
    static final String CALLS_SK = "CHAT#CALLS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public ChatStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * An office's connected chat.
     *
     * @param failedReason a {@code ChatSender.Reason} name once a post was refused for good; {@code null} while working
     * @param failedWords  the service's words then (its code and message; never the token or secret)
     */
    public record Connection(ChatWebhook robot, Instant connectedAt, Instant failedAt, String failedReason, String failedWords) {
    }

    /** Connects (or replaces) the office's robot; any earlier failure is forgotten. */
    public void connect(String officeId, ChatWebhook robot, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK));
        item.put("service", s(robot.service().id()));
        item.put("token", s(robot.token()));
        if (robot.secret() != null) {
            item.put("secret", s(robot.secret()));
        }
        item.put("connectedAt", s(now.toString()));
        // On the index of chats whose reminders are refreshed (stale): never refreshed yet.
        item.put(CutoffTable.GSI1PK, s(CHATS));
        item.put(CutoffTable.GSI1SK, s(Items.sortable(Instant.EPOCH) + "#" + officeId));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Offices whose chat's reminders were last refreshed before {@code before}, oldest first, at most {@code most}. */
    public List<String> stale(Instant before, int most) {
        var r = dynamo.query(b -> b.tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("GSI1PK = :chats AND GSI1SK < :before")
                .expressionAttributeValues(Map.of(":chats", s(CHATS), ":before", s(Items.sortable(before)))).limit(most));
        return r.items().stream().map(i -> str(i, CutoffTable.GSI1SK).split("#", 2)[1]).toList();
    }

    /** Records that the office's chat reminders were refreshed at {@code now} (if it is still connected). */
    public void refreshed(String officeId, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                    .updateExpression("SET GSI1SK = :sk").conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":sk", s(Items.sortable(now) + "#" + officeId))));
        } catch (ConditionalCheckFailedException e) {
            // disconnected meanwhile
        }
    }

    public Optional<Connection> connection(String officeId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> i = r.item();
        Optional<ChatService> service = ChatService.of(str(i, "service"));
        if (service.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(new ChatWebhook(service.get(), str(i, "token"), str(i, "secret")),
                Items.instant(i, "connectedAt"), i.containsKey("failedAt") ? Items.instant(i, "failedAt") : null,
                str(i, "failedReason"), str(i, "failedWords")));
    }

    /** Disconnects: the robot is forgotten (posts still queued are failed by the next run), and what it was told. */
    public boolean disconnect(String officeId) {
        dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CALLS_SK)));
        var r = dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                .returnValues("ALL_OLD"));
        return r.hasAttributes() && !r.attributes().isEmpty();
    }

    /** Records that the chat refused a post for good, if the robot is still the one that refused (same token). */
    public void failed(String officeId, String token, String reason, String words, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                    .updateExpression("SET failedAt = :at, failedReason = :r, failedWords = :w")
                    .conditionExpression("#t = :token").expressionAttributeNames(Map.of("#t", "token"))
                    .expressionAttributeValues(Map.of(":at", s(now.toString()), ":r", s(reason), ":w", s(words), ":token", s(token))));
        } catch (ConditionalCheckFailedException e) {
            // reconnected or disconnected meanwhile: the new robot has not failed
        }
    }

    /** A queued post. */
    public record Queued(String officeId, String postId, Instant dueAt, ChatPost post) {
    }

    /**
     * Queues a post unless one with its id was ever queued (sent, failed or pending): a publication seen twice, or a
     * request retried, posts once.
     *
     * @return true when queued now
     */
    public boolean enqueue(String officeId, String postId, Instant dueAt, ChatPost post) {
        return put(officeId, postId, dueAt, post, "attribute_not_exists(PK)", Map.of());
    }

    /** Queues a post, or replaces one with its id still pending (a reminder whose deadline moved). */
    public boolean replacePending(String officeId, String postId, Instant dueAt, ChatPost post) {
        return put(officeId, postId, dueAt, post, "attribute_not_exists(PK) OR #s = :pending", Map.of(":pending", s("PENDING")));
    }

    private boolean put(String officeId, String postId, Instant dueAt, ChatPost post, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId));
        item.put(CutoffTable.GSI1PK, s(DUE));
        item.put(CutoffTable.GSI1SK, s(Items.sortable(dueAt) + "#" + officeId + "#" + postId));
        item.put("status", s("PENDING"));
        item.put("dueAt", s(dueAt.toString()));
        item.put("post", s(write(post)));
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(item).conditionExpression(condition);
                if (!values.isEmpty()) {
                    b.expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values);
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Deletes pending posts whose ids start with a prefix (a withdrawn relay's reminders). */
    public int dropPending(String officeId, String postIdPrefix) {
        List<Map<String, AttributeValue>> items = Items.queryAll(dynamo, QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.officePk(officeId)), ":p", s(POST_PREFIX + postIdPrefix))));
        int dropped = 0;
        for (Map<String, AttributeValue> i : items) {
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(str(i, CutoffTable.PK), str(i, CutoffTable.SK)))
                        .conditionExpression("#s = :pending").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":pending", s("PENDING"))));
                dropped++;
            } catch (ConditionalCheckFailedException e) {
                // sent meanwhile
            }
        }
        return dropped;
    }

    /** Posts due at {@code now}, oldest first, at most {@code limit}. */
    public List<Queued> due(Instant now, int limit) {
        var r = dynamo.query(b -> b.tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("GSI1PK = :due AND GSI1SK <= :now")
                .expressionAttributeValues(Map.of(":due", s(DUE), ":now", s(Items.sortable(now) + "#~"))).limit(limit));
        List<Queued> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : r.items()) {
            String[] parts = str(i, CutoffTable.GSI1SK).split("#", 3);
            out.add(new Queued(parts[1], parts[2], Instant.parse(parts[0]), null));
        }
        return out;
    }

    /**
     * Claims a due post for one run: pending and not leased by another run (or its lease over). A run retried finds it
     * claimed or sent, and does not post it again.
     *
     * @return the post when claimed; empty when another run has it, or it is sent, failed or gone
     */
    public Optional<Queued> claim(String officeId, String postId, Instant now, Duration lease) {
        try {
            var r = dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId))
                    .updateExpression("SET leaseUntil = :until")
                    .conditionExpression("#s = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":now", s(Items.sortable(now)),
                            ":until", s(Items.sortable(now.plus(lease)))))
                    .returnValues("ALL_NEW"));
            Map<String, AttributeValue> i = r.attributes();
            try {
                return Optional.of(new Queued(officeId, postId, Instant.parse(str(i, "dueAt")), read(str(i, "post"))));
            } catch (RuntimeException unreadable) {
                // Not a post this code wrote: failed, so it does not stop every later run.
                failedPost(officeId, postId, now);
                return Optional.empty();
            }
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The post went: it leaves the due index. */
    public void sent(String officeId, String postId, Instant now) {
        finish(officeId, postId, "SENT", now);
    }

    /** The chat refused it for good: it leaves the due index. */
    public void failedPost(String officeId, String postId, Instant now) {
        finish(officeId, postId, "FAILED", now);
    }

    /** Not sent this run (throttled): its lease is given back, and it stays due. */
    public void release(String officeId, String postId) {
        dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId))
                .updateExpression("REMOVE leaseUntil").conditionExpression("attribute_exists(PK)"));
    }

    private void finish(String officeId, String postId, String status, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId))
                .updateExpression("SET #s = :s, finishedAt = :at REMOVE GSI1PK, GSI1SK, leaseUntil")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status), ":at", s(now.toString()))));
    }

    /** How many of the office's posts are in each status ({@code PENDING}, {@code SENT}, {@code FAILED}). */
    public Map<String, Integer> counts(String officeId) {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, AttributeValue> i : Items.queryAll(dynamo, QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :p)").projectionExpression("#s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.officePk(officeId)), ":p", s(POST_PREFIX))))) {
            out.merge(str(i, "status"), 1, Integer::sum);
        }
        return out;
    }

    /** The public topics the chat was told of ({@code ORG#<orgId>} / {@code CHAT#CALLS}); empty when never worked out. */
    public Optional<java.util.Set<String>> toldCalls(String officeId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CALLS_SK)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        AttributeValue topics = r.item().get("topics");
        return Optional.of(topics == null || !topics.hasL() ? java.util.Set.of()
                : topics.l().stream().map(AttributeValue::s).collect(java.util.stream.Collectors.toSet()));
    }

    /** Replaces the public topics the chat was told of (those still followed and open: the item stays small). */
    public void toldCalls(String officeId, java.util.Set<String> topics) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), CALLS_SK));
        item.put("topics", AttributeValue.fromL(topics.stream().map(Items::s).toList()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** What a relay last told the chat (JSON the caller wrote), if anything. */
    public Optional<String> relayState(String officeId, String noticeId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), RELAY_PREFIX + noticeId))
                .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.ofNullable(str(r.item(), "items")) : Optional.empty();
    }

    public void relayState(String officeId, String noticeId, String json) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), RELAY_PREFIX + noticeId));
        item.put("items", s(json));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static String write(ChatPost post) {
        try {
            return JSON.writeValueAsString(post);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChatPost read(String json) {
        try {
            var n = JSON.readTree(json);
            List<String> lines = new ArrayList<>();
            n.get("lines").forEach(l -> lines.add(l.asText()));
            return new ChatPost(n.get("title").asText(), lines, n.hasNonNull("linkText") ? n.get("linkText").asText() : null,
                    n.hasNonNull("link") ? n.get("link").asText() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a queued chat post is not its JSON", e);
        }
    }
}
