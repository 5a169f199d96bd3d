package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Events kept per deadline version ({@link RenderedEvents}, used by every {@link FeedWriter} of the JVM): a deadline
 * that changed in any field, its SEQUENCE or only its text, is written again, never served as it was; the store is
 * bounded by entries and by characters.
 */
class RenderedEventsTest {
    private static final Instant STAMP = Instant.parse("2026-11-02T03:04:05Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Deadline deadline(String uid) {
        Instant at = Instant.parse("2026-06-03T08:30:00Z");
        return new Deadline(uid, "n", "n-t1", DeadlineKind.CLOSES, at, at.atZone(SHANGHAI).toLocalDate(), SHANGHAI,
                "申报截止 Cutoff", "第一行\n第二行, 含; 逗号", "https://example.org/n", 0, STAMP, false);
    }

    /** Each field changed alone, with what a subscriber's calendar shows for it (an unfolded content line). */
    static List<Object[]> changes() {
        List<Object[]> all = new ArrayList<>();
        all.add(change("SEQUENCE raised", d -> with(d, d.at(), d.zone(), d.summary(), d.description(), d.url(),
                d.sequence() + 1, d.lastModified(), d.cancelled()), "SEQUENCE:1"));
        all.add(change("moved", d -> with(d, d.at().plus(Duration.ofHours(1)), d.zone(), d.summary(), d.description(),
                d.url(), d.sequence(), d.lastModified(), d.cancelled()), "DTSTART;TZID=Asia/Shanghai:20260603T173000"));
        all.add(change("summary only", d -> with(d, d.at(), d.zone(), d.summary() + " 延期", d.description(), d.url(),
                d.sequence(), d.lastModified(), d.cancelled()), "SUMMARY:申报截止 Cutoff 延期"));
        all.add(change("description only", d -> with(d, d.at(), d.zone(), d.summary(), d.description() + "\n第三行",
                d.url(), d.sequence(), d.lastModified(), d.cancelled()), "DESCRIPTION:第一行\\n第二行\\, 含\\; 逗号\\n第三行"));
        all.add(change("url only", d -> with(d, d.at(), d.zone(), d.summary(), d.description(), "https://example.org/m",
                d.sequence(), d.lastModified(), d.cancelled()), "URL:https://example.org/m"));
        all.add(change("last change only", d -> with(d, d.at(), d.zone(), d.summary(), d.description(), d.url(),
                d.sequence(), d.lastModified().plusSeconds(1), d.cancelled()), "LAST-MODIFIED:20261102T030406Z"));
        all.add(change("cancelled", d -> with(d, d.at(), d.zone(), d.summary(), d.description(), d.url(), d.sequence(),
                d.lastModified(), true), "STATUS:CANCELLED"));
        all.add(change("zone only", d -> with(d, d.at(), ZoneId.of("Asia/Tokyo"), d.summary(), d.description(), d.url(),
                d.sequence(), d.lastModified(), d.cancelled()), "DTSTART;TZID=Asia/Tokyo:20260603T173000"));
        return all;
    }

    private static Object[] change(String what, UnaryOperator<Deadline> change, String line) {
        return new Object[] {what, change, line};
    }

    private static Deadline with(Deadline d, Instant at, ZoneId zone, String summary, String description, String url,
                                 int sequence, Instant lastModified, boolean cancelled) {
        return new Deadline(d.uid(), d.noticeId(), d.topicId(), d.kind(), at, at.atZone(zone).toLocalDate(), zone, summary,
                description, url, sequence, lastModified, cancelled);
    }

    private static List<String> lines(String feed) {
        return Arrays.asList(feed.replace("\r\n ", "").split("\r\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeadlineChangedInAnyField_isWrittenAgain_asTheWriterBeforeTheStoreWritesIt() {
        for (Object[] c : changes()) {
            String what = (String) c[0];
            Deadline before = deadline("kept-" + what.replace(' ', '-') + "@test");
            Deadline after = ((UnaryOperator<Deadline>) c[1]).apply(before);
            String first = new FeedWriter().write("Cutoff", List.of(before));
            // Written and kept by one writer, asked for by another: the kept text is the JVM's, not the writer's.
            assertEquals(first, new FeedWriter().write("Cutoff", List.of(deadline(before.uid()))), what + ": kept text reused");
            String changed = new FeedWriter().write("Cutoff", List.of(after));
            assertEquals(new Ical4jFeedWriter().write("Cutoff", List.of(after)), changed, what);
            assertTrue(lines(changed).contains((String) c[2]), what + ": " + c[2] + " in\n" + changed);
            assertFalse(lines(first).contains((String) c[2]), what + ": not in the feed before the change");
            // The earlier version, asked for again, is still what it was.
            assertEquals(first, new FeedWriter().write("Cutoff", List.of(before)), what + ": the earlier version");
        }
    }

    @Test
    void aKeptEvent_isReturnedWithoutWritingAgain_andAChangedOneIsWritten() {
        RenderedEvents kept = new RenderedEvents(10, 1_000_000);
        AtomicInteger writes = new AtomicInteger();
        Deadline d = deadline("count@test");
        kept.text(d, x -> "event " + writes.incrementAndGet());
        // An equal deadline made anew (as a store read gives it) is served from the store.
        assertEquals("event 1", kept.text(deadline("count@test"), x -> "event " + writes.incrementAndGet()));
        Deadline raised = with(d, d.at(), d.zone(), d.summary(), d.description(), d.url(), 1, d.lastModified(), false);
        assertEquals("event 2", kept.text(raised, x -> "event " + writes.incrementAndGet()));
        assertEquals(2, kept.size());
    }

    @Test
    void theStore_keepsAtMostItsEntries_andItsCharacters_leastRecentlyUsedGoingFirst() {
        RenderedEvents byEntries = new RenderedEvents(3, 1_000_000);
        for (int i = 0; i < 5; i++) {
            byEntries.text(deadline("e" + i + "@test"), x -> "text");
        }
        assertEquals(3, byEntries.size());
        AtomicInteger writes = new AtomicInteger();
        byEntries.text(deadline("e4@test"), x -> "again " + writes.incrementAndGet());
        byEntries.text(deadline("e0@test"), x -> "again " + writes.incrementAndGet());
        assertEquals(1, writes.get(), "the newest kept, the eldest gone");

        Deadline d = deadline("c0@test");
        long weight = 1_000 + d.uid().length() + d.noticeId().length() + d.topicId().length() + d.summary().length()
                + d.description().length() + d.url().length();
        RenderedEvents byChars = new RenderedEvents(100, 3 * weight);
        for (int i = 0; i < 6; i++) {
            byChars.text(deadline("c" + i + "@test"), x -> "x".repeat(1_000));
            assertTrue(byChars.chars() <= 3 * weight, "chars " + byChars.chars());
        }
        assertEquals(3, byChars.size());
        assertEquals(3 * weight, byChars.chars());
        // A text larger than the whole store is returned, not kept.
        assertEquals(1_000_000, byChars.text(deadline("huge@test"), x -> "y".repeat(1_000_000)).length());
        assertEquals(3, byChars.size());
    }
}
