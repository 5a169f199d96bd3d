package cutoff.upload;

/**
 * An uploaded file that makes no draft, and why; nothing of it is stored. The message is one line for the
 * uploader: what the file was found to be and what to do ("a PDF without a text layer (a scan): it needs OCR
 * first"), without the file's name.
 */
public final class UploadRefused extends Exception {
    /** Why, as the upload API answers it (issue 19: 413, 415, 422). */
    public enum Kind {
        /** Over {@link NoticeUploads#MAX_FILE_BYTES}, or text too long to keep as a draft: 413. */
        TOO_LARGE,
        /** Not a format read here (an image, a spreadsheet, an archive, RTF, a notice record) or a scan: 415. */
        UNSUPPORTED_FORMAT,
        /** A format read here that does not open (damaged, encrypted) or holds no text: 422. */
        UNREADABLE,
        /** Text, but no notice: nothing notice-like in it ({@link cutoff.notice.NotANoticeException}): 422. */
        NOT_A_NOTICE
    }

    private final Kind kind;

    public UploadRefused(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
