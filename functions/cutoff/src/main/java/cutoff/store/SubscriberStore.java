package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Subscribers, their address index and their topic memberships (key design in {@link CutoffTable});
 * the tokens written in the same transactions come from {@link TokenStore}.
 *
 * <p>No email address is a key: addresses are found through {@code EMAIL#<sha256>}. Pending
 * subscribers carry {@code expiresAt} (epoch seconds), the table's TTL attribute; code checks expiry
 * itself too, since TTL deletes up to days late.
 *
 * <p>One class (about 500 lines) because it is one item family whose writes are transactions together:
 * subscribing, confirming, changing settings, leaving and rotating a feed token each write several of the subscriber
 * item, its {@code EMAIL#} item, its topic memberships and its tokens in one {@code TransactWriteItems}, conditional
 * on what was read.
 */
public final class SubscriberStore implements SubscriberRecords {
    private final DynamoDbClient dynamo;
    private final String table;

    public SubscriberStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    static String emailPk(String email) {
        return CutoffTable.emailPk(Subscriber.normalise(email));
    }

    static String subscriberPk(String id) {
        return CutoffTable.subscriberPk(id);
    }

    static String topicPk(String topicId) {
        return CutoffTable.topicPk(topicId);
    }

    // ------------------------------------------------------------------ reads

    /**
     * What an address's own item ({@code EMAIL#<sha256>}, the arbiter of "one address, one subscriber") says, read
     * strongly consistent: the subscriber id it names, that subscriber if its item still exists, and whether the
     * address is suppressed. Pass it back to {@link #savePending} as what the write is conditioned on.
     *
     * @param indexedId  the id the address's item names; {@code null} when there is no item or it names none
     * @param subscriber the subscriber of {@code indexedId}; empty when none is named or its item is gone (TTL)
     * @param suppressed the address bounced permanently or complained
     */
    public record Address(String indexedId, Optional<Subscriber> subscriber, boolean suppressed) {
    }

    /** The address's own item and its subscriber: two {@code GetItem}s (one when no subscriber is named). */
    public Address address(String email) {
        Map<String, AttributeValue> index = get(emailPk(email), CutoffTable.EMAIL_SK);
        String id = index == null ? null : str(index, "subscriberId");
        return new Address(id, id == null ? Optional.empty() : byId(id), index != null && index.containsKey("suppressedAt"));
    }

    /** The subscriber at an address, if any. */
    public Optional<Subscriber> byEmail(String email) {
        Map<String, AttributeValue> index = get(emailPk(email), CutoffTable.EMAIL_SK);
        return index == null || str(index, "subscriberId") == null ? Optional.empty() : byId(str(index, "subscriberId"));
    }

    /** True when the address bounced permanently or complained. */
    public boolean suppressed(String email) {
        Map<String, AttributeValue> index = get(emailPk(email), CutoffTable.EMAIL_SK);
        return index != null && index.containsKey("suppressedAt");
    }

    /**
     * Of {@code emails}, those that bounced permanently or complained (as given): one {@code BatchGetItem} per
     * 100 addresses, instead of {@link #suppressed} each.
     */
    public Set<String> suppressedAmong(java.util.Collection<String> emails) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(emails));
        Map<String, Map<String, AttributeValue>> found = Items.batchGet(dynamo, table,
                distinct.stream().map(e -> key(emailPk(e), CutoffTable.EMAIL_SK)).toList());
        Set<String> suppressed = new HashSet<>();
        for (String e : distinct) {
            Map<String, AttributeValue> index = found.get(emailPk(e));
            if (index != null && index.containsKey("suppressedAt")) {
                suppressed.add(e);
            }
        }
        return suppressed;
    }

    /**
     * The subscribers of {@code ids} that exist, by id in the order of {@code ids} (duplicates once, ids not found
     * left out): one strongly consistent {@code BatchGetItem} per 100, instead of {@link #byId} each.
     */
    public Map<String, Subscriber> byIds(java.util.Collection<String> ids) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        Map<String, Map<String, AttributeValue>> found = Items.batchGet(dynamo, table,
                distinct.stream().map(id -> key(subscriberPk(id), CutoffTable.SUBSCRIBER_SK)).toList());
        Map<String, Subscriber> result = new java.util.LinkedHashMap<>();
        for (String id : distinct) {
            Map<String, AttributeValue> item = found.get(subscriberPk(id));
            if (item != null) {
                result.put(id, read(item));
            }
        }
        return result;
    }

    public Optional<Subscriber> byId(String id) {
        Map<String, AttributeValue> item = get(subscriberPk(id), CutoffTable.SUBSCRIBER_SK);
        return item == null ? Optional.empty() : Optional.of(read(item));
    }

    /** Subscribers following a topic: one {@code Query} on its membership partition. */
    public List<String> subscriberIdsOf(String topicId) {
        return Items.queryAll(dynamo, QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                        .expressionAttributeValues(Map.of(":pk", s(topicPk(topicId)))))
                .stream().map(i -> str(i, "subscriberId")).toList();
    }

    // ------------------------------------------------------------------ writes

    /**
     * Stores a pending subscriber with its confirmation token, only if the address and its subscriber are still as
     * {@code read} found them: the address's own item is created only if absent (or re-stamped only while it names
     * {@code read}'s id and is not suppressed), and an existing subscriber is replaced only while its status and
     * {@code confirmationSentAt} are as read. So of concurrent requests for one address exactly one writes (and
     * sends); the others get {@code false} and read again. The subscriber, its address index and the token expire
     * together (TTL), unless confirmed first. A subscriber who was confirmed and left keeps its id.
     *
     * @param read        the address as read before deciding ({@link #address}); {@code subscriber.id()} is
     *                    {@code read.indexedId()} when that is not {@code null}
     * @param noticeIds   the notices asked for whole, kept with the token (the confirmation follows them)
     * @param followRules the follow rules asked for ({@code all}, {@code issuer:<name>}), kept with the token
     * @return false when another request changed the address or its subscriber since {@code read}: nothing written
     */
    public boolean savePending(Address read, Subscriber subscriber, String confirmToken, Instant now, Instant expiresAt,
                               List<String> noticeIds, List<String> followRules) {
        if (read.indexedId() != null && !read.indexedId().equals(subscriber.id())) {
            throw new IllegalArgumentException("the address names subscriber " + read.indexedId() + ", not " + subscriber.id());
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> item = write(subscriber);
        item.put("expiresAt", Items.ttl(expiresAt));
        Put.Builder sub = Put.builder().tableName(table).item(item);
        read.subscriber().ifPresentOrElse(before -> asRead(sub, before), () -> sub
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK)));
        writes.add(TransactWriteItem.builder().put(sub.build()).build());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", s(subscriber.id()), ":exp", Items.ttl(expiresAt)));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(emailPk(subscriber.email()), CutoffTable.EMAIL_SK))
                .updateExpression("SET subscriberId = :id, expiresAt = :exp")
                .conditionExpression((read.indexedId() == null ? "attribute_not_exists(subscriberId)" : "subscriberId = :id")
                        + " AND attribute_not_exists(suppressedAt)")
                .expressionAttributeValues(values).build()).build());
        writes.add(put(TokenStore.confirmation(confirmToken, subscriber, now, expiresAt, noticeIds, followRules)));
        return raced(writes);
    }

    /**
     * Records that a confirmed subscriber asking again was sent a manage link: only while it is CONFIRMED with the
     * {@code confirmationSentAt} read, so of concurrent requests one stamps (and sends).
     *
     * @return false when another request stamped it (or it left) since it was read: nothing written
     */
    public boolean stampSent(Subscriber read, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString()), ":status", s(read.status().name())));
        String condition = "#status = :status AND " + sentAsRead(read, values);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(subscriberPk(read.id()), CutoffTable.SUBSCRIBER_SK))
                    .updateExpression("SET confirmationSentAt = :now").conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    /** The condition that a subscriber's item still has the status and {@code confirmationSentAt} of {@code read}. */
    private static void asRead(Put.Builder put, Subscriber read) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(read.status().name())));
        put.conditionExpression("#status = :status AND " + sentAsRead(read, values))
                .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values);
    }

    private static String sentAsRead(Subscriber read, Map<String, AttributeValue> values) {
        if (read.confirmationSentAt() == null) {
            return "attribute_not_exists(confirmationSentAt)";
        }
        values.put(":sent", s(read.confirmationSentAt().toString()));
        return "confirmationSentAt = :sent";
    }

    /** Runs a transaction; false when a condition failed or a concurrent transaction on its items won. */
    private boolean raced(List<TransactWriteItem> writes) {
        try {
            transact(writes);
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    /**
     * Confirms: the confirmation token is used up (a second use finds nothing), the subscriber becomes
     * CONFIRMED with a new feed token, and its topic memberships are written, in one transaction; so are its
     * follow-rule memberships ({@code notice:<id>} for a notice subscribed whole, see {@link FollowStore}).
     *
     * @param rules follow rules to write memberships of
     * @return the confirmed subscriber and the clear feed token (shown once), or empty when the token
     *         was already used by a concurrent confirm, the subscriber is no longer pending, or the address's own
     *         item names another subscriber (or the address was suppressed meanwhile)
     */
    public Optional<Confirmed> confirm(String confirmToken, Subscriber pending, Instant now, List<String> rules) {
        String feedToken = Tokens.newToken();
        Subscriber confirmed = new Subscriber(pending.id(), pending.email(), pending.language(), pending.topicIds(),
                pending.leadTimes(), Subscriber.Status.CONFIRMED, pending.createdAt(), now,
                pending.confirmationSentAt(), Tokens.hash(feedToken));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(CutoffTable.tokenPk(Tokens.hash(confirmToken)), CutoffTable.TOKEN_SK))
                .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                .build()).build());
        // Only a PENDING subscriber confirms (two of its links followed at once: one wins), and only the one its
        // address names: a duplicate stored before the address's item was the arbiter stays unconfirmed.
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(write(confirmed))
                .conditionExpression("#status = :pending").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", s(Subscriber.Status.PENDING.name()))).build()).build());
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(emailPk(confirmed.email()), CutoffTable.EMAIL_SK)).updateExpression("REMOVE expiresAt")
                .conditionExpression("subscriberId = :id AND attribute_not_exists(suppressedAt)")
                .expressionAttributeValues(Map.of(":id", s(confirmed.id()))).build()).build());
        writes.add(put(TokenStore.item(feedToken, TokenStore.Kind.FEED, confirmed.id(), now, null)));
        for (String topicId : confirmed.topicIds()) {
            writes.add(put(membership(topicId, confirmed.id())));
        }
        for (String rule : rules) {
            writes.add(put(FollowStore.ruleItem(rule, confirmed.id())));
        }
        try {
            transact(writes);
        } catch (TransactionCanceledException raced) {
            return Optional.empty();
        }
        return Optional.of(new Confirmed(confirmed, feedToken));
    }

    /** A confirmed subscriber and its personal feed token in clear. */
    public record Confirmed(Subscriber subscriber, String feedToken) {
    }

    /**
     * Replaces a confirmed subscriber's settings and its topic memberships. The feed token hash is written only when
     * {@code after}'s differs from {@code before}'s (a leave removes it), so a settings change made from a read older than
     * a rotation at the same moment does not bring back the token the rotation replaced.
     *
     * @param before the subscriber as it was read
     * @param after  the new settings (same id)
     */
    public void update(Subscriber before, Subscriber after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(settings(before, after)).build());
        Set<String> old = new HashSet<>(before.status() == Subscriber.Status.CONFIRMED ? before.topicIds() : List.of());
        Set<String> now = new HashSet<>(after.status() == Subscriber.Status.CONFIRMED ? after.topicIds() : List.of());
        for (String topicId : old) {
            if (!now.contains(topicId)) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(topicPk(topicId), subscriberPk(after.id()))).build()).build());
            }
        }
        for (String topicId : now) {
            if (!old.contains(topicId)) {
                writes.add(put(membership(topicId, after.id())));
            }
        }
        transact(writes);
    }

    /** The subscriber's item set to {@code after}, attribute by attribute; the feed token hash only if it changed. */
    private Update settings(Subscriber before, Subscriber after) {
        Map<String, AttributeValue> item = write(after);
        item.remove(CutoffTable.PK);
        item.remove(CutoffTable.SK);
        boolean tokenChanged = !java.util.Objects.equals(before.feedTokenHash(), after.feedTokenHash());
        if (!tokenChanged) {
            item.remove("feedTokenHash");
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            names.put("#" + e.getKey(), e.getKey());
            values.put(":" + e.getKey(), e.getValue());
            set.add("#" + e.getKey() + " = :" + e.getKey());
        }
        List<String> remove = new ArrayList<>();
        for (String optional : tokenChanged ? List.of("confirmedAt", "confirmationSentAt", "feedTokenHash")
                : List.of("confirmedAt", "confirmationSentAt")) {
            if (!item.containsKey(optional)) {
                names.put("#" + optional, optional);
                remove.add("#" + optional);
            }
        }
        return Update.builder().tableName(table).key(key(subscriberPk(after.id()), CutoffTable.SUBSCRIBER_SK))
                .updateExpression("SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * Ends a subscription (UNSUBSCRIBED or SUPPRESSED): the status changes, memberships go, and the
     * personal feed token is deleted, so the old feed URL stays dead even if the address subscribes
     * again later (a new confirmation gives a new feed URL).
     */
    public Subscriber leave(Subscriber subscriber, Subscriber.Status status) {
        Subscriber left = new Subscriber(subscriber.id(), subscriber.email(), subscriber.language(), subscriber.topicIds(),
                subscriber.leadTimes(), status, subscriber.createdAt(), subscriber.confirmedAt(),
                subscriber.confirmationSentAt(), null);
        update(subscriber, left);
        if (subscriber.feedTokenHash() != null) {
            dynamo.deleteItem(b -> b.tableName(table).key(key(CutoffTable.tokenPk(subscriber.feedTokenHash()), CutoffTable.TOKEN_SK)));
        }
        return left;
    }

    /**
     * A new personal feed token in place of the one {@code subscriber} was read with: a conditional replace, so of
     * concurrent rotations exactly one takes effect and the old token is deleted with it. Only the token hash is
     * written (a concurrent change of settings is kept).
     *
     * @return the new token in clear (shown once), or empty when the feed token changed (another rotation) or the
     *         subscriber left since it was read: nothing written
     */
    public Optional<String> rotateFeedToken(Subscriber subscriber, Instant now) {
        String token = Tokens.newToken();
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":new", s(Tokens.hash(token)),
                ":confirmed", s(Subscriber.Status.CONFIRMED.name())));
        String asRead;
        if (subscriber.feedTokenHash() != null) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(CutoffTable.tokenPk(subscriber.feedTokenHash()), CutoffTable.TOKEN_SK)).build()).build());
            values.put(":old", s(subscriber.feedTokenHash()));
            asRead = "feedTokenHash = :old";
        } else {
            asRead = "attribute_not_exists(feedTokenHash)";
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(subscriberPk(subscriber.id()), CutoffTable.SUBSCRIBER_SK)).updateExpression("SET feedTokenHash = :new")
                .conditionExpression("#status = :confirmed AND " + asRead).expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build()).build());
        writes.add(put(TokenStore.item(token, TokenStore.Kind.FEED, subscriber.id(), now, null)));
        return raced(writes) ? Optional.of(token) : Optional.empty();
    }

    /**
     * A personal feed token for a subscriber registered by an office (its welcome email carries the URL).
     * Unlike {@link #rotateFeedToken} nothing is deleted: an earlier token (a welcome retried after a run
     * died) is made to expire now instead, so the dispatcher's role needs no {@code DeleteItem}.
     *
     * @return the new token in clear, to put in the email once
     */
    public String issueFeedToken(Subscriber subscriber, Instant now) {
        String token = Tokens.newToken();
        Subscriber issued = new Subscriber(subscriber.id(), subscriber.email(), subscriber.language(),
                subscriber.topicIds(), subscriber.leadTimes(), subscriber.status(), subscriber.createdAt(),
                subscriber.confirmedAt(), subscriber.confirmationSentAt(), Tokens.hash(token));
        List<TransactWriteItem> writes = new ArrayList<>();
        if (subscriber.feedTokenHash() != null) {
            writes.add(TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                    .tableName(table).key(key(CutoffTable.tokenPk(subscriber.feedTokenHash()), CutoffTable.TOKEN_SK))
                    .updateExpression("SET expiresAt = :now").expressionAttributeValues(Map.of(":now", Items.ttl(now)))
                    .build()).build());
        }
        writes.add(put(write(issued)));
        writes.add(put(TokenStore.item(token, TokenStore.Kind.FEED, subscriber.id(), now, null)));
        transact(writes);
        return token;
    }

    /**
     * Makes the address's own item name {@code subscriber} (kept, no longer expiring), whatever it named: for merging
     * subscribers stored for one address before that item was the arbiter ({@code ./cutoff subscribers check --fix}).
     * A suppression stays.
     */
    public void nameAtAddress(Subscriber subscriber) {
        dynamo.updateItem(b -> b.tableName(table).key(key(emailPk(subscriber.email()), CutoffTable.EMAIL_SK))
                .updateExpression("SET subscriberId = :id REMOVE expiresAt").expressionAttributeValues(Map.of(":id", s(subscriber.id()))));
    }

    /**
     * Marks a subscriber that left by a merge as merged into another ({@code mergedInto}), so that it is no longer one
     * of its address's subscribers for {@link SubscriberScan}.
     */
    public void markMerged(String id, String into) {
        dynamo.updateItem(b -> b.tableName(table).key(key(subscriberPk(id), CutoffTable.SUBSCRIBER_SK))
                .updateExpression("SET mergedInto = :into").expressionAttributeValues(Map.of(":into", s(into))));
    }

    /**
     * Marks an address suppressed (permanent bounce or complaint) and its subscriber SUPPRESSED.
     *
     * @param reason e.g. {@code Bounce/Permanent/General} or {@code Complaint/abuse}
     */
    public void suppress(String email, String reason, Instant now) {
        Map<String, AttributeValue> index = get(emailPk(email), CutoffTable.EMAIL_SK);
        Map<String, AttributeValue> item = index == null ? new HashMap<>(key(emailPk(email), CutoffTable.EMAIL_SK)) : new HashMap<>(index);
        item.remove("expiresAt");
        item.put("suppressedAt", s(now.toString()));
        item.put("suppressedReason", s(reason));
        dynamo.putItem(b -> b.tableName(table).item(item));
        if (index != null && str(index, "subscriberId") != null) {
            byId(str(index, "subscriberId")).ifPresent(sub -> leave(sub, Subscriber.Status.SUPPRESSED));
        }
    }

    // ------------------------------------------------------------------ items

    private static Map<String, AttributeValue> membership(String topicId, String subscriberId) {
        Map<String, AttributeValue> item = new HashMap<>(key(topicPk(topicId), subscriberPk(subscriberId)));
        item.put("subscriberId", s(subscriberId));
        return item;
    }

    /** The stored form of a subscriber (for bulk loads such as the benchmark). */
    public static Map<String, AttributeValue> item(Subscriber sub) {
        return write(sub);
    }

    private static Map<String, AttributeValue> write(Subscriber sub) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriberPk(sub.id()), CutoffTable.SUBSCRIBER_SK));
        item.put("id", s(sub.id()));
        item.put("email", s(sub.email()));
        item.put("language", s(sub.language()));
        item.put("topicIds", AttributeValue.fromL(sub.topicIds().stream().map(Items::s).toList()));
        item.put("leadTimes", AttributeValue.fromL(sub.leadTimes().stream().map(l -> s(l.code())).toList()));
        item.put("status", s(sub.status().name()));
        item.put("createdAt", s(sub.createdAt().toString()));
        if (sub.confirmedAt() != null) {
            item.put("confirmedAt", s(sub.confirmedAt().toString()));
        }
        if (sub.confirmationSentAt() != null) {
            item.put("confirmationSentAt", s(sub.confirmationSentAt().toString()));
        }
        if (sub.feedTokenHash() != null) {
            item.put("feedTokenHash", s(sub.feedTokenHash()));
        }
        return item;
    }

    static Subscriber read(Map<String, AttributeValue> item) {
        return new Subscriber(str(item, "id"), str(item, "email"), str(item, "language"),
                item.get("topicIds").l().stream().map(AttributeValue::s).toList(),
                item.get("leadTimes").l().stream().map(v -> new LeadTime(v.s())).toList(),
                Subscriber.Status.valueOf(str(item, "status")), instant(item, "createdAt"), instant(item, "confirmedAt"),
                instant(item, "confirmationSentAt"), str(item, "feedTokenHash"));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return CutoffTable.key(pk, sk);
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private void transact(List<TransactWriteItem> writes) {
        Items.transact(dynamo, writes, null);
    }
}
