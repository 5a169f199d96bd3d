package cutoff.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces sends evenly at a rate: at most {@code ratePerSecond} messages per second, the next slot
 * {@code 1 / rate} after the previous one. Used at a share of SES's {@code MaxSendRate} so that other
 * senders on the account keep room and SES never throttles.
 */
public final class Pacer {
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant next;

    /**
     * @param ratePerSecond messages per second, more than 0
     */
    public Pacer(double ratePerSecond, Clock clock, Sleeper sleeper) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("send rate must be more than 0 per second, not " + ratePerSecond);
        }
        this.interval = Duration.ofNanos((long) (1_000_000_000L / ratePerSecond));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits for the next slot. */
    public void acquire() throws InterruptedException {
        Instant now = clock.instant();
        if (next != null && now.isBefore(next)) {
            sleeper.sleep(Duration.between(now, next));
            now = next;
        }
        next = now.plus(interval);
    }
}
