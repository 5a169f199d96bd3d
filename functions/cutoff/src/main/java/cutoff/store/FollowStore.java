package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.subscriber.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Follow rules and what ingests added because of them (key design in {@link CutoffTable}).
 *
 * <ul>
 *   <li>rule membership: {@code FOLLOW#<rule>} / {@code SUB#<id>} ({@code all}, {@code issuer:<name>},
 *       {@code notice:<noticeId>}), written by the staff queue and by a confirmed whole-notice subscription;</li>
 *   <li>expansion record: {@code EXPANDED#<noticeId>} / {@code SUB#<id>#<topicId>}: this topic of this
 *       notice was given to this follower once. One {@code Query} per notice lists them all, so an ingest run
 *       again finds nothing left to add and writes nothing. A topic the person later drops (manage page) is
 *       not added again.</li>
 * </ul>
 */
public final class FollowStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public FollowStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** The subscribers holding a follow rule: one {@code Query} on its partition. */
    public List<String> followerIds(String rule) {
        return followers(rule).stream().map(Follower::subscriberId).toList();
    }

    /** A follow rule's member: the subscriber, and the office that registered it ({@code null}: an individual subscriber). */
    public record Follower(String subscriberId, String officeId) {
    }

    /** The members of a follow rule, with their offices: one {@code Query} on its partition. */
    public List<Follower> followers(String rule) {
        return Items.queryAll(dynamo, QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                        .expressionAttributeValues(Map.of(":pk", s(CutoffTable.followPk(rule)))))
                .stream().map(i -> new Follower(str(i, "subscriberId"), str(i, CutoffTable.OFFICE_ID))).toList();
    }

    /** What ingests already gave followers from a notice, as {@code <subscriberId>#<topicId>}: one {@code Query}. */
    public Set<String> expanded(String noticeId) {
        Set<String> done = new HashSet<>();
        for (Map<String, AttributeValue> i : Items.queryAll(dynamo, QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :sub)")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.PK, "#sk", CutoffTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.expandedPk(noticeId)), ":sub", s("SUB#"))))) {
            done.add(str(i, "subscriberId") + "#" + str(i, "topicId"));
        }
        return done;
    }

    /**
     * The topics of a notice still to be given to its followers ({@code EXPANDED#<noticeId>} / {@code #PENDING}):
     * written before the ingest that adds them, removed after every follower has them, so that an ingest that
     * died in between, run again, still gives them although the notice then already holds the topics.
     */
    public List<String> pending(String noticeId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.expandedPk(noticeId), PENDING_SK))
                .consistentRead(true));
        return r.hasItem() && r.item().containsKey("topicIds")
                ? r.item().get("topicIds").l().stream().map(AttributeValue::s).toList() : List.of();
    }

    /** Marks topics of a notice as still to be given to followers (see {@link #pending}). */
    public void markPending(String noticeId, List<String> topicIds) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.expandedPk(noticeId), PENDING_SK));
        item.put("topicIds", list(topicIds));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Every follower has the pending topics: the mark goes. */
    public void clearPending(String noticeId) {
        dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.expandedPk(noticeId), PENDING_SK)));
    }

    private static final String PENDING_SK = "#PENDING";

    /** The rule membership's key, for writing ({@code notice:<id>} rules written with a subscription). */
    public static Map<String, AttributeValue> ruleItem(String rule, String subscriberId) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.followPk(rule), CutoffTable.subscriberPk(subscriberId)));
        item.put("subscriberId", s(subscriberId));
        return item;
    }

    /**
     * Gives a confirmed follower some topics of a notice, in one transaction: the subscriber's {@code topicIds}
     * (only if still CONFIRMED with the topics as read), a topic membership per topic it lacks, and an
     * expansion record per topic (each only if absent). A second run, or a concurrent one, fails the
     * conditions and writes nothing.
     *
     * @param before  the subscriber as read
     * @param topics  the notice's topics to record (those the subscriber lacks are added)
     * @param rule    the rule that matched (kept on the record, for the operator)
     * @return the subscriber as it now is, or {@code null} when nothing was written (changed meanwhile, or
     *         already expanded)
     */
    public Subscriber expand(Subscriber before, String noticeId, List<String> topics, String rule, Instant now) {
        List<String> after = new ArrayList<>(before.topicIds());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String topicId : topics) {
            Map<String, AttributeValue> record = new HashMap<>(CutoffTable.key(CutoffTable.expandedPk(noticeId),
                    CutoffTable.expandedSk(before.id(), topicId)));
            record.put("subscriberId", s(before.id()));
            record.put("topicId", s(topicId));
            record.put("rule", s(rule));
            record.put("at", s(now.toString()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(record)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                    .build()).build());
            if (!after.contains(topicId)) {
                after.add(topicId);
                Map<String, AttributeValue> membership = new HashMap<>(CutoffTable.key(CutoffTable.topicPk(topicId),
                        CutoffTable.subscriberPk(before.id())));
                membership.put("subscriberId", s(before.id()));
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(membership).build()).build());
            }
        }
        if (writes.isEmpty()) {
            return null;
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(CutoffTable.key(CutoffTable.subscriberPk(before.id()), CutoffTable.SUBSCRIBER_SK))
                .updateExpression("SET topicIds = :after")
                .conditionExpression("#status = :confirmed AND topicIds = :before")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":after", list(after), ":before", list(before.topicIds()),
                        ":confirmed", s(Subscriber.Status.CONFIRMED.name())))
                .build()).build());
        if (writes.size() > Items.MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("too many topics for one transaction: " + topics.size());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException changed) {
            return null;
        }
        return new Subscriber(before.id(), before.email(), before.language(), after, before.leadTimes(), before.status(),
                before.createdAt(), before.confirmedAt(), before.confirmationSentAt(), before.feedTokenHash());
    }

    /**
     * The follow rules a subscriber chose on the subscription or preferences page ({@code all},
     * {@code issuer:<name>}), in the order chosen; empty for none. One {@code GetItem}.
     */
    public List<String> rulesOf(String subscriberId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.RULES_SK))
                .consistentRead(true));
        return r.hasItem() && r.item().containsKey("rules") ? r.item().get("rules").l().stream().map(AttributeValue::s).toList() : List.of();
    }

    /**
     * Makes a subscriber's own follow rules exactly {@code rules}, in one transaction: the rule list
     * ({@code SUB#<id>} / {@code #RULES}), a membership per rule it gains, none for a rule it dropped (so later
     * ingests give it the new matching topics, and no longer those of a dropped rule). Whole-notice rules
     * ({@code notice:<id>}) are not touched.
     *
     * @param rules canonical rules ({@link cutoff.office.FollowRule#parse}); empty: none (the list item goes)
     */
    public void replaceRules(String subscriberId, List<String> rules) {
        List<String> before = rulesOf(subscriberId);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String rule : before) {
            if (!rules.contains(rule)) {
                writes.add(TransactWriteItem.builder().delete(b -> b.tableName(table)
                        .key(CutoffTable.key(CutoffTable.followPk(rule), CutoffTable.subscriberPk(subscriberId)))).build());
            }
        }
        for (String rule : rules) {
            if (!before.contains(rule)) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(ruleItem(rule, subscriberId)).build()).build());
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> key = CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.RULES_SK);
        if (rules.isEmpty()) {
            writes.add(TransactWriteItem.builder().delete(b -> b.tableName(table).key(key)).build());
        } else {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("rules", list(rules));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
        if (writes.size() > Items.MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("too many follow rules at once: " + rules.size());
        }
        dynamo.transactWriteItems(b -> b.transactItems(writes));
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Items::s).toList());
    }
}
