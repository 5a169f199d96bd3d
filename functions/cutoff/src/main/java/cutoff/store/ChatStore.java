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
 *       {@code GSI1SK = <dueAt>#<orgId>#<postId>} while it is to be sent, or {@code GSI1PK = CHATHELD#<orgId>} (same
 *       sort key) while the office's chat has failed: held out of the due index, so a failed chat's backlog never
 *       stands in other offices' way, and put back when the office connects again ({@link #connect}) or failed when it
 *       disconnects ({@link #disconnect}); {@code status} {@code PENDING}, {@code SENT}, {@code FAILED} or
 *       {@code EXPIRED} (its {@code expiresAt} passed before it went: dropped, never posted); the post as JSON;
 *       {@code expiresAt} (ISO-8601 instant) for a post that must not go late (a reminder: the deadline it reminds of;
 *       a new call: its cutoff); {@code leaseUntil} while a dispatcher run posts it. The post id is made by
 *       what it is about ({@code relay#<noticeId>#<hash>}, {@code remind#<noticeId>#<topic>#<lead>}), so queueing it
 *       twice queues it once;</li>
 *   <li>the public calls the chat was told of: {@code ORG#<orgId>} / {@code CHAT#CALLS}, {@code topics} (a list of
 *       topic ids: those still followed and open);</li>
 *   <li>what a relay last told the chat: {@code ORG#<orgId>} / {@code CHAT#RELAY#<noticeId>}, {@code items} (JSON), for
 *       the next publication's "what changed";</li>
 *   <li>when the office last posted a test message: {@code ORG#<orgId>} / {@code CHAT#TESTED}, {@code atMillis} (epoch
 *       milliseconds), {@code expiresAt} (TTL); kept apart from the robot's item, so connecting again does not reset it
 *       ({@link #mayTest}).</li>
 * </ul>
 */
public final class ChatStore {
    static final String CHAT_SK = "#CHAT";
    static final String POST_PREFIX = "CHATPOST#";
    static final String RELAY_PREFIX = "CHAT#RELAY#";
    static final String DUE = "CHATDUE";
    static final String HELD_PREFIX = "CHATHELD#";
    static final String CHATS = "CHATS";
    static final String CALLS_SK = "CHAT#CALLS";
    static final String TESTED_SK = "CHAT#TESTED";
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

    /**
     * Connects (or replaces) the office's robot; any earlier failure is forgotten, and the posts held while it had
     * failed are due again (each at its own {@code dueAt}; those whose {@code expiresAt} passed are expired by the next
     * run, never posted).
     *
     * @return how many held posts are due again
     */
    public int connect(String officeId, ChatWebhook robot, Instant now) {
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
        return moveHeld(officeId, "SET GSI1PK = :due", Map.of(), Map.of(":due", s(DUE)));
    }

    /**
     * The office's held posts ({@code GSI1PK = CHATHELD#<orgId>}), each updated while it is still held. Read from the
     * office's partition, strongly consistent (not from GSI1, eventually consistent: a post held a moment ago is not
     * missed and left held).
     */
    private int moveHeld(String officeId, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        AttributeValue held = s(HELD_PREFIX + officeId);
        int moved = 0;
        for (Map<String, AttributeValue> i : Items.queryAll(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :p)").filterExpression("GSI1PK = :held")
                .projectionExpression("PK, SK").expressionAttributeValues(Map.of(":pk", s(CutoffTable.officePk(officeId)),
                        ":p", s(POST_PREFIX), ":held", held)))) {
            Map<String, AttributeValue> v = new HashMap<>(values);
            v.put(":held", held);
            try {
                dynamo.updateItem(b -> {
                    b.tableName(table).key(CutoffTable.key(str(i, CutoffTable.PK), str(i, CutoffTable.SK)))
                            .updateExpression(update).conditionExpression("GSI1PK = :held").expressionAttributeValues(v);
                    if (!names.isEmpty()) {
                        b.expressionAttributeNames(names);
                    }
                });
                moved++;
            } catch (ConditionalCheckFailedException e) {
                // put back, failed or dropped meanwhile
            }
        }
        return moved;
    }

    /**
     * Claims the office's next test message: one conditional {@code PutItem} of {@code CHAT#TESTED}, taken when the last
     * test was {@code gap} or more before {@code now} (or there was none).
     *
     * @return empty when claimed (post the test now); else how long until the next may be posted
     */
    public Optional<Duration> mayTest(String officeId, Instant now, Duration gap) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), TESTED_SK));
        item.put("atMillis", Items.n(now.toEpochMilli()));
        item.put("expiresAt", Items.ttl(now.plus(gap).plus(Duration.ofDays(1))));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR atMillis <= :before")
                    .expressionAttributeValues(Map.of(":before", Items.n(now.minus(gap).toEpochMilli()))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            var last = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), TESTED_SK))
                    .consistentRead(true));
            long at = last.hasItem() && last.item().containsKey("atMillis") ? Long.parseLong(last.item().get("atMillis").n())
                    : now.toEpochMilli();
            Duration left = Duration.ofMillis(at + gap.toMillis() - now.toEpochMilli());
            return Optional.of(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
        }
    }

    /**
     * The robot answered a test: its earlier failure is forgotten and the posts held meanwhile are due again, if the
     * office's robot is still that one (same token: not disconnected or replaced while the test was on its way).
     *
     * @return false when the office's robot is no longer {@code token}'s (nothing changed)
     */
    public boolean answered(String officeId, String token) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                    .updateExpression("REMOVE failedAt, failedReason, failedWords")
                    .conditionExpression("#t = :token").expressionAttributeNames(Map.of("#t", "token"))
                    .expressionAttributeValues(Map.of(":token", s(token))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        moveHeld(officeId, "SET GSI1PK = :due", Map.of(), Map.of(":due", s(DUE)));
        return true;
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

    /**
     * Disconnects: the robot is forgotten, and what it was told; the posts held while it had failed are failed now, and
     * those still on the due index are failed by the next run (they have nowhere to go).
     */
    public boolean disconnect(String officeId, Instant now) {
        dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CALLS_SK)));
        var r = dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                .returnValues("ALL_OLD"));
        moveHeld(officeId, "SET #s = :s, finishedAt = :at REMOVE GSI1PK, GSI1SK, leaseUntil", Map.of("#s", "status"),
                Map.of(":s", s("FAILED"), ":at", s(now.toString())));
        return r.hasAttributes() && !r.attributes().isEmpty();
    }

    /**
     * Records that the chat refused a post for good, if the robot is still the one that refused (same token), and holds
     * the office's pending posts out of the due index until it connects again ({@link #hold}).
     */
    public void failed(String officeId, String token, String reason, String words, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CHAT_SK))
                    .updateExpression("SET failedAt = :at, failedReason = :r, failedWords = :w")
                    .conditionExpression("#t = :token").expressionAttributeNames(Map.of("#t", "token"))
                    .expressionAttributeValues(Map.of(":at", s(now.toString()), ":r", s(reason), ":w", s(words), ":token", s(token))));
        } catch (ConditionalCheckFailedException e) {
            // reconnected or disconnected meanwhile: the new robot has not failed
            return;
        }
        // The office partition's posts (strongly consistent), those on the due index held; one queued meanwhile is held
        // by the run that finds it.
        for (Map<String, AttributeValue> i : Items.queryAll(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :p)").filterExpression("GSI1PK = :due")
                .projectionExpression("SK").expressionAttributeValues(Map.of(":pk", s(CutoffTable.officePk(officeId)),
                        ":p", s(POST_PREFIX), ":due", s(DUE))))) {
            hold(officeId, str(i, CutoffTable.SK).substring(POST_PREFIX.length()));
        }
    }

    /**
     * Holds a post of a failed chat out of the due index ({@code GSI1PK = CHATHELD#<orgId>}), if it is on it.
     *
     * @return true when it was on the due index and is held now
     */
    public boolean hold(String officeId, String postId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId))
                    .updateExpression("SET GSI1PK = :held").conditionExpression("GSI1PK = :due")
                    .expressionAttributeValues(Map.of(":held", s(HELD_PREFIX + officeId), ":due", s(DUE))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A queued post.
     *
     * @param expiresAt the instant after which it must not be posted; {@code null}: none
     * @param post      {@code null} in a {@link DuePage} (read when claimed)
     */
    public record Queued(String officeId, String postId, Instant dueAt, Instant expiresAt, ChatPost post) {
        /** Whether it must not be posted at {@code now}: its expiry is not after {@code now}. */
        public boolean expired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    /**
     * One page of the due index.
     *
     * @param next where the next page starts ({@code ExclusiveStartKey}); {@code null} when the due index ends here
     */
    public record DuePage(List<Queued> posts, Map<String, AttributeValue> next) {
    }

    /**
     * Queues a post unless one with its id was ever queued (sent, failed or pending): a publication seen twice, or a
     * request retried, posts once.
     *
     * @return true when queued now
     */
    public boolean enqueue(String officeId, String postId, Instant dueAt, ChatPost post) {
        return enqueue(officeId, postId, dueAt, null, post);
    }

    /**
     * As {@link #enqueue(String, String, Instant, ChatPost)}, with an expiry.
     *
     * @param expiresAt the instant after which the post is dropped (marked {@code EXPIRED}), not posted; {@code null}: none
     */
    public boolean enqueue(String officeId, String postId, Instant dueAt, Instant expiresAt, ChatPost post) {
        return put(officeId, postId, dueAt, expiresAt, post, "attribute_not_exists(PK)", Map.of());
    }

    /**
     * Queues a post, or replaces one with its id still pending (a reminder whose deadline moved; a held one is due
     * again: the run holds it again while its chat has failed).
     *
     * @param expiresAt the instant after which the post is dropped, not posted; {@code null}: none
     */
    public boolean replacePending(String officeId, String postId, Instant dueAt, Instant expiresAt, ChatPost post) {
        return put(officeId, postId, dueAt, expiresAt, post, "attribute_not_exists(PK) OR #s = :pending", Map.of(":pending", s("PENDING")));
    }

    private boolean put(String officeId, String postId, Instant dueAt, Instant expiresAt, ChatPost post, String condition,
                        Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId));
        item.put(CutoffTable.GSI1PK, s(DUE));
        item.put(CutoffTable.GSI1SK, s(Items.sortable(dueAt) + "#" + officeId + "#" + postId));
        item.put("status", s("PENDING"));
        item.put("dueAt", s(dueAt.toString()));
        if (expiresAt != null) {
            item.put("expiresAt", s(expiresAt.toString()));
        }
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

    /** Posts due at {@code now}, oldest first, at most {@code limit} (the first page of {@link #due(Instant, int, Map)}). */
    public List<Queued> due(Instant now, int limit) {
        return due(now, limit, null).posts();
    }

    /**
     * One page of the posts due at {@code now} (GSI1 {@code CHATDUE}, eventually consistent), oldest first, at most
     * {@code limit}; held posts are not on it. Each without its post ({@code null}), with its expiry (GSI1 projects
     * every attribute).
     *
     * @param after where to start: a page's {@link DuePage#next}; {@code null} for the first page
     */
    public DuePage due(Instant now, int limit, Map<String, AttributeValue> after) {
        var r = dynamo.query(b -> b.tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("GSI1PK = :due AND GSI1SK <= :now").exclusiveStartKey(after)
                .expressionAttributeValues(Map.of(":due", s(DUE), ":now", s(Items.sortable(now) + "#~"))).limit(limit));
        List<Queued> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : r.items()) {
            String[] parts = str(i, CutoffTable.GSI1SK).split("#", 3);
            out.add(new Queued(parts[1], parts[2], Instant.parse(parts[0]),
                    i.containsKey("expiresAt") ? Items.instant(i, "expiresAt") : null, null));
        }
        return new DuePage(out, r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
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
                return Optional.of(new Queued(officeId, postId, Instant.parse(str(i, "dueAt")),
                        i.containsKey("expiresAt") ? Items.instant(i, "expiresAt") : null, read(str(i, "post"))));
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

    /**
     * Its expiry passed before it went: marked {@code EXPIRED}, off the due index, never posted; unless another run has
     * it claimed (its lease not over) or it is no longer pending.
     *
     * @return true when expired now
     */
    public boolean expire(String officeId, String postId, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), POST_PREFIX + postId))
                    .updateExpression("SET #s = :expired, finishedAt = :at REMOVE GSI1PK, GSI1SK, leaseUntil")
                    .conditionExpression("#s = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":expired", s("EXPIRED"), ":pending", s("PENDING"),
                            ":now", s(Items.sortable(now)), ":at", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
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

    /** How many of the office's posts are in each status ({@code PENDING}, held ones included; {@code SENT}, {@code FAILED}, {@code EXPIRED}). */
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
