package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The only {@code Scan}s in Cutoff, for an operator's maintenance command ({@code ./cutoff subscribers check}), never
 * for a function (no role may {@code Scan}; every request path is a {@code GetItem} or a {@code Query}). Subscribers
 * are found by their address through {@code EMAIL#<sha256>}, which names one subscriber: the subscribers stored for
 * one address beside it (before that item was the arbiter) can be found only by reading them all. Each Scan reads
 * the whole table, page by page (1 MB a page), and costs what the table's size costs to read.
 */
public final class SubscriberScan {
    private final DynamoDbClient dynamo;
    private final String table;

    public SubscriberScan(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * Every subscriber of its own (registered by no research office: without a {@code SUB#<id>} / {@code #ORG} item; and
     * not merged into another, {@link SubscriberStore#markMerged}), by normalised address, the addresses in no particular
     * order and each one's subscribers in the order read. One Scan.
     */
    public Map<String, List<Subscriber>> individualsByAddress() {
        List<Map<String, AttributeValue>> subscribers = new ArrayList<>();
        Set<String> staff = new HashSet<>();
        scan("begins_with(#pk, :sub) AND (#sk = :subscriber OR #sk = :org)", Map.of("#pk", CutoffTable.PK, "#sk", CutoffTable.SK),
                Map.of(":sub", s("SUB#"), ":subscriber", s(CutoffTable.SUBSCRIBER_SK), ":org", s(CutoffTable.SUBSCRIBER_OFFICE_SK)),
                item -> {
                    if (CutoffTable.SUBSCRIBER_OFFICE_SK.equals(str(item, CutoffTable.SK))) {
                        staff.add(str(item, CutoffTable.PK));
                    } else {
                        subscribers.add(item);
                    }
                });
        Map<String, List<Subscriber>> byAddress = new HashMap<>();
        for (Map<String, AttributeValue> item : subscribers) {
            if (!staff.contains(str(item, CutoffTable.PK)) && !item.containsKey("mergedInto")) {
                Subscriber s = SubscriberStore.read(item);
                byAddress.computeIfAbsent(Subscriber.normalise(s.email()), k -> new ArrayList<>()).add(s);
            }
        }
        return byAddress;
    }

    /** The hashes of the MANAGE tokens (the links in emails) of {@code subscriberIds}, by subscriber id. One Scan. */
    public Map<String, List<String>> manageTokensOf(Set<String> subscriberIds) {
        Map<String, List<String>> tokens = new HashMap<>();
        scan("begins_with(#pk, :token) AND kind = :manage", Map.of("#pk", CutoffTable.PK),
                Map.of(":token", s("TOKEN#"), ":manage", s(TokenStore.Kind.MANAGE.name())), item -> {
                    String id = str(item, "subscriberId");
                    if (subscriberIds.contains(id)) {
                        tokens.computeIfAbsent(id, k -> new ArrayList<>()).add(str(item, "tokenHash"));
                    }
                });
        return tokens;
    }

    private void scan(String filter, Map<String, String> names, Map<String, AttributeValue> values,
                      java.util.function.Consumer<Map<String, AttributeValue>> each) {
        dynamo.scanPaginator(ScanRequest.builder().tableName(table).filterExpression(filter).expressionAttributeNames(names)
                .expressionAttributeValues(values).consistentRead(true).build()).items().forEach(each);
    }
}
