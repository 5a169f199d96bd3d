package cutoff.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import cutoff.calendar.FeedNames;
import cutoff.calendar.StoredEvent;
import cutoff.deadline.Deadline;
import cutoff.deadline.DeadlineChange;
import cutoff.deadline.DeadlineDiff;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.NoticeJson;
import cutoff.notice.Topic;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Notices and their deadlines in DynamoDB (key design: {@link CutoffTable}).
 *
 * <p>Ingest is idempotent and keeps identities: a deadline is known by its UID; one whose date or time
 * moved keeps its UID and its sequence (the feed's SEQUENCE) goes up; one no longer in the notice is
 * kept as withdrawn (STATUS:CANCELLED) so subscribed calendars drop it. A notice's changes are written
 * in one transaction, so a reader never sees half an ingest.
 *
 * <p>One class (about 430 lines) because it is one item family: the notice item, its deadline items and the
 * feed stamps are written together in each ingest transaction, and the public reads share the read cache that an
 * ingest drops; the key design is {@link CutoffTable}'s, the transaction limit {@code Items}'.
 */
public final class NoticeStore implements NoticeReads {
    /** How long a warm function serves a public read again ({@link #cachingReads}): feeds, the calls page, a topic page. */
    public static final java.time.Duration READ_STALENESS = java.time.Duration.ofSeconds(5);
    private static final int READ_CACHE_ENTRIES = 1_000;
    /** A deadline item's VEVENT text, its tag and its check ({@link StoredEvent}); absent on items stored before. */
    static final String VEVENT = "vevent";
    static final String VEVENT_TAG = "veventTag";
    static final String VEVENT_CHECK = "veventCheck";
    /**
     * The most bytes a deadline item may take with its stored VEVENT (DynamoDB's item size: attribute names and values,
     * strings as UTF-8); an item that would take more is stored without it, as items were before stored events, so a
     * deadline whose item fits DynamoDB's 400 KB limit without the text is never refused for it (the text repeats the
     * summary and description). A feed writes that deadline's event itself.
     */
    static final int STORED_EVENT_ITEM_BYTES = 300_000;
    /** Room kept in each of an ingest's transactions for its two feed stamps (each well under 1 KB). */
    private static final int STAMPS_BYTES = 4_096;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final ReadCache<Object> reads;

    /**
     * @param dynamo    the client (built once per container)
     * @param tableName the table, as {@code template.yaml} names it ({@code CUTOFF_TABLE})
     * @param clock     the source of "now" for sequence stamps (UTC instants)
     */
    public NoticeStore(DynamoDbClient dynamo, String tableName, Clock clock) {
        this(dynamo, tableName, clock, java.time.Duration.ZERO);
    }

    private NoticeStore(DynamoDbClient dynamo, String tableName, Clock clock, java.time.Duration staleness) {
        this.dynamo = dynamo;
        this.table = tableName;
        this.clock = clock;
        this.reads = new ReadCache<>(staleness, READ_CACHE_ENTRIES);
    }

    /**
     * A store whose public reads ({@link #feedStamp}, {@link #feedSource}, {@link #allDeadlines},
     * {@link #storedNotices}, {@link #noticeOfTopic}: what the feeds and web pages show) are answered again
     * for up to {@code staleness} after their read (a monotonic {@link System#nanoTime} bound, not the clock),
     * so that a warm function under load does not repeat the same {@code Query} for every request. What
     * another process writes (an ingest from the CLI, another container) shows after at most {@code staleness};
     * an ingest through this store shows at once (it drops every kept read). A feed's stamp and its
     * deadlines are kept as one read, the stamp read first, so an ETag never names newer data than the body
     * it came with. The reads an ingest, the planner or the offices act on ({@link #notice},
     * {@link #deadlinesOfTopics}, {@link #notices}) are never kept. {@link java.time.Duration#ZERO}: nothing kept.
     */
    public NoticeStore cachingReads(java.time.Duration staleness) {
        return new NoticeStore(dynamo, table, clock, staleness);
    }

    /** A notice with its stored deadlines, withdrawn ones included. */
    public record StoredNotice(Notice notice, List<Deadline> deadlines) {
        /** The notice's topic with this id; empty when the notice (now) has none. */
        public Optional<Topic> topic(String topicId) {
            return notice.topics().stream().filter(t -> t.id().equals(topicId)).findFirst();
        }

        /**
         * True when a topic is withdrawn: it has stored deadlines and every one is cancelled (its notice withdrawn, or
         * a later ingest dropped the topic). A topic with no stored deadline at all is not.
         */
        public boolean withdrawn(String topicId) {
            List<Deadline> of = deadlines.stream().filter(d -> d.topicId().equals(topicId)).toList();
            return !of.isEmpty() && of.stream().allMatch(Deadline::cancelled);
        }

        /** When a withdrawn topic was withdrawn: the latest change of its deadlines (UTC); empty when it has none. */
        public Optional<Instant> withdrawnAt(String topicId) {
            return deadlines.stream().filter(d -> d.topicId().equals(topicId)).map(Deadline::lastModified).max(Instant::compareTo);
        }

        /** A topic's live cutoff: its {@link DeadlineKind#CLOSES} deadline, not withdrawn; empty when it has none. */
        public Optional<Deadline> cutoff(String topicId) {
            return deadlines.stream().filter(d -> d.topicId().equals(topicId) && d.kind() == DeadlineKind.CLOSES && !d.cancelled())
                    .findFirst();
        }
    }

    /**
     * What a feed of a notice or topic needs, read without parsing the notice's JSON (which would load
     * Jackson on the feed function's cold path).
     *
     * @param name       the notice feed's calendar name
     * @param topicNames topic id → the topic feed's calendar name, for the topics the notice has now
     * @param deadlines  the notice's deadlines, withdrawn ones included
     */
    public record FeedSource(String name, Map<String, String> topicNames, List<Deadline> deadlines) {
    }

    /** A notice's feed names and deadlines: one {@code Query}; empty when no notice has that id. */
    public Optional<FeedSource> feedSource(String noticeId) {
        if (NoticeIds.isRelay(noticeId)) {
            return Optional.empty(); // a research office's relay (RelayStore): for its staff only, never a public feed
        }
        return reads.keeps() ? feedRead(noticeId).source() : readFeedSource(noticeId);
    }

    /** A notice's feed stamp and feed source, or the service's stamp and every deadline ({@code noticeId} null). */
    private record FeedRead(Optional<String> stamp, Optional<FeedSource> source, List<Deadline> all) {
    }

    /** The stamp first, then what it stamps: kept together, so an ETag from the stamp never names newer data. */
    private FeedRead feedRead(String noticeId) {
        if (noticeId != null && !NoticeIds.wellFormed(noticeId)) {
            // Not an id any notice has: nothing to read, nothing to keep.
            return new FeedRead(Optional.empty(), Optional.empty(), List.of());
        }
        return (FeedRead) reads.get("feed:" + (noticeId == null ? "" : noticeId), () -> {
            Optional<String> stamp = readFeedStamp(noticeId);
            return noticeId == null ? new FeedRead(stamp, Optional.empty(), List.copyOf(readAllDeadlines()))
                    : new FeedRead(stamp, readFeedSource(noticeId), List.of());
        });
    }

    private Optional<FeedSource> readFeedSource(String noticeId) {
        return partition(noticeId).map(p -> {
            if (!p.noticeItem().containsKey("feedName")) {
                // Stored before feed names were kept beside the JSON.
                Notice notice = readNotice(p.noticeItem());
                return new FeedSource(FeedNames.notice(notice), topicNames(notice), p.deadlines());
            }
            Map<String, String> topics = new LinkedHashMap<>();
            p.noticeItem().get("topicNames").m().forEach((id, name) -> topics.put(id, name.s()));
            return new FeedSource(p.noticeItem().get("feedName").s(), topics, p.deadlines());
        });
    }

    /**
     * The stored deadlines (withdrawn ones included) of some topics, in the topics' notice order: one
     * {@code Query} per notice, read without parsing notice JSON.
     *
     * @param topicIds topic ids ({@code <noticeId>-t<n>}); unknown ones find nothing
     * @param cache    notice id → its deadlines, shared across calls of one pass (planning many subscribers)
     */
    public List<Deadline> deadlinesOfTopics(java.util.Collection<String> topicIds, Map<String, List<Deadline>> cache) {
        java.util.Set<String> wanted = java.util.Set.copyOf(topicIds);
        java.util.Set<String> noticeIds = new java.util.LinkedHashSet<>();
        topicIds.forEach(t -> cutoff.notice.NoticeIds.noticeIdOf(t).ifPresent(noticeIds::add));
        List<Deadline> result = new ArrayList<>();
        for (String noticeId : noticeIds) {
            List<Deadline> all = cache.computeIfAbsent(noticeId,
                    id -> partition(id).map(Partition::deadlines).orElse(List.of()));
            all.stream().filter(d -> wanted.contains(d.topicId())).forEach(result::add);
        }
        return result;
    }

    private static Map<String, String> topicNames(Notice notice) {
        Map<String, String> names = new LinkedHashMap<>();
        notice.topics().forEach(t -> names.put(t.id(), FeedNames.topic(notice, t)));
        return names;
    }

    /** A notice's partition, read raw: its notice item and its deadlines. */
    private record Partition(Map<String, AttributeValue> noticeItem, List<Deadline> deadlines) {
    }

    /** One {@code Query} on a notice's partition; empty when it holds no notice item. */
    private Optional<Partition> partition(String noticeId) {
        if (!cutoff.notice.NoticeIds.wellFormed(noticeId)) {
            // Not an id any notice has (and too odd for a table key): nothing to read.
            return Optional.empty();
        }
        Map<String, AttributeValue> noticeItem = null;
        List<Deadline> deadlines = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.noticePk(noticeId)))))) {
            String sk = item.get(CutoffTable.SK).s();
            if (sk.equals(CutoffTable.NOTICE_SK)) {
                noticeItem = item;
            } else if (sk.startsWith(CutoffTable.DEADLINE_PREFIX)) {
                deadlines.add(readDeadline(item));
            }
        }
        return noticeItem == null ? Optional.empty() : Optional.of(new Partition(noticeItem, List.copyOf(deadlines)));
    }

    /**
     * Stores a notice and its deadlines.
     *
     * @return what changed; {@link IngestResult#nothingChanged()} when the same notice was already stored
     * @throws IncompleteNoticeException when a topic has no cutoff; nothing is written
     * @throws ConcurrentIngestException when another ingest of the same notice wrote first; nothing is written
     * @throws ItemTooLargeException when the notice's item or a deadline's would be larger than DynamoDB takes (400 KB);
     *                               nothing is written
     */
    public IngestResult ingest(Notice notice) throws IncompleteNoticeException {
        Instant now = clock.instant();
        List<Deadline> fresh = Deadlines.of(notice, now);
        Optional<StoredNotice> stored = notice(notice.id());
        DeadlineDiff diff = DeadlineDiff.between(stored.map(StoredNotice::deadlines).orElse(List.of()), fresh, now);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (DeadlineChange c : diff.changes()) {
            writes.add(put(deadlineItem(c.after()), c.before()));
        }
        String json = NoticeJson.write(notice);
        boolean noticeChanged = stored.map(s -> !NoticeJson.write(s.notice()).equals(json)).orElse(true);
        if (noticeChanged) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(noticeItem(notice, json, now))
                    .build()).build());
        }
        write(notice.id(), writes);
        return new IngestResult(notice.id(), diff.added(), diff.moved(), diff.updated(), diff.withdrawn(), diff.unchanged(),
                diff.changes());
    }

    /**
     * Checks, before anything is written, that a notice's items fit DynamoDB's 400 KB: the notice item (the whole reading
     * as JSON, and every topic's name) and each deadline item (its topic's title and description, and its VEVENT when it
     * fits). The CLI checks every file of a batch so, before it ingests the first.
     *
     * @throws ItemTooLargeException naming the notice and the item, and what the item holds
     * @throws IncompleteNoticeException when a topic has no cutoff ({@link Deadlines#of})
     */
    public static void checkFits(Notice notice) throws IncompleteNoticeException {
        Instant now = Instant.EPOCH;
        try {
            Items.checkFits(noticeItem(notice, NoticeJson.write(notice), now));
            for (Deadline d : Deadlines.of(notice, now)) {
                Items.checkFits(deadlineItem(d));
            }
        } catch (ItemTooLargeException e) {
            throw tooLarge(notice.id(), e);
        }
    }

    private static ItemTooLargeException tooLarge(String noticeId, ItemTooLargeException e) {
        String holds = CutoffTable.NOTICE_SK.equals(e.sortKey()) ? "the notice item holds the whole reading as JSON and every topic's name"
                : "a deadline item holds its topic's title and description";
        return new ItemTooLargeException("notice " + noticeId + ": " + e.getMessage() + " (" + holds + ")", e.sortKey());
    }

    /**
     * Withdraws a published notice (issue 19): every deadline of it not yet withdrawn is stored cancelled
     * (STATUS:CANCELLED, RFC 5545 §3.8.1.11), its SEQUENCE one up (§3.8.7.4) and its last change (DTSTAMP,
     * LAST-MODIFIED) now, so that subscribed calendars drop the events; the notice item and its topics are kept, so
     * the feeds keep the cancelled events and a topic's page can say it is withdrawn. The feed stamps move. Written in
     * one transaction (with ingest's conditions: each deadline as read), on the condition too that the notice's feed
     * stamp is the one read before its deadlines, so that an ingest of the notice in between (which may only have
     * added a deadline) makes this one write nothing. A notice of more than {@code Items.MAX_TRANSACTION_ITEMS} - 2
     * deadlines, or of deadline items over {@code Items.MAX_TRANSACTION_BYTES} in all, takes more than one transaction,
     * as an ingest does.
     *
     * <p>Published again later by an ingest, each deadline comes back as moved ({@link DeadlineDiff}): SEQUENCE one up
     * again, so calendars take the event back.
     *
     * @param noticeId the notice
     * @return what changed, as an ingest's result: {@link IngestResult#cancelled()} the deadlines withdrawn now, {@link
     *         IngestResult#unchanged()} those withdrawn before ({@link IngestResult#nothingChanged()} when the notice
     *         was withdrawn already: nothing is written); empty when no notice has that id
     * @throws ConcurrentIngestException when an ingest or withdrawal of the same notice wrote after this one read;
     *                                   nothing of this one is written
     */
    public Optional<IngestResult> withdraw(String noticeId) {
        if (!NoticeIds.wellFormed(noticeId)) {
            return Optional.empty();
        }
        // Read strongly consistent: a stale stamp would only make the write refuse (409), but for nothing.
        var stampItem = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.noticePk(noticeId),
                CutoffTable.FEED_SK)).consistentRead(true));
        Optional<String> stamp = stampItem.hasItem() && stampItem.item().containsKey("stamp")
                ? Optional.of(stampItem.item().get("stamp").s()) : Optional.empty();
        Optional<Partition> read = partition(noticeId);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<String> cancelled = new ArrayList<>();
        List<DeadlineChange> changes = new ArrayList<>();
        List<TransactWriteItem> writes = new ArrayList<>();
        int unchanged = 0;
        for (Deadline d : read.get().deadlines()) {
            if (d.cancelled()) {
                unchanged++;
                continue;
            }
            Deadline withdrawn = d.asCancelled(d.sequence() + 1, now);
            cancelled.add(d.uid());
            changes.add(new DeadlineChange(d, withdrawn));
            // A research office's relay stays on no index (RelayStore): withdrawn, it is its staff's news alone.
            writes.add(put(NoticeIds.isRelay(noticeId) ? RelayStore.unindexed(deadlineItem(withdrawn)) : deadlineItem(withdrawn), d));
        }
        write(noticeId, writes, stamp);
        return Optional.of(new IngestResult(noticeId, List.of(), List.of(), List.of(), List.copyOf(cancelled), unchanged,
                List.copyOf(changes)));
    }

    private void write(String noticeId, List<TransactWriteItem> writes) {
        write(noticeId, writes, null);
    }

    /**
     * @param expectedStamp when not {@code null}: the notice's feed stamp as read before what {@code writes} was
     *                      computed from (empty: none was there); the first transaction writes only if it is still so
     */
    private void write(String noticeId, List<TransactWriteItem> writes, Optional<String> expectedStamp) {
        if (writes.isEmpty()) {
            return;
        }
        // Every transaction of an ingest also moves the notice's and the whole service's feed stamps, so a
        // reader can never keep a 304 on content a later transaction changed (CutoffTable: feed stamp).
        // (Each transaction under DynamoDB's item and size limits with its two stamps: STAMPS_BYTES is far above theirs.)
        List<List<TransactWriteItem>> transactions;
        try {
            transactions = Items.transactions(writes, 2, STAMPS_BYTES);
        } catch (ItemTooLargeException e) {
            throw tooLarge(noticeId, e);
        }
        List<List<TransactWriteItem>> stamped = new ArrayList<>();
        for (List<TransactWriteItem> content : transactions) {
            List<TransactWriteItem> transaction = new ArrayList<>(content);
            String stamp = Items.sortable(clock.instant()) + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            transaction.add(stamped.isEmpty() && expectedStamp != null ? stampItem(noticeId, stamp, expectedStamp)
                    : stampItem(CutoffTable.noticePk(noticeId), CutoffTable.FEED_SK, stamp));
            transaction.add(stampItem(CutoffTable.FEEDS_PK, CutoffTable.ALL_SK, stamp));
            stamped.add(transaction);
        }
        try {
            Items.transactAll(dynamo, stamped, (from, e) -> new ConcurrentIngestException("notice " + noticeId
                    + " was changed by another ingest while this one ran; nothing of this one was written"
                    + (from > 0 ? " after item " + from : "") + ": run it again", e));
        } finally {
            // Written (or partly, or maybe): what this process kept is no longer what the table holds.
            reads.invalidate();
        }
    }

    private TransactWriteItem stampItem(String pk, String sk, String stamp) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(CutoffTable.PK, s(pk), CutoffTable.SK, s(sk), "stamp", s(stamp))).build()).build();
    }

    /** A notice's new feed stamp, on the condition that its stamp is still {@code expected} (empty: that it has none). */
    private TransactWriteItem stampItem(String noticeId, String stamp, Optional<String> expected) {
        Put.Builder put = Put.builder().tableName(table).item(Map.of(CutoffTable.PK, s(CutoffTable.noticePk(noticeId)),
                CutoffTable.SK, s(CutoffTable.FEED_SK), "stamp", s(stamp)));
        if (expected.isPresent()) {
            put.conditionExpression("#stamp = :stamp").expressionAttributeNames(Map.of("#stamp", "stamp"))
                    .expressionAttributeValues(Map.of(":stamp", s(expected.get())));
        } else {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * The feed stamp of one notice ({@code NOTICE#id / #FEED}), or of all notices ({@code noticeId}
     * {@code null}: {@code FEEDS / #ALL}): one {@code GetItem}. Empty when unknown or stored before stamps.
     */
    public Optional<String> feedStamp(String noticeId) {
        if (NoticeIds.isRelay(noticeId)) {
            return Optional.empty(); // a relay has no public feed (RelayStore)
        }
        return reads.keeps() ? feedRead(noticeId).stamp() : readFeedStamp(noticeId);
    }

    private Optional<String> readFeedStamp(String noticeId) {
        if (noticeId != null && !cutoff.notice.NoticeIds.wellFormed(noticeId)) {
            return Optional.empty();
        }
        var key = noticeId == null ? CutoffTable.key(CutoffTable.FEEDS_PK, CutoffTable.ALL_SK)
                : CutoffTable.key(CutoffTable.noticePk(noticeId), CutoffTable.FEED_SK);
        var r = dynamo.getItem(b -> b.tableName(table).key(key));
        return r.hasItem() && r.item().containsKey("stamp") ? Optional.of(r.item().get("stamp").s()) : Optional.empty();
    }

    /** A put that only succeeds if the item is still what was read (optimistic concurrency). */
    private TransactWriteItem put(Map<String, AttributeValue> item, Deadline old) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (old == null) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK));
        } else {
            put.conditionExpression("#rev = :rev AND #lm = :lm")
                    .expressionAttributeNames(Map.of("#rev", CutoffTable.SEQUENCE, "#lm", "lastModified"))
                    .expressionAttributeValues(Map.of(":rev", n(old.sequence()), ":lm", s(old.lastModified().toString())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * A notice and its deadlines: one {@code Query} on the notice's partition.
     *
     * @return empty when no notice has that id
     */
    public Optional<StoredNotice> notice(String noticeId) {
        return partition(noticeId).map(p -> new StoredNotice(readNotice(p.noticeItem()), p.deadlines()));
    }

    /**
     * The notice a topic id belongs to ({@link NoticeIds#noticeIdOf}), as {@link #notice}, for the public topic page; empty
     * for a malformed id and for a research office's relay ({@link NoticeIds#isRelay}: its staff's only).
     */
    @SuppressWarnings("unchecked")
    public Optional<StoredNotice> noticeOfTopic(String topicId) {
        return NoticeIds.noticeIdOf(topicId).filter(NoticeIds::wellFormed).filter(id -> !NoticeIds.isRelay(id))
                .flatMap(id -> (Optional<StoredNotice>) reads.get("notice:" + id, () -> notice(id)));
    }

    /** Every deadline of every notice, earliest first: a paginated {@code Query} on GSI1. */
    public List<Deadline> allDeadlines() {
        return reads.keeps() ? feedRead(null).all() : readAllDeadlines();
    }

    private List<Deadline> readAllDeadlines() {
        List<Deadline> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(gsi1(CutoffTable.DEADLINES))) {
            result.add(readDeadline(item));
        }
        return result;
    }

    /** Every stored notice, by issuing date: a paginated {@code Query} on GSI1. */
    public List<Notice> notices() {
        List<Notice> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(gsi1(CutoffTable.NOTICES))) {
            result.add(readNotice(item));
        }
        return result;
    }

    /**
     * Every stored notice with its stored deadlines (withdrawn ones included), by issuing date: two
     * paginated {@code Query}s on GSI1, the notices and every deadline, as {@code all.ics} reads them
     * (the web's calls page). A deadline whose notice is not stored is left out.
     */
    @SuppressWarnings("unchecked")
    public List<StoredNotice> storedNotices() {
        return (List<StoredNotice>) reads.get("stored", this::readStoredNotices);
    }

    private List<StoredNotice> readStoredNotices() {
        Map<String, List<Deadline>> byNotice = new HashMap<>();
        for (Deadline d : readAllDeadlines()) {
            byNotice.computeIfAbsent(d.noticeId(), k -> new ArrayList<>()).add(d);
        }
        List<StoredNotice> result = new ArrayList<>();
        for (Notice n : notices()) {
            result.add(new StoredNotice(n, List.copyOf(byNotice.getOrDefault(n.id(), List.of()))));
        }
        return List.copyOf(result);
    }

    private QueryRequest.Builder gsi1(String partition) {
        return QueryRequest.builder().tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(partition)));
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        return Items.queryAll(dynamo, request);
    }

    // ------------------------------------------------------------------ items

    private static Map<String, AttributeValue> noticeItem(Notice notice, String json, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CutoffTable.PK, s(CutoffTable.noticePk(notice.id())));
        item.put(CutoffTable.SK, s(CutoffTable.NOTICE_SK));
        item.put(CutoffTable.GSI1PK, s(CutoffTable.NOTICES));
        item.put(CutoffTable.GSI1SK, s((notice.signedOn() == null ? "0000-00-00" : notice.signedOn().toString())
                + "#" + notice.id()));
        item.put("notice", s(json));
        item.put("feedName", s(FeedNames.notice(notice)));
        Map<String, AttributeValue> topics = new HashMap<>();
        topicNames(notice).forEach((id, name) -> topics.put(id, s(name)));
        item.put("topicNames", AttributeValue.fromM(topics));
        item.put("ingestedAt", s(now.toString()));
        return item;
    }

    private static Notice readNotice(Map<String, AttributeValue> item) {
        try {
            return NoticeJson.mapper().readValue(item.get("notice").s(), Notice.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored notice " + item.get(CutoffTable.PK).s() + " is not valid JSON", e);
        }
    }

    static Map<String, AttributeValue> deadlineItem(Deadline d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CutoffTable.PK, s(CutoffTable.noticePk(d.noticeId())));
        item.put(CutoffTable.SK, s(CutoffTable.deadlineSk(d.topicId(), d.uid())));
        item.put(CutoffTable.GSI1PK, s(CutoffTable.DEADLINES));
        item.put(CutoffTable.GSI1SK, s(Items.sortable(d.earliest()) + "#" + d.uid()));
        item.put("uid", s(d.uid()));
        item.put("noticeId", s(d.noticeId()));
        item.put("topicId", s(d.topicId()));
        item.put("kind", s(d.kind().name()));
        if (d.at() != null) {
            item.put("at", s(d.at().toString()));
        }
        item.put("date", s(d.date().toString()));
        item.put("zone", s(d.zone().getId()));
        item.put("summary", s(d.summary()));
        item.put("description", s(d.description()));
        if (d.url() != null) {
            item.put("url", s(d.url()));
        }
        item.put(CutoffTable.SEQUENCE, n(d.sequence()));
        item.put("lastModified", s(d.lastModified().toString()));
        item.put("cancelled", AttributeValue.fromBool(d.cancelled()));
        // The VEVENT a feed writes for exactly this deadline, so a feed JVM that never wrote it need not (StoredEvent).
        StoredEvent event = StoredEvent.of(d);
        Map<String, AttributeValue> stored = new HashMap<>(item);
        stored.put(VEVENT, s(event.text()));
        stored.put(VEVENT_TAG, s(event.tag()));
        stored.put(VEVENT_CHECK, AttributeValue.fromN(Long.toString(event.check())));
        return Items.itemBytes(stored) <= STORED_EVENT_ITEM_BYTES ? stored : item;
    }

    /**
     * A deadline item's deadline; its stored VEVENT, when the item carries one this build writes alike and that was
     * written for exactly this deadline, is kept for the JVM's feeds ({@link StoredEvent#keepFor}).
     */
    static Deadline readDeadline(Map<String, AttributeValue> item) {
        Deadline d = deadline(item);
        AttributeValue tag = item.get(VEVENT_TAG);
        AttributeValue text = item.get(VEVENT);
        AttributeValue check = item.get(VEVENT_CHECK);
        if (tag != null && text != null && check != null && StoredEvent.TAG.equals(tag.s())) {
            try {
                new StoredEvent(text.s(), tag.s(), Long.parseLong(check.n())).keepFor(d);
            } catch (NumberFormatException e) {
                // Not a check this store wrote: the feed writes the event as it would without the text.
            }
        }
        return d;
    }

    private static Deadline deadline(Map<String, AttributeValue> item) {
        return new Deadline(
                item.get("uid").s(),
                item.get("noticeId").s(),
                item.get("topicId").s(),
                DeadlineKind.valueOf(item.get("kind").s()),
                item.containsKey("at") ? Instant.parse(item.get("at").s()) : null,
                LocalDate.parse(item.get("date").s()),
                ZoneId.of(item.get("zone").s()),
                item.get("summary").s(),
                item.get("description").s(),
                item.containsKey("url") ? item.get("url").s() : null,
                Integer.parseInt(item.get(CutoffTable.SEQUENCE).n()),
                Instant.parse(item.get("lastModified").s()),
                item.get("cancelled").bool());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
