package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeParser;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.testing.Guidelines;
import cutoff.testing.LocalDynamo;
import cutoff.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class NoticeStoreIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final MutableClock clock = new MutableClock(Instant.parse("2023-03-22T02:00:00Z"));
    private String table;
    private NoticeStore store;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.newTable(dynamo);
        store = new NoticeStore(dynamo, table, clock);
    }

    private static Notice stcsm2023() throws Exception {
        return new NoticeParser().parse(Guidelines.bytes(Guidelines.STCSM_2023_4), null);
    }

    /**
     * A notice of more deadlines than one transaction holds, whose own item is larger than DynamoDB takes (the notice item
     * holds the whole reading and every topic's name, last of the writes): refused before anything is sent, so no
     * deadline is left stored without its notice.
     */
    @Test
    void aNoticeTooLargeForItsItem_isRefused_andNothingIsWritten() throws Exception {
        Notice base = stcsm2023();
        Topic t = base.topics().stream().filter(x -> x.window() != null && x.window().opens() != null).findFirst().orElseThrow();
        Notice big = withTopics(base, t, 60, 1_200, new java.util.Random(8));
        assertTrue(cutoff.deadline.Deadlines.of(big, clock.instant()).size() > 98, "more deadlines than one transaction holds");

        ItemTooLargeException refused = assertThrows(ItemTooLargeException.class, () -> store.ingest(big));

        assertTrue(refused.getMessage().startsWith("notice " + big.id() + ": the item NOTICE#"), refused.getMessage());
        assertTrue(refused.getMessage().contains("nothing was written")
                && refused.getMessage().endsWith("(the notice item holds the whole reading as JSON and every topic's name)"), refused.getMessage());
        ItemTooLargeException checked = assertThrows(ItemTooLargeException.class, () -> NoticeStore.checkFits(big));
        assertEquals(refused.getMessage(), checked.getMessage(), "the CLI's check before a batch says what ingest would");
        assertTrue(store.notice(big.id()).isEmpty());
        assertEquals(0, dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(CutoffTable.noticePk(big.id()))))).count(), "no deadline item either");
    }

    /** {@code base} with {@code count} copies of {@code t}, each titled with {@code length} random Chinese characters. */
    private static Notice withTopics(Notice base, Topic t, int count, int length, java.util.Random random) {
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder title = new StringBuilder().append(i);
            for (int k = 0; k < length; k++) {
                title.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
            }
            topics.add(new Topic("t" + (i + 1), t.key() + i, t.programme(), title.toString(), t.directions(), t.window(),
                    t.foreignDeadlines(), t.deadlines(), t.fundingCapWan(), t.projectPeriod(), t.fields()));
        }
        return base.withTopics(topics);
    }

    private Map<String, Deadline> stored(String noticeId) {
        return store.notice(noticeId).orElseThrow().deadlines().stream()
                .collect(Collectors.toMap(Deadline::uid, Function.identity()));
    }

    @Test
    void ingest_storesOpeningAndCutoffOfEveryTopic_atSequenceZero() throws Exception {
        Notice notice = stcsm2023();
        IngestResult result = store.ingest(notice);
        assertEquals(12, result.added().size(), result.summary());
        Map<String, Deadline> deadlines = stored(notice.id());
        Deadline cutoff = deadlines.get(notice.id() + "-t2-closes@cutoff");
        assertEquals(Instant.parse("2023-04-28T08:30:00Z"), cutoff.at());
        assertEquals("Asia/Shanghai", cutoff.zone().getId());
        assertEquals(0, cutoff.sequence());
        assertEquals(clock.instant(), cutoff.lastModified());
        assertEquals(notice, store.notice(notice.id()).orElseThrow().notice());
    }

    @Test
    void ingestingTheSameNoticeTwice_changesNothing() throws Exception {
        Notice notice = stcsm2023();
        store.ingest(notice);
        Map<String, Deadline> first = stored(notice.id());
        clock.advance(Duration.ofDays(1));
        IngestResult again = store.ingest(stcsm2023());
        assertTrue(again.nothingChanged(), again.summary());
        assertEquals(12, again.unchanged());
        assertEquals(first, stored(notice.id()));
    }

    @Test
    void aMovedCutoff_keepsItsUid_andItsSequenceGoesUp() throws Exception {
        Notice notice = stcsm2023();
        store.ingest(notice);
        clock.advance(Duration.ofDays(2));
        Topic t1 = notice.topics().get(0);
        OffsetDateTime extended = OffsetDateTime.parse("2023-04-25T16:30:00+08:00");
        List<Topic> topics = new ArrayList<>(notice.topics());
        topics.set(0, t1.withWindow(new Window(t1.window().opens(), cutoff.notice.DateOrDateTime.of(extended), Window.BEIJING)));
        IngestResult result = store.ingest(notice.withTopics(topics));
        String uid = t1.id() + "-closes@cutoff";
        assertEquals(List.of(uid), result.moved());
        Deadline moved = stored(notice.id()).get(uid);
        assertEquals(extended.toInstant(), moved.at());
        assertEquals(1, moved.sequence());
        assertEquals(clock.instant(), moved.lastModified());
        assertEquals(0, stored(notice.id()).get(t1.id() + "-opens@cutoff").sequence(), "the opening did not move");
    }

    @Test
    void aTopicDroppedFromTheNotice_isKeptAsWithdrawn() throws Exception {
        Notice notice = stcsm2023();
        store.ingest(notice);
        clock.advance(Duration.ofHours(3));
        IngestResult result = store.ingest(notice.withTopics(notice.topics().subList(0, 5)));
        String topic6 = notice.topics().get(5).id();
        assertEquals(List.of(topic6 + "-opens@cutoff", topic6 + "-closes@cutoff").stream().sorted().toList(),
                result.cancelled().stream().sorted().toList());
        Deadline withdrawn = stored(notice.id()).get(topic6 + "-closes@cutoff");
        assertTrue(withdrawn.cancelled());
        assertEquals(1, withdrawn.sequence());
    }

    @Test
    void aNoticeWithoutCutoff_isRefused_namingWhatToSupply_andNothingIsWritten() throws Exception {
        Notice zhejiang = new NoticeParser().parse(Guidelines.bytes(Guidelines.ZHEJIANG_BILATERAL), 2024);
        IncompleteNoticeException e = assertThrows(IncompleteNoticeException.class, () -> store.ingest(zhejiang));
        assertTrue(e.getMessage().contains("--closes"), e.getMessage());
        assertEquals(4, e.problems().size());
        assertTrue(e.problems().get(0).contains("（一） 双边产业联合研发计划项目"), e.problems().get(0));
        assertFalse(store.notice(zhejiang.id()).isPresent());
        assertTrue(store.allDeadlines().isEmpty());
    }

    @Test
    void foreignDeadlines_areStoredInTheAgencysZone_dateOnlyWhenNoTimeIsWritten() throws Exception {
        Notice zhejiang = new NoticeParser().parse(Guidelines.bytes(Guidelines.ZHEJIANG_BILATERAL), 2024)
                .withDefaultWindow(new Window(null, OffsetDateTime.parse("2024-06-28T16:30:00+08:00"), Window.BEIJING));
        store.ingest(zhejiang);
        Map<String, Deadline> d = stored(zhejiang.id());
        String t1 = zhejiang.topics().get(0).id();
        Deadline finland = d.get(t1 + "-foreign-finland@cutoff");
        assertFalse(finland.timed());
        assertEquals("2024-09-30", finland.date().toString());
        assertEquals("Europe/Helsinki", finland.zone().getId());
        assertEquals(Instant.parse("2024-09-29T21:00:00Z"), finland.earliest(), "start of the day in Helsinki (EEST)");
        Deadline norway = d.get(t1 + "-foreign-norway@cutoff");
        assertEquals(Instant.parse("2024-06-28T08:30:00Z"), norway.at(), "与我省一致: our cutoff's instant");
        assertEquals("Europe/Oslo", norway.zone().getId());
    }

    @Test
    void feedSource_namesTheNoticeAndItsTopics_alsoForItemsStoredWithoutFeedNames() throws Exception {
        Notice notice = stcsm2023();
        store.ingest(notice);
        NoticeStore.FeedSource fresh = store.feedSource(notice.id()).orElseThrow();
        assertEquals("Cutoff · 沪科指南〔2023〕4号", fresh.name());
        assertEquals("Cutoff · 沪科指南〔2023〕4号 · 专题二 上海－以色列产业创新合作项目", fresh.topicNames().get(notice.id() + "-t2"));
        assertEquals(12, fresh.deadlines().size());
        // An item written before the names were kept beside the JSON.
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("NOTICE#" + notice.id()),
                        "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("#NOTICE")))
                .updateExpression("REMOVE feedName, topicNames"));
        assertEquals(fresh, store.feedSource(notice.id()).orElseThrow());
        assertTrue(store.feedSource("2099-1-000000").isEmpty());
    }

    @Test
    void allDeadlines_comeFromTheIndex_inTimeOrder_acrossNotices() throws Exception {
        store.ingest(stcsm2023());
        store.ingest(new NoticeParser().parse(Guidelines.bytes(Guidelines.STCSM_2026_8), null));
        List<Deadline> all = store.allDeadlines();
        assertEquals(12 + 6, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).earliest().isBefore(all.get(i - 1).earliest()), "sorted at " + i);
        }
        assertEquals(2, store.notices().size());
    }

    @Test
    void cachingReads_showAnIngestThroughTheSameStoreAtOnce_andAnotherProcesssWriteOnlyAfterTheirStaleness() throws Exception {
        NoticeStore cached = store.cachingReads(Duration.ofHours(1));
        Notice notice = stcsm2023();
        Topic t1 = notice.topics().get(0);
        String uid = t1.id() + "-closes@cutoff";
        assertTrue(cached.feedSource(notice.id()).isEmpty());
        assertTrue(cached.feedStamp(notice.id()).isEmpty());
        cached.ingest(notice);
        String stamp = cached.feedStamp(notice.id()).orElseThrow();
        Instant original = cutoffOf(store, notice.id(), uid);
        assertEquals(original, cutoffOf(cached, notice.id(), uid));
        assertEquals(1, cached.storedNotices().size());

        // Another writer (the CLI, another container): this store answers what it read, for the hour it was told.
        clock.advance(Duration.ofDays(2));
        OffsetDateTime extended = OffsetDateTime.parse("2023-04-25T16:30:00+08:00");
        List<Topic> topics = new ArrayList<>(notice.topics());
        topics.set(0, t1.withWindow(new Window(t1.window().opens(), cutoff.notice.DateOrDateTime.of(extended), Window.BEIJING)));
        Notice moved = notice.withTopics(topics);
        store.ingest(moved);
        assertEquals(stamp, cached.feedStamp(notice.id()).orElseThrow(), "the stamp and the deadlines are one read");
        assertEquals(original, cutoffOf(cached, notice.id(), uid));
        assertFalse(original.equals(extended.toInstant()));
        assertEquals(extended.toInstant(), cutoffOf(store, notice.id(), uid), "a store that keeps nothing reads the table");
        // What an ingest acts on is never kept: this ingest sees the other writer's move, and then every read shows it.
        clock.advance(Duration.ofDays(1));
        assertTrue(cached.ingest(moved).nothingChanged());
        // (Nothing written, nothing dropped: the same ingest again leaves the kept reads as they were.)
        assertEquals(stamp, cached.feedStamp(notice.id()).orElseThrow());
        topics.set(1, topics.get(1).withWindow(new Window(topics.get(1).window().opens(),
                cutoff.notice.DateOrDateTime.of(extended.plusDays(1)), Window.BEIJING)));
        cached.ingest(notice.withTopics(topics));
        assertEquals(extended.toInstant(), cutoffOf(cached, notice.id(), uid));
        assertEquals(store.feedStamp(notice.id()), cached.feedStamp(notice.id()));
        assertEquals(store.allDeadlines(), cached.allDeadlines());
    }

    private static Instant cutoffOf(NoticeStore s, String noticeId, String uid) {
        return s.feedSource(noticeId).orElseThrow().deadlines().stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow().at();
    }
}
