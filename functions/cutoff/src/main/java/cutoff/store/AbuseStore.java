package cutoff.store;

import static cutoff.store.Items.n;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * What keeps the subscription endpoint from mailing the world (key design in {@link CutoffTable}):
 * a token bucket per source, a per-day counter of subscription emails, and used challenges. Every
 * item carries {@code expiresAt} (epoch seconds, the table's TTL attribute), so nothing here outlives
 * its use. Every write is conditional: no read-then-write.
 */
public final class AbuseStore {
    /** How many times a bucket write is retried when another request from the same source changed it meanwhile. */
    private static final int ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public AbuseStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * Takes one token from a source's bucket: a bucket of {@code burst} tokens that gains one every
     * {@code interval}. Kept as GCRA's theoretical arrival time {@code tat} (epoch ms): a request is
     * allowed when {@code tat <= now + (burst - 1) × interval}, and moves {@code tat} to
     * {@code max(tat, now) + interval}.
     *
     * <p>An update expression has {@code +} but no {@code max}, so the two cases are two conditional
     * writes. The first, for a full bucket (no item, or {@code tat} in the past), sets {@code tat} outright;
     * when its condition fails, DynamoDB returns the item as it was ({@code ReturnValuesOnConditionCheckFailure}),
     * and a request over the limit ends there: <b>one</b> conditional {@code UpdateItem}. A request within
     * the burst makes a second, compare-and-set on the {@code tat} it saw. Two requests racing cannot both
     * take the last token.
     *
     * @param sourceHash a keyed hash of the source (never the address itself)
     * @param now        the clock's instant
     * @return empty when a token was taken; otherwise how long until one is available (at least 1 ms)
     */
    public Optional<Duration> take(String sourceHash, Instant now, int burst, Duration interval) {
        long nowMs = now.toEpochMilli();
        long step = interval.toMillis();
        long limit = nowMs + (burst - 1) * step;
        Map<String, AttributeValue> key = CutoffTable.key(CutoffTable.bucketPk(sourceHash), CutoffTable.BUCKET_SK);
        Long seen = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean full = seen == null || seen <= nowMs;
            long tat = (full ? nowMs : seen) + step;
            Map<String, AttributeValue> values = full
                    ? Map.of(":tat", n(tat), ":exp", n(ttl(tat)), ":now", n(nowMs))
                    : Map.of(":tat", n(tat), ":exp", n(ttl(tat)), ":seen", n(seen));
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("SET tat = :tat, expiresAt = :exp")
                        .conditionExpression(full ? "attribute_not_exists(tat) OR tat <= :now" : "tat = :seen")
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException changed) {
                Map<String, AttributeValue> old = changed.hasItem() ? changed.item() : Map.of();
                if (!old.containsKey("tat")) {
                    seen = null;
                    continue;
                }
                seen = Items.num(old, "tat");
                if (seen > limit) {
                    return Optional.of(Duration.ofMillis(seen - limit));
                }
            }
        }
        // The bucket kept changing under us: the source is sending in parallel. Let it come back shortly.
        return Optional.of(interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1));
    }

    /** The TTL: when a bucket is full again it holds nothing worth keeping. Epoch seconds, rounded up. */
    private static long ttl(long tatMs) {
        return Math.floorDiv(tatMs + 999, 1000);
    }

    /**
     * Counts one subscription email on a UTC day, unless {@code cap} were counted already: one atomic
     * {@code UpdateItem} ({@code ADD}, conditioned on the count). The day's item expires two days after.
     *
     * @return true when counted (the email may go); false when the day's cap is reached
     */
    public boolean countEmail(LocalDate utcDay, int cap) {
        long expires = utcDay.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(CutoffTable.key(CutoffTable.capPk(utcDay), CutoffTable.CAP_SK))
                    .updateExpression("ADD sent :one SET expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(sent) OR sent < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":exp", n(expires), ":cap", n(cap))));
            return true;
        } catch (ConditionalCheckFailedException capped) {
            return false;
        }
    }

    /**
     * Marks a challenge used: one conditional {@code PutItem}; kept until the challenge would have
     * expired anyway (TTL).
     *
     * @return true the first time; false when it was used before (a replay)
     */
    public boolean useChallenge(String nonce, Instant expiresAt) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(CutoffTable.PK, Items.s(CutoffTable.challengePk(nonce)), CutoffTable.SK, Items.s(CutoffTable.CHALLENGE_SK),
                            "expiresAt", n(expiresAt.getEpochSecond() + 1)))
                    .conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        }
    }
}
