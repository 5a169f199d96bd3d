package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.calendar.FeedWriter;
import cutoff.calendar.ReferenceFeeds;
import cutoff.calendar.StoredEvent;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.testing.LocalDynamo;
import cutoff.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Deadline items carry the VEVENT a feed writes for them ({@link StoredEvent}), written and read back through the
 * store against DynamoDB Local: a feed of the deadlines read is byte for byte what a writer that never saw them writes,
 * and an item whose text is not exactly its deadline's (another SEQUENCE, another build's tag, a changed text, a
 * malformed check, none at all) is written as without it.
 */
class StoredEventsIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private String table;
    private NoticeStore store;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.newTable(dynamo);
        store = new NoticeStore(dynamo, table, new MutableClock(Instant.parse("2026-12-07T00:00:00Z")));
    }

    private static boolean repeatedWallTime(Deadline d) {
        return d.timed() && d.zone().getRules().getValidOffsets(LocalDateTime.ofInstant(d.at(), d.zone())).size() > 1;
    }

    @Test
    void generatedDeadlines_writtenAndReadBack_giveTheFeedAWriterThatNeverSawThemWrites() {
        Random random = new Random(2026_12_07);
        List<ZoneId> zones = ReferenceFeeds.zones();
        List<Deadline> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(ReferenceFeeds.deadline(random, zones, 1_000_000 + i));
        }
        for (ZoneId zone : zones) {
            // Every zone the JVM knows, once each.
            written.add(ReferenceFeeds.deadline(random, List.of(zone), 2_000_000 + written.size()));
        }
        assertTrue(written.stream().anyMatch(StoredEventsIT::repeatedWallTime), "a repeated wall time");
        assertTrue(written.stream().anyMatch(d -> !d.timed()), "a date-only deadline");
        assertTrue(written.stream().anyMatch(Deadline::cancelled), "a cancelled deadline");
        Items.putAll(dynamo, table, written.stream().map(NoticeStore::deadlineItem).toList());

        List<Deadline> read = store.allDeadlines();
        Map<String, Deadline> byUid = read.stream().collect(Collectors.toMap(Deadline::uid, Function.identity()));
        assertEquals(written.stream().collect(Collectors.toMap(Deadline::uid, Function.identity())), byUid);
        // Each item's text is this build's, for exactly the deadline read from it: kept for the JVM's feeds.
        for (Map<String, AttributeValue> item : Items.queryAll(dynamo, QueryRequest.builder().tableName(table).indexName(CutoffTable.GSI1).keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CutoffTable.DEADLINES))))) {
            Deadline d = byUid.get(item.get("uid").s());
            assertTrue(stored(item).keepFor(d), d.uid());
            assertEquals(StoredEvent.of(d).text(), item.get(NoticeStore.VEVENT).s(), d.uid());
        }
        for (int from = 0; from < read.size(); from += 10) {
            List<Deadline> feed = read.subList(from, Math.min(read.size(), from + 10));
            assertEquals(ReferenceFeeds.write("Cutoff", feed), new FeedWriter().write("Cutoff", feed), feed.toString());
        }
    }

    @Test
    void aDeadlineWhoseItemFitsWithoutItsText_butNotWithIt_isStoredWithoutIt_andItsFeedIsWrittenAsBefore() {
        // 70,000 Chinese characters: 210 kB of UTF-8 in the description, and as much again in the VEVENT (escaped,
        // folded), which would take the item past DynamoDB's 400 KB; DynamoDB Local refuses such an item.
        Deadline plain = deadline("long@test", 0);
        Deadline d = new Deadline(plain.uid(), plain.noticeId(), plain.topicId(), plain.kind(), plain.at(), plain.date(),
                plain.zone(), plain.summary(), "申".repeat(70_000), plain.url(), 0, plain.lastModified(), false);
        Map<String, AttributeValue> item = NoticeStore.deadlineItem(d);
        assertFalse(item.containsKey(NoticeStore.VEVENT), "no stored text");
        assertTrue(Items.itemBytes(item) > 200_000 && Items.itemBytes(item) < 400_000, "fits without it");
        Deadline read = readBack(item);
        assertEquals(d, read);
        assertEquals(ReferenceFeeds.write("Cutoff", List.of(read)), new FeedWriter().write("Cutoff", List.of(read)));
        // A deadline of the usual size keeps its text.
        assertTrue(NoticeStore.deadlineItem(plain).containsKey(NoticeStore.VEVENT));
    }

    @Test
    void aTextStoredForSequenceOne_onAnItemOfSequenceTwo_isNotUsed() {
        Deadline one = deadline("sequence@test", 1);
        Map<String, AttributeValue> item = new HashMap<>(NoticeStore.deadlineItem(one));
        item.put(CutoffTable.SEQUENCE, AttributeValue.fromN("2"));
        Deadline read = readBack(item);
        assertEquals(2, read.sequence());
        String feed = new FeedWriter().write("Cutoff", List.of(read));
        assertEquals(ReferenceFeeds.write("Cutoff", List.of(read)), feed);
        assertTrue(feed.contains("\r\nSEQUENCE:2\r\n"), feed);
    }

    @Test
    void aStoredTextThatIsExactlyItsDeadlines_isWhatTheFeedUses() {
        Deadline d = deadline("used@test", 0);
        String marked = marked(d);
        Map<String, AttributeValue> item = new HashMap<>(NoticeStore.deadlineItem(d));
        item.put(NoticeStore.VEVENT, AttributeValue.fromS(marked));
        item.put(NoticeStore.VEVENT_CHECK, AttributeValue.fromN(Long.toString(StoredEvent.check(d, marked))));
        assertTrue(new FeedWriter().write("Cutoff", List.of(readBack(item))).contains("\r\nX-STORED:yes\r\n"));
    }

    @Test
    void aNoticesFeed_andAPersonalFeedsTopics_useTheStoredText_too() {
        // A notice partition each: what a notice's and a topic's feed read (feedSource), and what a subscriber's or an
        // office's feed reads (deadlinesOfTopics).
        Deadline ofNotice = markedNotice("2026-9-5e0a1b");
        List<Deadline> read = store.feedSource(ofNotice.noticeId()).orElseThrow().deadlines();
        assertEquals(List.of(ofNotice), read);
        assertTrue(new FeedWriter().write("Cutoff", read).contains("\r\nX-STORED:yes\r\n"));

        Deadline ofTopic = markedNotice("2026-9-5e0a1c");
        read = store.deadlinesOfTopics(List.of(ofTopic.topicId()), new HashMap<>());
        assertEquals(List.of(ofTopic), read);
        assertTrue(new FeedWriter().write("Cutoff", read).contains("\r\nX-STORED:yes\r\n"));
    }

    /** A notice item and one deadline item whose stored text is marked, with the right check; the deadline. */
    private Deadline markedNotice(String noticeId) {
        Deadline d = new Deadline(noticeId + "-t1-closes@cutoff", noticeId, noticeId + "-t1", DeadlineKind.CLOSES,
                Instant.parse("2026-06-03T08:30:00Z"), java.time.LocalDate.parse("2026-06-03"), ZoneId.of("Asia/Shanghai"),
                "申报截止 Cutoff", "第一行", null, 0, Instant.parse("2026-11-02T03:04:05Z"), false);
        String marked = marked(d);
        Map<String, AttributeValue> item = new HashMap<>(NoticeStore.deadlineItem(d));
        item.put(NoticeStore.VEVENT, AttributeValue.fromS(marked));
        item.put(NoticeStore.VEVENT_CHECK, AttributeValue.fromN(Long.toString(StoredEvent.check(d, marked))));
        Items.putAll(dynamo, table, List.of(item, Map.of(CutoffTable.PK, AttributeValue.fromS(CutoffTable.noticePk(noticeId)),
                CutoffTable.SK, AttributeValue.fromS(CutoffTable.NOTICE_SK), "feedName", AttributeValue.fromS("Cutoff"),
                "topicNames", AttributeValue.fromM(Map.of(d.topicId(), AttributeValue.fromS("Cutoff · 专题一"))))));
        return d;
    }

    @Test
    void anotherBuildsTag_aChangedText_aMalformedCheck_orNoText_isNotUsed() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Deadline oldTag = deadline("old-tag@test", 0);
        String marked = marked(oldTag);
        Map<String, AttributeValue> item = new HashMap<>(NoticeStore.deadlineItem(oldTag));
        item.put(NoticeStore.VEVENT, AttributeValue.fromS(marked));
        item.put(NoticeStore.VEVENT_CHECK, AttributeValue.fromN(Long.toString(StoredEvent.check(oldTag, marked))));
        item.put(NoticeStore.VEVENT_TAG, AttributeValue.fromS("0" + StoredEvent.TAG.substring(StoredEvent.TAG.indexOf('/'))));
        items.add(item);

        Deadline changed = deadline("changed-text@test", 0);
        item = new HashMap<>(NoticeStore.deadlineItem(changed));
        item.put(NoticeStore.VEVENT, AttributeValue.fromS(marked(changed)));
        items.add(item);

        Deadline malformed = deadline("malformed-check@test", 0);
        item = new HashMap<>(NoticeStore.deadlineItem(malformed));
        item.put(NoticeStore.VEVENT, AttributeValue.fromS(marked(malformed)));
        item.put(NoticeStore.VEVENT_CHECK, AttributeValue.fromS("not a number"));
        items.add(item);

        Deadline before = deadline("stored-before@test", 0);
        item = new HashMap<>(NoticeStore.deadlineItem(before));
        item.remove(NoticeStore.VEVENT);
        item.remove(NoticeStore.VEVENT_TAG);
        item.remove(NoticeStore.VEVENT_CHECK);
        items.add(item);

        Items.putAll(dynamo, table, items);
        List<Deadline> read = store.allDeadlines();
        assertEquals(Set.of(oldTag, changed, malformed, before), Set.copyOf(read));
        String feed = new FeedWriter().write("Cutoff", read);
        assertEquals(ReferenceFeeds.write("Cutoff", read), feed);
        assertFalse(feed.contains("X-STORED"), feed);
    }

    /** The item put in the table and read back through the store (as all.ics reads it: GSI1 {@code DEADLINES}). */
    private Deadline readBack(Map<String, AttributeValue> item) {
        Items.putAll(dynamo, table, List.of(item));
        List<Deadline> read = store.allDeadlines();
        assertEquals(1, read.size());
        return read.get(0);
    }

    private static StoredEvent stored(Map<String, AttributeValue> item) {
        return new StoredEvent(item.get(NoticeStore.VEVENT).s(), item.get(NoticeStore.VEVENT_TAG).s(),
                Long.parseLong(item.get(NoticeStore.VEVENT_CHECK).n()));
    }

    private static Deadline deadline(String uid, int sequence) {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant at = Instant.parse("2026-06-03T08:30:00Z");
        return new Deadline(uid, "n-stored", "n-stored-t1", DeadlineKind.CLOSES, at, at.atZone(shanghai).toLocalDate(), shanghai,
                "申报截止 Cutoff", "第一行\n第二行, 含; 逗号", "https://example.org/n", sequence, Instant.parse("2026-11-02T03:04:05Z"), false);
    }

    /** The deadline's event with a line no writer writes: in a feed only if the stored text was used. */
    private static String marked(Deadline d) {
        return StoredEvent.of(d).text().replace("END:VEVENT\r\n", "X-STORED:yes\r\nEND:VEVENT\r\n");
    }
}
