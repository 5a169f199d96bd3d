package cutoff.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Small helpers for reading and writing item attributes. */
final class Items {
    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? null : v.s();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static final java.time.format.DateTimeFormatter SORTABLE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /**
     * An instant as fixed-width UTC text with milliseconds ({@code 2026-05-27T08:30:00.000Z}), for sort
     * keys and string comparisons: {@link Instant#toString()} drops zero fractions, and
     * {@code 08:30:00Z} sorts after {@code 08:30:00.5Z}.
     */
    static String sortable(Instant t) {
        return SORTABLE.format(t);
    }

    /** Every item a {@code Query} matches, following {@code LastEvaluatedKey} page by page. */
    static List<Map<String, AttributeValue>> queryAll(DynamoDbClient dynamo, QueryRequest.Builder request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(request.exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** DynamoDB's limit on items in one {@code TransactWriteItems} call. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * Writes in {@code TransactWriteItems} calls of at most {@value #MAX_TRANSACTION_ITEMS} items: each
     * chunk all or nothing.
     *
     * @param onCancelled turns a cancelled chunk (a condition failed) into the caller's exception, given
     *                    the index of the chunk's first item; {@code null} to rethrow as is
     */
    static void transact(DynamoDbClient dynamo, List<TransactWriteItem> writes,
                         java.util.function.BiFunction<Integer, TransactionCanceledException, RuntimeException> onCancelled) {
        for (int from = 0; from < writes.size(); from += MAX_TRANSACTION_ITEMS) {
            List<TransactWriteItem> chunk = writes.subList(from, Math.min(writes.size(), from + MAX_TRANSACTION_ITEMS));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(chunk));
            } catch (TransactionCanceledException e) {
                throw onCancelled == null ? e : onCancelled.apply(from, e);
            }
        }
    }

    /** The TTL attribute ({@code expiresAt}, epoch seconds) DynamoDB deletes expired items by. */
    static AttributeValue ttl(Instant at) {
        return n(at.getEpochSecond());
    }
}
