package cutoff.document;

/**
 * A file that holds no notice text this program can read: too large, a format not read here, a damaged or
 * password-protected document, or one with no text. The message is one line that says what the file was
 * detected as and what to do, without the file's name (the caller names it); {@link #reason()} says which
 * of these it is, so a caller answers with a status without reading the message.
 */
public class DocumentException extends Exception {
    /** Why a file was refused, with the HTTP status an upload answers (issue 19: 413, 415, 422). */
    public enum Reason {
        /**
         * Over a limit of {@link ReadLimits}: the file's bytes, what it inflates to, its pages or text, or the
         * time it takes to read. {@code 413 Content Too Large}.
         */
        TOO_LARGE(413),
        /**
         * A format that is not read here, named in the message: an image, a spreadsheet, an archive, RTF,
         * OpenDocument, a PDF without a text layer (a scan: "needs OCR first"). {@code 415 Unsupported Media Type}.
         */
        UNSUPPORTED_FORMAT(415),
        /** A format read here that cannot be opened: damaged, truncated, password-protected. {@code 422}. */
        UNREADABLE(422),
        /** A document that opens but holds no text (an empty body). {@code 422 Unprocessable Content}. */
        NO_TEXT(422);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The status an HTTP caller answers with (RFC 9110 §15.5.14, §15.5.16, §15.5.21). */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public DocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }
}
