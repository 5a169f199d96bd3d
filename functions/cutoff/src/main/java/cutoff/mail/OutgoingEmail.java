package cutoff.mail;

import java.util.Map;

/**
 * One email to one recipient, ready to send.
 *
 * @param to      the recipient's address
 * @param subject the subject line
 * @param html    the HTML body
 * @param text    the plain-text body (same content)
 * @param headers extra headers, e.g. {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058)
 */
public record OutgoingEmail(String to, String subject, String html, String text, Map<String, String> headers) {
    public OutgoingEmail {
        headers = Map.copyOf(headers);
    }

    /** What may be logged: never the address. */
    @Override
    public String toString() {
        return "OutgoingEmail[subject=" + subject + "]";
    }
}
