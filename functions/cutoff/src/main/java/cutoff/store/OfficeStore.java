package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.office.OfficeKeys;
import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.subscriber.Subscriber;
import cutoff.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Research offices, their API keys and their staff lists (key design in {@link CutoffTable}).
 *
 * <ul>
 *   <li>office: {@code ORG#<officeId>} / {@code #ORG}: name, mail domains, the current key's hash;</li>
 *   <li>key: {@code ORGKEY#<sha256(key)>} / {@code #ORGKEY} → the office; one {@code GetItem} finds the
 *       office from a key alone. Rotating replaces it (the old key is dead at once); revoking deletes it;</li>
 *   <li>staff row: {@code ORG#<officeId>#STAFF#<h>} / {@code STAFF#<sha256(address)>}, where {@code h} is the
 *       first hex digit of that hash: 16 partitions per office, so a 10,000-row upload is not one hot
 *       partition (1,000 writes a second each). The row holds what the office uploaded (the address
 *       included: it is the office's list) and the id of the person's staff subscriber;</li>
 *   <li>work queue: a staff row waiting for its welcome email or a re-plan of its reminders carries
 *       {@code GSI1PK = STAFFQ#<0-7>}, {@code GSI1SK = <queuedAt>#<officeId>#<hash>}; finishing removes them
 *       (a sparse index, as the reminders' due index);</li>
 *   <li>follow rule: {@code FOLLOW#<rule>} / {@code SUB#<id>}, like a topic membership, for the ingest that
 *       expands rules to a new notice's topics.</li>
 * </ul>
 */
public final class OfficeStore {
    /** The most rows {@link #putStaffAll} writes at once (DynamoDB's limit on a transaction). */
    public static final int MOST_AT_ONCE = Items.MAX_TRANSACTION_ITEMS;
    /** Shards of the staff work queue on GSI1. */
    public static final int QUEUE_SHARDS = 8;
    /** Staff partitions per office: the first hex digit of the address hash. */
    static final int STAFF_SHARDS = 16;
    private static final int BATCH_WRITE = 25;
    private static final int WRITERS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public OfficeStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    // ------------------------------------------------------------------ offices and keys

    /** Stores a new office with its first key (by hash), in one transaction. */
    public void create(Office office, String keyHash, Instant now) {
        Map<String, AttributeValue> item = officeItem(office);
        item.put("keyHash", s(keyHash));
        item.put("keyIssuedAt", s(now.toString()));
        transact(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(keyItem(keyHash, office.id())).build()).build()));
    }

    /** The office, if it exists. */
    public Optional<Office> office(String officeId) {
        Map<String, AttributeValue> item = get(CutoffTable.officePk(officeId), CutoffTable.OFFICE_SK);
        return item == null ? Optional.empty() : Optional.of(readOffice(item));
    }

    /** The office a key hash belongs to: one {@code GetItem}, the stored hash compared in constant time. */
    public Optional<String> officeIdOfKey(String keyHash) {
        Map<String, AttributeValue> item = get(CutoffTable.officeKeyPk(keyHash), CutoffTable.OFFICE_KEY_SK);
        if (item == null || !OfficeKeys.sameHash(keyHash, str(item, "keyHash"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(str(item, CutoffTable.OFFICE_ID));
    }

    /**
     * Replaces an office's key: the old key's item is deleted and the new one's put, with the office's
     * record, in one transaction; the old key stops working at once.
     *
     * @param newKeyHash the new key's hash, or {@code null} to revoke (no key at all)
     * @return false when there is no such office
     */
    public boolean replaceKey(String officeId, String newKeyHash, Instant now) {
        Map<String, AttributeValue> office = get(CutoffTable.officePk(officeId), CutoffTable.OFFICE_SK);
        if (office == null) {
            return false;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        String old = str(office, "keyHash");
        if (old != null) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(CutoffTable.key(CutoffTable.officeKeyPk(old), CutoffTable.OFFICE_KEY_SK)).build()).build());
        }
        Map<String, AttributeValue> updated = new HashMap<>(office);
        if (newKeyHash == null) {
            updated.remove("keyHash");
            updated.put("keyRevokedAt", s(now.toString()));
        } else {
            updated.put("keyHash", s(newKeyHash));
            updated.put("keyIssuedAt", s(now.toString()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(keyItem(newKeyHash, officeId)).build()).build());
        }
        // On the key read: a concurrent rotation makes this one fail rather than leave two live keys.
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(updated)
                .conditionExpression(old == null ? "attribute_not_exists(keyHash)" : "keyHash = :old")
                .expressionAttributeValues(old == null ? null : Map.of(":old", s(old))).build()).build());
        transact(writes);
        return true;
    }

    // ------------------------------------------------------------------ staff rows

    /**
     * A staff row as stored.
     *
     * @param officeId        the office
     * @param emailHash    SHA-256 of the address (the row's key)
     * @param member       what the office uploaded
     * @param subscriberId the person's staff subscriber ({@code SUB#<id>}), one per office and address
     * @param addedAt      first upload
     * @param welcomedAt   when the welcome email went out; {@code null} before
     * @param removed      the office removed the person, who had opted out: the row is kept (hidden) so that a
     *                     later upload does not sign them up again
     * @param queuedAt     when work (welcome, re-plan) was queued; {@code null} when none is waiting
     * @param appliedRules the follow rules whose {@code FOLLOW#} memberships the staff queue wrote last (to
     *                     delete the ones a later upload drops)
     * @param version      how many times an upload or a removal wrote the row (0: never, or before versions were
     *                     kept): {@link #putStaff} writes on the condition that it is still the one read
     */
    public record StaffRow(String officeId, String emailHash, StaffMember member, String subscriberId, Instant addedAt,
                           Instant welcomedAt, boolean removed, Instant queuedAt, List<String> appliedRules, long version) {
        public StaffRow {
            appliedRules = appliedRules == null ? List.of() : List.copyOf(appliedRules);
        }
    }

    /**
     * Writes a staff row (an upload's new or changed row, or a removal's hidden one) on the condition that the stored
     * row is still {@code expected} as read: absent when {@code expected} is {@code null}, else the same
     * {@link StaffRow#version()} and, if it was not welcomed then, still not welcomed (the staff queue's welcome is
     * never written over). The row is stored with the next version.
     *
     * @return false when the stored row changed meanwhile (a concurrent upload, removal or welcome): read it again
     */
    public boolean putStaff(StaffRow row, StaffRow expected) {
        return putStaff(row, expected, null);
    }

    /**
     * As {@link #putStaff(StaffRow, StaffRow)}, the row deleted by the table's TTL ({@code expiresAt}) after
     * {@code expiresAt} ({@code null}: kept).
     */
    public boolean putStaff(StaffRow row, StaffRow expected, Instant expiresAt) {
        Put put = conditionalPut(row, expected, expiresAt);
        try {
            dynamo.putItem(b -> b.tableName(table).item(put.item()).conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues().isEmpty() ? null : put.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * As {@link #putStaff(StaffRow, StaffRow)} for several rows (at most 100) at once, in one {@code TransactWriteItems}:
     * all are written, or none when any of them changed since it was read (or a concurrent transaction touched one).
     *
     * @param rows     the rows to write
     * @param expected each row as read, in the same order ({@code null} entries: absent)
     * @return false when nothing was written: write them one by one ({@link #putStaff}) to learn which changed
     */
    public boolean putStaffAll(List<StaffRow> rows, List<StaffRow> expected) {
        if (rows.size() > Items.MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("at most " + Items.MAX_TRANSACTION_ITEMS + " rows in one transaction");
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            writes.add(TransactWriteItem.builder().put(conditionalPut(rows.get(i), expected.get(i), null)).build());
        }
        try {
            Items.transact(dynamo, writes, null);
            return true;
        } catch (TransactionCanceledException changed) {
            return false;
        }
    }

    /** The staff row's item with the next version, on the condition that the stored row is still {@code expected}. */
    private Put conditionalPut(StaffRow row, StaffRow expected, Instant expiresAt) {
        Map<String, AttributeValue> item = staffItem(row);
        item.put("version", Items.n(expected == null ? 1 : expected.version() + 1));
        if (expiresAt != null) {
            item.put("expiresAt", Items.ttl(expiresAt));
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", CutoffTable.PK));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (expected == null) {
            condition = "attribute_not_exists(#pk)";
        } else {
            names.put("#v", "version");
            condition = "attribute_exists(#pk) AND " + (expected.version() == 0 ? "attribute_not_exists(#v)" : "#v = :v");
            if (expected.version() != 0) {
                values.put(":v", Items.n(expected.version()));
            }
            if (expected.welcomedAt() == null) {
                names.put("#w", "welcomedAt");
                condition += " AND attribute_not_exists(#w)";
            }
        }
        return Put.builder().tableName(table).item(item).conditionExpression(condition).expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values).build();
    }

    /** The SHA-256 of an address in stored form (the staff row's key). */
    public static String emailHash(String email) {
        return Sha256.hex(email);
    }

    /** Every staff row of an office, removed ones included: one {@code Query} per partition (16), 8 at a time. */
    public List<StaffRow> staff(String officeId) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<List<Map<String, AttributeValue>>>> parts = new ArrayList<>();
            for (int shard = 0; shard < STAFF_SHARDS; shard++) {
                int sh = shard;
                parts.add(pool.submit(() -> Items.queryAll(dynamo, staffQuery(officeId, sh))));
            }
            List<StaffRow> rows = new ArrayList<>();
            for (Future<List<Map<String, AttributeValue>>> part : parts) {
                for (Map<String, AttributeValue> item : part.get()) {
                    rows.add(readStaff(item));
                }
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** One staff row by address (stored form). */
    public Optional<StaffRow> staffRow(String officeId, String email) {
        String hash = emailHash(email);
        Map<String, AttributeValue> item = get(CutoffTable.staffPk(officeId, hash), CutoffTable.staffSk(hash));
        return item == null ? Optional.empty() : Optional.of(readStaff(item));
    }

    /** A page of an office's staff (removed rows left out) and the cursor of the next, {@code null} at the end. */
    public record Page(List<StaffRow> rows, String next) {
    }

    /**
     * A page of at most {@code limit} rows, in key order (partition by partition, each by address hash),
     * after {@code cursor} ({@code null} for the first).
     *
     * @throws IllegalArgumentException for a cursor this method did not give
     */
    public Page page(String officeId, String cursor, int limit) {
        int shard = 0;
        String after = null;
        if (cursor != null) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cursor is not one this API gave");
            }
            if (!decoded.matches("[0-9a-f]:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("cursor is not one this API gave");
            }
            shard = Character.digit(decoded.charAt(0), 16);
            after = decoded.substring(2);
        }
        List<StaffRow> rows = new ArrayList<>();
        for (; shard < STAFF_SHARDS; shard++, after = null) {
            Map<String, AttributeValue> start = after == null ? null
                    : CutoffTable.key(CutoffTable.staffPk(officeId, after), CutoffTable.staffSk(after));
            do {
                QueryResponse r = dynamo.query(staffQuery(officeId, shard).exclusiveStartKey(start).limit(limit + 1 - rows.size()).build());
                for (Map<String, AttributeValue> item : r.items()) {
                    StaffRow row = readStaff(item);
                    if (!row.removed()) {
                        rows.add(row);
                    }
                    if (rows.size() > limit) {
                        StaffRow last = rows.get(limit - 1);
                        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                                (last.emailHash().charAt(0) + ":" + last.emailHash()).getBytes(StandardCharsets.UTF_8));
                        return new Page(rows.subList(0, limit), next);
                    }
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return new Page(rows, null);
    }

    private QueryRequest.Builder staffQuery(String officeId, int shard) {
        String pk = CutoffTable.staffPk(officeId, Character.forDigit(shard, 16) + "0");
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(pk)));
    }

    /** What a person's state is, as the office sees it. */
    public enum StaffStatus {
        /** Registered and receiving. */
        ACTIVE,
        /** Unsubscribed through a link: nothing is sent, and an upload does not change that. */
        OPTED_OUT,
        /** The address bounced permanently or complained: nothing is sent. */
        BOUNCED
    }

    /**
     * The status of each row: its subscriber's status and its address's suppression, read with
     * {@code BatchGetItem} (100 keys a call).
     */
    public Map<String, StaffStatus> statuses(List<StaffRow> rows) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (StaffRow r : rows) {
            keys.add(CutoffTable.key(CutoffTable.subscriberPk(r.subscriberId()), CutoffTable.SUBSCRIBER_SK));
            keys.add(CutoffTable.key(CutoffTable.emailPk(r.member().email()), CutoffTable.EMAIL_SK));
        }
        Map<String, Map<String, AttributeValue>> found = Items.batchGet(dynamo, table, keys);
        Map<String, StaffStatus> result = new LinkedHashMap<>();
        for (StaffRow r : rows) {
            Map<String, AttributeValue> sub = found.get(CutoffTable.subscriberPk(r.subscriberId()));
            Map<String, AttributeValue> address = found.get(CutoffTable.emailPk(r.member().email()));
            String status = sub == null ? null : str(sub, "status");
            StaffStatus s = address != null && address.containsKey("suppressedAt")
                    || Subscriber.Status.SUPPRESSED.name().equals(status) ? StaffStatus.BOUNCED
                    : Subscriber.Status.UNSUBSCRIBED.name().equals(status) ? StaffStatus.OPTED_OUT : StaffStatus.ACTIVE;
            result.put(r.emailHash(), s);
        }
        return result;
    }

    /** The stored form of a staff row; {@code queuedAt} non-null puts it on the work queue. */
    public static Map<String, AttributeValue> staffItem(StaffRow row) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.staffPk(row.officeId(), row.emailHash()),
                CutoffTable.staffSk(row.emailHash())));
        StaffMember m = row.member();
        item.put(CutoffTable.OFFICE_ID, s(row.officeId()));
        item.put("emailHash", s(row.emailHash()));
        item.put("email", s(m.email()));
        item.put("name", s(m.name()));
        item.put("department", s(m.department()));
        item.put("topics", AttributeValue.fromL(m.topics().stream().map(Items::s).toList()));
        item.put("rules", AttributeValue.fromL(m.rules().stream().map(Items::s).toList()));
        item.put("language", s(m.language()));
        item.put("leadTimes", AttributeValue.fromL(m.leadTimes().stream().map(Items::s).toList()));
        item.put("subscriberId", s(row.subscriberId()));
        item.put("addedAt", s(row.addedAt().toString()));
        if (row.welcomedAt() != null) {
            item.put("welcomedAt", s(row.welcomedAt().toString()));
        }
        if (row.removed()) {
            item.put("removed", AttributeValue.fromBool(true));
        }
        if (!row.appliedRules().isEmpty()) {
            item.put("appliedRules", AttributeValue.fromL(row.appliedRules().stream().map(Items::s).toList()));
        }
        if (row.queuedAt() != null) {
            item.put("queuedAt", s(row.queuedAt().toString()));
            item.put(CutoffTable.GSI1PK, s(CutoffTable.staffQueuePk(queueShard(row.emailHash()))));
            item.put(CutoffTable.GSI1SK, s(Items.sortable(row.queuedAt()) + "#" + row.officeId() + "#" + row.emailHash()));
        }
        return item;
    }

    static int queueShard(String emailHash) {
        return Character.digit(emailHash.charAt(emailHash.length() - 1), 16) % QUEUE_SHARDS;
    }

    private static StaffRow readStaff(Map<String, AttributeValue> item) {
        StaffMember m = new StaffMember(str(item, "email"), str(item, "name"), str(item, "department"),
                item.get("topics").l().stream().map(AttributeValue::s).toList(),
                item.get("rules").l().stream().map(AttributeValue::s).toList(), str(item, "language"),
                item.get("leadTimes").l().stream().map(AttributeValue::s).toList());
        AttributeValue removed = item.get("removed");
        return new StaffRow(str(item, CutoffTable.OFFICE_ID), str(item, "emailHash"), m, str(item, "subscriberId"), instant(item, "addedAt"),
                instant(item, "welcomedAt"), removed != null && Boolean.TRUE.equals(removed.bool()), instant(item, "queuedAt"),
                item.containsKey("appliedRules") ? item.get("appliedRules").l().stream().map(AttributeValue::s).toList() : List.of(),
                item.containsKey("version") ? (long) Items.num(item, "version") : 0);
    }

    /** A topic membership ({@code TOPIC#<topicId>} / {@code SUB#<id>}), as {@link SubscriberStore} writes it. */
    public static Map<String, AttributeValue> membershipKey(String topicId, String subscriberId) {
        return CutoffTable.key(CutoffTable.topicPk(topicId), CutoffTable.subscriberPk(subscriberId));
    }

    /** A follow-rule membership ({@code FOLLOW#<rule>} / {@code SUB#<id>}). */
    public static Map<String, AttributeValue> followKey(String rule, String subscriberId) {
        return CutoffTable.key(CutoffTable.followPk(rule), CutoffTable.subscriberPk(subscriberId));
    }

    /** A membership item: its key and the subscriber id (and the office, for a follow rule). */
    public static Map<String, AttributeValue> membershipItem(Map<String, AttributeValue> key, String subscriberId, String officeId) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("subscriberId", s(subscriberId));
        if (officeId != null) {
            item.put(CutoffTable.OFFICE_ID, s(officeId));
        }
        return item;
    }

    /** A staff subscriber's item: confirmed by the office's registration (see docs/offices.md), no feed token yet. */
    public static Map<String, AttributeValue> subscriberItem(Subscriber s) {
        return SubscriberStore.item(s);
    }

    /**
     * Puts and deletes with {@code BatchWriteItem} (25 a call), from {@value #WRITERS} threads, retrying
     * what DynamoDB leaves unprocessed. Not atomic: each item on its own, which is what an upload wants
     * (every good row stored whatever happens to the others); the caller writes a row's items in an order
     * whose every prefix is safe.
     */
    public void writeAll(List<Map<String, AttributeValue>> puts, List<Map<String, AttributeValue>> deleteKeys) {
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
    public void delete(List<Map<String, AttributeValue>> keys) {
        for (Map<String, AttributeValue> k : keys) {
            dynamo.deleteItem(b -> b.tableName(table).key(k));
        }
    }

    /** Puts one item (a staff row kept as a hidden tombstone). */
    public void put(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The key of a staff row. */
    public static Map<String, AttributeValue> staffKey(String officeId, String emailHash) {
        return CutoffTable.key(CutoffTable.staffPk(officeId, emailHash), CutoffTable.staffSk(emailHash));
    }

    /** The key of a subscriber item. */
    public static Map<String, AttributeValue> subscriberKey(String subscriberId) {
        return CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.SUBSCRIBER_SK);
    }

    // ------------------------------------------------------------------ the work queue

    /**
     * A page of the staff rows waiting for work in one queue shard, queued at or before {@code now}, oldest
     * first.
     *
     * @param after where the previous page ended ({@link Queued#next()}), or {@code null} for the first
     */
    public Queued queued(int shard, Instant now, int limit, Map<String, AttributeValue> after) {
        QueryResponse r = dynamo.query(b -> b.tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK, "#sk", CutoffTable.GSI1SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.staffQueuePk(shard)), ":now", s(Items.sortable(now) + "~")))
                .exclusiveStartKey(after).limit(limit));
        return new Queued(r.items().stream().map(OfficeStore::readStaff).toList(),
                r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
    }

    /** A page of the queue and where the next starts ({@code null} at the end). */
    public record Queued(List<StaffRow> rows, Map<String, AttributeValue> next) {
    }

    /**
     * Claims a queued row for a run, unless another run holds it and its lease has not ended.
     *
     * @return false when another run has it, or it left the queue meanwhile
     */
    public boolean claim(StaffRow row, String runId, Instant now, Duration lease) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row.officeId(), row.emailHash()))
                    .updateExpression("SET #claim = :run, #claimedAt = :now")
                    .conditionExpression("attribute_exists(#q) AND (attribute_not_exists(#claimedAt) OR #claimedAt < :expired)")
                    .expressionAttributeNames(Map.of("#claim", "claim", "#claimedAt", "claimedAt", "#q", CutoffTable.GSI1PK))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":now", s(Items.sortable(now)),
                            ":expired", s(Items.sortable(now.minus(lease))))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Takes a row off the queue after its work, if this run still holds it and nobody queued new work on
     * it meanwhile (an upload rewrites the row without the claim: then the row stays queued).
     *
     * @param welcomedAt when its welcome went out in this run, or {@code null}
     */
    public void finish(StaffRow row, String runId, Instant welcomedAt, List<String> appliedRules) {
        String set = " SET appliedRules = :rules" + (welcomedAt == null ? "" : ", welcomedAt = :w");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":run", s(runId),
                ":rules", AttributeValue.fromL(appliedRules.stream().map(Items::s).toList())));
        if (welcomedAt != null) {
            values.put(":w", s(welcomedAt.toString()));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row.officeId(), row.emailHash()))
                    .updateExpression("REMOVE #q, #qs, #claim, #claimedAt, queuedAt" + set)
                    .conditionExpression("#claim = :run")
                    .expressionAttributeNames(Map.of("#q", CutoffTable.GSI1PK, "#qs", CutoffTable.GSI1SK, "#claim", "claim",
                            "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException requeued) {
            // Re-uploaded while we worked: it stays queued (the next run applies the new row), but what this run did
            // is recorded: the welcome (not sent twice) and the rules written. Not if the office removed the row.
            values.remove(":run");
            try {
                dynamo.updateItem(b -> b.tableName(table).key(staffKey(row.officeId(), row.emailHash()))
                        .updateExpression(set.strip()).conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.PK)).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException removed) {
                // Gone: nothing to record.
            }
        }
    }

    /** Lets another run take a claimed row at once (this run stopped before doing its work). */
    public void release(StaffRow row, String runId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(staffKey(row.officeId(), row.emailHash()))
                    .updateExpression("REMOVE #claim, #claimedAt").conditionExpression("#claim = :run")
                    .expressionAttributeNames(Map.of("#claim", "claim", "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(Map.of(":run", s(runId))));
        } catch (ConditionalCheckFailedException gone) {
            // Re-uploaded or taken meanwhile: nothing to release.
        }
    }

    // ------------------------------------------------------------------ items

    private static Map<String, AttributeValue> officeItem(Office office) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(office.id()), CutoffTable.OFFICE_SK));
        item.put("id", s(office.id()));
        item.put("name", s(office.name()));
        item.put("emailDomains", AttributeValue.fromL(office.emailDomains().stream().map(Items::s).toList()));
        item.put("createdAt", s(office.createdAt().toString()));
        return item;
    }

    private static Office readOffice(Map<String, AttributeValue> item) {
        return new Office(str(item, "id"), str(item, "name"),
                item.get("emailDomains").l().stream().map(AttributeValue::s).toList(), instant(item, "createdAt"));
    }

    private static Map<String, AttributeValue> keyItem(String keyHash, String officeId) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officeKeyPk(keyHash), CutoffTable.OFFICE_KEY_SK));
        item.put("keyHash", s(keyHash));
        item.put(CutoffTable.OFFICE_ID, s(officeId));
        return item;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }

    private void transact(List<TransactWriteItem> writes) {
        try {
            Items.transact(dynamo, writes, null);
        } catch (TransactionCanceledException e) {
            throw new IllegalStateException("the office changed meanwhile (a concurrent create or key change); try again", e);
        }
    }

}
