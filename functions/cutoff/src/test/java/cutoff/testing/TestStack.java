package cutoff.testing;

import cutoff.api.FeedHandler;
import cutoff.api.SubscriptionHandler;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.SesMailSender;
import cutoff.notice.Notice;
import cutoff.reminder.Dispatcher;
import cutoff.reminder.Pacer;
import cutoff.reminder.ReminderPlanner;
import cutoff.store.NoticeStore;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.SubscriptionService;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cutoff wired as on Lambda, against DynamoDB Local (a new table) and the SES stand-in, with a clock the
 * test moves. The dispatcher's pauses move the clock instead of sleeping.
 */
public final class TestStack {
    public static final String BASE_URL = "https://cutoff.example";
    public final DynamoDbClient dynamo = LocalDynamo.client();
    public final String table = LocalDynamo.newTable(dynamo);
    public final MutableClock clock;
    public final NoticeStore notices;
    public final SubscriberStore subscribers;
    public final ReminderStore reminders;
    public final ReminderPlanner planner;
    public final SesMailSender ses = new SesMailSender(SesMailSender.client("us-east-1", LocalSes.endpoint()),
            "reminders@cutoff.example", null);

    public TestStack(Instant now) {
        clock = new MutableClock(now);
        notices = new NoticeStore(dynamo, table, clock);
        subscribers = new SubscriberStore(dynamo, table);
        reminders = new ReminderStore(dynamo, table);
        planner = new ReminderPlanner(notices, subscribers, reminders, clock);
    }

    /** Ingests the shipped notice records (and plans for their subscribers, as the CLI does). */
    public TestStack withShippedNotices() throws Exception {
        for (Notice n : Project.shippedNotices()) {
            planner.afterIngest(notices.ingest(n));
        }
        return this;
    }

    public FeedHandler feeds() {
        return new FeedHandler(notices, subscribers, clock);
    }

    public SubscriptionService subscriptions(MailSender mail) {
        return new SubscriptionService(notices, subscribers, planner, mail, clock);
    }

    public SubscriptionHandler subscriptionApi() {
        return new SubscriptionHandler(subscriptions(ses), BASE_URL);
    }

    /** A dispatcher on the stand-in (or another sender) at a rate, whose waits advance the test clock. */
    public Dispatcher dispatcher(MailSender mail, double ratePerSecond) {
        return new Dispatcher(reminders, subscribers, mail, new MailComposer(BASE_URL),
                new Pacer(ratePerSecond, clock, clock::advance), clock, clock::advance, Dispatcher.Settings.DEFAULT);
    }

    public Dispatcher dispatcher() {
        return dispatcher(ses, 1_000);
    }

    /** A fresh address for one test, so tests sharing the stand-in's store do not see each other's mail. */
    public static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.edu.cn";
    }

    public void advance(Duration d) {
        clock.advance(d);
    }
}
