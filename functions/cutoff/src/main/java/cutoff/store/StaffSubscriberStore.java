package cutoff.store;

import static cutoff.store.Items.s;

import cutoff.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The items of research offices' staff subscribers, as the staff queue makes and changes them and an office's removal
 * deletes them (key design in {@link CutoffTable}): the subscriber ({@code SUB#<id>} / {@code #SUB}, written as
 * {@link SubscriberStore} writes it), its topic memberships ({@code TOPIC#<topicId>} / {@code SUB#<id>}) and its
 * follow-rule memberships ({@code FOLLOW#<rule>} / {@code SUB#<id>}, like a topic membership, for the ingest that
 * expands rules to a new notice's topics).
 */
public final class StaffSubscriberStore implements StaffSubscriberItems {
    private static final int BATCH_WRITE = 25;
    private static final int WRITERS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public StaffSubscriberStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * What one pass of the staff queue writes of a staff subscriber's items.
     *
     * @param created       the subscriber when this pass made it (its item and its office tie are written), else
     *                      {@code null}
     * @param topicsJoined  topic ids whose memberships are written
     * @param topicsLeft    topic ids whose memberships are deleted
     * @param rulesAdded    follow rules whose memberships are written (with the office)
     * @param rulesDropped  follow rules whose memberships are deleted
     */
    public record Writes(String subscriberId, String officeId, Subscriber created, List<String> topicsJoined,
                         List<String> topicsLeft, List<String> rulesAdded, List<String> rulesDropped) {
    }

    /**
     * In one {@link #writeAll} pass (so not atomic), in this order: the new subscriber and its office tie, the topic
     * memberships joined, the follow-rule memberships added; then the deletes of those left and dropped.
     */
    @Override
    public void write(Writes w) {
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        List<Map<String, AttributeValue>> deletes = new ArrayList<>();
        if (w.created() != null) {
            puts.add(subscriberItem(w.created()));
            puts.add(InternalDeadlineStore.subscriberOfficeItem(w.subscriberId(), w.officeId())); // its office: internal deadlines
        }
        w.topicsLeft().forEach(t -> deletes.add(membershipKey(t, w.subscriberId())));
        w.topicsJoined().forEach(t -> puts.add(membershipItem(membershipKey(t, w.subscriberId()), w.subscriberId(), null)));
        w.rulesDropped().forEach(r -> deletes.add(followKey(r, w.subscriberId())));
        w.rulesAdded().forEach(r -> puts.add(membershipItem(followKey(r, w.subscriberId()), w.subscriberId(), w.officeId())));
        writeAll(puts, deletes);
    }

    /**
     * The items of a person an office removed.
     *
     * @param subscriber  true: the subscriber's item and its office tie go too
     * @param followRules the follow rules whose memberships go
     * @param row         the staff row, deleted last; {@code null} when it stays (a hidden row)
     */
    public record Removal(String subscriberId, boolean subscriber, List<String> followRules, StaffStore.StaffRow row) {
    }

    /** One {@code DeleteItem} each, in the order {@link Removal} lists them. */
    @Override
    public void delete(Removal r) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (r.subscriber()) {
            keys.add(subscriberKey(r.subscriberId()));
            keys.add(InternalDeadlineStore.subscriberOfficeKey(r.subscriberId()));
        }
        for (String rule : r.followRules()) {
            keys.add(followKey(rule, r.subscriberId()));
        }
        if (r.row() != null) {
            keys.add(StaffStore.staffKey(r.row().officeId(), r.row().emailHash()));
        }
        delete(keys);
    }

    /** A topic membership ({@code TOPIC#<topicId>} / {@code SUB#<id>}), as {@link SubscriberStore} writes it. */
    private static Map<String, AttributeValue> membershipKey(String topicId, String subscriberId) {
        return CutoffTable.key(CutoffTable.topicPk(topicId), CutoffTable.subscriberPk(subscriberId));
    }

    /** A follow-rule membership ({@code FOLLOW#<rule>} / {@code SUB#<id>}). */
    private static Map<String, AttributeValue> followKey(String rule, String subscriberId) {
        return CutoffTable.key(CutoffTable.followPk(rule), CutoffTable.subscriberPk(subscriberId));
    }

    /** A membership item: its key and the subscriber id (and the office, for a follow rule). */
    private static Map<String, AttributeValue> membershipItem(Map<String, AttributeValue> key, String subscriberId, String officeId) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("subscriberId", s(subscriberId));
        if (officeId != null) {
            item.put(CutoffTable.OFFICE_ID, s(officeId));
        }
        return item;
    }

    /** A staff subscriber's item: confirmed by the office's registration (see docs/offices.md), no feed token yet. */
    private static Map<String, AttributeValue> subscriberItem(Subscriber s) {
        return SubscriberStore.item(s);
    }

    /**
     * Puts and deletes with {@code BatchWriteItem} (25 a call), from {@value #WRITERS} threads, retrying
     * what DynamoDB leaves unprocessed. Not atomic: each item on its own, which is what an upload wants
     * (every good row stored whatever happens to the others); the caller writes a row's items in an order
     * whose every prefix is safe.
     */
    private void writeAll(List<Map<String, AttributeValue>> puts, List<Map<String, AttributeValue>> deleteKeys) {
        List<WriteRequest> all = new ArrayList<>(puts.size() + deleteKeys.size());
        puts.forEach(i -> all.add(WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()));
        deleteKeys.forEach(k -> all.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()));
        if (all.isEmpty()) {
            return;
        }
        List<List<WriteRequest>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH_WRITE) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH_WRITE)));
        }
        if (batches.size() == 1) {
            writeBatch(batches.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, batches.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<WriteRequest> batch : batches) {
                done.add(pool.submit(() -> writeBatch(batch)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private void writeBatch(List<WriteRequest> batch) {
        Items.writeBatch(dynamo, table, batch);
    }

    /**
     * Changes a staff subscriber's settings, only while it is CONFIRMED (an opted-out or bounced person
     * stays as they are).
     *
     * @return false when the subscriber is not confirmed (or gone)
     */
    @Override
    public boolean updateStaffSubscriber(String subscriberId, List<String> topicIds, List<String> leadTimes, String language) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.SUBSCRIBER_SK))
                    .updateExpression("SET topicIds = :t, leadTimes = :l, #lang = :lang")
                    .conditionExpression("#status = :confirmed")
                    .expressionAttributeNames(Map.of("#status", "status", "#lang", "language"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromL(topicIds.stream().map(Items::s).toList()),
                            ":l", AttributeValue.fromL(leadTimes.stream().map(Items::s).toList()), ":lang", s(language),
                            ":confirmed", s(Subscriber.Status.CONFIRMED.name()))));
            return true;
        } catch (ConditionalCheckFailedException notConfirmed) {
            return false;
        }
    }

    /** Deletes items by key, one {@code DeleteItem} each. */
    private void delete(List<Map<String, AttributeValue>> keys) {
        for (Map<String, AttributeValue> k : keys) {
            dynamo.deleteItem(b -> b.tableName(table).key(k));
        }
    }

    /** The key of a subscriber item. */
    private static Map<String, AttributeValue> subscriberKey(String subscriberId) {
        return CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.SUBSCRIBER_SK);
    }
}
