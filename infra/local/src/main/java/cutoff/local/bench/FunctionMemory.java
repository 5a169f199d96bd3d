package cutoff.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.handler.FeedHandler;
import cutoff.handler.OfficeAuthorizer;
import cutoff.handler.OfficeHandler;
import cutoff.handler.Routes;
import cutoff.handler.SubscriptionHandler;
import cutoff.handler.WebHandler;
import cutoff.app.Config;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.store.Dynamo;
import cutoff.store.NoticeStore;
import cutoff.testing.StaffFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * One function's handler in this JVM, under its benchmark's load, against a running local stack's DynamoDB
 * Local (and SES stand-in), so that what this JVM holds is the function's own: its peak heap, its live heap after the
 * last collection, and the process's peak resident set ({@code VmHWM}), which is what a Lambda's memory setting caps.
 * Run it with {@code -Xmx} at candidate sizes: a size that completes the load with few collections is enough.
 *
 * <p>Arguments: {@code FUNCTION} (feed, web, office, authorizer, subscription, bounce), the DynamoDB endpoint, the table,
 * the SES endpoint. Loads, from 8 threads: feed, every topic feed, notice feed and {@code all.ics} 20,000 requests,
 * half gzip; web, the calls page and every topic page, 4,000; office, a new office's 10,000-row staff upload
 * ({@code StaffFiles}, as {@code bench.sh upload}) then the same file again; authorizer, 20,000 decisions on a real
 * key; subscription, 1,000 subscription requests of distinct addresses; bounce, 2,000 permanent bounces
 * ({@code events/ses-bounce-permanent.json}) of those addresses. Prints one line.
 */
public final class FunctionMemory {
    private FunctionMemory() {
    }

    public static void main(String[] args) throws Exception {
        String function = args[0];
        String endpoint = args[1];
        String table = args[2];
        String ses = args.length > 3 ? args[3] : null;
        Config config = Config.local(table, endpoint, ses, "reminders@cutoff.local", "http://127.0.0.1:8080");
        config = config.withSubscriptionLimits(1000, 1e9, 1_000_000, 0);
        Wiring wiring = new Wiring(config, Clock.systemUTC(), Dynamo.client("us-east-1", endpoint), null)
                .withNoticeReadCache(NoticeStore.READ_STALENESS);
        List<Notice> notices = wiring.notices().notices();
        List<String> topics = notices.stream().flatMap(n -> n.topics().stream()).map(Topic::id).toList();
        Peak peak = new Peak();
        long t0 = System.nanoTime();
        switch (function) {
            case "feed" -> {
                FeedHandler feeds = new FeedHandler(wiring);
                List<String> paths = new ArrayList<>(topics.stream().map(t -> "/feeds/topics/" + t + ".ics").toList());
                notices.forEach(n -> paths.add("/feeds/notices/" + n.id() + ".ics"));
                paths.add("/feeds/all.ics");
                load(20_000, i -> feeds.handleRequest(Routes.event("GET", paths.get(i % paths.size()),
                        i % 2 == 0 ? Map.of("accept-encoding", "gzip") : Map.of(), null), null));
            }
            case "web" -> {
                WebHandler web = new WebHandler(wiring);
                List<String> paths = new ArrayList<>(topics.stream().map(t -> "/calls/" + t).toList());
                paths.add("/");
                paths.add("/?lang=en&past=1");
                load(4_000, i -> web.handleRequest(Routes.event("GET", paths.get(i % paths.size()), Map.of(), null), null));
            }
            case "office" -> {
                OfficeHandler office = new OfficeHandler(wiring);
                Offices.Created created = wiring.offices().create("基准大学科研处", StaffFiles.DOMAINS);
                String csv = StaffFiles.generate("memory", 10_000).csv();
                APIGatewayV2HTTPEvent upload = Routes.event("POST", "/orgs/" + created.office().id() + "/staff",
                        Map.of("authorization", "Bearer " + created.apiKey(), "content-type", "text/csv; charset=utf-8"), csv);
                upload.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(Map.of(OfficeAuthorizer.OFFICE_ID, created.office().id())).build());
                for (int round = 0; round < 2; round++) {
                    int status = office.handleRequest(upload, null).getStatusCode();
                    if (status != 200) {
                        throw new IllegalStateException("upload answered " + status);
                    }
                }
            }
            case "authorizer" -> {
                OfficeAuthorizer authorizer = new OfficeAuthorizer(wiring.officeStore());
                Offices.Created created = wiring.offices().create("基准大学科研处", StaffFiles.DOMAINS);
                Map<String, Object> event = Map.of("headers", Map.of("authorization", "Bearer " + created.apiKey()));
                load(20_000, i -> {
                    if (!Boolean.TRUE.equals(authorizer.handleRequest(event, null).get("isAuthorized"))) {
                        throw new IllegalStateException("the key was refused");
                    }
                });
            }
            case "subscription" -> {
                SubscriptionHandler subscriptions = new SubscriptionHandler(wiring);
                load(1_000, i -> subscriptions.handleRequest(Routes.event("POST", "/subscriptions",
                        Map.of("content-type", "application/json", "accept", "application/json"),
                        "{\"email\":\"memory" + i + "@example.edu.cn\",\"topics\":[\"" + topics.get(i % topics.size()) + "\"]}"), null));
            }
            case "bounce" -> {
                // events/ses-bounce-permanent.json's SES notification, one address of the subscription load's each time.
                String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(
                        Path.of("events/ses-bounce-permanent.json"))).path("Records").path(0).path("Sns").path("Message").asText();
                cutoff.handler.SesNotificationHandler bounces = new cutoff.handler.SesNotificationHandler(wiring.subscribers(), wiring.planner(), wiring.clock());
                load(2_000, i -> bounces.handleRequest(new com.amazonaws.services.lambda.runtime.events.SNSEvent().withRecords(List.of(
                        new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNSRecord().withSns(
                                new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNS().withMessageId("m" + i)
                                        .withMessage(message.replace("bounce@example.edu.cn", "memory" + (i % 1_000) + "@example.edu.cn"))))),
                        null));
            }
            default -> throw new IllegalArgumentException("no function " + function);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        peak.stop();
        long gcs = 0;
        long gcMillis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
        System.out.printf("%s: %.1f s; heap max %s, peak used %d MB, most live after a collection %d MB; non-heap committed %d MB; "
                        + "peak RSS (VmHWM) %d MB; %d collections, %d ms; load %s%n", function, seconds,
                Runtime.getRuntime().maxMemory() / (1 << 20) + " MB", peak.max.get() >> 20, peak.live.get() >> 20, nonHeap >> 20,
                hwm() >> 10, gcs, gcMillis, DispatchBench.load());
        System.exit(0);
    }

    /** Runs {@code n} calls from 8 threads; a failed call fails the run. */
    private static void load(int n, IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < n; i += 8) {
                        call.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The process's peak resident set, in kB ({@code VmHWM} of /proc/self/status); 0 where there is none. */
    private static long hwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return 0;
    }

    /** The most heap in use, sampled every 5 ms, and the most left in use after any collection (the live set). */
    private static final class Peak {
        final AtomicLong max = new AtomicLong();
        final AtomicLong live = new AtomicLong();
        private final Thread sampler;

        Peak() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                        long after = 0;
                        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            var usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                            if (pool.getType() == MemoryType.HEAP && usage != null) {
                                after += usage.getUsed();
                            }
                        }
                        live.accumulateAndGet(after, Math::max);
                    }
                }, null, null);
            }
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() {
            sampler.interrupt();
        }
    }
}
