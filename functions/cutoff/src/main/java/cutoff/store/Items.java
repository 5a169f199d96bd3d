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
     * The most bytes of items ({@link #writeBytes}) one {@code TransactWriteItems} call carries here. DynamoDB refuses a
     * call whose items add up to more than 4 MB ("Transaction payload size cannot exceed 4MB", DynamoDB Local alike:
     * it counted 4.23 MB where this estimate counts 4.5); the room left is for the condition expressions' own text. A
     * write this limit cuts in two is no longer all or nothing, so the limit stays as near DynamoDB's as is safe.
     */
    static final int MAX_TRANSACTION_BYTES = 3_900_000;
    /** DynamoDB's limit on one item: 400 KB of attribute names and values. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    /**
     * Writes in {@code TransactWriteItems} calls of at most {@value #MAX_TRANSACTION_ITEMS} items and
     * {@value #MAX_TRANSACTION_BYTES} bytes ({@link #transactions}): each call all or nothing.
     *
     * @param onCancelled turns a cancelled chunk (a condition failed) into the caller's exception, given
     *                    the index of the chunk's first item; {@code null} to rethrow as is
     */
    static void transact(DynamoDbClient dynamo, List<TransactWriteItem> writes,
                         java.util.function.BiFunction<Integer, TransactionCanceledException, RuntimeException> onCancelled) {
        transactAll(dynamo, transactions(writes, 0, 0), onCancelled);
    }

    /**
     * Sends each list as one {@code TransactWriteItems} call, in order: each all or nothing, and a cancelled one ends the
     * writing (the later ones are not sent).
     *
     * @param onCancelled as {@link #transact}; the index given counts the items of the calls before
     */
    static void transactAll(DynamoDbClient dynamo, List<List<TransactWriteItem>> transactions,
                            java.util.function.BiFunction<Integer, TransactionCanceledException, RuntimeException> onCancelled) {
        int from = 0;
        for (List<TransactWriteItem> chunk : transactions) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(chunk));
            } catch (TransactionCanceledException e) {
                throw onCancelled == null ? e : onCancelled.apply(from, e);
            }
            from += chunk.size();
        }
    }

    /**
     * {@code writes} cut, in order, into transactions that leave room for {@code reservedItems} more items of
     * {@code reservedBytes} in all (a caller's own items added to each, such as feed stamps): each at most
     * {@value #MAX_TRANSACTION_ITEMS} - {@code reservedItems} writes and {@value #MAX_TRANSACTION_BYTES} -
     * {@code reservedBytes} bytes ({@link #writeBytes}); a write larger than that alone (DynamoDB's items hold at most
     * 400 KB) is a transaction of its own.
     *
     * @throws ItemTooLargeException when a put's item is larger than DynamoDB takes ({@value #MAX_ITEM_BYTES} bytes):
     *                               found before anything is sent, so that a write of several transactions is not
     *                               left half done by its last one
     */
    static List<List<TransactWriteItem>> transactions(List<TransactWriteItem> writes, int reservedItems, int reservedBytes) {
        // Every write's size first (each item measured once): a put too large is refused before any transaction is made.
        int[] sizes = new int[writes.size()];
        for (int i = 0; i < writes.size(); i++) {
            TransactWriteItem w = writes.get(i);
            sizes[i] = w.put() != null ? checkFits(w.put().item()) + valuesBytes(w.put().expressionAttributeValues()) : writeBytes(w);
        }
        int mostItems = MAX_TRANSACTION_ITEMS - reservedItems;
        int mostBytes = MAX_TRANSACTION_BYTES - reservedBytes;
        List<List<TransactWriteItem>> result = new ArrayList<>();
        List<TransactWriteItem> current = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < writes.size(); i++) {
            TransactWriteItem w = writes.get(i);
            int size = sizes[i];
            if (!current.isEmpty() && (current.size() == mostItems || bytes + size > mostBytes)) {
                result.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(w);
            bytes += size;
        }
        if (!current.isEmpty()) {
            result.add(current);
        }
        return result;
    }

    /**
     * The item's size ({@link #itemBytes}), when it fits DynamoDB's item.
     *
     * @throws ItemTooLargeException when the item is larger than DynamoDB takes ({@value #MAX_ITEM_BYTES} bytes); the
     *                               message names it by its keys and says that nothing was written
     */
    static int checkFits(Map<String, AttributeValue> item) {
        int bytes = itemBytes(item);
        if (bytes > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException("the item " + str(item, CutoffTable.PK) + " " + str(item, CutoffTable.SK)
                    + " would take " + bytes / 1024 + " KB, more than DynamoDB's " + MAX_ITEM_BYTES / 1024
                    + " KB; nothing was written", str(item, CutoffTable.SK));
        }
        return bytes;
    }

    /**
     * An item's size as DynamoDB counts it, near enough for the limits here: each attribute's name and value (strings
     * as UTF-8, numbers as written, binary as its bytes, lists and maps with their contents and 1 byte an element).
     */
    static int itemBytes(Map<String, AttributeValue> item) {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += utf8(e.getKey()) + valueBytes(e.getValue());
        }
        return bytes;
    }

    private static int valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return v.n().length();
        }
        if (v.b() != null) {
            return v.b().asByteArrayUnsafe().length;
        }
        if (v.hasL()) {
            int bytes = 3;
            for (AttributeValue e : v.l()) {
                bytes += 1 + valueBytes(e);
            }
            return bytes;
        }
        if (v.hasM()) {
            return 3 + itemBytes(v.m()) + v.m().size();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(Items::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(String::length).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToInt(b -> b.asByteArrayUnsafe().length).sum();
        }
        return 1; // BOOL, NULL
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** A write's bytes toward {@link #MAX_TRANSACTION_BYTES}: a put's item, else the key, and the expressions' values. */
    static int writeBytes(TransactWriteItem w) {
        if (w.put() != null) {
            return itemBytes(w.put().item()) + valuesBytes(w.put().expressionAttributeValues());
        }
        if (w.update() != null) {
            return itemBytes(w.update().key()) + valuesBytes(w.update().expressionAttributeValues());
        }
        if (w.delete() != null) {
            return itemBytes(w.delete().key()) + valuesBytes(w.delete().expressionAttributeValues());
        }
        if (w.conditionCheck() != null) {
            return itemBytes(w.conditionCheck().key()) + valuesBytes(w.conditionCheck().expressionAttributeValues());
        }
        return 0;
    }

    private static int valuesBytes(Map<String, AttributeValue> values) {
        return values == null ? 0 : itemBytes(values);
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
