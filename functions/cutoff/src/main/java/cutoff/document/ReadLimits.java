package cutoff.document;

import java.time.Clock;
import java.time.Duration;

/**
 * How much of an untrusted file {@link NoticeDocuments} reads before refusing it: the file's size (checked
 * before any parsing) and the wall-clock time extraction may take (checked as it goes: per PDF page and
 * every few thousand content operators, per DOCX/DOC paragraph, per few thousand HTML nodes). The limits
 * inside a format (a DOCX's inflated parts, a PDF's pages and decoded streams, the text's length) are
 * constants of the readers, documented in {@code docs/notice-files.md}.
 *
 * @param maxBytes the largest file read, in bytes; larger ones are refused as {@link DocumentException.Reason#TOO_LARGE}
 * @param time     how long extraction may take, measured on {@code clock}
 * @param clock    the clock the reading time is measured on (tests inject one that advances as it is read)
 */
public record ReadLimits(long maxBytes, Duration time, Clock clock) {
    /** 10 MiB: the upload limit of issue 19 ({@code POST /notices}, "≤ 10 MB"). */
    public static final long NOTICE_BYTES = 10L * 1024 * 1024;
    /**
     * 20 s: a notice of a hundred pages reads in well under a second (PDFBox, POI); twenty times that
     * leaves room for a slow, shared machine and stays within an API Gateway request (29 s). The notice reader
     * ({@code cutoff.notice.NoticeParser}) reads the extracted text within the same time, its own.
     */
    public static final Duration NOTICE_TIME = Duration.ofSeconds(20);

    public ReadLimits {
        if (maxBytes <= 0 || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + " bytes, " + time);
        }
    }

    /** An upload's limits: {@link #NOTICE_BYTES}, {@link #NOTICE_TIME}, the system clock. */
    public static ReadLimits notice() {
        return new ReadLimits(NOTICE_BYTES, NOTICE_TIME, Clock.systemUTC());
    }

    /** These limits with another file size. */
    public ReadLimits withMaxBytes(long bytes) {
        return new ReadLimits(bytes, time, clock);
    }

    /** These limits with another reading time and clock. */
    public ReadLimits withTime(Duration time, Clock clock) {
        return new ReadLimits(maxBytes, time, clock);
    }
}
