package cutoff.document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wall-clock time one file's extraction may take ({@link ReadLimits#time()}), from when it starts, checked
 * by the readers as they go: cooperatively, on the caller's thread (a reader on a worker thread abandoned at a
 * timeout would keep its memory and CPU until it ended by itself, as Java cannot stop a thread). Not a notice's
 * deadline ({@code cutoff.deadline.Deadline}): this is the reader's own budget.
 */
final class ReadingTime {
    private final Clock clock;
    private final Instant end;
    private final Duration time;

    /** Starts now, on {@code limits.clock()}. */
    ReadingTime(ReadLimits limits) {
        this.clock = limits.clock();
        this.time = limits.time();
        this.end = clock.instant().plus(time);
    }

    /** @throws DocumentException {@link DocumentException.Reason#TOO_LARGE} once the time is up */
    void check() throws DocumentException {
        if (clock.instant().isAfter(end)) {
            throw new DocumentException(DocumentException.Reason.TOO_LARGE, "a document that takes longer than "
                    + time.toSeconds() + " s to read (too many pages, objects or drawing instructions):"
                    + " give the notice's own pages or its text");
        }
    }
}
