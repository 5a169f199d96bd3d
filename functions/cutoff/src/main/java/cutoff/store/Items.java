package cutoff.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
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

    /** DynamoDB's limit on keys in one {@code BatchGetItem} call. */
    static final int MAX_BATCH_GET = 100;
    /** DynamoDB's limit on requests in one {@code BatchWriteItem} call. */
    static final int MAX_BATCH_WRITE = 25;

    /**
     * The items of {@code keys} that exist, read strongly consistent with {@code BatchGetItem} ({@value #MAX_BATCH_GET}
     * keys a call), asking again for what DynamoDB leaves unprocessed; by partition key.
     */
    static Map<String, Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> found = new java.util.HashMap<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET))).build());
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> req = request;
                BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(req));
                for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                    found.put(str(item, CutoffTable.PK), item);
                }
                request = r.hasUnprocessedKeys() && !r.unprocessedKeys().isEmpty() ? r.unprocessedKeys() : null;
            }
        }
        return found;
    }

    /**
     * The items of some ids that exist, read with {@link #batchGet}, each made a value: id → value, in the ids' order,
     * an id named twice read once, one without an item absent.
     *
     * @param key  an id's item key
     * @param pk   an id's partition key (what {@link #batchGet} answers by)
     * @param read an item → its value
     */
    static <T> Map<String, T> batchGetEach(DynamoDbClient dynamo, String table, java.util.Collection<String> ids,
                                           java.util.function.Function<String, Map<String, AttributeValue>> key,
                                           java.util.function.Function<String, String> pk,
                                           java.util.function.Function<Map<String, AttributeValue>, T> read) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        Map<String, Map<String, AttributeValue>> found = batchGet(dynamo, table, distinct.stream().map(key).toList());
        Map<String, T> result = new java.util.LinkedHashMap<>();
        for (String id : distinct) {
            Map<String, AttributeValue> item = found.get(pk.apply(id));
            if (item != null) {
                result.put(id, read.apply(item));
            }
        }
        return result;
    }

    /**
     * One {@code BatchWriteItem} of at most {@value #MAX_BATCH_WRITE} requests, asking again (after a short
     * backoff: unprocessed items mean throttling) for what DynamoDB leaves unprocessed.
     */
    static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> request = Map.of(table, batch);
        for (int attempt = 0; request != null && !request.isEmpty(); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 6)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing", e);
                }
            }
            Map<String, List<WriteRequest>> req = request;
            BatchWriteItemResponse r = dynamo.batchWriteItem(b -> b.requestItems(req));
            request = r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty() ? r.unprocessedItems() : null;
        }
    }

    /** Puts with {@code BatchWriteItem}, {@value #MAX_BATCH_WRITE} a call, one call after the other. */
    static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> all = items.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
        for (int from = 0; from < all.size(); from += MAX_BATCH_WRITE) {
            writeBatch(dynamo, table, all.subList(from, Math.min(all.size(), from + MAX_BATCH_WRITE)));
        }
    }

    /** The TTL attribute ({@code expiresAt}, epoch seconds) DynamoDB deletes expired items by. */
    static AttributeValue ttl(Instant at) {
        return n(at.getEpochSecond());
    }
}
