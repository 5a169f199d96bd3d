package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A key holder's key replaced or revoked, for every kind of holder (a research office, an editor): the holder's item
 * keeps {@code keyHash} and {@code keyIssuedAt} (or {@code keyRevokedAt}); a key item leads from the hash to the holder.
 */
final class KeyRotation {
    private KeyRotation() {
    }

    /**
     * The old key's item deleted and the new one's put, with the holder's item, in one transaction conditional on the
     * key read: a concurrent rotation makes this one fail rather than leave two live keys. The old key stops working
     * at once.
     *
     * @param holder     the holder's item as read
     * @param keyOfHash  a key item's primary key, by the key's hash
     * @param keyItem    the new key's item, by its hash
     * @param newKeyHash the new key's hash, or {@code null} to revoke (no key at all)
     */
    static void replace(DynamoDbClient dynamo, String table, Map<String, AttributeValue> holder,
                        Function<String, Map<String, AttributeValue>> keyOfHash,
                        Function<String, Map<String, AttributeValue>> keyItem, String newKeyHash, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        String old = str(holder, "keyHash");
        if (old != null) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(keyOfHash.apply(old)).build()).build());
        }
        Map<String, AttributeValue> updated = new HashMap<>(holder);
        if (newKeyHash == null) {
            updated.remove("keyHash");
            updated.put("keyRevokedAt", s(now.toString()));
        } else {
            updated.put("keyHash", s(newKeyHash));
            updated.put("keyIssuedAt", s(now.toString()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(keyItem.apply(newKeyHash)).build()).build());
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(updated)
                .conditionExpression(old == null ? "attribute_not_exists(keyHash)" : "keyHash = :old")
                .expressionAttributeValues(old == null ? null : Map.of(":old", s(old))).build()).build());
        Items.transact(dynamo, writes, null);
    }
}
