package cutoff.testing;

import cutoff.store.CutoffTable;
import cutoff.store.Dynamo;
import java.io.IOException;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local over HTTP on loopback, in this JVM, started once for all tests (in memory, telemetry off), so
 * tests talk to the real engine through the same SDK path as the deployed functions. With
 * {@code -Dcutoff.stack=localstack} (the localstack profile) it is LocalStack's DynamoDB instead.
 */
public final class LocalDynamo {
    private static DynamoDBProxyServer server;
    private static String endpoint;

    private LocalDynamo() {
    }

    /** The endpoint, starting the server on a free loopback port the first time. */
    public static synchronized String endpoint() {
        if (endpoint == null && StackChoice.localstack()) {
            endpoint = StackChoice.localstackEndpoint();
        }
        if (endpoint == null) {
            try {
                int port = Ports.free();
                server = DynamoLocalServer.start(port, "-inMemory");
                endpoint = "http://127.0.0.1:" + port;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("no free port for DynamoDB Local", e);
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
            }
        }
        return endpoint;
    }

    public static DynamoDbClient client() {
        return Dynamo.client("us-east-1", endpoint());
    }

    /** A new, empty table with Cutoff's schema; its name is unique so tests do not share data. */
    public static String newTable(DynamoDbClient client) {
        String name = "cutoff-test-" + UUID.randomUUID();
        CutoffTable.createIfMissing(client, name);
        return name;
    }
}
