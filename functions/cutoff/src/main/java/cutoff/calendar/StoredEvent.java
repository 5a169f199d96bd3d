package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.zone.ZoneRulesProvider;
import java.util.zip.CRC32C;

/**
 * A deadline's VEVENT as {@link FeedWriter} writes it in a feed, stored beside the deadline's item in DynamoDB
 * (docs/storage.md), so that a JVM that never wrote that deadline version (a new feed function's container) uses
 * the stored text instead of writing the event with ical4j (docs/speed-render.md).
 *
 * <p>A stored text is used only for the deadline it was written for: its tag must be this build's {@link #TAG}, and
 * its check must be {@link #check} of the deadline as read and of the text. Anything else (an item written before
 * texts were stored, by a build with another event format or tz database, a field or the text changed afterwards)
 * is not used, and the event is written as it would be without it.
 *
 * @param text  the whole VEVENT component exactly as ical4j writes it (RFC 5545 §3.6.1), its lines folded at 75 octets, CRLF
 *              line ends (1.3 kB for the shipped notices' deadlines, a few kB for a long description)
 * @param tag   the {@link #TAG} of the build that wrote it
 * @param check {@link #check} of the deadline it was written for and of the text
 */
public record StoredEvent(String text, String tag, long check) {
    /**
     * This build's tag: {@link FeedWriter#EVENT_FORMAT}, the JVM's tz database version (an event's wall times, and
     * whether one is repeated and so written in UTC, come from the zone rules), ical4j's version and the Java
     * version's feature number (its URI parsing decides which URLs are written), joined by {@code /}, e.g.
     * {@code 1/2025b/4.1.1/21}. Text stored with another tag may differ from what this build writes.
     */
    public static final String TAG = FeedWriter.EVENT_FORMAT + "/" + tzdbVersion() + "/"
            + StoredEvent.ICAL4J_VERSION + "/" + Runtime.version().feature();

    /**
     * ical4j's version, written out: its jar's manifest names it, but {@code ./cutoff} runs from one jar of every library
     * (no manifest of ical4j's), where {@code Package.getImplementationVersion()} is null. {@code StoredEventTest} holds
     * it to the ical4j jar's manifest, so an upgrade of ical4j fails the test until this changes with it.
     */
    static final String ICAL4J_VERSION = "4.1.1";

    /** The text this build writes for a deadline, to store beside it: written now with ical4j (not kept in the JVM). */
    public static StoredEvent of(Deadline d) {
        String text = FeedWriter.eventText(d);
        return new StoredEvent(text, TAG, check(d, text));
    }

    /**
     * Lets every feed writer of this JVM use the text for a deadline read from the item it was stored in, when it
     * was written for exactly that deadline by a build that writes events as this one does.
     *
     * @param d the deadline as read from the same item
     * @return true when the tag is {@link #TAG} and the check is {@link #check} of {@code d} and the text (the text
     *         is then kept, unless one is kept already); false otherwise, and nothing is kept
     */
    public boolean keepFor(Deadline d) {
        if (!TAG.equals(tag) || text == null || check != check(d, text)) {
            return false;
        }
        FeedWriter.keep(d, text);
        return true;
    }

    /**
     * The checksum that binds a stored text to the deadline version it was written for: a CRC-32C (0 to 2^32 - 1) of
     * every field of the deadline and of the text (each string as its length and UTF-16LE code units, each number as 8
     * bytes). It catches an item changed by hand or by a build that does not write the text (every change of up to 32
     * bits, and all but one in 2^32 of the others); it is no signature: whoever can write the table can write the
     * deadline's fields too. A CRC over the characters, not {@link String#hashCode}: about 4 times faster over the
     * fresh strings of a {@code Query} (docs/speed-render.md).
     */
    public static long check(Deadline d, String text) {
        return CHECKSUMS.get().of(d, text);
    }

    /** Per thread: a CRC and the buffers it reads from, so no deadline allocates any. */
    private static final ThreadLocal<Checksum> CHECKSUMS = ThreadLocal.withInitial(Checksum::new);

    private static final class Checksum {
        private final CRC32C crc = new CRC32C();
        private char[] chars = new char[2048];
        private ByteBuffer bytes = ByteBuffer.allocate(4 + 2 * chars.length).order(ByteOrder.LITTLE_ENDIAN);

        long of(Deadline d, String text) {
            crc.reset();
            bytes.clear();
            bytes.putLong(d.at() == null ? Long.MIN_VALUE : d.at().getEpochSecond()).putLong(d.at() == null ? -1 : d.at().getNano())
                    .putLong(d.date().toEpochDay()).putLong(d.sequence()).putLong(d.lastModified().getEpochSecond())
                    .putLong(d.lastModified().getNano()).putLong(d.cancelled() ? 1 : 0);
            crc.update(bytes.array(), 0, bytes.position());
            add(d.uid());
            add(d.noticeId());
            add(d.topicId());
            add(d.kind().name());
            add(d.zone().getId());
            add(d.summary());
            add(d.description());
            add(d.url());
            add(text);
            return crc.getValue();
        }

        /** The string's length (-1 for none), then its UTF-16LE code units. */
        private void add(String s) {
            int n = s == null ? 0 : s.length();
            if (chars.length < n) {
                chars = new char[n];
                bytes = ByteBuffer.allocate(4 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
            }
            bytes.clear();
            bytes.putInt(s == null ? -1 : n);
            if (n > 0) {
                s.getChars(0, n, chars, 0);
                bytes.asCharBuffer().put(chars, 0, n);
            }
            crc.update(bytes.array(), 0, 4 + 2 * n);
        }
    }

    /** The tz database version of the JVM's zone rules (e.g. {@code 2025b}), as its provider of Asia/Shanghai names it. */
    private static String tzdbVersion() {
        return ZoneRulesProvider.getVersions("Asia/Shanghai").lastKey();
    }
}
