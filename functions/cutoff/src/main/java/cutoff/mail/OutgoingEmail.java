package cutoff.mail;

import cutoff.util.Invisibles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One email to one recipient, ready to send.
 *
 * <p>Header values can carry no control character, whatever a notice's title holds: the constructor
 * turns each run of line breaks and tabs (CR, LF, TAB, NEL U+0085, U+2028, U+2029) into one space and
 * drops every other C0 control (U+0000–U+001F), DEL (U+007F) and C1 control (U+0080–U+009F) from
 * {@code to}, {@code subject} and every header value, then strips surrounding white space. So no
 * caller can fold a header and add another (RFC 5322 §2.2.3, header injection such as
 * {@code "\r\nBcc: …"}). The bodies are left as they are.
 *
 * @param to      the recipient's address (control characters removed as above)
 * @param subject the subject line, on one line
 * @param html    the HTML body
 * @param text    the plain-text body (same content)
 * @param headers extra headers, e.g. {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058);
 *                names are RFC 5322 §3.6.8 field names (printable ASCII but {@code :}), values on one line;
 *                kept in the given order
 * @throws IllegalArgumentException for a header name that is not a field name
 */
public record OutgoingEmail(String to, String subject, String html, String text, Map<String, String> headers) {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t\\u0085\\u2028\\u2029]+");
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]");
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");

    public OutgoingEmail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        to = oneLine(to);
        subject = oneLine(subject);
        Map<String, String> clean = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !FIELD_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("header name " + name
                        + " is not an RFC 5322 field name (printable ASCII, no colon or space)");
            }
            clean.put(name, oneLine(Objects.requireNonNull(value, name)));
        });
        headers = Collections.unmodifiableMap(clean);
    }

    /**
     * A header value on one line: runs of line breaks and tabs become one space, other C0/C1 controls,
     * DEL and the bidirectional and zero-width characters ({@link Invisibles}: a U+202E in a notice title
     * would reverse the subject) are dropped, surrounding white space is stripped.
     */
    static String oneLine(String value) {
        return Invisibles.strip(CONTROLS.matcher(LINE_BREAKS.matcher(value).replaceAll(" ")).replaceAll("")).strip();
    }

    /** What may be logged: never the address. */
    @Override
    public String toString() {
        return "OutgoingEmail[subject=" + subject + "]";
    }
}
