package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The text of VEVENTs already written (by ical4j, then folded), kept per deadline version so that a
 * feed whose deadlines any feed of this JVM has written before (all.ics, then a topic's or a
 * subscriber's feed) is assembled from that text instead of written again.
 *
 * <p>The key is the whole {@link Deadline} value, not its UID and SEQUENCE: a deadline whose text is
 * updated keeps its SEQUENCE (only a moved time raises it), and a cancelled one gets a new SUMMARY and
 * STATUS; any change to any field is a new key, so a changed deadline is never served from here. The
 * key's hash is taken from the UID, SEQUENCE, LAST-MODIFIED and the cancelled flag only (no pass over a
 * long description); equality compares every field.
 *
 * <p>Bounded by entries and by characters held (the event's text plus the deadline's own strings,
 * which the key keeps): the least recently used go first. Thread-safe; an event is written outside the
 * lock, so two threads may write the same event once each, with the same result.
 */
final class RenderedEvents {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<Version, String> texts = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    /**
     * @param maxEntries most events kept
     * @param maxChars   most characters kept, events' text and their deadlines' strings together (2
     *                   bytes each for text that is not all Latin-1)
     */
    RenderedEvents(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /**
     * The event's text: kept, or written now by {@code write} and kept.
     *
     * @param deadline the deadline
     * @param write    writes the VEVENT of a deadline (CRLF line ends, folded)
     */
    String text(Deadline deadline, Function<Deadline, String> write) {
        Version key = new Version(deadline);
        synchronized (this) {
            String kept = texts.get(key);
            if (kept != null) {
                return kept;
            }
        }
        String text = write.apply(deadline);
        put(key, text, false);
        return text;
    }

    /**
     * Keeps an event's text written before (elsewhere: stored beside the deadline's item, {@link StoredEvent}) for
     * this deadline version, unless one is kept already; the caller vouches that it is what {@code text} would write.
     *
     * @param deadline the deadline the text was written for
     * @param text     its VEVENT (CRLF line ends, folded)
     */
    void keep(Deadline deadline, String text) {
        put(new Version(deadline), text, true);
    }

    private void put(Version key, String text, boolean ifAbsent) {
        long weight = weight(key.deadline, text);
        if (weight > maxChars) {
            return;
        }
        synchronized (this) {
            String before = ifAbsent ? texts.putIfAbsent(key, text) : texts.put(key, text);
            if (before != null) {
                if (ifAbsent) {
                    return;
                }
                chars -= weight(key.deadline, before);
            }
            chars += weight;
            Iterator<Map.Entry<Version, String>> eldest = texts.entrySet().iterator();
            while (texts.size() > maxEntries || chars > maxChars) {
                Map.Entry<Version, String> e = eldest.next();
                chars -= weight(e.getKey().deadline, e.getValue());
                eldest.remove();
            }
        }
    }

    /** Events kept now. */
    synchronized int size() {
        return texts.size();
    }

    /** Characters kept now (events' text and their deadlines' strings). */
    synchronized long chars() {
        return chars;
    }

    /** Characters an entry holds: the event's text and the strings its key keeps. */
    private static long weight(Deadline d, String text) {
        return (long) text.length() + length(d.uid()) + length(d.noticeId()) + length(d.topicId()) + length(d.summary())
                + length(d.description()) + length(d.url());
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** A deadline as a key: every field compared, a hash without the long text fields. */
    private static final class Version {
        private final Deadline deadline;
        private final int hash;

        Version(Deadline deadline) {
            this.deadline = deadline;
            int h = deadline.uid().hashCode();
            h = 31 * h + deadline.sequence();
            h = 31 * h + deadline.lastModified().hashCode();
            this.hash = 31 * h + (deadline.cancelled() ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Version v && v.hash == hash && v.deadline.equals(deadline);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
