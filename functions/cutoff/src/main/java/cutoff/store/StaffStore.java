package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.office.StaffMember;
import cutoff.store.OfficeStore.StaffStatus;
import cutoff.subscriber.Subscriber;
import cutoff.util.Sha256;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Research offices' staff lists: one row per office and address (key design in {@link CutoffTable}).
 *
 * <ul>
 *   <li>staff row: {@code ORG#<officeId>#STAFF#<h>} / {@code STAFF#<sha256(address)>}, where {@code h} is the
 *       first hex digit of that hash: 16 partitions per office, so a 10,000-row upload is not one hot
 *       partition (1,000 writes a second each). The row holds what the office uploaded (the address
 *       included: it is the office's list) and the id of the person's staff subscriber;</li>
 *   <li>a row waiting for the staff queue also carries that queue's GSI1 keys ({@link StaffQueueStore}).</li>
 * </ul>
 */
public final class StaffStore implements StaffRows {
    /** The most rows {@link #putStaffAll} writes at once (DynamoDB's limit on a transaction). */
    public static final int MOST_AT_ONCE = Items.MAX_TRANSACTION_ITEMS;
    /** Staff partitions per office: the first hex digit of the address hash. */
    static final int STAFF_SHARDS = 16;
    private static final int READERS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public StaffStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

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
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
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
            item.put(CutoffTable.GSI1PK, s(CutoffTable.staffQueuePk(StaffQueueStore.queueShard(row.emailHash()))));
            item.put(CutoffTable.GSI1SK, s(Items.sortable(row.queuedAt()) + "#" + row.officeId() + "#" + row.emailHash()));
        }
        return item;
    }

    static StaffRow readStaff(Map<String, AttributeValue> item) {
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

    /** The key of a staff row. */
    public static Map<String, AttributeValue> staffKey(String officeId, String emailHash) {
        return CutoffTable.key(CutoffTable.staffPk(officeId, emailHash), CutoffTable.staffSk(emailHash));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }
}
