package cutoff.store;

import static cutoff.store.Items.s;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A research office's relayed topics as one item of its own (issue 19): every topic the office's relays gave its staff
 * ({@code upload.Relays}), so that the staff queue gives them to people listed later, and keeps them when a row is
 * uploaded changed, with one read per page of rows instead of one per person.
 *
 * <p>Item {@code ORG#<officeId>} / {@code #RELAYED}:
 * <ul>
 *   <li>{@code topics} (map): topic id (a public topic, or one of the office's own relay's,
 *       {@code cutoff.notice.NoticeIds#relayTopicId}) → {@code closes} (the topic's cutoff as last published, an ISO
 *       instant: when the entry may be pruned) and {@code relayedAt} (the first publication that gave it);</li>
 *   <li>{@code version} (number): one more at every write, which is conditioned on the version read.</li>
 * </ul>
 * Only the office's own publications write it (the office comes from its key); it is read for that office's rows only,
 * so no other office's staff are given what it names.
 */
public final class RelayedTopicsStore implements RelayedTopicsItems {
    private final DynamoDbClient dynamo;
    private final String table;

    public RelayedTopicsStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * One topic an office relayed.
     *
     * @param closes    the topic's cutoff as of the last publication that named it (UTC instant; the end of the day in
     *                  the cutoff's zone for a date-only one)
     * @param relayedAt the first publication that gave it
     */
    public record Entry(Instant closes, Instant relayedAt) {
    }

    /**
     * An office's relayed topics.
     *
     * @param version how many writes the item has had (0: none)
     * @param topics  topic id → entry, by topic id
     */
    public record Relayed(long version, Map<String, Entry> topics) {
        /** An office that relayed nothing. */
        public static final Relayed NONE = new Relayed(0, Map.of());

        public Relayed {
            topics = java.util.Collections.unmodifiableMap(new TreeMap<>(topics));
        }
    }

    /** One {@code BatchGetItem} per 100 offices (strongly consistent); an office without the item is absent. */
    @Override
    public Map<String, Relayed> relayed(Collection<String> officeIds) {
        return Items.batchGetEach(dynamo, table, officeIds, RelayedTopicsStore::key, CutoffTable::officePk, RelayedTopicsStore::read);
    }

    /** One {@code PutItem} conditioned on the version read. */
    @Override
    public boolean put(String officeId, Relayed next, long basedOn) {
        Map<String, AttributeValue> item = new HashMap<>(key(officeId));
        Map<String, AttributeValue> topics = new HashMap<>();
        next.topics().forEach((t, e) -> topics.put(t, AttributeValue.fromM(Map.of("closes", s(e.closes().toString()),
                "relayedAt", s(e.relayedAt().toString())))));
        item.put("topics", AttributeValue.fromM(topics));
        item.put("version", Items.n(basedOn + 1));
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(item).expressionAttributeNames(Map.of("#v", "version"));
                if (basedOn == 0) {
                    b.conditionExpression("attribute_not_exists(#v)");
                } else {
                    b.conditionExpression("#v = :v").expressionAttributeValues(Map.of(":v", Items.n(basedOn)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static Relayed read(Map<String, AttributeValue> item) {
        Map<String, Entry> topics = new HashMap<>();
        if (item.containsKey("topics")) {
            item.get("topics").m().forEach((t, v) -> topics.put(t, new Entry(Instant.parse(v.m().get("closes").s()),
                    Instant.parse(v.m().get("relayedAt").s()))));
        }
        return new Relayed(item.containsKey("version") ? Items.num(item, "version") : 0, topics);
    }

    private static Map<String, AttributeValue> key(String officeId) {
        return CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.RELAYED_SK);
    }
}
