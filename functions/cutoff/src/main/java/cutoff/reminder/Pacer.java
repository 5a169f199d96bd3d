package cutoff.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A schedule of send permits at a rate: at most {@code ratePerSecond} messages in any one second, the next
 * permit {@code 1 / rate} after the previous one. Used at a share of SES's {@code MaxSendRate} so that other
 * senders on the account keep room and SES never throttles.
 *
 * <p>Thread-safe: one pacer is shared by all of a run's concurrent senders. Each caller reserves the next
 * permit under a lock and waits for it outside the lock, so a slow send never delays the next caller's
 * permit: the rate is kept by the schedule, not by a sleep between sends, as long as enough callers are in
 * flight. A permit reserved by a caller that then does not send (the run stopped) is simply lost: the rate
 * can only come out lower, never higher. An idle pacer saves no permits up beyond its catch-up window.
 *
 * <p><b>Catching up.</b> Made with a {@code catchUp} window, the pacer keeps its schedule when its callers
 * fall behind it by at most that long (all of them were busy when a permit came due, a slow store call, a
 * thread scheduled late on a loaded machine): the permits missed are carried over and given out as soon as
 * the one-second rule below lets them, until the schedule is caught up. Behind by more (an idle pacer), the
 * missed permits are dropped.
 *
 * <p><b>Never over the rate in a second.</b> SES counts sends per second. For a rate of 1 or more, a permit is
 * never given out earlier than one second after the permit {@code floor(rate)} before it, on the pacer's clock
 * as read when the caller is let go (after its wait, under the lock: a thread that wakes late from its wait
 * is counted when it goes, not when it should have). So any one-second span {@code [t, t + 1 s)} holds at
 * most {@code floor(rate)} permits, however the callers stall, wake late and catch up; a fractional rate is
 * held to its whole part per second. Below 1 per second the spacing alone keeps it.
 */
public final class Pacer {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final Duration interval;
    private final Duration catchUp;
    private final Clock clock;
    private final Sleeper sleeper;
    /** When the last {@code floor(rate)} permits were given out, as a ring (empty for a rate under 1). */
    private final Instant[] lastSecond;
    private long given;
    private Instant next;

    /**
     * @param ratePerSecond messages per second, more than 0
     */
    public Pacer(double ratePerSecond, Clock clock, Sleeper sleeper) {
        this(ratePerSecond, Duration.ZERO, clock, sleeper);
    }

    /**
     * @param ratePerSecond messages per second, more than 0 (at most 1,000,000)
     * @param catchUp       how far behind its schedule the pacer still keeps it (see the class comment); zero or more
     */
    public Pacer(double ratePerSecond, Duration catchUp, Clock clock, Sleeper sleeper) {
        if (catchUp.isNegative()) {
            throw new IllegalArgumentException("catch-up window must be zero or more, not " + catchUp);
        }
        this.catchUp = catchUp;
        if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("send rate must be more than 0 per second (and at most 1,000,000), not " + ratePerSecond);
        }
        this.interval = Duration.ofNanos((long) (1_000_000_000L / ratePerSecond));
        this.lastSecond = new Instant[(int) Math.floor(ratePerSecond)];
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits for the next permit.
     *
     * @return when (on the pacer's clock) this caller's permit was given: it waited until then, or was later
     * @throws InterruptedException when interrupted while waiting; the permit is then lost
     */
    public Instant acquire() throws InterruptedException {
        Instant at = reserve();
        while (true) {
            Instant now = clock.instant();
            if (now.isBefore(at)) {
                sleeper.sleep(Duration.between(now, at));
            }
            Instant[] given = new Instant[1];
            Instant later = give(given);
            if (later == null) {
                return given[0];
            }
            at = later;
        }
    }

    /**
     * The next slot, taken: {@code 1 / rate} after the last slot, unless that is further back than the catch-up
     * window (then now); returned as the later of that slot and now.
     */
    synchronized Instant reserve() {
        Instant now = clock.instant();
        Instant slot = next != null && !next.plus(catchUp).isBefore(now) ? next : now;
        next = slot.plus(interval);
        return slot.isBefore(now) ? now : slot;
    }

    /**
     * Gives the permit now, unless {@code floor(rate)} were given in the last second.
     *
     * @param given set to now when the permit is given
     * @return {@code null} when given; else when it may be given (one second after the permit {@code floor(rate)} back)
     */
    private synchronized Instant give(Instant[] given) {
        Instant now = clock.instant();
        if (lastSecond.length > 0) {
            int i = (int) (this.given % lastSecond.length);
            if (lastSecond[i] != null && now.isBefore(lastSecond[i].plus(SECOND))) {
                return lastSecond[i].plus(SECOND);
            }
            lastSecond[i] = now;
        }
        this.given++;
        given[0] = now;
        return null;
    }
}
