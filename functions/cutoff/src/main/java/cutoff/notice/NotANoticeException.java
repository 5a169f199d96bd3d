package cutoff.notice;

/**
 * The input is not a funding-call notice Cutoff can read: empty, not UTF-8, or without the structure
 * of a notice (no topic, no application window, no document number). The message is one line that
 * says which, fit for a person at a terminal.
 */
public class NotANoticeException extends Exception {
    public NotANoticeException(String message) {
        super(message);
    }
}
