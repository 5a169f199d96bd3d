package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.util.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A deadline's VEVENT stored beside its item ({@link StoredEvent}): a feed uses it only for exactly the deadline it was
 * written for, by a build that writes events alike; then the feed is byte for byte what a writer that never saw the
 * deadline writes. The event format's version ({@link FeedWriter#EVENT_FORMAT}) is tied to a digest of generated
 * events' text, so a change to the text cannot ship without raising it.
 */
class StoredEventTest {
    /**
     * {@link FeedWriter#EVENT_FORMAT} → SHA-256 of the text of {@link #golden()}'s events. When this test fails, the
     * events' text changed: raise EVENT_FORMAT and add the new digest under it (texts stored before are then not used).
     */
    private static final Map<Integer, String> GOLDEN = Map.of(
            1, "0cdc2cbc01a2ceed1aa083a7a8d673bbb8c7da347211bff578a160845f60518d");

    /**
     * 600 generated deadlines whose text depends on no zone rule a tz database update could still change: fixed
     * offsets, Asia/Shanghai, and Europe/Berlin and America/New_York from 2001 to 2019, on and next to their
     * daylight-saving transitions (the repeated hour, written in UTC, included); date-only and cancelled ones; text
     * with every character TEXT escapes or {@link Text} cleans; URLs good and bad.
     */
    static List<Deadline> golden() {
        Random random = new Random(2445);
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHoursMinutesSeconds(-4, -30, -15),
                ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"));
        Instant from = Instant.parse("2001-01-01T00:00:00Z");
        Instant to = Instant.parse("2019-12-31T00:00:00Z");
        List<Deadline> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            Instant at = from.plusSeconds((long) (random.nextDouble() * (to.getEpochSecond() - from.getEpochSecond())));
            ZoneOffsetTransition next = zone.getRules().nextTransition(at);
            if (random.nextBoolean() && next != null && next.getInstant().isBefore(to)) {
                at = next.getInstant().plus(Duration.ofMinutes(random.nextInt(181) - 90));
            }
            boolean timed = random.nextInt(4) != 0;
            all.add(new Deadline(i + "-" + FeedWriterEquivalenceTest.text(random, 3) + "@cutoff", "n" + i, "n" + i + "-t1",
                    DeadlineKind.values()[random.nextInt(DeadlineKind.values().length)], timed ? at : null,
                    at.atZone(zone).toLocalDate(), zone, FeedWriterEquivalenceTest.text(random, 12),
                    FeedWriterEquivalenceTest.text(random, 60),
                    FeedWriterEquivalenceTest.URLS[random.nextInt(FeedWriterEquivalenceTest.URLS.length)],
                    random.nextInt(3) == 0 ? random.nextInt(1000) : 0,
                    Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1_000_000_000)), random.nextInt(5) == 0));
        }
        return all;
    }

    private static boolean repeatedWallTime(Deadline d) {
        return d.timed() && d.zone().getRules().getValidOffsets(LocalDateTime.ofInstant(d.at(), d.zone())).size() > 1;
    }

    @Test
    void theTagNamesTheIcal4jOnTheClassPath_asItsJarsManifestDoes_evenWhereTheManifestIsGone() {
        // ./cutoff's one jar of libraries has no ical4j manifest: the tag must not read it (it was "null" there).
        String fromJar = net.fortuna.ical4j.model.Calendar.class.getPackage().getImplementationVersion();
        assertEquals(fromJar, StoredEvent.ICAL4J_VERSION, "ical4j upgraded: change StoredEvent.ICAL4J_VERSION with it");
        assertTrue(StoredEvent.TAG.contains("/" + fromJar + "/"), StoredEvent.TAG);
    }

    @Test
    void theEventsText_isTiedToItsFormatVersion() {
        List<Deadline> golden = golden();
        assertTrue(golden.stream().anyMatch(StoredEventTest::repeatedWallTime), "a repeated wall time");
        assertTrue(golden.stream().anyMatch(d -> !d.timed()), "a date-only deadline");
        assertTrue(golden.stream().anyMatch(Deadline::cancelled), "a cancelled deadline");
        StringBuilder texts = new StringBuilder();
        golden.forEach(d -> texts.append(StoredEvent.of(d).text()));
        assertEquals(GOLDEN.get(FeedWriter.EVENT_FORMAT), Sha256.hex(texts.toString()),
                "the events' text changed: raise FeedWriter.EVENT_FORMAT and put the new digest under it in GOLDEN");
    }

    @Test
    void theTag_namesTheFormat_theTzDatabase_ical4j_andJava() {
        String tzdb = ZoneRulesProvider.getVersions("Asia/Shanghai").lastKey();
        assertEquals(FeedWriter.EVENT_FORMAT + "/" + tzdb + "/4.1.1/" + Runtime.version().feature(), StoredEvent.TAG);
    }

    @Test
    void aStoredEvent_isWhatTheFeedWrites_andAFeedUsingItIsWhatAWriterThatNeverSawTheDeadlineWrites() {
        for (Deadline d : golden().subList(0, 120)) {
            StoredEvent stored = StoredEvent.of(d);
            Deadline read = copy(d);
            assertTrue(stored.keepFor(read), d.uid());
            String feed = new FeedWriter().write("Cutoff", List.of(read));
            assertEquals(new Ical4jFeedWriter().write("Cutoff", List.of(read)), feed, d.uid());
            assertTrue(feed.contains(stored.text()), d.uid());
        }
    }

    @Test
    void theStoredText_isWhatTheFeedUses() {
        Deadline d = RenderedEventsTest.deadline("used@test");
        String marked = marked(d);
        assertTrue(new StoredEvent(marked, StoredEvent.TAG, StoredEvent.check(d, marked)).keepFor(copy(d)));
        assertTrue(new FeedWriter().write("Cutoff", List.of(copy(d))).contains("X-STORED:yes\r\n"));
    }

    @Test
    void anotherTag_aChangedText_orAnotherCheck_isNotUsed() {
        Deadline d = RenderedEventsTest.deadline("refused@test");
        String marked = marked(d);
        long check = StoredEvent.check(d, marked);
        String otherTag = (FeedWriter.EVENT_FORMAT - 1) + StoredEvent.TAG.substring(StoredEvent.TAG.indexOf('/'));
        assertFalse(new StoredEvent(marked, otherTag, check).keepFor(d), "an earlier format");
        assertFalse(new StoredEvent(marked, StoredEvent.TAG.replaceFirst("/[^/]+/", "/1999z/"), check).keepFor(d), "another tz database");
        assertFalse(new StoredEvent(marked, StoredEvent.TAG.substring(0, StoredEvent.TAG.lastIndexOf('/')) + "/8", check).keepFor(d),
                "another Java");
        assertFalse(new StoredEvent(marked, StoredEvent.TAG, StoredEvent.of(d).check()).keepFor(d), "a changed text");
        assertFalse(new StoredEvent(marked, StoredEvent.TAG, check + 1).keepFor(d), "another check");
        assertFalse(new StoredEvent(null, StoredEvent.TAG, check).keepFor(d), "no text");
        assertEquals(new Ical4jFeedWriter().write("Cutoff", List.of(d)), new FeedWriter().write("Cutoff", List.of(d)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTextStoredForOneVersion_isNeverUsedForAnother() {
        for (Object[] c : RenderedEventsTest.changes()) {
            String what = (String) c[0];
            Deadline before = RenderedEventsTest.deadline("stored-" + what.replace(' ', '-') + "@test");
            Deadline after = ((UnaryOperator<Deadline>) c[1]).apply(before);
            StoredEvent stored = StoredEvent.of(before);
            assertNotEquals(stored.check(), StoredEvent.check(after, stored.text()), what);
            assertFalse(stored.keepFor(after), what);
            // As an item whose fields changed but whose text did not: the feed is the changed deadline's.
            assertEquals(new Ical4jFeedWriter().write("Cutoff", List.of(after)), new FeedWriter().write("Cutoff", List.of(after)), what);
        }
        // The fields no event line shows are part of the version too.
        Deadline d = RenderedEventsTest.deadline("fields@test");
        StoredEvent stored = StoredEvent.of(d);
        for (Deadline other : List.of(
                new Deadline(d.uid(), "m", d.topicId(), d.kind(), d.at(), d.date(), d.zone(), d.summary(), d.description(), d.url(),
                        d.sequence(), d.lastModified(), d.cancelled()),
                new Deadline(d.uid(), d.noticeId(), "n-t2", d.kind(), d.at(), d.date(), d.zone(), d.summary(), d.description(), d.url(),
                        d.sequence(), d.lastModified(), d.cancelled()),
                new Deadline(d.uid(), d.noticeId(), d.topicId(), DeadlineKind.OPENS, d.at(), d.date(), d.zone(), d.summary(),
                        d.description(), d.url(), d.sequence(), d.lastModified(), d.cancelled()),
                new Deadline(d.uid(), d.noticeId(), d.topicId(), d.kind(), null, d.date(), d.zone(), d.summary(), d.description(),
                        d.url(), d.sequence(), d.lastModified(), d.cancelled()))) {
            assertFalse(stored.keepFor(other), other.toString());
        }
    }

    /** The deadline's event with a line no writer writes: seen in a feed only if the stored text was used. */
    private static String marked(Deadline d) {
        return StoredEvent.of(d).text().replace("END:VEVENT\r\n", "X-STORED:yes\r\nEND:VEVENT\r\n");
    }

    /** An equal deadline made of new strings, as a store read gives it. */
    private static Deadline copy(Deadline d) {
        return new Deadline(fresh(d.uid()), fresh(d.noticeId()), fresh(d.topicId()), d.kind(), d.at(), d.date(), d.zone(),
                fresh(d.summary()), fresh(d.description()), fresh(d.url()), d.sequence(), d.lastModified(), d.cancelled());
    }

    private static String fresh(String s) {
        return s == null ? null : new String(s.toCharArray());
    }
}
