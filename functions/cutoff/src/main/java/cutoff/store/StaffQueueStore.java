package cutoff.store;

import static cutoff.store.Items.s;

import cutoff.store.StaffStore.StaffRow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The staff work queue over the staff rows ({@link StaffStore}; key design in {@link CutoffTable}): a row waiting
 * for its welcome email or a re-plan of its reminders carries {@code GSI1PK = STAFFQ#<0-7>},
 * {@code GSI1SK = <queuedAt>#<officeId>#<hash>}; a run claims it ({@code claim}, {@code claimedAt}), and finishing
 * removes them (a sparse index, as the reminders' due index).
 */
public final class StaffQueueStore implements StaffQueueItems {
    /** Shards of the staff work queue on GSI1. */
    public static final int QUEUE_SHARDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public StaffQueueStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * A page of the staff rows waiting for work in one queue shard, queued at or before {@code now}, oldest
     * first.
     *
     * @param after where the previous page ended ({@link Queued#next()}), or {@code null} for the first
     */
    public Queued queued(int shard, Instant now, int limit, Map<String, AttributeValue> after) {
        QueryResponse r = dynamo.query(b -> b.tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK, "#sk", CutoffTable.GSI1SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.staffQueuePk(shard)), ":now", s(Items.sortable(now) + "~")))
                .exclusiveStartKey(after).limit(limit));
        return new Queued(r.items().stream().map(StaffStore::readStaff).toList(),
                r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
    }

    /** A page of the queue and where the next starts ({@code null} at the end). */
    public record Queued(List<StaffRow> rows, Map<String, AttributeValue> next) {
    }

    /**
     * Claims a queued row for a run, unless another run holds it and its lease has not ended.
     *
     * @return false when another run has it, or it left the queue meanwhile
     */
    public boolean claim(StaffRow row, String runId, Instant now, Duration lease) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row))
                    .updateExpression("SET #claim = :run, #claimedAt = :now")
                    .conditionExpression("attribute_exists(#q) AND (attribute_not_exists(#claimedAt) OR #claimedAt < :expired)")
                    .expressionAttributeNames(Map.of("#claim", "claim", "#claimedAt", "claimedAt", "#q", CutoffTable.GSI1PK))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":now", s(Items.sortable(now)),
                            ":expired", s(Items.sortable(now.minus(lease))))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Takes a row off the queue after its work, if this run still holds it and nobody queued new work on
     * it meanwhile (an upload rewrites the row without the claim: then the row stays queued).
     *
     * @param welcomedAt when its welcome went out in this run, or {@code null}
     */
    public void finish(StaffRow row, String runId, Instant welcomedAt, List<String> appliedRules) {
        String set = " SET appliedRules = :rules" + (welcomedAt == null ? "" : ", welcomedAt = :w");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":run", s(runId),
                ":rules", AttributeValue.fromL(appliedRules.stream().map(Items::s).toList())));
        if (welcomedAt != null) {
            values.put(":w", s(welcomedAt.toString()));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row))
                    .updateExpression("REMOVE #q, #qs, #claim, #claimedAt, queuedAt" + set)
                    .conditionExpression("#claim = :run")
                    .expressionAttributeNames(Map.of("#q", CutoffTable.GSI1PK, "#qs", CutoffTable.GSI1SK, "#claim", "claim",
                            "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException requeued) {
            // Re-uploaded while we worked: it stays queued (the next run applies the new row), but what this run did
            // is recorded: the welcome (not sent twice) and the rules written. Not if the office removed the row.
            values.remove(":run");
            try {
                dynamo.updateItem(b -> b.tableName(table).key(staffKey(row))
                        .updateExpression(set.strip()).conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.PK)).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException removed) {
                // Gone: nothing to record.
            }
        }
    }

    /** Lets another run take a claimed row at once (this run stopped before doing its work). */
    public void release(StaffRow row, String runId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row))
                    .updateExpression("REMOVE #claim, #claimedAt").conditionExpression("#claim = :run")
                    .expressionAttributeNames(Map.of("#claim", "claim", "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(Map.of(":run", s(runId))));
        } catch (ConditionalCheckFailedException gone) {
            // Re-uploaded or taken meanwhile: nothing to release.
        }
    }

    /** The queue shard of a staff row, by the last hex digit of its address hash. */
    static int queueShard(String emailHash) {
        return Character.digit(emailHash.charAt(emailHash.length() - 1), 16) % QUEUE_SHARDS;
    }

    private static Map<String, AttributeValue> staffKey(StaffRow row) {
        return StaffStore.staffKey(row.officeId(), row.emailHash());
    }
}
