package cutoff.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces sends evenly at a rate: at most {@code ratePerSecond} messages per second, the next slot
 * {@code 1 / rate} after the previous one. Used at a share of SES's {@code MaxSendRate} so that other
 * senders on the account keep room and SES never throttles.
 *
 * <p>Thread-safe: one pacer is shared by all of a run's concurrent senders. Each caller reserves the next
 * slot under a lock and waits for it outside the lock, so however many threads send, no two slots are
 * closer than {@code 1 / rate}. A slot reserved by a caller that then does not send (the run stopped) is
 * simply lost: the rate can only come out lower, never higher. An idle pacer saves no slots up, so there
 * is no burst after a pause.
 *
 * <p><b>Catching up.</b> Made with a {@code catchUp} window, the pacer keeps its schedule when its callers
 * fall behind it by at most that long (all of them were busy when a slot came): the slots missed are given
 * out at once, until the schedule is caught up. So short stalls (a slow store call, a thread scheduled
 * late on a loaded machine) do not lower the rate, and in any span of time {@code T} at most
 * {@code rate × (T + catchUp) + 1} slots are given out; SES allows short bursts over {@code MaxSendRate}
 * (its token bucket holds a second's worth), so a window well under a second stays unthrottled. Behind by
 * more (an idle pacer), the missed slots are dropped as without the window.
 */
public final class Pacer {
    private final Duration interval;
    private final Duration catchUp;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant next;

    /**
     * @param ratePerSecond messages per second, more than 0
     */
    public Pacer(double ratePerSecond, Clock clock, Sleeper sleeper) {
        this(ratePerSecond, Duration.ZERO, clock, sleeper);
    }

    /**
     * @param ratePerSecond messages per second, more than 0
     * @param catchUp       how far behind its schedule the pacer still keeps it (see the class comment); zero or more
     */
    public Pacer(double ratePerSecond, Duration catchUp, Clock clock, Sleeper sleeper) {
        if (catchUp.isNegative()) {
            throw new IllegalArgumentException("catch-up window must be zero or more, not " + catchUp);
        }
        this.catchUp = catchUp;
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("send rate must be more than 0 per second, not " + ratePerSecond);
        }
        this.interval = Duration.ofNanos((long) (1_000_000_000L / ratePerSecond));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits for the next slot.
     *
     * @return the slot (on the pacer's clock) this caller was given
     * @throws InterruptedException when interrupted while waiting; the slot is then lost
     */
    public Instant acquire() throws InterruptedException {
        Instant slot = reserve();
        Instant now = clock.instant();
        if (now.isBefore(slot)) {
            sleeper.sleep(Duration.between(now, slot));
        }
        return slot;
    }

    /**
     * The next free slot, taken: {@code 1 / rate} after the last one taken, unless that is further back than
     * the catch-up window (then now).
     */
    synchronized Instant reserve() {
        Instant now = clock.instant();
        Instant slot = next != null && !next.plus(catchUp).isBefore(now) ? next : now;
        next = slot.plus(interval);
        return slot;
    }
}
