package cutoff.local.bench;

import cutoff.notice.DeadlineKind;
import cutoff.mail.SesMailSender;
import cutoff.notice.Window;
import cutoff.app.Config;
import cutoff.dispatch.Dispatcher;
import cutoff.app.Wiring;
import cutoff.reminder.Reminder;
import cutoff.store.CutoffTable;
import cutoff.store.Dynamo;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.testing.DynamoLocalServer;
import cutoff.testing.SesStandIn;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * The dispatcher against the local stack at scale: N confirmed subscribers each with a planned reminder,
 * 1,000 of them due now and the rest spread over the next 60 days; one run must find and send the
 * 1,000. Run with N = 100,000 and N = 10,000: the times should be about equal, since the dispatcher
 * reads only the due index. Then the achieved send rate against a configured rate, through a stand-in
 * for SES's own rate limit (SES throttles above MaxSendRate; aws-ses-v2-local does not), at MaxSendRate
 * 50/s and 200/s, with concurrent sends and, for comparison, one at a time.
 *
 * <p>Arguments: {@code SES_LOCAL} (infra/ses-local: the SES stand-in's folder), then {@code rate} to measure only the
 * send rate at share 1.0 (after a warm-up round; optionally how many rounds, default 3, and the concurrency, default 32). Every rate line
 * gives the DynamoDB calls per email (load-independent) and the machine's load average. Prints one line per measurement.
 */
public final class DispatchBench {
    static final Instant NOW = Instant.parse("2026-05-27T08:30:00Z");

    private DispatchBench() {
    }

    public static void main(String[] args) throws Exception {
        // BENCH_DYNAMODB_PORT and BENCH_SES_PORT, when set, name the ports (for several people on one machine).
        int dynamoPort = port("BENCH_DYNAMODB_PORT") == 0 ? freePort() : port("BENCH_DYNAMODB_PORT");
        DynamoDBProxyServer server = DynamoLocalServer.start(dynamoPort, "-inMemory");
        SesStandIn ses = SesStandIn.start(Path.of(args[0]), port("BENCH_SES_PORT"), SesStandIn.account(14), System.out::println);
        int sesPort = ses.port();
        try {
            DynamoDbClient dynamo = Dynamo.client("us-east-1", "http://127.0.0.1:" + dynamoPort);
            SesMailSender sender = new SesMailSender(SesMailSender.client("us-east-1", "http://127.0.0.1:" + sesPort),
                    "bench@cutoff.local", null);
            // 10,000 first doubles as the JVM's warm-up; 100,000 second, then 10,000 again for comparison.
            boolean rateOnly = args.length > 1 && args[1].equals("rate");
            for (int subscribers : rateOnly ? new int[0] : new int[] {10_000, 100_000, 10_001}) {
                String table = "bench-" + subscribers;
                CutoffTable.createIfMissing(dynamo, table);
                long t0 = System.nanoTime();
                populate(dynamo, table, subscribers, 1_000);
                long loaded = System.nanoTime();
                ReminderStore reminders = new ReminderStore(dynamo, table);
                long f0 = System.nanoTime();
                int found = reminders.due(ReminderStore.bucket(NOW), NOW).size();
                long f1 = System.nanoTime();
                Dispatcher dispatcher = new Wiring(config(table), Clock.fixed(NOW, java.time.ZoneOffset.UTC), dynamo, sender)
                        .dispatcher(10_000);
                long d0 = System.nanoTime();
                Dispatcher.Report report = dispatcher.run("bench-" + subscribers, () -> true);
                long d1 = System.nanoTime();
                System.out.printf("%,d subscribers planned (loaded in %.0f s): found %,d due in %.0f ms; one run sent %,d emails "
                                + "(%,d reminders) in %.1f s, %d throttles, %d left, most in flight %d, p95 %d ms%n", subscribers, (loaded - t0) / 1e9,
                        found, (f1 - f0) / 1e6, report.emails(), report.remindersSent(), (d1 - d0) / 1e9, report.throttles(),
                        report.leftForLater(), report.mostInFlight(), report.p95Latency().toMillis());
            }
            if (rateOnly) {
                // The target only (share 1.0, the deployed concurrency 32), several rounds after a warm-up
                // round (the JVM's JIT; a Lambda container's first run has the same cost).
                int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
                int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
                sendRate(dynamoPort, dynamo, sender, 50, 1.0, 100, concurrency, "warm-up");
                for (int round = 1; round <= rounds; round++) {
                    for (double maxSendRate : new double[] {50, 200}) {
                        sendRate(dynamoPort, dynamo, sender, maxSendRate, 1.0, (int) (maxSendRate * 10), concurrency, "round " + round);
                    }
                }
                return;
            }
            // The send rate against SES's own limit, at MaxSendRate 50/s and 200/s: with the whole account
            // (share 1.0: the target, 95% of MaxSendRate), at the deployed share (0.8), and one email
            // at a time (concurrency 1, as before) for comparison. About 10 s of sending each.
            for (double maxSendRate : new double[] {50, 200}) {
                for (double share : new double[] {1.0, 0.8}) {
                    sendRate(dynamoPort, dynamo, sender, maxSendRate, share, (int) (maxSendRate * share * 10), 32, "");
                }
                if (maxSendRate > 100) {
                    // 32 is the deployed default; the local stack's latency grows with load, 64 is the most allowed.
                    sendRate(dynamoPort, dynamo, sender, maxSendRate, 1.0, (int) (maxSendRate * 10), 64, "");
                }
                sendRate(dynamoPort, dynamo, sender, maxSendRate, 1.0, (int) (maxSendRate * 5), 1, "");
            }
        } finally {
            ses.close();
            server.stop();
        }
    }

    /**
     * Achieved rate: {@code due} reminders sent at {@code share} of a {@code maxSendRate}, through a sender
     * that throttles like SES (a token bucket of one second's worth at {@code maxSendRate}), with at most
     * {@code concurrency} recipients in flight.
     */
    static void sendRate(int dynamoPort, DynamoDbClient dynamo, SesMailSender ses, double maxSendRate, double share, int due,
                         int concurrency, String label) throws Exception {
        String table = "bench-rate-" + (int) maxSendRate + "-" + (int) (share * 100) + "-" + concurrency + "-" + label.replace(' ', '-');
        CutoffTable.createIfMissing(dynamo, table);
        populate(dynamo, table, due, due);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
        SesRateLimit sesRateLimit = new SesRateLimit(ses, maxSendRate);
        DynamoCalls calls = new DynamoCalls();
        double configured = maxSendRate * share;
        Dispatcher dispatcher = new Wiring(config(table).withDispatchConcurrency(concurrency), clock,
                calls.client("http://127.0.0.1:" + dynamoPort), sesRateLimit).dispatcher(configured);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long[] gc0 = gc();
        long t0 = System.nanoTime();
        Dispatcher.Report r = dispatcher.run("rate", () -> true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuPerEmail = (os.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, r.emails());
        long[] gc1 = gc();
        double achieved = r.emails() / seconds;
        // Between the first and the last accepted send: the pacing alone, without finding the due items.
        double sending = sesRateLimit.sendingRate(r.emails());
        System.out.printf("send rate%s: MaxSendRate %.0f/s, configured %.0f/s (share %.1f), concurrency up to %d (most in flight %d, p95 %d ms): "
                        + "%d/%d sent in %.1f s = %.1f/s = %.0f%% of configured (%.0f%% between first and last send), "
                        + "%d throttles, %d left; first send after %.2f s; DynamoDB calls per email %s; CPU per email %.1f ms "
                        + "(this JVM: dispatcher and DynamoDB Local); load %s; most sends in any 1 s %d, in one clock second %d; "
                        + "per email: DynamoDB %s, SES stand-in %.1f ms; GC %d collections, %d ms%n",
                label.isEmpty() ? "" : " (" + label + ")",
                maxSendRate, configured, share, concurrency, r.mostInFlight(),
                r.p95Latency() == null ? -1 : r.p95Latency().toMillis(), r.emails(), due,
                seconds, achieved, 100 * achieved / configured, 100 * sending / configured, sesRateLimit.throttles.get(), r.leftForLater(),
                (sesRateLimit.firstSend.get() - t0) / 1e9, calls.perEmail(r.emails()), cpuPerEmail, load(),
                sesRateLimit.mostInAnySecond(), sesRateLimit.mostInAClockSecond(), calls.millisPerEmail(r.emails()),
                sesRateLimit.sesNanos.get() / 1e6 / Math.max(1, r.emails()), gc1[0] - gc0[0], gc1[1] - gc0[1]);
    }

    /** Collections so far and their milliseconds, all collectors. */
    static long[] gc() {
        long n = 0;
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
            ms += Math.max(0, b.getCollectionTime());
        }
        return new long[] {n, ms};
    }

    /** The machine's 1-minute load average (other work on a shared machine slows the local stack). */
    static String load() {
        return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The bench's configuration: a table on the bench's DynamoDB Local (the client is passed in). */
    private static Config config(String table) {
        return Config.local(table, null, null, "bench@cutoff.local", "https://cutoff.example");
    }

    /** N confirmed subscribers with one pending 7-day reminder each; {@code dueNow} of them due at NOW. */
    static void populate(DynamoDbClient dynamo, String table, int subscribers, int dueNow) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int from = 0; from < subscribers; from += 12) {
            int start = from;
            jobs.add(pool.submit(() -> {
                List<WriteRequest> batch = new ArrayList<>();
                for (int i = start; i < Math.min(subscribers, start + 12); i++) {
                    String id = String.format("bench%07d-%s", i, table);
                    Instant due = i < dueNow ? NOW.minusSeconds(i % 300) : NOW.plus(Duration.ofMinutes(10 + (i * 7L) % 86_400));
                    batch.add(put(subscriberItem(id)));
                    batch.add(put(reminderItem(id, due)));
                }
                Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
                while (!unprocessed.isEmpty()) {
                    Map<String, List<WriteRequest>> request = unprocessed;
                    unprocessed = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                return null;
            }));
        }
        for (Future<?> j : jobs) {
            j.get();
        }
        pool.shutdown();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static Map<String, AttributeValue> subscriberItem(String id) {
        Instant joined = NOW.minus(Duration.ofDays(10));
        return SubscriberStore.item(new Subscriber(id, id + "@example.edu.cn", "zh", List.of("2026-8-304af3-t1"),
                LeadTime.DEFAULTS, Subscriber.Status.CONFIRMED, joined, joined, joined, null));
    }

    private static Map<String, AttributeValue> reminderItem(String id, Instant due) {
        Instant deadline = due.plus(Duration.ofDays(7));
        return ReminderStore.item(new Reminder(id, "2026-8-304af3-t1-closes@cutoff", "P7D", Reminder.Kind.REMINDER, due,
                Reminder.Status.PENDING, "2026-8-304af3", "2026-8-304af3-t1", DeadlineKind.CLOSES, deadline,
                LocalDate.ofInstant(deadline, Window.BEIJING), Window.BEIJING, "申报截止 Cutoff · 专题一 国际联合研究重点项目",
                null, null, null));
    }

    /** The port an environment variable names, or 0 (any free port). */
    private static int port(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
