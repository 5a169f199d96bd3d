package cutoff.document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves on {@code step} each time it is read: a reading time used up by the readers' own checks. */
public final class SteppingClock extends Clock {
    private final Duration step;
    private Instant now = Instant.parse("2031-05-13T08:00:00Z");

    public SteppingClock(Duration step) {
        this.step = step;
    }

    @Override
    public Instant instant() {
        Instant read = now;
        now = now.plus(step);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
