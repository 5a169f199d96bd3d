package cutoff.notice;

import cutoff.util.Sha256;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identities that appear in URLs, UIDs and table keys: ASCII, stable across re-ingests.
 *
 * <p>A notice's id comes from its document number, which the authority never reuses:
 * {@code 沪科指南〔2023〕4号} becomes {@code 2023-4-} plus six hex digits of its SHA-256 (so two
 * authorities' number 4 of 2023 differ). A notice without a number is named by issuer and title.
 */
public final class NoticeIds {
    private static final Pattern NUMBER = Pattern.compile("〔(\\d{4})〕(\\d+)号");

    private NoticeIds() {
    }

    /** Notice id from the document number, or from issuer and title when the number is {@code null}. */
    public static String noticeId(String documentNumber, String issuer, String title) {
        if (documentNumber != null) {
            Matcher m = NUMBER.matcher(documentNumber);
            if (m.find()) {
                return m.group(1) + "-" + m.group(2) + "-" + hex(documentNumber, 6);
            }
            return "d-" + hex(documentNumber, 10);
        }
        return "x-" + hex(issuer + "|" + title, 10);
    }

    /** Topic id: {@code <noticeId>-t<n>}, or {@code <noticeId>-p<m>-t<n>} inside programme m. */
    public static String topicId(String noticeId, Integer programme, int ordinal) {
        return noticeId + (programme == null ? "" : "-p" + programme) + "-t" + ordinal;
    }

    private static final Pattern TOPIC_ID = Pattern.compile("^([A-Za-z0-9-]+?)(?:-p\\d+)?-t\\d+$");
    private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * True when the text could be a notice id (ASCII letters, digits and hyphens, at most 64): what
     * comes from a URL or a request is checked before it becomes part of a table key.
     */
    public static boolean wellFormed(String noticeId) {
        return noticeId != null && NOTICE_ID.matcher(noticeId).matches();
    }

    /**
     * The notice id inside a topic id ({@code 2023-4-82277d-t2} → {@code 2023-4-82277d}), or empty when
     * the text is not a topic id.
     */
    public static java.util.Optional<String> noticeIdOf(String topicId) {
        Matcher m = TOPIC_ID.matcher(topicId == null || topicId.length() > 96 ? "" : topicId);
        return m.matches() && wellFormed(m.group(1)) ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    static String hex(String text, int digits) {
        return Sha256.hex(text).substring(0, digits);
    }
}
