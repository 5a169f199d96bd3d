package cutoff.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.dispatch.ReminderPlanner;
import cutoff.app.Wiring;
import cutoff.logging.JsonLog;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.Subscriber;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Reads SES bounce and complaint notifications delivered by SNS (the SES notification JSON in each
 * record's {@code Message}): a {@code Permanent} bounce or any complaint suppresses the address (its
 * subscriber gets no more email, pending reminders are cancelled); a {@code Transient} bounce changes
 * nothing. Other notification types are ignored. Addresses are not logged.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html">SES notification contents</a>
 */
public final class SesNotificationHandler implements RequestHandler<SNSEvent, String> {
    private static final Logger LOG = Logger.getLogger(SesNotificationHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubscriberStore subscribers;
    private final ReminderPlanner planner;
    private final Clock clock;

    /** Lambda's constructor: parts from the environment, once per container. */
    public SesNotificationHandler() {
        this(installLog());
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    private SesNotificationHandler(Wiring wiring) {
        this(wiring.subscribers(), wiring.planner(), wiring.clock());
    }

    public SesNotificationHandler(SubscriberStore subscribers, ReminderPlanner planner, Clock clock) {
        this.subscribers = subscribers;
        this.planner = planner;
        this.clock = clock;
    }

    @Override
    public String handleRequest(SNSEvent event, Context context) {
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            return handle(event);
        }
    }

    private String handle(SNSEvent event) {
        int suppressed = 0;
        int ignored = 0;
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            JsonNode n;
            try {
                n = JSON.readTree(record.getSNS().getMessage());
            } catch (IOException e) {
                LOG.warning("SNS message " + record.getSNS().getMessageId() + " is not JSON; ignored");
                ignored++;
                continue;
            }
            String type = n.path("notificationType").asText(n.path("eventType").asText());
            String reason;
            JsonNode recipients;
            if (type.equals("Bounce") && n.path("bounce").path("bounceType").asText().equals("Permanent")) {
                reason = "Bounce/Permanent/" + n.path("bounce").path("bounceSubType").asText();
                recipients = n.path("bounce").path("bouncedRecipients");
            } else if (type.equals("Complaint")) {
                reason = "Complaint/" + n.path("complaint").path("complaintFeedbackType").asText("unspecified");
                recipients = n.path("complaint").path("complainedRecipients");
            } else {
                ignored++;
                continue;
            }
            for (JsonNode r : recipients) {
                String email = r.path("emailAddress").asText();
                if (email.isEmpty()) {
                    continue;
                }
                subscribers.suppress(email, reason, clock.instant());
                subscribers.byEmail(email).map(Subscriber::id).ifPresent(id -> planner.cancelAll(id, "address suppressed: " + reason));
                suppressed++;
            }
        }
        String result = suppressed + " suppressed, " + ignored + " ignored";
        LOG.info("SES notifications: " + result);
        return result;
    }
}
