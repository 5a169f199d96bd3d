package cutoff.document;

import java.time.Clock;
import java.time.Instant;

/**
 * The wall-clock time one file's extraction may take ({@link ReadLimits#time()}), from when it starts, checked
 * by the readers as they go: cooperatively, on the caller's thread (a reader on a worker thread abandoned at a
 * timeout would keep its memory and CPU until it ended by itself, as Java cannot stop a thread). Not a notice's
 * deadline ({@code cutoff.deadline.Deadline}): this is the reader's own budget. Shared with the notice reader
 * ({@code cutoff.notice.NoticeParser}), which reads the extracted text within the same time.
 */
public final class ReadingTime {
    private final Clock clock;
    private final Instant end;
    private final String what;
    private final java.time.Duration limit;

    /** Starts now, on {@code limits.clock()}: a document's extraction. */
    ReadingTime(ReadLimits limits) {
        // (The refusal's text made only when it is given: every notice read starts one of these.)
        this(limits, null);
    }

    /**
     * Starts now, on {@code limits.clock()}.
     *
     * @param refusal the refusal's message once the time is up: what was read, and what to give instead; {@code null}
     *                for a document's (pages, objects or drawing instructions)
     */
    public ReadingTime(ReadLimits limits, String refusal) {
        this.clock = limits.clock();
        this.what = refusal;
        this.limit = limits.time();
        this.end = clock.instant().plus(limit);
    }

    /** @throws DocumentException {@link DocumentException.Reason#TOO_LARGE} once the time is up */
    public void check() throws DocumentException {
        if (clock.instant().isAfter(end)) {
            throw new DocumentException(DocumentException.Reason.TOO_LARGE, what != null ? what
                    : "a document that takes longer than " + limit.toSeconds() + " s to read (too many pages, objects or"
                    + " drawing instructions): give the notice's own pages or its text");
        }
    }
}
