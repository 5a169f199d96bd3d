package cutoff.local.bench;

import cutoff.store.Dynamo;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor under the feed function's cold start (docs/speed-coldstart.md): only the AWS SDK's part of it.
 * Builds the DynamoDB client exactly as the functions do ({@link Dynamo#client}), then makes the two calls a topic
 * feed makes: a {@code GetItem} (the notice's feed stamp, {@code NOTICE#id / #FEED}) and a {@code Query} on the
 * notice's partition, and exits. No handler, no routes, no logging, no deadlines, no iCalendar.
 *
 * <p>Environment as {@link ColdStart}: {@code CUTOFF_TABLE}, {@code DYNAMODB_ENDPOINT}, {@code AWS_REGION}.
 * Argument: the notice id (e.g. {@code 2023-4-82277d}). Prints the item counts; exit 0 when the partition has items.
 */
public final class SdkFloor {
    private SdkFloor() {
    }

    public static void main(String[] args) {
        String table = System.getenv("CUTOFF_TABLE");
        DynamoDbClient dynamo = Dynamo.client(System.getenv("AWS_REGION"), System.getenv("DYNAMODB_ENDPOINT"));
        String pk = "NOTICE#" + args[0];
        var stamp = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("#FEED"))));
        var items = dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
        System.out.println((stamp.hasItem() ? 1 : 0) + " stamp, " + items.count() + " items");
        System.exit(items.count() > 0 ? 0 : 1);
    }
}
