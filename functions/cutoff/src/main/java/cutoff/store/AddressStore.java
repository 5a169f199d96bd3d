package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One address, however many ways it came in: its own subscription ({@code EMAIL#<sha256>} names that subscriber)
 * and each research office that registered it (a staff subscriber per office, listed in {@code WAYS#<sha256>} /
 * {@code #WAYS}, a string set {@code subscriberIds}). Nothing here holds the address itself, only its hash.
 *
 * <p>A reminder to an address shared by several subscribers is sent once: the first of them to reach it claims
 * {@code SENTTO#<sha256>} / {@code <deadlineUid>#<lead>#<dueAt>} with a conditional write; the others find it claimed and
 * their item is covered by that email ({@link #claimReminder}).
 */
public final class AddressStore implements AddressWays {
    private final DynamoDbClient dynamo;
    private final String table;

    public AddressStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** Records that an office's staff subscriber came in at this address (idempotent: {@code ADD} to a set). */
    public void addWay(String email, String subscriberId) {
        dynamo.updateItem(b -> b.tableName(table).key(waysKey(email))
                .updateExpression("ADD subscriberIds :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(subscriberId)))));
    }

    /** Forgets an office's staff subscriber of this address (the office removed the person). */
    public void removeWay(String email, String subscriberId) {
        dynamo.updateItem(b -> b.tableName(table).key(waysKey(email))
                .updateExpression("DELETE subscriberIds :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(subscriberId)))));
    }

    /**
     * Every subscriber id the address came in as: its own subscription (whatever its status) and the offices' staff
     * subscribers. Two {@code GetItem}s.
     */
    public Set<String> ways(String email) {
        Map<String, Map<String, AttributeValue>> found = Items.batchGet(dynamo, table, List.of(waysKey(email), emailKey(email)));
        return waysOf(found, email);
    }

    /**
     * Of {@code emails} (stored form), those that came in more than one way: one {@code BatchGetItem} per 50 addresses.
     */
    public Set<String> sharedAmong(Collection<String> emails) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(emails));
        List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
        for (String e : distinct) {
            keys.add(waysKey(e));
            keys.add(emailKey(e));
        }
        Map<String, Map<String, AttributeValue>> found = Items.batchGet(dynamo, table, keys);
        Set<String> shared = new HashSet<>();
        for (String e : distinct) {
            if (waysOf(found, e).size() > 1) {
                shared.add(e);
            }
        }
        return shared;
    }

    private static Set<String> waysOf(Map<String, Map<String, AttributeValue>> found, String email) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, AttributeValue> own = found.get(CutoffTable.emailPk(email));
        if (own != null && str(own, "subscriberId") != null) {
            ids.add(str(own, "subscriberId"));
        }
        Map<String, AttributeValue> ways = found.get(CutoffTable.waysPk(email));
        if (ways != null && ways.containsKey("subscriberIds")) {
            ids.addAll(ways.get("subscriberIds").ss());
        }
        return ids;
    }

    /**
     * Claims the reminder of one deadline and lead to an address for one of its subscribers: a conditional write that
     * holds when nobody claimed it, or this subscriber did (its own retry, after a lease or a re-drive).
     *
     * @param dueAt     when the reminder is due: part of the key, so a deadline that moves (its reminders re-planned for
     *                  the new time) is claimed anew, whichever subscriber claimed it before
     * @param expiresAt when the claim may go (TTL): after the deadline
     * @return false when another subscriber of the address claimed it: that subscriber's email carries it
     */
    public boolean claimReminder(String email, String deadlineUid, String lead, Instant dueAt, String subscriberId, Instant expiresAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(CutoffTable.key(CutoffTable.sentToPk(email), deadlineUid + "#" + lead + "#" + dueAt))
                    .updateExpression("SET subscriberId = :me, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(#pk) OR subscriberId = :me")
                    .expressionAttributeNames(Map.of("#pk", CutoffTable.PK))
                    .expressionAttributeValues(Map.of(":me", s(subscriberId), ":exp", Items.ttl(expiresAt))));
            return true;
        } catch (ConditionalCheckFailedException another) {
            return false;
        }
    }

    private static Map<String, AttributeValue> waysKey(String email) {
        return CutoffTable.key(CutoffTable.waysPk(email), CutoffTable.WAYS_SK);
    }

    private static Map<String, AttributeValue> emailKey(String email) {
        return CutoffTable.key(CutoffTable.emailPk(email), CutoffTable.EMAIL_SK);
    }
}
