package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.time.zone.ZoneRulesProvider;
import net.fortuna.ical4j.model.Calendar;

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
 * @param text  the VEVENT, {@code BEGIN:VEVENT} to {@code END:VEVENT}: ical4j's lines folded at 75 octets, CRLF
 *              line ends (1.3 kB for the shipped notices' deadlines, a few kB for a long description)
 * @param tag   the {@link #TAG} of the build that wrote it
 * @param check {@link #check} of the deadline it was written for and of the text
 */
public record StoredEvent(String text, String tag, long check) {
    /**
     * This build's tag: {@link FeedWriter#EVENT_FORMAT}, the JVM's tz database version (an event's wall times, and
     * whether one is repeated and so written in UTC, come from the zone rules) and ical4j's version, joined by
     * {@code /}, e.g. {@code 1/2025b/4.1.1}. Text stored with another tag may differ from what this build writes.
     */
    public static final String TAG = FeedWriter.EVENT_FORMAT + "/" + tzdbVersion() + "/"
            + Calendar.class.getPackage().getImplementationVersion();

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
     * A 64-bit checksum of every field of a deadline and of an event text (their {@link String#hashCode}s and
     * lengths, mixed): what binds a stored text to the deadline version it was written for. It catches an item
     * changed by hand or by a build that does not write the text; it is no signature (whoever can write the table
     * can write the deadline's fields too).
     */
    public static long check(Deadline d, String text) {
        long h = mix(0x5EED, d.uid());
        h = mix(h, d.noticeId());
        h = mix(h, d.topicId());
        h = mix(h, d.kind().name());
        h = mix(h, d.at() == null ? Long.MIN_VALUE : d.at().getEpochSecond());
        h = mix(h, d.at() == null ? -1 : d.at().getNano());
        h = mix(h, d.date().toEpochDay());
        h = mix(h, d.zone().getId());
        h = mix(h, d.summary());
        h = mix(h, d.description());
        h = mix(h, d.url());
        h = mix(h, d.sequence());
        h = mix(h, d.lastModified().getEpochSecond());
        h = mix(h, d.lastModified().getNano());
        h = mix(h, d.cancelled() ? 1 : 0);
        return mix(h, text);
    }

    private static long mix(long h, String s) {
        return s == null ? mix(h, -1L) : mix(mix(h, s.length()), s.hashCode());
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    /** The tz database version of the JVM's zone rules (e.g. {@code 2025b}), as its provider of Asia/Shanghai names it. */
    private static String tzdbVersion() {
        return ZoneRulesProvider.getVersions("Asia/Shanghai").lastKey();
    }
}
