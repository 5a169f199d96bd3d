package cutoff.store;

import cutoff.calendar.FeedNames;
import cutoff.deadline.Deadline;
import cutoff.deadline.DeadlineChange;
import cutoff.deadline.DeadlineDiff;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.NoticeJson;
import cutoff.store.NoticeStore.StoredNotice;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A research office's relays of calls that are not public (issue 19): stored in the notice's own partition
 * ({@code NOTICE#<relayId>}, {@link NoticeIds#relayId}) with the same notice and deadline items as a public notice,
 * so that its staff's personal feeds, the office feed, the internal deadlines and the reminder planner read it as any
 * notice ({@link NoticeStore#notice}, {@link NoticeStore#deadlinesOfTopics}), but:
 * <ul>
 *   <li><b>on no index</b>: neither the notice nor its deadlines carry GSI1 keys, so the calls page, {@code all.ics},
 *       the subscription page and the sitemap ({@code NOTICES} and {@code DEADLINES} on GSI1) never list them;</li>
 *   <li><b>no feed stamps</b>: a relay moves neither {@code FEEDS / #ALL} nor a {@code #FEED} stamp (a public feed's
 *       ETag does not change when an office relays a call);</li>
 *   <li>the notice item names its office ({@code office}); the public reads by id refuse relay ids
 *       ({@link NoticeIds#isRelay}) before reading anything.</li>
 * </ul>
 * A relay stored again moves as a notice does ({@link DeadlineDiff}: UIDs kept, SEQUENCE raised for a moved date,
 * CANCELLED for a withdrawn one), in one transaction conditioned on what was read.
 */
public final class RelayStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final NoticeStore notices;

    public RelayStore(DynamoDbClient dynamo, String tableName, Clock clock, NoticeStore notices) {
        this.dynamo = dynamo;
        this.table = tableName;
        this.clock = clock;
        this.notices = notices;
    }

    /** The stored relay with this id (a {@link NoticeIds#relayId}), deadlines included; empty when there is none. */
    public Optional<StoredNotice> relay(String relayId) {
        return NoticeIds.isRelay(relayId) ? notices.notice(relayId) : Optional.empty();
    }

    /**
     * Stores a relay and its deadlines, or moves a stored one.
     *
     * @param relay    the notice as relayed, its id a {@link NoticeIds#relayId} of {@code officeId}, topic ids under it
     * @param officeId the relaying office
     * @return what changed ({@link IngestResult#nothingChanged()} when it was stored exactly so)
     * @throws IncompleteNoticeException when a topic has no cutoff; nothing is written
     * @throws ConcurrentIngestException when another publication of the same relay wrote first; nothing of this one is
     *                                   written
     */
    public IngestResult store(Notice relay, String officeId) throws IncompleteNoticeException {
        if (!NoticeIds.isRelayOf(relay.id(), officeId)) {
            throw new IllegalArgumentException("notice " + relay.id() + " is not a relay of office " + officeId);
        }
        Instant now = clock.instant();
        List<Deadline> fresh = Deadlines.of(relay, now);
        Optional<StoredNotice> stored = notices.notice(relay.id());
        DeadlineDiff diff = DeadlineDiff.between(stored.map(StoredNotice::deadlines).orElse(List.of()), fresh, now);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (DeadlineChange c : diff.changes()) {
            writes.add(put(unindexed(NoticeStore.deadlineItem(c.after())), c.before()));
        }
        String json = NoticeJson.write(relay);
        if (stored.map(s -> !NoticeJson.write(s.notice()).equals(json)).orElse(true)) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(noticeItem(relay, officeId, json, now))
                    .build()).build());
        }
        if (!writes.isEmpty()) {
            Items.transact(dynamo, writes, (from, e) -> new ConcurrentIngestException("relay " + relay.id()
                    + " was changed by another publication while this one ran; nothing of this one was written"
                    + (from > 0 ? " after item " + from : "") + ": publish it again", e));
        }
        return new IngestResult(relay.id(), diff.added(), diff.moved(), diff.updated(), diff.withdrawn(), diff.unchanged(),
                diff.changes());
    }

    /** A deadline item without its GSI1 keys: on no public listing (a relay's, written here or withdrawn by NoticeStore). */
    static Map<String, AttributeValue> unindexed(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove(CutoffTable.GSI1PK);
        copy.remove(CutoffTable.GSI1SK);
        return copy;
    }

    private static Map<String, AttributeValue> noticeItem(Notice relay, String officeId, String json, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CutoffTable.PK, AttributeValue.fromS(CutoffTable.noticePk(relay.id())));
        item.put(CutoffTable.SK, AttributeValue.fromS(CutoffTable.NOTICE_SK));
        item.put("notice", AttributeValue.fromS(json));
        item.put("office", AttributeValue.fromS(officeId));
        item.put("feedName", AttributeValue.fromS(FeedNames.notice(relay)));
        Map<String, AttributeValue> topics = new HashMap<>();
        relay.topics().forEach(t -> topics.put(t.id(), AttributeValue.fromS(FeedNames.topic(relay, t))));
        item.put("topicNames", AttributeValue.fromM(topics));
        item.put("ingestedAt", AttributeValue.fromS(now.toString()));
        return item;
    }

    /** A put that only succeeds if the item is still what was read (optimistic concurrency), as an ingest's. */
    private TransactWriteItem put(Map<String, AttributeValue> item, Deadline old) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (old == null) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK));
        } else {
            put.conditionExpression("#seq = :seq AND #lm = :lm")
                    .expressionAttributeNames(Map.of("#seq", CutoffTable.SEQUENCE, "#lm", "lastModified"))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Integer.toString(old.sequence())),
                            ":lm", AttributeValue.fromS(old.lastModified().toString())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
