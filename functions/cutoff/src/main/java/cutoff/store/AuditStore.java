package cutoff.store;

import static cutoff.store.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The append-only record of what people did with a notice through the service (issue 19): who uploaded, corrected,
 * published and withdrew it, and when. One item an action: {@code AUDIT#<noticeId>} / its number in the record (ten digits,
 * from 1: the order of the actions, whatever the clock), with {@code at} (UTC instant),
 * {@code action}, {@code by} (an editor's or office's id), {@code draftId} and {@code detail}. An entry is written
 * once, on the condition that it is new, and never updated; the code has no call that deletes one.
 */
public final class AuditStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public AuditStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * One action.
     *
     * @param at      when (UTC instant)
     * @param action  {@code uploaded}, {@code corrected}, {@code published} or {@code withdrawn}
     * @param by      who: an editor's id ({@code ed_…}), a research office's ({@code org_…}), or {@code operator} (the
     *                command line's withdrawal)
     * @param draftId the draft it was done on; empty for a withdrawal (of the published notice, not a draft)
     * @param detail  what: the file's format and size, the JSON Pointers a person set, what the publication changed
     */
    public record Entry(Instant at, String action, String by, String draftId, String detail) {
    }

    /**
     * Appends an entry to the notice's record, after every entry already there: the next number in the record's
     * order (one {@code Query} for the last, then a {@code PutItem} on the condition that the number is still free;
     * a concurrent append makes it take the next one).
     */
    public void append(String noticeId, Entry entry) {
        for (int attempt = 0; ; attempt++) {
            List<Map<String, AttributeValue>> last = dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk(noticeId)))).scanIndexForward(false).limit(1)
                    .consistentRead(true)).items();
            long next = last.isEmpty() ? 1 : Long.parseLong(last.get(0).get(CutoffTable.SK).s()) + 1;
            Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(pk(noticeId), String.format("%010d", next)));
            item.put("at", s(entry.at().toString()));
            item.put("action", s(entry.action()));
            item.put("by", s(entry.by()));
            item.put("draftId", s(entry.draftId()));
            item.put("detail", s(entry.detail()));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
                return;
            } catch (ConditionalCheckFailedException taken) {
                if (attempt >= 9) {
                    throw taken;
                }
            }
        }
    }

    /** The notice's record, oldest first: one {@code Query} (paginated). */
    public List<Entry> entries(String noticeId) {
        return Items.queryAll(dynamo, QueryRequest.builder().tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(pk(noticeId)))).consistentRead(true))
                .stream().map(i -> new Entry(Items.instant(i, "at"), Items.str(i, "action"), Items.str(i, "by"),
                        Items.str(i, "draftId"), Items.str(i, "detail"))).toList();
    }

    private static String pk(String noticeId) {
        return "AUDIT#" + noticeId;
    }
}
