package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.subscriber.OwnChoices;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A subscriber's own choices ({@link OwnChoices}): {@code SUB#<id>} / {@code #OWN}, beside the subscriber item, so
 * that whatever writes the subscriber keeps them.
 */
public final class ChoiceStore implements ChoiceReads {
    private final DynamoDbClient dynamo;
    private final String table;

    public ChoiceStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** A subscriber's own choices ({@link OwnChoices#NONE} when it made none): one {@code GetItem}. */
    public OwnChoices of(String subscriberId) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(key(subscriberId)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? read(r.item()) : OwnChoices.NONE;
    }

    /** The own choices of subscribers that made some, by id: one {@code BatchGetItem} per 100. */
    public Map<String, OwnChoices> of(Collection<String> subscriberIds) {
        return Items.batchGetEach(dynamo, table, subscriberIds, ChoiceStore::key, CutoffTable::subscriberPk, ChoiceStore::read);
    }

    /** Stores a subscriber's own choices (one {@code PutItem}). */
    public void save(String subscriberId, OwnChoices choices) {
        Map<String, AttributeValue> item = new HashMap<>(key(subscriberId));
        if (choices.language() != null) {
            item.put("language", s(choices.language()));
        }
        if (choices.leadTimes() != null) {
            item.put("leadTimes", AttributeValue.fromL(choices.leadTimes().stream().map(Items::s).toList()));
        }
        item.put("dropped", AttributeValue.fromL(choices.dropped().stream().map(Items::s).toList()));
        item.put("added", AttributeValue.fromL(choices.added().stream().map(Items::s).toList()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static OwnChoices read(Map<String, AttributeValue> item) {
        return new OwnChoices(str(item, "language"),
                item.containsKey("leadTimes") ? item.get("leadTimes").l().stream().map(AttributeValue::s).toList() : null,
                item.containsKey("dropped") ? item.get("dropped").l().stream().map(AttributeValue::s).toList() : List.of(),
                item.containsKey("added") ? item.get("added").l().stream().map(AttributeValue::s).toList() : List.of());
    }

    private static Map<String, AttributeValue> key(String subscriberId) {
        return CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.OWN_SK);
    }
}
