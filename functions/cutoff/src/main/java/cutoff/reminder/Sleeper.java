package cutoff.reminder;

import java.time.Duration;

/** Waiting, as a seam: the real one sleeps; tests move a clock instead. */
@FunctionalInterface
public interface Sleeper {
    /** The real sleeper. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
