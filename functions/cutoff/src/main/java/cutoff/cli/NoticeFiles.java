package cutoff.cli;

import cutoff.document.DocumentException;
import cutoff.document.Format;
import cutoff.document.NoticeDocuments;
import cutoff.document.ReadLimits;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.NotANoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.notice.NoticeParser;
import cutoff.notice.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads what the operator names on the command line: a notice (text, HTML, PDF, DOCX or DOC, told apart
 * by content: {@link NoticeDocuments}), or a reviewed JSON record.
 */
final class NoticeFiles {
    /**
     * What the command line reads: the upload's limits ({@link ReadLimits#notice()}) but for a file of up to
     * 64 MiB, as the operator chose the file and a notice saved with its annexes' scans passes 10 MB.
     */
    static final ReadLimits LIMITS = ReadLimits.notice().withMaxBytes(64L * 1024 * 1024);

    private NoticeFiles() {
    }

    /**
     * Reads one notice and applies the operator's window to topics that have none.
     *
     * @param file   a notice record (parse output, possibly reviewed; content starting with <code>{</code>), or a
     *               notice as text, HTML, PDF, DOCX or DOC, whatever the file's extension
     * @param year   the year for dates the text writes without one (text only)
     * @param opens  {@code --opens}, or {@code null}
     * @param closes {@code --closes}, or {@code null}
     * @throws IOException         the file cannot be read, or its JSON is malformed (with line and column)
     * @throws NotANoticeException the text is not a notice
     * @throws DocumentException   the file is over a limit of {@link #LIMITS} (its reading time too), a format not
     *                             read here, a damaged document or one without text (a scan)
     * @throws Main.UsageException  --opens / --closes are not date-times
     */
    static Notice read(Path file, Integer year, String opens, String closes)
            throws IOException, NotANoticeException, DocumentException, Main.UsageException {
        NoticeDocuments.checkSize(Files.size(file), LIMITS); // before reading it all into memory
        byte[] bytes = Files.readAllBytes(file);
        Format format = NoticeDocuments.detect(bytes, LIMITS);
        Notice notice;
        try {
            notice = format == Format.JSON
                    ? NoticeJson.read(bytes)
                    : new NoticeParser().parse(NoticeDocuments.text(format, bytes, LIMITS), year, LIMITS.time(), LIMITS.clock());
        } catch (NoticeParser.TooLongToReadException e) {
            throw new DocumentException(DocumentException.Reason.TOO_LARGE, e.getMessage(), e);
        }
        if (closes != null) {
            DateOrDateTime closesAt = when("--closes", closes);
            DateOrDateTime opensAt = opens == null ? null : when("--opens", opens);
            if (opensAt != null && !opensAt.earliest(Window.BEIJING).isBefore(closesAt.passedBy(Window.BEIJING))) {
                throw new Main.UsageException("--opens " + opens + " is not before --closes " + closes);
            }
            notice = notice.withDefaultWindow(new Window(opensAt, closesAt, Window.BEIJING));
        } else if (opens != null) {
            throw new Main.UsageException("--opens needs --closes: a window without a cutoff is no deadline");
        }
        return notice;
    }

    /**
     * {@code 2023-06-30T16:30} (Beijing wall time, or with an explicit offset), or {@code 2023-06-30}: a cutoff
     * the notice gives as a day only, as {@code window.closes} may be.
     */
    static DateOrDateTime when(String flag, String value) throws Main.UsageException {
        if (value.length() == 10) {
            try {
                return DateOrDateTime.ofDate(java.time.LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                throw new Main.UsageException(flag + " takes a date such as 2023-06-30 or a Beijing date-time such as "
                        + "2023-06-30T16:30, not " + value);
            }
        }
        return DateOrDateTime.of(beijing(flag, value));
    }

    /** {@code 2023-06-30T16:30} as Beijing wall time, or with an explicit offset. */
    static OffsetDateTime beijing(String flag, String value) throws Main.UsageException {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).atZone(Window.BEIJING).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new Main.UsageException(flag + " takes a Beijing date-time such as 2023-06-30T16:30, not " + value);
            }
        }
    }
}
