package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How writes are cut into {@code TransactWriteItems} calls ({@link Items#transactions}): DynamoDB takes at most 100
 * items and 4 MB of them in one call, and refuses the whole call otherwise. Held over generated writes of every size up
 * to an item's 400 KB and every number of items and bytes a caller keeps for its own.
 */
class TransactionsTest {

    private static TransactWriteItem put(int i, int bytes) {
        return TransactWriteItem.builder().put(Put.builder().tableName("t").item(Map.of(
                "PK", AttributeValue.fromS("P#" + i), "SK", AttributeValue.fromS("S"), "x", AttributeValue.fromS("a".repeat(bytes))))
                .build()).build();
    }

    @Test
    void everyWriteOnce_inOrder_noTransactionOverEitherLimit_andNoneCutEarly() {
        Random random = new Random(20261208);
        for (int round = 0; round < 120; round++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            int count = random.nextInt(250);
            int most = random.nextInt(4) == 0 ? 400_000 : random.nextInt(4) == 0 ? 60_000 : 2_000;
            for (int i = 0; i < count; i++) {
                writes.add(put(i, random.nextInt(most)));
            }
            int reservedItems = random.nextInt(3);
            int reservedBytes = random.nextInt(3) * 4_096;
            List<List<TransactWriteItem>> transactions = Items.transactions(writes, reservedItems, reservedBytes);
            assertEquals(writes, transactions.stream().flatMap(List::stream).toList(), "every write once, in order");
            for (int t = 0; t < transactions.size(); t++) {
                List<TransactWriteItem> tx = transactions.get(t);
                long bytes = tx.stream().mapToLong(Items::writeBytes).sum();
                assertTrue(!tx.isEmpty() && tx.size() <= 100 - reservedItems, "items: " + tx.size());
                assertTrue(bytes <= Items.MAX_TRANSACTION_BYTES - reservedBytes || tx.size() == 1, "bytes: " + bytes);
                if (t + 1 < transactions.size()) {
                    // Cut only where the next write would not have fitted.
                    long next = Items.writeBytes(transactions.get(t + 1).get(0));
                    assertTrue(tx.size() == 100 - reservedItems || bytes + next > Items.MAX_TRANSACTION_BYTES - reservedBytes,
                            "cut early at " + tx.size() + " items, " + bytes + " bytes");
                }
            }
        }
    }

    @Test
    void aHundredWritesOf45Kb_goInTwoCalls_asDynamoDbWouldRefuseOne() {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(put(i, 45_000));
        }
        List<List<TransactWriteItem>> transactions = Items.transactions(writes, 0, 0);
        assertEquals(2, transactions.size());
        assertEquals(86, transactions.get(0).size(), "3,900,000 bytes hold 86 writes of 45,000 and their keys");
    }

    @Test
    void aPutOverAnItemsLimit_isRefusedBeforeAnyTransaction_namingIt() {
        List<TransactWriteItem> writes = List.of(put(1, 1_000), put(2, 400 * 1024), put(3, 1_000));
        ItemTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(ItemTooLargeException.class,
                () -> Items.transactions(writes, 0, 0));
        assertEquals("the item P#2 S would take 400 KB, more than DynamoDB's 400 KB; nothing was written", e.getMessage());
        assertEquals("S", e.sortKey());
        assertEquals(1, Items.transactions(List.of(put(1, 400 * 1024 - 20)), 0, 0).size(), "an item just under the limit goes");
    }

    @Test
    void itemBytes_countNamesAndValues_asDynamoDbSizesThem() {
        assertEquals(1 + 3, Items.itemBytes(Map.of("a", AttributeValue.fromS("abc"))));
        assertEquals(1 + 6, Items.itemBytes(Map.of("a", AttributeValue.fromS("申报"))), "UTF-8");
        assertEquals(1 + 4, Items.itemBytes(Map.of("n", AttributeValue.fromN("1234"))));
        assertEquals(1 + 1, Items.itemBytes(Map.of("b", AttributeValue.fromBool(true))));
        assertEquals(1 + 5, Items.itemBytes(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[5])))));
        assertEquals(1 + 3 + (1 + 2) + (1 + 3), Items.itemBytes(Map.of("l",
                AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromS("abc"))))));
        assertEquals(1 + 3 + (2 + 3) + 1, Items.itemBytes(Map.of("m", AttributeValue.fromM(Map.of("kk", AttributeValue.fromS("abc"))))));
        assertEquals(1 + 5, Items.itemBytes(Map.of("s", AttributeValue.fromSs(List.of("ab", "abc")))));
    }

    @Test
    void writeBytes_ofAnUpdateOrACheck_areItsKeyAndValues() {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("P#1"), "SK", AttributeValue.fromS("S"));
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName("t").key(key)
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x".repeat(100)))).build()).build();
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("t").key(key)
                .conditionExpression("attribute_exists(PK)").build()).build();
        assertEquals(2 + 3 + 2 + 1 + 2 + 100, Items.writeBytes(update));
        assertEquals(2 + 3 + 2 + 1, Items.writeBytes(check));
    }
}
