package cutoff.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.handler.OfficeHandler;
import cutoff.handler.Routes;
import cutoff.app.Config;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.notice.NoticeJson;
import cutoff.store.CutoffTable;
import cutoff.store.Dynamo;
import cutoff.testing.DynamoLocalServer;
import cutoff.testing.StaffFiles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * A research office's 10,000-row staff upload (50 rows malformed, {@link StaffFiles}) through
 * {@link OfficeHandler}, as API Gateway hands it over, against DynamoDB Local over HTTP (started here,
 * in memory) with the shipped notices loaded: the time of the handler call, on a new table each round
 * (every row new: the most writes), then the same file again (every row unchanged).
 *
 * <p>Then, with {@code SES_LOCAL} given, the staff queue's cost per welcome ({@link #welcomes}).
 *
 * <p>Or, with a rate given, the welcome emails of a 10,000-row upload through {@link #welcomeRate}: one staff-queue run
 * at that {@code MaxSendRate} through a stand-in for SES's rate limit.
 *
 * <p>Arguments: {@code NOTICES} (infra/local/notices), the number of rounds (default 5), optionally {@code SES_LOCAL}
 * (infra/ses-local), then optionally {@code RATE} (messages per second: the welcome rate instead of the per-welcome
 * cost). Prints one line a round.
 */
public final class UploadBench {
    private UploadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path notices = Path.of(args.length > 0 ? args[0] : "infra/local/notices");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path sesLocal = args.length > 2 ? Path.of(args[2]) : null;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DynamoDBProxyServer server = DynamoLocalServer.start(port, "-inMemory");
        try {
            DynamoDbClient dynamo = Dynamo.client("us-east-1", "http://127.0.0.1:" + port);
            StaffFiles.File file = StaffFiles.generate("bench", 10_000);
            System.out.printf("file: %,d rows, %,d bytes, %d malformed%n", 10_000, file.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    file.bad().size());
            List<Long> first = new ArrayList<>();
            List<Long> again = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String table = "bench-upload-" + round;
                CutoffTable.createIfMissing(dynamo, table);
                Wiring wiring = new Wiring(Config.local(table, null, null, "bench@cutoff.local", "https://cutoff.example"),
                        Clock.fixed(Instant.parse("2026-05-10T00:00:00Z"), ZoneOffset.UTC), dynamo, null);
                try (Stream<Path> files = Files.list(notices)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        wiring.ingestion().ingest(NoticeJson.read(Files.readAllBytes(f)));
                    }
                }
                Offices.Created office = wiring.offices().create("基准大学科研处", StaffFiles.DOMAINS);
                OfficeHandler api = new OfficeHandler(wiring);
                long t0 = System.nanoTime();
                APIGatewayV2HTTPResponse r = api.handleRequest(event(office, file.csv()), null);
                long t1 = System.nanoTime();
                APIGatewayV2HTTPResponse r2 = api.handleRequest(event(office, file.csv()), null);
                long t2 = System.nanoTime();
                first.add((t1 - t0) / 1_000_000);
                again.add((t2 - t1) / 1_000_000);
                System.out.printf("round %d: first upload %,d ms (%s), again %,d ms (%s)%n", round + 1, (t1 - t0) / 1_000_000,
                        r.getBody().substring(0, r.getBody().indexOf(",\"errors\"")), (t2 - t1) / 1_000_000,
                        r2.getBody().substring(0, r2.getBody().indexOf(",\"errors\"")));
            }
            if (args.length > 3) {
                welcomeRate(port, dynamo, notices, sesLocal, Double.parseDouble(args[3]));
                return;
            }
            welcomes(dynamo, notices, sesLocal);
            Collections.sort(first);
            Collections.sort(again);
            System.out.printf("10,000-row upload (9,950 stored): median %,d ms, min %,d ms, max %,d ms over %d rounds; "
                    + "the same file again (all unchanged): median %,d ms%n", first.get(rounds / 2), first.get(0), first.get(rounds - 1),
                    rounds, again.get(rounds / 2));
        } finally {
            server.stop();
        }
    }

    /**
     * The staff queue's cost per person, unpaced, against the SES stand-in: 1,000 new staff uploaded, then one
     * {@link cutoff.dispatch.StaffQueue} run (subscriber, memberships, reminder planning, two tokens, the send each).
     */
    static void welcomes(DynamoDbClient dynamo, Path notices, Path sesLocal) throws Exception {
        if (sesLocal == null) {
            return;
        }
        cutoff.testing.SesStandIn ses = cutoff.testing.SesStandIn.start(sesLocal, 0, cutoff.testing.SesStandIn.account(14), m -> { });
        try {
            String table = "bench-welcome";
            CutoffTable.createIfMissing(dynamo, table);
            cutoff.mail.SesMailSender sender = new cutoff.mail.SesMailSender(cutoff.mail.SesMailSender.client("us-east-1",
                    "http://127.0.0.1:" + ses.port()), "bench@cutoff.local", null);
            Wiring wiring = new Wiring(Config.local(table, null, null, "bench@cutoff.local", "https://cutoff.example"),
                    Clock.fixed(Instant.parse("2026-05-10T00:00:00Z"), ZoneOffset.UTC), dynamo, sender);
            try (Stream<Path> files = Files.list(notices)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    wiring.ingestion().ingest(NoticeJson.read(Files.readAllBytes(f)));
                }
            }
            Offices.Created office = wiring.offices().create("基准大学科研处", StaffFiles.DOMAINS);
            StaffFiles.File file = StaffFiles.generate("welcome", 1_000);
            new OfficeHandler(wiring).handleRequest(event(office, file.csv()), null);
            long t0 = System.nanoTime();
            cutoff.dispatch.StaffQueue.Report r = wiring.staffQueue(() -> 100_000).run("bench", () -> true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("staff queue, unpaced: %,d welcomed in %.1f s = %.1f ms each (%s)%n", r.welcomed(), seconds,
                    1000 * seconds / Math.max(1, r.welcomed()), r);
        } finally {
            ses.close();
        }
    }

    /**
     * The welcome emails of a 10,000-row upload (9,950 good rows) in one staff-queue run ({@link cutoff.dispatch.StaffQueue})
     * at the whole of a {@code MaxSendRate} (share 1.0), through {@link SesRateLimit} in front of the SES stand-in:
     * the achieved rate, throttles, and DynamoDB calls per welcome (subscriber, memberships, reminder planning, two
     * tokens, the claim and the finish).
     */
    static void welcomeRate(int dynamoPort, DynamoDbClient dynamo, Path notices, Path sesLocal, double maxSendRate) throws Exception {
        cutoff.testing.SesStandIn ses = cutoff.testing.SesStandIn.start(sesLocal, 0, cutoff.testing.SesStandIn.account(14), m -> { });
        try {
            String table = "bench-welcome-rate";
            CutoffTable.createIfMissing(dynamo, table);
            SesRateLimit limit = new SesRateLimit(new cutoff.mail.SesMailSender(cutoff.mail.SesMailSender.client("us-east-1",
                    "http://127.0.0.1:" + ses.port()), "bench@cutoff.local", null), maxSendRate);
            DynamoCalls calls = new DynamoCalls();
            Config config = Config.local(table, null, null, "bench@cutoff.local", "https://cutoff.example");
            Wiring wiring = new Wiring(config, Clock.systemUTC(), calls.client("http://127.0.0.1:" + dynamoPort), limit);
            try (Stream<Path> files = Files.list(notices)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    wiring.ingestion().ingest(NoticeJson.read(Files.readAllBytes(f)));
                }
            }
            Offices.Created office = wiring.offices().create("基准大学科研处", StaffFiles.DOMAINS);
            StaffFiles.File file = StaffFiles.generate("rate", 10_000);
            long u0 = System.nanoTime();
            new OfficeHandler(wiring).handleRequest(event(office, file.csv()), null);
            double upload = (System.nanoTime() - u0) / 1e9;
            calls.reset();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            cutoff.dispatch.StaffQueue.Report r = wiring.staffQueue(() -> maxSendRate).run("bench-rate", () -> true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double achieved = r.welcomed() / seconds;
            System.out.printf("welcome emails of a 10,000-row upload (uploaded in %.1f s): MaxSendRate %.0f/s, configured %.0f/s (share 1.0), "
                            + "concurrency up to %d (most in flight %d): %,d welcomed in %.1f s = %.1f/s = %.0f%% of configured "
                            + "(%.0f%% between first and last send), %d throttles; DynamoDB calls per welcome %s; CPU per welcome %.1f ms "
                            + "(this JVM: staff queue and DynamoDB Local); load %s%n", upload, maxSendRate, maxSendRate,
                    config.dispatchConcurrency(), r.mostInFlight(), r.welcomed(), seconds, achieved, 100 * achieved / maxSendRate,
                    100 * limit.sendingRate(r.welcomed()) / maxSendRate, limit.throttles.get(), calls.perEmail(r.welcomed()),
                    (os.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, r.welcomed()), DispatchBench.load());
        } finally {
            ses.close();
        }
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event(Offices.Created office, String csv) {
        return Routes.event("POST", "/orgs/" + office.office().id() + "/staff",
                Map.of("authorization", "Bearer " + office.apiKey(), "content-type", "text/csv; charset=utf-8"), csv);
    }
}
