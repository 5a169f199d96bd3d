package cutoff.document;

/**
 * A file that holds no notice text this program can read: unknown binary data, a scanned PDF without a
 * text layer, a damaged or password-protected document. The message is one line that says what the
 * file was detected as and what to do, without the file's name (the caller names it).
 */
public class DocumentException extends Exception {
    public DocumentException(String message) {
        super(message);
    }

    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
