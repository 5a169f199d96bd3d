package cutoff.store;

import static cutoff.store.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * An office's followed topics as one item of their own, so that the office feed and the internal-deadline view read
 * them with one {@code GetItem} instead of every staff row and subscriber.
 *
 * <p>Item {@code ORG#<officeId>} / {@code #FOLLOWED}:
 * <ul>
 *   <li>{@code changes} (number): how many writes that may change the office's followed topics were made so far. Each
 *       such write ({@link #touch}) adds one to it <em>after</em> it wrote, and puts the item on the sparse GSI1
 *       partition {@code FOLLOWEDQ} ({@code GSI1SK = <officeId>}): the offices still to compute;</li>
 *   <li>{@code topics} (list of topic ids, sorted), {@code computed} (number), {@code computedAt}: the topics as computed
 *       from a read that began after {@code changes} was {@code computed}. {@link #store} writes them on the condition that
 *       {@code changes} is still that number, and takes the item off {@code FOLLOWEDQ}.</li>
 * </ul>
 * So the topics are current exactly when {@code computed == changes}: a write that lands during a computation makes the
 * computation's {@code store} fail, or (landing after it) the item stale again. A stale or absent item is never read as
 * current.
 */
public final class FollowedTopicsStore implements FollowedTopicsItems {
    private final DynamoDbClient dynamo;
    private final String table;

    public FollowedTopicsStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * The item as read (strongly consistent).
     *
     * @param changes  the count of changes so far (0 when none was ever counted)
     * @param computed the count the stored topics reflect, or {@code null} when they were never computed
     * @param topics   the topics last computed (empty when never)
     */
    public record Followed(long changes, Long computed, List<String> topics) {
        /** True when the stored topics reflect every change counted. */
        public boolean current() {
            return computed != null && computed == changes;
        }
    }

    /** The office's item: one {@code GetItem}; empty when the office's followed topics were never counted or computed. */
    public Optional<Followed> read(String officeId) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(key(officeId)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = r.item();
        return Optional.of(new Followed(item.containsKey("changes") ? Items.num(item, "changes") : 0,
                item.containsKey("computed") ? Items.num(item, "computed") : null,
                item.containsKey("topics") ? item.get("topics").l().stream().map(AttributeValue::s).toList() : List.of()));
    }

    /**
     * Counts a change of the office's followed topics (made by the caller just before) and queues the office for a new
     * computation: one {@code UpdateItem}, safe to repeat.
     */
    public void touch(String officeId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(officeId))
                .updateExpression("ADD #c :one SET #qpk = :q, #qsk = :org")
                .expressionAttributeNames(Map.of("#c", "changes", "#qpk", CutoffTable.GSI1PK, "#qsk", CutoffTable.GSI1SK))
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":q", s(CutoffTable.FOLLOWED_QUEUE), ":org", s(officeId))));
    }

    /**
     * Stores topics computed from a read that began after {@code basedOn} was the count of changes, if no change was
     * counted since; takes the office off the queue.
     *
     * @param basedOn {@link Followed#changes()} as read before the computation (0 for an absent item)
     * @return false when a change was counted meanwhile: nothing written (the office stays queued)
     */
    public boolean store(String officeId, long basedOn, List<String> topics, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", AttributeValue.fromL(topics.stream().map(Items::s).toList()),
                ":c", Items.n(basedOn), ":now", s(now.toString())));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(officeId))
                    .updateExpression("SET topics = :t, computed = :c, computedAt = :now REMOVE #qpk, #qsk")
                    .conditionExpression(basedOn == 0 ? "attribute_not_exists(#c) OR #c = :c" : "#c = :c")
                    .expressionAttributeNames(Map.of("#c", "changes", "#qpk", CutoffTable.GSI1PK, "#qsk", CutoffTable.GSI1SK))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** The offices whose followed topics are stale: one {@code Query} on GSI1 (paginated to the end). */
    public List<String> stale() {
        return Items.queryAll(dynamo, QueryRequest.builder().tableName(table).indexName(CutoffTable.GSI1)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK))
                        .expressionAttributeValues(Map.of(":pk", s(CutoffTable.FOLLOWED_QUEUE))))
                .stream().map(i -> i.get(CutoffTable.GSI1SK).s()).toList();
    }

    private static Map<String, AttributeValue> key(String officeId) {
        return CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.FOLLOWED_SK);
    }
}
