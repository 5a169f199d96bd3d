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

    /**
     * The id of a research office's relay of a notice that is not public (issue 19): {@code r}, 16 hex digits (64 bits) of the
     * office id's SHA-256, {@code -}, 10 hex digits of the SHA-256 of {@code <officeId>|<noticeId>}
     * ({@code r3fa9c2d17e5b0a44-0b6e41d2c9}). Two offices relaying the same call get different ids, hence different topic ids,
     * VEVENT UIDs and internal deadlines; the same office relaying it again gets the same id (a revision). No public
     * notice id starts with {@code r} (they start with a year, {@code d-} or {@code x-}), so a public read can refuse
     * every relay by its id alone ({@link #isRelay}).
     *
     * @param officeId the relaying office's id ({@code org_…})
     * @param noticeId the notice's id as the reader made it ({@link #noticeId})
     */
    public static String relayId(String officeId, String noticeId) {
        return "r" + hex(officeId, 16) + "-" + hex(officeId + "|" + noticeId, 10);
    }

    /** A relay's topic id: the reader's topic id with the relay's notice id in place of the reader's ({@code <relayId>-t2}). */
    public static String relayTopicId(String relayId, String readerNoticeId, String topicId) {
        if (!topicId.startsWith(readerNoticeId)) {
            throw new IllegalArgumentException("topic " + topicId + " is not of notice " + readerNoticeId);
        }
        return relayId + topicId.substring(readerNoticeId.length());
    }

    private static final Pattern RELAY_ID = Pattern.compile("r([0-9a-f]{16})-[0-9a-f]{10}");

    /**
     * True when a notice id or a topic id is a research office's relay ({@link #relayId}), whose notice is for that
     * office's staff only: public pages, feeds and subscriptions treat it as unknown.
     */
    public static boolean isRelay(String id) {
        String notice = id == null ? null : noticeIdOf(id).orElse(id);
        return notice != null && RELAY_ID.matcher(notice).matches();
    }

    /** True when a notice or topic id is a relay of this office's ({@link #relayId}); false for anything else. */
    public static boolean isRelayOf(String id, String officeId) {
        if (!isRelay(id) || officeId == null) {
            return false;
        }
        String notice = noticeIdOf(id).orElse(id);
        return notice.substring(1, 17).equals(hex(officeId, 16));
    }

    static String hex(String text, int digits) {
        return Sha256.hex(text).substring(0, digits);
    }
}
