package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.notice.DeadlineKind;
import cutoff.reminder.Reminder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Planned reminders and change notices, found by the dispatcher through a time-bucket index.
 *
 * <p>An item is {@code PK = SUB#<subscriberId>}, {@code SK = REM#<deadlineUid>#<lead>}. While it is
 * PENDING or SENDING it also has {@code GSI1PK = DUE#<UTC day of dueAt>#<shard>} and
 * {@code GSI1SK = <dueAt>#<subscriberId>#<uid>#<lead>}. The time bucket is a day, split into
 * {@value #SHARDS} shards by subscriber so that no index partition takes a whole day's writes. GSI1 is
 * sparse for reminders: finishing an item (SENT, SKIPPED, FAILED, CANCELLED) removes those two
 * attributes, so a dispatcher's {@code Query} (per shard of each day from its cursor to today, sort key
 * up to now) reads only what is due, whatever the number of subscribers.
 *
 * <p>A FAILED item moves to {@code GSI1PK = FAILED#<UTC day it failed>} instead, so that
 * {@code ./cutoff reminders redrive} finds it with a {@code Query}.
 *
 * <p>Exactly-once hand-off: a dispatcher <em>claims</em> an item with a conditional update (PENDING, or
 * SENDING whose lease ran out → SENDING with its run id), sends, then finishes it on the condition that
 * it still holds the claim.
 */
public final class ReminderStore implements ReminderItems {
    /** Shards per day bucket. */
    public static final int SHARDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public ReminderStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** The day bucket an instant falls in: its UTC date. */
    public static LocalDate bucket(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The shard of a subscriber's items: a stable hash of its id, 0 to {@value #SHARDS} - 1. */
    static int shard(String subscriberId) {
        return Math.floorMod(subscriberId.hashCode(), SHARDS);
    }

    static String sk(String deadlineUid, String lead) {
        return CutoffTable.reminderSk(deadlineUid, lead);
    }

    /**
     * Stores a PENDING reminder (new, or replacing an earlier plan of the same deadline and lead),
     * unless a dispatcher holds that item right now.
     *
     * @return false when the item is being sent and was left alone
     */
    public boolean plan(Reminder r) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(write(r))
                    .conditionExpression("attribute_not_exists(#pk) OR #status <> :sending")
                    .expressionAttributeNames(Map.of("#pk", CutoffTable.PK, "#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s(Reminder.Status.SENDING.name()))));
            return true;
        } catch (ConditionalCheckFailedException inFlight) {
            return false;
        }
    }

    /** Every reminder of a subscriber, whatever its status: one {@code Query}. */
    public List<Reminder> ofSubscriber(String subscriberId) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :rem)")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.PK, "#sk", CutoffTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.subscriberPk(subscriberId)), ":rem", s(CutoffTable.REMINDER_PREFIX))));
    }

    /** The PENDING and SENDING items of one day due at or before {@code now}: one {@code Query} per shard on GSI1. */
    public List<Reminder> due(LocalDate day, Instant now) {
        List<Reminder> result = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            result.addAll(due(day, shard, now));
        }
        return result;
    }

    /**
     * As {@link #due(LocalDate, Instant)}, one shard ({@code 0} to {@value #SHARDS} - 1): one {@code Query}. A
     * subscriber's items are all in one shard.
     */
    public List<Reminder> due(LocalDate day, int shard, Instant now) {
        return query(QueryRequest.builder().tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK, "#sk", CutoffTable.GSI1SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.duePk(day, shard)), ":now", s(Items.sortable(now) + "~"))));
    }

    /**
     * Claims an item for a dispatcher run: PENDING, or SENDING by a run whose lease ended.
     *
     * @return the claimed item, or empty when another run has it (or it was finished meanwhile)
     */
    public Optional<Reminder> claim(Reminder r, String runId, Instant now, Duration lease) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r))
                    .updateExpression("SET #status = :sending, #claim = :run, #claimedAt = :now")
                    .conditionExpression("#status = :pending OR (#status = :sending AND #claimedAt < :expired)")
                    .expressionAttributeNames(Map.of("#status", "status", "#claim", "claim", "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(Map.of(":sending", s("SENDING"), ":pending", s("PENDING"), ":run", s(runId),
                            ":now", s(Items.sortable(now)), ":expired", s(Items.sortable(now.minus(lease))))));
            return Optional.of(new Reminder(r.subscriberId(), r.deadlineUid(), r.lead(), r.kind(), r.dueAt(),
                    Reminder.Status.SENDING, r.noticeId(), r.topicId(), r.deadlineKind(), r.at(), r.date(), r.zone(),
                    r.summary(), r.previous(), runId, now));
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    /**
     * Finishes a claimed item: takes it off the due index and records the outcome.
     *
     * @param detail the SES message id when SENT, the reason otherwise
     * @return false when the claim was lost (another run took the item over after the lease)
     */
    public boolean finish(Reminder claimed, Reminder.Status outcome, String detail, Instant now) {
        return retire(claimed, outcome, detail == null ? "" : detail, now, "claim", claimed.claim());
    }

    /** Cancels a PENDING item (withdrawn deadline, unsubscribed); leaves one being sent alone. */
    public boolean cancel(Reminder r, String reason, Instant now) {
        return retire(r, Reminder.Status.CANCELLED, reason, now, "status", Reminder.Status.PENDING.name());
    }

    /**
     * Records an outcome and takes the item off the due index, if {@code attribute} still has
     * {@code expected} (the claim, or PENDING).
     */
    private boolean retire(Reminder r, Reminder.Status outcome, String detail, Instant now, String attribute, String expected) {
        // A FAILED item moves to the failed index (GSI1PK FAILED#<UTC day>), where a re-drive finds it
        // without a Scan; every other outcome leaves GSI1.
        boolean failed = outcome == Reminder.Status.FAILED;
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#detail", "detail", "#finishedAt", "finishedAt",
                "#gpk", CutoffTable.GSI1PK, "#gsk", CutoffTable.GSI1SK, "#cond", attribute));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":outcome", s(outcome.name()), ":detail", s(detail),
                ":now", s(now.toString()), ":expected", s(expected)));
        if (failed) {
            values.put(":fpk", s(CutoffTable.failedPk(bucket(now))));
            values.put(":fsk", s(Items.sortable(now) + "#" + r.subscriberId() + "#" + r.deadlineUid() + "#" + r.lead()));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r))
                    .updateExpression("SET #status = :outcome, #detail = :detail, #finishedAt = :now"
                            + (failed ? ", #gpk = :fpk, #gsk = :fsk" : " REMOVE #gpk, #gsk"))
                    .conditionExpression("#cond = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(Reminder r) {
        return CutoffTable.key(CutoffTable.subscriberPk(r.subscriberId()), sk(r.deadlineUid(), r.lead()));
    }

    /**
     * Gives a claimed item back: PENDING again, on the due index as it was, if this run still holds it
     * (the account could not send; the next run tries again).
     */
    public boolean release(Reminder claimed) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(claimed))
                    .updateExpression("SET #status = :pending REMOVE #claim, #claimedAt")
                    .conditionExpression("#claim = :run AND #status = :sending")
                    .expressionAttributeNames(Map.of("#status", "status", "#claim", "claim", "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(Map.of(":pending", s(Reminder.Status.PENDING.name()), ":run", s(claimed.claim()),
                            ":sending", s(Reminder.Status.SENDING.name()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** The FAILED items of one UTC day (by when they failed): one {@code Query} on GSI1 {@code FAILED#day}. */
    public List<Reminder> failed(LocalDate day) {
        return query(QueryRequest.builder().tableName(table).indexName(CutoffTable.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.failedPk(day)))));
    }

    /**
     * Puts a FAILED item, or a SENDING one whose claim is the given one, back on the due index as
     * PENDING, due at {@code dueAt}; the item's reason stays in {@code detail} until it is sent.
     *
     * @return false when the item changed meanwhile
     */
    public boolean redrive(Reminder r, Instant dueAt) {
        boolean stuck = r.status() == Reminder.Status.SENDING;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pending", s(Reminder.Status.PENDING.name()),
                ":was", s(r.status().name()), ":due", s(dueAt.toString()),
                ":dpk", s(CutoffTable.duePk(bucket(dueAt), shard(r.subscriberId()))),
                ":dsk", s(Items.sortable(dueAt) + "#" + r.subscriberId() + "#" + r.deadlineUid() + "#" + r.lead())));
        if (stuck) {
            values.put(":run", s(r.claim()));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(r))
                    .updateExpression("SET #status = :pending, #dueAt = :due, #gpk = :dpk, #gsk = :dsk REMOVE #claim, #claimedAt")
                    .conditionExpression("#status = :was" + (stuck ? " AND #claim = :run" : ""))
                    .expressionAttributeNames(Map.of("#status", "status", "#dueAt", "dueAt", "#gpk", CutoffTable.GSI1PK,
                            "#gsk", CutoffTable.GSI1SK, "#claim", "claim", "#claimedAt", "claimedAt"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * The dispatcher's last finished run.
     *
     * @param at           when it finished (UTC)
     * @param leftForLater due reminders it left for the next run (the backlog)
     */
    public record LastRun(Instant at, int leftForLater) {
    }

    /** Records a finished run (one {@code PutItem}; the latest run wins). */
    public void recordRun(Instant at, int leftForLater) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(CutoffTable.PK, s(CutoffTable.CURSOR_PK),
                CutoffTable.SK, s(CutoffTable.LAST_RUN_SK), "at", s(at.toString()), "leftForLater", Items.n(leftForLater))));
    }

    /** The dispatcher's last finished run, if any: one {@code GetItem}. */
    public Optional<LastRun> lastRun() {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.CURSOR_PK, CutoffTable.LAST_RUN_SK)));
        return r.hasItem() && !r.item().isEmpty()
                ? Optional.of(new LastRun(Instant.parse(str(r.item(), "at")), (int) Items.num(r.item(), "leftForLater")))
                : Optional.empty();
    }

    /** The first day the dispatcher still has to look at, if it was ever set. */
    public Optional<LocalDate> cursor() {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.CURSOR_PK, CutoffTable.CURSOR_SK)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(LocalDate.parse(str(r.item(), "bucket"))) : Optional.empty();
    }

    /**
     * Sets the cursor if there is none: called when reminders are planned, so the dispatcher's first run
     * starts no later than the first reminder ever planned.
     */
    public void startCursor(LocalDate day) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(CutoffTable.PK, s(CutoffTable.CURSOR_PK), CutoffTable.SK, s(CutoffTable.CURSOR_SK), "bucket", s(day.toString())))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", CutoffTable.PK)));
        } catch (ConditionalCheckFailedException exists) {
            // the dispatcher already keeps it
        }
    }

    /** Moves the cursor forward (never back: a slower concurrent run cannot undo a faster one). */
    public void advanceCursor(LocalDate day) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(CutoffTable.PK, s(CutoffTable.CURSOR_PK), CutoffTable.SK, s(CutoffTable.CURSOR_SK), "bucket", s(day.toString())))
                    .conditionExpression("attribute_not_exists(#b) OR #b < :b")
                    .expressionAttributeNames(Map.of("#b", "bucket"))
                    .expressionAttributeValues(Map.of(":b", s(day.toString()))));
        } catch (ConditionalCheckFailedException alreadyFurther) {
            // another run got further
        }
    }

    private List<Reminder> query(QueryRequest.Builder request) {
        return Items.queryAll(dynamo, request).stream().map(ReminderStore::read).toList();
    }

    /** The stored form of a reminder (for bulk loads such as the benchmark); {@link #plan} writes the same. */
    public static Map<String, AttributeValue> item(Reminder r) {
        return write(r);
    }

    private static Map<String, AttributeValue> write(Reminder r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r));
        item.put("subscriberId", s(r.subscriberId()));
        item.put("deadlineUid", s(r.deadlineUid()));
        item.put("lead", s(r.lead()));
        item.put("kind", s(r.kind().name()));
        item.put("dueAt", s(r.dueAt().toString()));
        item.put("status", s(r.status().name()));
        item.put("noticeId", s(r.noticeId()));
        item.put("topicId", s(r.topicId()));
        item.put("deadlineKind", s(r.deadlineKind().name()));
        if (r.at() != null) {
            item.put("at", s(r.at().toString()));
        }
        item.put("date", s(r.date().toString()));
        item.put("zone", s(r.zone().getId()));
        item.put("summary", s(r.summary()));
        if (r.previous() != null) {
            item.put("previous", s(r.previous()));
        }
        if (r.status() == Reminder.Status.PENDING || r.status() == Reminder.Status.SENDING) {
            item.put(CutoffTable.GSI1PK, s(CutoffTable.duePk(bucket(r.dueAt()), shard(r.subscriberId()))));
            item.put(CutoffTable.GSI1SK, s(Items.sortable(r.dueAt()) + "#" + r.subscriberId() + "#" + r.deadlineUid() + "#" + r.lead()));
        }
        return item;
    }

    private static Reminder read(Map<String, AttributeValue> i) {
        return new Reminder(str(i, "subscriberId"), str(i, "deadlineUid"), str(i, "lead"),
                Reminder.Kind.valueOf(str(i, "kind")), instant(i, "dueAt"), Reminder.Status.valueOf(str(i, "status")),
                str(i, "noticeId"), str(i, "topicId"), DeadlineKind.valueOf(str(i, "deadlineKind")), instant(i, "at"),
                LocalDate.parse(str(i, "date")), ZoneId.of(str(i, "zone")), str(i, "summary"), str(i, "previous"),
                str(i, "claim"), instant(i, "claimedAt"));
    }
}
