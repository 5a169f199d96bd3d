package cutoff.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import cutoff.handler.FeedHandler;
import cutoff.handler.OfficeAuthorizer;
import cutoff.handler.NoticeUploadHandler;
import cutoff.handler.OfficeHandler;
import cutoff.handler.Routes;
import cutoff.app.Config;
import cutoff.ingest.Ingestion;
import cutoff.dispatch.StaffQueue;
import cutoff.app.Wiring;
import cutoff.logging.LogText;
import cutoff.handler.SubscriptionHandler;
import cutoff.handler.WebHandler;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.notice.Topic;
import cutoff.dispatch.Dispatcher;
import cutoff.store.CutoffTable;
import cutoff.store.Dynamo;
import cutoff.store.EditorStore;
import cutoff.upload.Editors;
import cutoff.store.NoticeStore;
import cutoff.testing.DynamoLocalServer;
import cutoff.testing.S3StandIn;
import cutoff.testing.SesStandIn;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * {@code ./cutoff demo}: Cutoff on this machine. Starts DynamoDB Local (data kept in a folder, telemetry
 * off) and the SES stand-in ({@code aws-ses-v2-local}, its web page shows what was sent), creates the
 * table, ingests the shipped notice records, serves the same handlers that run on Lambda at
 * {@code http://127.0.0.1:PORT} (each request turned into an API Gateway HTTP API v2 event), and runs
 * the dispatcher on a timer. Everything listens on 127.0.0.1 only. Stops cleanly on Ctrl-C or SIGTERM;
 * killed with {@code kill -9}, it still takes the SES stand-in with it (DynamoDB Local runs in this JVM).
 *
 * <p>Options: {@code --port 8080}, {@code --dynamodb-port 8000}, {@code --ses-port 8005}, {@code --chat-port} (the chat
 * stand-in, {@code --chat-local infra/chat-local}, with a demo office's robot; any free port unless given),
 * {@code --data .cutoff/dynamodb}, {@code --notices infra/local/notices}, {@code --dispatch-every 60}
 * (seconds), {@code --now 2026-05-27T08:31:00Z} (the stack's clock starts there and runs on; the shipped
 * notices are past, so this is how to see their reminders), {@code --ses-local infra/ses-local} (the SES
 * stand-in's folder: its wrapper script and node_modules), {@code --s3-port 0} (the S3 stand-in's port, any free one by
 * default: the presigned URLs and the review page's policy name it), {@code --s3-local infra/s3-local}. Local-only routes: {@code GET /local/clock},
 * {@code POST /local/clock?now=...}, {@code POST /local/dispatch}.
 */
public final class DemoStack {
    static final String TABLE = "cutoff-local";
    /** The JDK server's threads: each runs one handler at a time (DynamoDB Local and the SES stand-in calls block). */
    static final int SERVER_THREADS = 16;

    private DemoStack() {
    }

    /** A clock that runs with real time from a settable start; shared by every handler here. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void set(Instant now) {
            offset = Duration.between(Instant.now(), now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /**
     * Standard output for log lines: each line printed is {@link LogText#neutral}, so a notice title, a
     * path or an SES message with CR, LF or another control character cannot end the line and forge the
     * next, and a bidirectional override cannot hide what it says.
     */
    static final class LogLines extends PrintStream {
        LogLines(OutputStream to) {
            super(to, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            super.println(LogText.neutral(line));
        }

        @Override
        public void println(Object line) {
            println(String.valueOf(line));
        }
    }

    /**
     * {@code java.util.logging}'s lines through {@code handler} (the console: the handlers' own records,
     * a failure's stack trace) as {@link LogText#neutral} makes them, one line a record, as the functions'
     * JSON lines are: a message or an exception's text with CR or LF cannot start a line of its own.
     */
    static void oneLineEach(java.util.logging.Handler handler) {
        java.util.logging.Formatter formatter = handler.getFormatter();
        handler.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return LogText.neutral(formatter.format(r).stripTrailing()) + System.lineSeparator();
            }
        });
    }

    /**
     * Runs the stack; any failure to start (bad option, a port taken, a stand-in that would not start)
     * ends the process with one line saying why. {@code System.exit}, not a return: DynamoDB Local's and
     * the HTTP server's threads would otherwise keep a half-started demo alive; the SES stand-in exits by
     * itself when this JVM goes.
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cutoff demo: " + LogText.neutral(e.getMessage()));
            System.exit(2);
        } catch (Exception e) {
            System.err.println("cutoff demo did not start: " + LogText.neutral(e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        PrintStream out = new LogLines(System.out);
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            oneLineEach(h);
        }
        Map<String, String> opts = options(args);
        int port = number(opts, "--port", 8080);
        int dynamoPort = number(opts, "--dynamodb-port", 8000);
        int sesPort = number(opts, "--ses-port", 8005);
        // Any free port unless given: the demo prints the stand-in's page address.
        int chatPort = opts.containsKey("--chat-port") ? number(opts, "--chat-port", 0) : 0;
        int dispatchEvery = number(opts, "--dispatch-every", 60);
        int challengeBits = number(opts, "--challenge-bits", 0);
        Path data = Path.of(opts.getOrDefault("--data", ".cutoff/dynamodb"));
        Path notices = Path.of(opts.getOrDefault("--notices", "infra/local/notices"));
        Path sesLocal = Path.of(opts.getOrDefault("--ses-local", "infra/ses-local"));
        int s3Port = number(opts, "--s3-port", 0);
        Path s3Local = Path.of(opts.getOrDefault("--s3-local", "infra/s3-local"));
        String base = "http://127.0.0.1:" + port;
        MovableClock clock = new MovableClock();
        if (opts.containsKey("--now")) {
            try {
                clock.set(Instant.parse(opts.get("--now")));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--now takes a UTC instant such as 2026-05-27T08:31:00Z, not " + opts.get("--now"));
            }
        }
        Files.createDirectories(data);

        // The stand-ins, through the launchers the tests use (functions/cutoff's cutoff.testing): both on
        // 127.0.0.1 only; the SES stand-in exits with this JVM even on kill -9, replaces one a killed demo
        // left on its port (saying so), and a failure to start carries its own output.
        DynamoDBProxyServer dynamoServer = DynamoLocalServer.start(dynamoPort, "-dbPath", data.toString(), "-sharedDb");
        String endpoint = "http://127.0.0.1:" + dynamoPort;
        // What SES GetAccount answers locally: 14 messages per second, as a new production account.
        SesStandIn ses = SesStandIn.start(sesLocal, sesPort, SesStandIn.account(14), message -> out.println(stamp() + " " + message));
        String sesEndpoint = ses.endpoint();
        // The chat stand-in (WeCom, DingTalk, Feishu/Lark robots), with the demo office's robot: a signed DingTalk one.
        // infra/chat-local: beside the SES stand-in's folder unless --chat-local names it.
        Path chatLocal = Path.of(opts.getOrDefault("--chat-local", sesLocal.toAbsolutePath().getParent().resolve("chat-local").toString()));
        cutoff.testing.ChatStandIn chat = cutoff.testing.ChatStandIn.start(chatLocal, chatPort,
                List.of("dingtalk:" + DEMO_ROBOT + ":" + DEMO_ROBOT_SECRET), message -> out.println(stamp() + " chat stand-in: " + message));
        // The S3 stand-in (s3rver behind a SigV4 check): notice files over 4 MiB, PUT by the review page with a presigned
        // URL (its bucket's CORS rule lets this origin alone PUT), then read into a draft by the upload function.
        S3StandIn s3 = S3StandIn.start(s3Local, s3Port, "cutoff-uploads", base, message -> out.println(stamp() + " " + message));
        Config.Uploads uploadBucket = new Config.Uploads(s3.bucket(), "us-east-1", s3.endpoint());

        DynamoDbClient dynamo = Dynamo.client("us-east-1", endpoint);
        CutoffTable.createIfMissing(dynamo, TABLE);
        Config config = Config.local(TABLE, endpoint, sesEndpoint, "reminders@cutoff.local", base);
        config = config.withSubscriptionLimits(config.subscribeBurst(), config.subscribePerHour(), config.confirmationsPerDay(),
                challengeBits).withChatEndpoint(chat.endpoint());
        // As a warm function: the feeds' and pages' notice reads kept for a few seconds (NoticeStore.cachingReads).
        Wiring wiring = new Wiring(config, clock, dynamo, null).withNoticeReadCache(NoticeStore.READ_STALENESS);
        NoticeStore store = wiring.notices();
        out.println("DynamoDB Local  " + endpoint + "  (data in " + data.toAbsolutePath() + ", table " + TABLE + ")");
        out.println("SES stand-in    " + sesEndpoint + "  (open it in a browser to read the emails sent)");
        out.println("Chat stand-in   " + chat.pageUrl() + "  (open it in a browser to read the group-chat posts)");
        out.println("S3 stand-in     " + s3.endpoint() + "  (bucket " + s3.bucket() + ": notice files over 4 MiB, PUT with a presigned URL)");
        try (Stream<Path> files = Files.list(notices)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Ingestion.Outcome outcome = wiring.ingestion().ingest(NoticeJson.read(Files.readAllBytes(file)));
                out.println("ingested        " + file.getFileName() + ": " + outcome.result().summary());
            }
        }

        Dispatcher dispatcher = wiring.dispatcher();
        StaffQueue staffQueue = wiring.staffQueue();
        FeedHandler feeds = new FeedHandler(wiring);
        OfficeHandler offices = new OfficeHandler(wiring);
        SubscriptionHandler subscriptions = new SubscriptionHandler(wiring);
        WebHandler web = new WebHandler(wiring, uploadBucket);

        // The JDK's server on a port of its own, behind the front on --port (TargetFront: targets it would refuse).
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The front hands over whole requests (TargetFront.body): a thread here waits on the handler, never on a client.
        http.setExecutor(Executors.newFixedThreadPool(SERVER_THREADS));
        http.createContext("/feeds/", exchange -> serve(exchange, e -> feeds.handleRequest(e, null), clock));
        http.createContext("/status", exchange -> serve(exchange, e -> feeds.handleRequest(e, null), clock));
        http.createContext("/subscriptions", exchange -> serve(exchange, e -> subscriptions.handleRequest(e, null), clock));
        // "/orgs" itself too: GET /orgs answers the key's own office.
        // Behind the office-key authorizer, as deployed (template.yaml's OfficeKey): local answers are the deployment's.
        OfficeAuthorizer authorizer = new OfficeAuthorizer(wiring.officeStore(), new EditorStore(wiring.dynamo(), TABLE));
        OfficeKeyGate officeGate = new OfficeKeyGate(authorizer, e -> offices.handleRequest(e, null));
        http.createContext("/orgs", exchange -> serve(exchange, officeGate, clock));
        // Notice files in, drafts back (the notice-upload function, behind the same office keys).
        NoticeUploadHandler uploads = new NoticeUploadHandler(wiring, uploadBucket);
        OfficeKeyGate uploadGate = new OfficeKeyGate(authorizer, e -> uploads.handleRequest(e, null));
        http.createContext("/notices", exchange -> serve(exchange, uploadGate, clock));
        http.createContext("/local/", exchange -> local(exchange, clock, dispatcher, staffQueue, wiring.chatPosts(), out));
        // The web pages: /, /calls/…, /office, /review…, /assets/… (anything else is the web function's 404 page).
        http.createContext("/", exchange -> serve(exchange, e -> web.handleRequest(e, null), clock));
        http.start();
        TargetFront front = new TargetFront(port, http.getAddress().getPort());

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(() -> dispatch(dispatcher, staffQueue, wiring.chatPosts(), out, "timer"), dispatchEvery, dispatchEvery, TimeUnit.SECONDS);

        out.println();
        out.println("Calls           " + base + "/   (open this first: find a call, add it to a calendar, get reminders)");
        out.println("Office          " + base + "/office   (a research office's page, signed in with its key)");
        out.println("Review          " + base + "/review   (a notice file in for review and publishing, signed in with an editor's or office's key)");
        out.println("Subscribe       " + base + "/subscriptions   (a page with every topic)");
        out.println("Clock           " + clock.instant() + (opts.containsKey("--now") ? " (from --now)" : ""));
        out.println("Dispatcher      every " + dispatchEvery + " s; now: curl -X POST " + base + "/local/dispatch");
        out.println("Move the clock  curl -X POST '" + base + "/local/clock?now=2026-05-27T08:31:00Z'");
        out.println("Offices         a research office and its key (shown once):");
        out.println("                  ./cutoff org create --name '示例大学科研处' --email-domain example.edu.cn --table " + TABLE
                + " --endpoint " + endpoint);
        out.println("                upload its staff (infra/local/staff-sample.csv), then list them:");
        out.println("                  curl -H \"Authorization: Bearer $KEY\" -H 'Content-Type: text/csv' --data-binary "
                + "@infra/local/staff-sample.csv " + base + "/orgs/$ORG/staff");
        out.println("                  curl -H \"Authorization: Bearer $KEY\" " + base + "/orgs/$ORG/staff");
        out.println("                welcome emails go out with the next dispatch (curl -X POST " + base + "/local/dispatch)");
        out.println("                an internal deadline, 3 days before each cutoff at 16:30 Beijing time (staff feeds, reminders,");
        out.println("                one \"changed\" email each with the next dispatch), and the office's own feed URL:");
        out.println("                  curl -X PUT -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' "
                + "-d '{\"before\":\"P3D\",\"at\":\"16:30\"}' " + base + "/orgs/$ORG/internal-deadlines");
        out.println("                  curl -H \"Authorization: Bearer $KEY\" " + base + "/orgs");
        out.println("                a notice file (PDF, DOCX, DOC, HTML or text) read into a draft for review, never published:");
        out.println("                  curl -H \"Authorization: Bearer $KEY\" --data-binary @notice.pdf " + base + "/notices");
        Editors.Created editor = new Editors(new EditorStore(wiring.dynamo(), TABLE), clock).create("演示编辑", null);
        // A research office made for this run, its group chat the stand-in's demo robot: its relays are posted there.
        cutoff.officeservice.Offices.Created demoOffice = wiring.offices().create("演示大学科研处", List.of("demo.example.edu.cn"));
        wiring.chatPosts().connect(demoOffice.office(), cutoff.chat.ChatWebhook.parse(
                "https://oapi.dingtalk.com/robot/send?access_token=" + DEMO_ROBOT, DEMO_ROBOT_SECRET));
        out.println("Chat office     " + demoOffice.office().id() + ", key " + demoOffice.apiKey() + " (made for this run), its group chat");
        out.println("                the stand-in's DingTalk robot: sign in on " + base + "/office with the key, post a test message,");
        out.println("                or publish a relay on " + base + "/review; the posts appear on " + chat.pageUrl());
        out.println("Editor          " + editor.editor().id() + ", key " + editor.key() + " (made for this run; more with");
        out.println("                ./cutoff editor create --name NAME --table " + TABLE + " --endpoint " + endpoint + "):");
        out.println("                a public notice in for review: curl -H 'Authorization: Bearer " + editor.key()
                + "' --data-binary @notice.pdf " + base + "/notices");
        out.println("                or on " + base + "/review with that key: the draft's dates highlighted, corrected, published");
        out.println("                a file over 4 MiB (to 10 MiB) as deployed: ask for a URL, PUT the file there, then make the draft:");
        out.println("                  curl -H 'Authorization: Bearer " + editor.key() + "' -H 'Content-Type: application/json' -d"
                + " \"{\\\"bytes\\\": $(stat -c %s notice.pdf)}\" " + base + "/notices/uploads     # {\"uploadId\", \"url\", …}");
        out.println("                  curl -T notice.pdf \"$URL\"; curl -X POST -H 'Authorization: Bearer " + editor.key() + "' "
                + base + "/notices/uploads/$UPLOAD_ID");
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
            out.println("stopping: dispatcher, HTTP front, SES and S3 stand-ins, DynamoDB Local");
            timer.shutdownNow();
            try {
                front.close();
            } catch (IOException e) {
                out.println("the HTTP front did not close cleanly: " + e.getMessage());
            }
            http.stop(1);
            ses.close();
            chat.close();
            s3.close();
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

    /** The demo office's chat robot on the chat stand-in (a DingTalk one, signed). */
    private static final String DEMO_ROBOT = "demoofficerobot0001";
    private static final String DEMO_ROBOT_SECRET = "SECdemo0123456789abcdef";

    private static void dispatch(Dispatcher dispatcher, StaffQueue staffQueue, cutoff.dispatch.ChatPosts chat, PrintStream out,
                                 String why) {
        try {
            String runId = why + "-" + System.nanoTime();
            Dispatcher.Report r = dispatcher.run(runId, () -> true);
            if (r.emails() + r.skipped() + r.failed() + r.cancelled() > 0) {
                out.println(stamp() + " dispatch (" + why + "): " + r);
            }
            // As DispatchHandler does: the research offices' staff queue after the reminders.
            StaffQueue.Report w = staffQueue.run(runId, () -> true);
            if (w.welcomed() + w.replanned() + w.skipped() + w.failed() > 0) {
                out.println(stamp() + " staff queue (" + why + "): " + w);
            }
            // Then the research offices' group-chat posts.
            cutoff.dispatch.ChatPosts.Report c = chat == null ? cutoff.dispatch.ChatPosts.Report.NONE : chat.run(runId, () -> true);
            if (c.sent() + c.throttled() + c.failed() > 0) {
                out.println(stamp() + " chat posts (" + why + "): " + c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println(stamp() + " dispatch failed: " + e);
        }
    }

    /** {@code /local/clock} and {@code /local/dispatch}: for trying reminders on past notices. */
    static void local(HttpExchange exchange, MovableClock clock, Dispatcher dispatcher, StaffQueue staffQueue, PrintStream out)
            throws IOException {
        local(exchange, clock, dispatcher, staffQueue, null, out);
    }

    /** As above, the dispatch posting the research offices' group-chat posts too ({@code chat}; {@code null}: none). */
    static void local(HttpExchange exchange, MovableClock clock, Dispatcher dispatcher, StaffQueue staffQueue,
                      cutoff.dispatch.ChatPosts chat, PrintStream out) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String answer;
        int status = 200;
        String method = exchange.getRequestMethod();
        // Methods are case-sensitive (RFC 9110 §9.1): "post" is no POST.
        String allow = path.equals("/local/clock") ? "GET, HEAD, POST" : path.equals("/local/dispatch") ? "POST" : null;
        if (allow != null && !List.of(allow.split(", ")).contains(method)) {
            exchange.getResponseHeaders().set("Allow", allow);
            status = 405;
            answer = method + " is not served here; use " + allow + "\n";
        } else if (path.equals("/local/clock")) {
            if ("POST".equals(exchange.getRequestMethod()) && query != null && query.startsWith("now=")) {
                try {
                    clock.set(Instant.parse(query.substring(4)));
                    out.println(stamp() + " clock moved to " + clock.instant());
                } catch (java.time.format.DateTimeParseException e) {
                    status = 400;
                }
            }
            answer = status == 400 ? "now= takes an ISO instant such as 2026-05-27T08:31:00Z\n" : clock.instant() + "\n";
        } else if (path.equals("/local/dispatch")) {
            dispatch(dispatcher, staffQueue, chat, out, "manual");
            answer = "dispatched at " + clock.instant() + "\n";
        } else {
            status = 404;
            answer = "local routes: GET|POST /local/clock[?now=...], POST /local/dispatch\n";
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** One HTTP request as API Gateway would hand it to the function. */
    static void serve(HttpExchange exchange, java.util.function.Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                      Clock clock) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        // The target as the client sent it, when the front had to make it a URI for the JDK (%zz, a lone %).
        String raw = headers.remove(TargetFront.RAW_TARGET.toLowerCase(Locale.ROOT));
        String target = raw != null ? new String(java.util.Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1)
                : exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        // As API Gateway does: route by the templates, a base64 body when it is not valid UTF-8.
        APIGatewayV2HTTPEvent event = Routes.event(exchange.getRequestMethod(), target, headers, null);
        if (isUtf8(requestBody)) {
            event.setBody(new String(requestBody, StandardCharsets.UTF_8));
        } else {
            event.setBody(java.util.Base64.getEncoder().encodeToString(requestBody));
            event.setIsBase64Encoded(true);
        }
        event.getRequestContext().getHttp().setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        event.getRequestContext().setTimeEpoch(clock.millis());

        APIGatewayV2HTTPResponse response;
        try {
            response = handler.apply(event);
        } catch (RuntimeException e) {
            response = internalError(e, System.err);
        }
        byte[] body = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                ? java.util.Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        if (response.getCookies() != null) {
            // As API Gateway does with payload 2.0's cookies: one Set-Cookie each.
            response.getCookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
        }
        boolean noBody = response.getStatusCode() == 304 || "HEAD".equals(exchange.getRequestMethod());
        if (noBody) {
            // HttpServer drops a handler's Content-Length for HEAD unless it is sent as the length.
            String length = response.getHeaders() == null ? null : response.getHeaders().get("Content-Length");
            exchange.sendResponseHeaders(response.getStatusCode(), length == null || response.getStatusCode() == 304 ? -1
                    : Long.parseLong(length));
        } else {
            exchange.sendResponseHeaders(response.getStatusCode(), body.length);
        }
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
        System.out.println(LogText.neutral(stamp() + " " + exchange.getRequestMethod() + " " + logPath(event.getRawPath()) + " "
                + response.getStatusCode()));
        exchange.close();
    }

    /**
     * What a handler's failure is answered with, as API Gateway answers a function that failed: 500 and
     * nothing of the failure but an id, {@code {"error":"internal error","requestId":"…"}}. The failure
     * goes to {@code log} under the same id (its stack trace, each line neutralised).
     */
    static APIGatewayV2HTTPResponse internalError(RuntimeException e, PrintStream log) {
        String requestId = java.util.UUID.randomUUID().toString();
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        trace.toString().lines().forEach(line -> log.println(stamp() + " " + requestId + " " + LogText.neutral(line)));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody("{\"error\":\"internal error\",\"requestId\":\"" + requestId + "\"}").build();
    }

    /** A run of this many token characters (base64url, base64) is taken for a secret: feed tokens, keys, manage tokens are 43. */
    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_+=-]{32,}");

    /**
     * A request path as the log shows it: the query left out (tokens), and each segment that is, or may
     * be, an address or a secret replaced by {@code …}, whatever route the path names or fails to name
     * ({@code /orgs/B/../A/staff/…}, {@code //staff/…}): a segment with {@code @} in any spelling
     * (percent-encoded any number of times, {@code ＠}), and one with a run of 32 or more token characters
     * (personal and office feed names, keys, tokens). Ids ({@code org_…}, topic ids) are shorter and stay.
     */
    static String logPath(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (secret(segments[i])) {
                segments[i] = "…";
            }
        }
        return String.join("/", segments);
    }

    private static boolean secret(String segment) {
        String s = segment;
        // Decoded as often as it is encoded (%2540 is %40 is @; %2525252540 too), until a round changes nothing: each
        // round that changes it shortens it, so this ends.
        while (s.indexOf('%') >= 0) {
            String decoded = java.net.URLDecoder.decode(s.replaceAll("%(?![0-9A-Fa-f]{2})", "%25").replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            if (decoded.equals(s)) {
                break;
            }
            s = decoded;
        }
        return s.indexOf('@') >= 0 || s.indexOf('\uFF20') >= 0 || s.indexOf('\uFE6B') >= 0 || SECRET.matcher(s).find();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String stamp() {
        return DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)).substring(0, 8) + "Z";
    }

    private static int number(Map<String, String> opts, String name, int otherwise) {
        String value = opts.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0 && n <= 65_535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " takes a whole number from 1 to 65535, not " + value);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: cutoff demo [--port 8080] [--dynamodb-port 8000] [--ses-port 8005] [--chat-port PORT] "
                        + "[--data .cutoff/dynamodb] [--notices infra/local/notices] [--dispatch-every 60] [--now INSTANT] "
                        + "[--ses-local infra/ses-local] [--chat-local infra/chat-local] [--s3-port 0] [--s3-local infra/s3-local]; not " + args[i]);
            }
            opts.put(args[i], args[++i]);
        }
        return opts;
    }
}
