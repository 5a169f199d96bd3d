package cutoff.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import cutoff.mail.MailComposer;
import cutoff.mail.SesMailSender;
import cutoff.reminder.Dispatcher;
import cutoff.reminder.Pacer;
import cutoff.reminder.Sleeper;
import cutoff.store.Dynamo;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reminder dispatcher, run by an EventBridge Scheduler schedule ({@code ScheduleV2}, every 5
 * minutes). Any event body is accepted; the run id is the Lambda request id. It stops taking new work
 * when less than {@link #SAFETY_MILLIS} of the invocation remain; what is left goes to the next run.
 *
 * <p>Sending rate: {@code SEND_RATE_SHARE} (default 0.8) of SES's {@code MaxSendRate} from
 * {@code GetAccount}, or of {@code MAX_SEND_RATE} (default 1 per second) when SES does not say.
 */
public final class DispatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public static final String RATE_SHARE_ENV = "SEND_RATE_SHARE";
    public static final String MAX_RATE_ENV = "MAX_SEND_RATE";
    static final long SAFETY_MILLIS = 30_000;

    private final Dispatcher dispatcher;

    public DispatchHandler() {
        this(fromEnvironment());
    }

    public DispatchHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    private static Dispatcher fromEnvironment() {
        DynamoDbClient dynamo = Dynamo.fromEnvironment();
        String table = Dynamo.tableFromEnvironment();
        SesMailSender ses = SesMailSender.fromEnvironment();
        double share = parse(System.getenv(RATE_SHARE_ENV), 0.8);
        double rate = ses.maxSendRate().orElse(parse(System.getenv(MAX_RATE_ENV), 1.0)) * share;
        Clock clock = Clock.systemUTC();
        String base = System.getenv(SubscriptionHandler.BASE_URL_ENV);
        if (base == null || !base.startsWith("https://") && !base.startsWith("http://")) {
            throw new IllegalStateException(SubscriptionHandler.BASE_URL_ENV + " must be the public base URL for links in "
                    + "reminders (template.yaml sets it to the API's URL), not '" + base + "'");
        }
        return new Dispatcher(new ReminderStore(dynamo, table), new SubscriberStore(dynamo, table), ses,
                new MailComposer(base), new Pacer(rate, clock, Sleeper.THREAD),
                clock, Sleeper.THREAD, Dispatcher.Settings.DEFAULT);
    }

    private static double parse(String value, double fallback) {
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String runId = context != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        try {
            Dispatcher.Report r = dispatcher.run(runId,
                    () -> context == null || context.getRemainingTimeInMillis() > SAFETY_MILLIS);
            return Map.of("runId", runId, "emails", r.emails(), "remindersSent", r.remindersSent(), "skipped", r.skipped(),
                    "failed", r.failed(), "cancelled", r.cancelled(), "throttles", r.throttles(), "leftForLater", r.leftForLater());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dispatcher interrupted; claimed items are picked up after their lease", e);
        }
    }
}
