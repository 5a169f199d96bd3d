package cutoff.testing;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local's HTTP server in this JVM, listening on 127.0.0.1 only. Used by the tests
 * ({@link LocalDynamo}) and by {@code ./cutoff demo}.
 *
 * <p>Why the reflection: DynamoDB Local 3.1.0 has no host option ({@code -help} lists none;
 * {@code DynamoDBProxyServer} builds {@code new org.eclipse.jetty.server.Server(port)}, which binds every
 * interface, {@code *:8000}). Its Jetty server is a private field; before {@code start()} its connector
 * still takes a host, so we set loopback there. If a later DynamoDB Local renames the field, this fails
 * loudly at start rather than quietly listening everywhere.
 */
public final class DynamoLocalServer {
    private DynamoLocalServer() {
    }

    /**
     * Starts DynamoDB Local on {@code 127.0.0.1:port}, telemetry off.
     *
     * @param storage {@code "-inMemory"}, or {@code "-dbPath", DIR} and any other options ({@code -sharedDb})
     */
    public static DynamoDBProxyServer start(int port, String... storage) throws Exception {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("DynamoDB Local's port must be 1-65535, not " + port);
        }
        List<String> args = new ArrayList<>(List.of(storage));
        args.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindLoopback(server);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on 127.0.0.1:" + port + ": " + rootMessage(e), e);
        }
        return server;
    }

    static void bindLoopback(DynamoDBProxyServer server) {
        Server jetty;
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            jetty = (Server) field.get(server);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot bind this DynamoDB Local to loopback (its Jetty server is not where "
                    + "3.1.0 keeps it): " + e, e);
        }
        int bound = 0;
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof AbstractNetworkConnector network) {
                network.setHost("127.0.0.1");
                bound++;
            }
        }
        if (bound == 0) {
            throw new IllegalStateException("DynamoDB Local has no network connector to bind to loopback");
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
