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
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Subscribers, their address index and their topic memberships (key design in {@link CutoffTable});
 * the tokens written in the same transactions come from {@link TokenStore}.
 *
 * <p>No email address is a key: addresses are found through {@code EMAIL#<sha256>}. Pending
 * subscribers carry {@code expiresAt} (epoch seconds), the table's TTL attribute; code checks expiry
 * itself too, since TTL deletes up to days late.
 */
public final class SubscriberStore {
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
     * Stores a pending subscriber with its confirmation token; the subscriber, its address index and
     * the token expire together (TTL), unless confirmed first. A subscriber who was confirmed and left
     * keeps its id; a suppressed address is never stored as pending (callers check first).
     *
     * @param noticeIds   the notices asked for whole, kept with the token (the confirmation follows them)
     * @param followRules the follow rules asked for ({@code all}, {@code issuer:<name>}), kept with the token
     */
    public void savePending(Subscriber subscriber, String confirmToken, Instant now, Instant expiresAt, List<String> noticeIds,
                            List<String> followRules) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> item = write(subscriber);
        item.put("expiresAt", Items.ttl(expiresAt));
        writes.add(put(item));
        Map<String, AttributeValue> index = emailIndex(subscriber);
        index.put("expiresAt", Items.ttl(expiresAt));
        writes.add(put(index));
        writes.add(put(TokenStore.confirmation(confirmToken, subscriber, now, expiresAt, noticeIds, followRules)));
        transact(writes);
    }

    /**
     * Confirms: the confirmation token is used up (a second use finds nothing), the subscriber becomes
     * CONFIRMED with a new feed token, and its topic memberships are written, in one transaction; so are its
     * follow-rule memberships ({@code notice:<id>} for a notice subscribed whole, see {@link FollowStore}).
     *
     * @param rules follow rules to write memberships of
     * @return the confirmed subscriber and the clear feed token (shown once), or empty when the token
     *         was already used by a concurrent confirm
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
        writes.add(put(write(confirmed)));
        writes.add(put(emailIndex(confirmed)));
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
     * Replaces a confirmed subscriber's settings and its topic memberships.
     *
     * @param before the subscriber as it was read
     * @param after  the new settings (same id)
     */
    public void update(Subscriber before, Subscriber after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(write(after)));
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

    /** A new personal feed token; the old one stops working at once. Returns the new token in clear. */
    public String rotateFeedToken(Subscriber subscriber, Instant now) {
        String token = Tokens.newToken();
        Subscriber rotated = new Subscriber(subscriber.id(), subscriber.email(), subscriber.language(),
                subscriber.topicIds(), subscriber.leadTimes(), subscriber.status(), subscriber.createdAt(),
                subscriber.confirmedAt(), subscriber.confirmationSentAt(), Tokens.hash(token));
        List<TransactWriteItem> writes = new ArrayList<>();
        if (subscriber.feedTokenHash() != null) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(CutoffTable.tokenPk(subscriber.feedTokenHash()), CutoffTable.TOKEN_SK)).build()).build());
        }
        writes.add(put(write(rotated)));
        writes.add(put(TokenStore.item(token, TokenStore.Kind.FEED, subscriber.id(), now, null)));
        transact(writes);
        return token;
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

    private Map<String, AttributeValue> emailIndex(Subscriber subscriber) {
        Map<String, AttributeValue> item = new HashMap<>(key(emailPk(subscriber.email()), CutoffTable.EMAIL_SK));
        item.put("subscriberId", s(subscriber.id()));
        return item;
    }

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

    private static Subscriber read(Map<String, AttributeValue> item) {
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
