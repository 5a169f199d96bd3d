package cutoff.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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

    /** The TTL attribute ({@code expiresAt}, epoch seconds) DynamoDB deletes expired items by. */
    static AttributeValue ttl(Instant at) {
        return n(at.getEpochSecond());
    }
}
