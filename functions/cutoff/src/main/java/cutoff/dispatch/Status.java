package cutoff.dispatch;

import cutoff.store.ReminderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a smoke test or an operator may ask of a deployment without any key: is the reminder dispatcher
 * running. Nothing personal: when the last run finished and how many due reminders it left.
 */
public final class Status {
    /** The dispatcher runs every 5 minutes; three missed runs and it is late. */
    public static final Duration DISPATCHER_LATE = Duration.ofMinutes(15);

    private final ReminderStore reminders;
    private final Clock clock;

    public Status(ReminderStore reminders, Clock clock) {
        this.reminders = reminders;
        this.clock = clock;
    }

    /**
     * The dispatcher's state.
     *
     * @param lastRunAt    when its last run finished (UTC); {@code null} if it never ran
     * @param secondsAgo   how long ago; -1 if never
     * @param late         true when it never ran or not within {@link #DISPATCHER_LATE}
     * @param leftForLater due reminders the last run left for the next
     */
    public record Dispatcher(Instant lastRunAt, long secondsAgo, boolean late, int leftForLater) {
    }

    /** One {@code GetItem}. */
    public Dispatcher dispatcher() {
        Instant now = clock.instant();
        Optional<ReminderStore.LastRun> last = reminders.lastRun();
        if (last.isEmpty()) {
            return new Dispatcher(null, -1, true, 0);
        }
        long ago = Duration.between(last.get().at(), now).toSeconds();
        return new Dispatcher(last.get().at(), ago, ago > DISPATCHER_LATE.toSeconds(), last.get().leftForLater());
    }
}
