package cutoff.testing;

import cutoff.handler.FeedHandler;
import cutoff.handler.SubscriptionHandler;
import cutoff.app.Config;
import cutoff.dispatch.Dispatcher;
import cutoff.dispatch.ReminderPlanner;
import cutoff.subscription.SubscriptionService;
import cutoff.app.Wiring;
import cutoff.mail.MailSender;
import cutoff.mail.SesMailSender;
import cutoff.notice.Notice;
import cutoff.store.NoticeStore;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import cutoff.subscriber.Subscriber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cutoff wired by its composition root ({@link Wiring}) as on Lambda, against DynamoDB Local (a new
 * table) and the SES stand-in, with a clock the test moves. Waits (dispatcher pacing and backoff, the
 * subscription response floor) move the clock instead of sleeping.
 */
public final class TestStack {
    public static final String BASE_URL = "https://cutoff.example";
    public final DynamoDbClient dynamo = LocalDynamo.client();
    public final String table = LocalDynamo.newTable(dynamo);
    public final MutableClock clock;
    public final Config config;
    public final SesMailSender ses;
    public final NoticeStore notices;
    public final SubscriberStore subscribers;
    public final ReminderStore reminders;
    public final ReminderPlanner planner;
    private final Wiring wiring;

    public TestStack(Instant now) {
        this(now, c -> c);
    }

    /** As above, with the local configuration changed by {@code configure} (e.g. other subscription limits). */
    public TestStack(Instant now, java.util.function.UnaryOperator<Config> configure) {
        clock = new MutableClock(now);
        config = configure.apply(Config.local(table, LocalDynamo.endpoint(), LocalSes.endpoint(), "reminders@cutoff.example", BASE_URL));
        ses = Wiring.sesSender(config);
        wiring = wiring(ses);
        notices = wiring.notices();
        subscribers = wiring.subscribers();
        reminders = wiring.reminders();
        planner = wiring.planner();
    }

    /** The composition root over this stack's table and clock, sending through {@code mail}. */
    public Wiring wiring(MailSender mail) {
        return new Wiring(config, clock, dynamo, mail, clock::advance);
    }

    public Wiring wiring() {
        return wiring;
    }

    /** Parts on the same table and SES stand-in, reading another clock (one that ticks on its own, say). */
    public Wiring wiring(Clock other) {
        return new Wiring(config, other, dynamo, ses, clock::advance);
    }

    /** Ingests the shipped notice records (and plans for their subscribers, as the CLI does). */
    public TestStack withShippedNotices() throws Exception {
        for (Notice n : Project.shippedNotices()) {
            wiring.ingestion().ingest(n);
        }
        return this;
    }

    public FeedHandler feeds() {
        return new FeedHandler(wiring);
    }

    public SubscriptionService subscriptions(MailSender mail) {
        return wiring(mail).subscriptions();
    }

    public SubscriptionHandler subscriptionApi() {
        return new SubscriptionHandler(wiring);
    }

    /** A dispatcher on the stand-in (or another sender) at a rate, whose waits advance the test clock. */
    public Dispatcher dispatcher(MailSender mail, double ratePerSecond) {
        return wiring(mail).dispatcher(ratePerSecond);
    }

    /** As above, with dispatcher settings of its own (concurrency, first latency estimate). */
    public Dispatcher dispatcher(MailSender mail, double ratePerSecond, Dispatcher.Settings settings) {
        return wiring(mail).dispatcher(() -> ratePerSecond, settings);
    }

    public Dispatcher dispatcher() {
        return dispatcher(ses, 1_000);
    }

    /**
     * The crash seam: the stand-in, except that the {@code nth} send (counting from 1) throws after SES took
     * the email, as a function killed between the send and recording it.
     */
    public MailSender diesAfterSesTook(int nth) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return email -> {
            String id = ses.send(email);
            if (calls.incrementAndGet() == nth) {
                throw new IllegalStateException("killed after SES took it");
            }
            return id;
        };
    }

    /** The confirmation link's token in a confirmation email. */
    public static final Pattern CONFIRM = Pattern.compile("/subscriptions/confirm\\?token=([A-Za-z0-9_-]{43})");

    /** The token of the latest confirmation email to an address, as the SES stand-in stored it. */
    public static String confirmToken(String email) {
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        for (int i = mail.size() - 1; i >= 0; i--) {
            Matcher m = CONFIRM.matcher(mail.get(i).text());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no confirmation email to " + email);
    }

    /** Subscribes and confirms through {@code service}, as a person following the email would. */
    public static Subscriber subscribed(SubscriptionService service, String email, String language, String... topics)
            throws cutoff.subscription.InvalidRequestException {
        service.subscribe(new SubscriptionService.Request(email, List.of(topics), List.of(), language, List.of()), BASE_URL);
        return service.confirm(confirmToken(email)).orElseThrow(() -> new AssertionError("confirmation refused")).subscriber();
    }

    /** A fresh address for one test, so tests sharing the stand-in's store do not see each other's mail. */
    public static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.edu.cn";
    }

    private static final java.util.concurrent.atomic.AtomicInteger SOURCES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The event as API Gateway would hand it over from {@code sourceIp} ({@code requestContext.http.sourceIp},
     * what the subscription rate limit counts by).
     */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent from(String sourceIp,
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent e) {
        e.getRequestContext().getHttp().setSourceIp(sourceIp);
        return e;
    }

    /**
     * The event from an address no other request in this JVM came from, so its rate-limit bucket is its
     * own: for tests of something else than the limit.
     */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent fromNewSource(
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent e) {
        int n = SOURCES.incrementAndGet();
        return from("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255), e);
    }

    public void advance(Duration d) {
        clock.advance(d);
    }
}
