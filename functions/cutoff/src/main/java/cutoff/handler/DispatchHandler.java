package cutoff.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import cutoff.dispatch.Dispatcher;
import cutoff.dispatch.StaffQueue;
import cutoff.app.Wiring;
import cutoff.logging.JsonLog;
import java.util.Map;
import java.util.UUID;

/**
 * The reminder dispatcher, run by an EventBridge Scheduler schedule ({@code ScheduleV2}, every 5
 * minutes). Any event body is accepted; the run id is the Lambda request id. It stops taking new work
 * when less than {@link #SAFETY_MILLIS} of the invocation remain (asked before each recipient and before
 * each send, from the run's threads); what is left goes to the next run. The margin covers the sends
 * already in flight: at most one pacer slot, a backoff ({@code backoffCap}, 10 s) and an SES call each.
 *
 * <p>Sending rate: {@code SEND_RATE_SHARE} (default 0.8) of SES's {@code MaxSendRate} from
 * {@code GetAccount}, or of {@code MAX_SEND_RATE} (default 1 per second) when SES does not say
 * ({@link cutoff.app.Config}).
 */
public final class DispatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final long SAFETY_MILLIS = 30_000;

    private final Dispatcher dispatcher;
    private final StaffQueue staffQueue;
    /** Research offices' group chats: their due posts, after the emails ({@code null}: none). */
    private cutoff.dispatch.ChatPosts chat;

    /** Lambda's constructor: parts from the environment, once per container. */
    public DispatchHandler() {
        this(installLog());
    }

    private DispatchHandler(Wiring wiring) {
        this(wiring.dispatcher(), wiring.staffQueue());
        this.chat = wiring.chatPosts();
    }

    private static Wiring installLog() {
        JsonLog.install();
        return Wiring.fromEnvironment();
    }

    /** Reminders only (no staff work queue). */
    public DispatchHandler(Dispatcher dispatcher) {
        this(dispatcher, null);
    }

    /**
     * Reminders, then, with the time left, the staff work queue (research offices' welcome emails and
     * re-plans: {@link StaffQueue}), each paced at the configured share of SES's rate, one after the other.
     *
     * @param staffQueue {@code null} for none
     */
    public DispatchHandler(Dispatcher dispatcher, StaffQueue staffQueue) {
        this.dispatcher = dispatcher;
        this.staffQueue = staffQueue;
    }

    /** As above, then, with the time left, the research offices' group-chat posts ({@link cutoff.dispatch.ChatPosts#run}). */
    public DispatchHandler(Dispatcher dispatcher, StaffQueue staffQueue, cutoff.dispatch.ChatPosts chat) {
        this(dispatcher, staffQueue);
        this.chat = chat;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String runId = context != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        // The run id is the request id on Lambda; Dispatcher.run adds it as a field of its own.
        try (JsonLog.Scope invocation = JsonLog.invocation(context == null ? null : context.getAwsRequestId())) {
            Dispatcher.Report r = dispatcher.run(runId,
                    () -> context == null || context.getRemainingTimeInMillis() > SAFETY_MILLIS);
            if (r.accountStopped() != null) {
                // An invocation error, so Lambda's error metric (and the alarm on it) shows it; nothing was lost.
                throw new IllegalStateException("SES sends nothing for this account (" + r.accountStopped() + "): run "
                        + runId + " stopped, " + r.leftForLater() + " due reminders left pending");
            }
            StaffQueue.Report w = staffQueue == null ? StaffQueue.Report.NONE
                    : staffQueue.run(runId, () -> context == null || context.getRemainingTimeInMillis() > SAFETY_MILLIS);
            if (w.accountStopped() != null) {
                throw new IllegalStateException("SES sends nothing for this account (" + w.accountStopped() + "): run "
                        + runId + " stopped; welcome emails stay queued");
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>(Map.of("runId", runId, "emails", r.emails(), "remindersSent",
                    r.remindersSent(), "skipped", r.skipped(), "failed", r.failed(), "cancelled", r.cancelled(), "throttles",
                    r.throttles(), "leftForLater", r.leftForLater()));
            out.put("covered", r.covered());
            out.put("mostInFlight", r.mostInFlight());
            out.put("welcomed", w.welcomed());
            out.put("staffReplanned", w.replanned());
            cutoff.dispatch.ChatPosts.Report c = cutoff.dispatch.ChatPosts.Report.NONE;
            try {
                c = chat == null ? c : chat.run(runId, () -> context == null || context.getRemainingTimeInMillis() > SAFETY_MILLIS);
            } catch (RuntimeException e) {
                // The emails went; a post claimed and not finished is due again after its lease.
                java.util.logging.Logger.getLogger(DispatchHandler.class.getName()).warning(
                        "run " + runId + ": group-chat posts stopped: " + e.getClass().getSimpleName());
            }
            out.put("chatPosted", c.sent());
            out.put("chatThrottled", c.throttled());
            out.put("chatFailed", c.failed());
            out.put("chatExpired", c.expired());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dispatcher interrupted; unsent items are pending again, any whose send was cut off "
                    + "are picked up after their lease", e);
        }
    }
}
