package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.LocalDynamo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** {@link Items#transact} against DynamoDB Local, which refuses a call over 4 MB as DynamoDB does. */
class TransactionsIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();

    @Test
    void aHundredItemsOf45Kb_areAllWritten_whereOneCallOfThemIsRefused() {
        String table = LocalDynamo.newTable(dynamo);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                    CutoffTable.PK, AttributeValue.fromS("BIG#" + i), CutoffTable.SK, AttributeValue.fromS("S"),
                    "text", AttributeValue.fromS("a".repeat(45_000)))).build()).build());
        }
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
        assertTrue(refused.getMessage().contains("4MB"), refused.getMessage());

        Items.transact(dynamo, writes, null);

        for (int i = 0; i < 100; i += 33) {
            String key = "BIG#" + i;
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(CutoffTable.PK, AttributeValue.fromS(key), CutoffTable.SK, AttributeValue.fromS("S")))).item();
            assertEquals(45_000, item.get("text").s().length(), key);
        }
        assertEquals(100, dynamo.scanPaginator(b -> b.tableName(table).select("COUNT")).stream()
                .mapToInt(page -> page.count()).sum(), "every item, over the scan's 1 MB pages");
    }
}
