package cutoff.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import cutoff.api.FeedHandler;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.notice.Topic;
import cutoff.store.CutoffTable;
import cutoff.store.Dynamo;
import cutoff.store.IngestResult;
import cutoff.store.NoticeStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * {@code ./cutoff demo}: Cutoff on this machine. Starts DynamoDB Local (data kept in a folder,
 * telemetry off), creates the table, ingests the shipped notice records, and serves the same feed
 * handler that runs on Lambda at {@code http://127.0.0.1:PORT}, each request turned into an API Gateway
 * HTTP API (v2) event. Stops cleanly on Ctrl-C.
 *
 * <p>Options: {@code --port 8080}, {@code --dynamodb-port 8000}, {@code --data .cutoff/dynamodb},
 * {@code --notices infra/local/notices}.
 */
public final class LocalStack {
    static final String TABLE = "cutoff-local";

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> opts = options(args);
        int port = Integer.parseInt(opts.getOrDefault("--port", "8080"));
        int dynamoPort = Integer.parseInt(opts.getOrDefault("--dynamodb-port", "8000"));
        Path data = Path.of(opts.getOrDefault("--data", ".cutoff/dynamodb"));
        Path notices = Path.of(opts.getOrDefault("--notices", "infra/local/notices"));
        Files.createDirectories(data);

        DynamoDBProxyServer dynamoServer = ServerRunner.createServerFromCommandLineArgs(new String[] {
            "-dbPath", data.toString(), "-sharedDb", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
        dynamoServer.start();
        String endpoint = "http://127.0.0.1:" + dynamoPort;
        out.println("DynamoDB Local  " + endpoint + "  (data in " + data.toAbsolutePath() + ", table " + TABLE + ")");

        DynamoDbClient dynamo = Dynamo.client("us-east-1", endpoint);
        CutoffTable.createIfMissing(dynamo, TABLE);
        NoticeStore store = new NoticeStore(dynamo, TABLE, Clock.systemUTC());
        try (Stream<Path> files = Files.list(notices)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                IngestResult result = store.ingest(NoticeJson.read(Files.readAllBytes(file)));
                out.println("ingested        " + file.getFileName() + ": " + result.summary());
            }
        }

        FeedHandler handler = new FeedHandler(store);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", exchange -> serve(exchange, handler));
        http.start();

        String base = "http://127.0.0.1:" + port;
        out.println();
        out.println("Feeds (subscribe a calendar app to any of these):");
        out.println("  all calls   " + base + "/feeds/all.ics");
        for (Notice notice : store.notices()) {
            out.println("  notice      " + base + "/feeds/notices/" + notice.id() + ".ics   "
                    + (notice.documentNumber() != null ? notice.documentNumber() : notice.title()));
            for (Topic topic : notice.topics()) {
                out.println("    topic     " + base + "/feeds/topics/" + topic.id() + ".ics   " + topic.displayName());
            }
        }
        out.println();
        out.println("Ctrl-C stops the stack.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping: HTTP front, then DynamoDB Local");
            http.stop(1);
            dynamo.close();
            try {
                dynamoServer.stop();
            } catch (Exception e) {
                out.println("DynamoDB Local did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /** One HTTP request as API Gateway would hand it to the function. */
    static void serve(HttpExchange exchange, FeedHandler handler) throws IOException {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRawPath(exchange.getRequestURI().getRawPath());
        event.setRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        event.setHeaders(headers);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod());
        http.setPath(event.getRawPath());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        context.setHttp(http);
        context.setStage("$default");
        context.setTimeEpoch(Instant.now().toEpochMilli());
        event.setRequestContext(context);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        boolean noBody = response.getStatusCode() == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.getStatusCode(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)).substring(0, 8)
                + "Z " + exchange.getRequestMethod() + " " + event.getRawPath() + " " + response.getStatusCode());
        exchange.close();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: cutoff demo [--port 8080] [--dynamodb-port 8000] "
                        + "[--data .cutoff/dynamodb] [--notices infra/local/notices]; not " + args[i]);
            }
            opts.put(args[i], args[++i]);
        }
        return opts;
    }

}
