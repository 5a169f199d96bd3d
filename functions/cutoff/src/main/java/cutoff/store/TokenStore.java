package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Access tokens (key design in {@link CutoffTable}): {@code TOKEN#<sha256(token)>}, never the token
 * itself ({@link Tokens}). A token item names its subscriber, its kind, when it was issued and, but for
 * feed tokens, when it expires ({@code expiresAt}, epoch seconds, the table's TTL attribute; checked
 * here too, since TTL deletes up to days late). A confirmation token also keeps the settings its
 * request asked for.
 */
public final class TokenStore implements ManageTokens {
    /** What an access token lets its holder do. */
    public enum Kind {
        /** Confirm a pending subscription; works once. */
        CONFIRM,
        /** Read the personal feed; replaced when rotated. */
        FEED,
        /** Change settings or unsubscribe; one per email sent. */
        MANAGE
    }

    /**
     * A token's subscriber, as found by the token.
     *
     * @param kind         what the token lets its holder do
     * @param subscriberId whose token it is
     * @param issuedAt     when it was issued (UTC); {@link Instant#EPOCH} for tokens stored without it
     * @param expiresAt    when it stops working; {@code null} for none (feed tokens)
     * @param requested    for a CONFIRM token: the settings asked for in the request that sent it; else {@code null}
     */
    public record Grant(Kind kind, String subscriberId, Instant issuedAt, Instant expiresAt, Requested requested) {
    }

    /**
     * The settings a subscription request asked for, kept with its confirmation token so that the link
     * confirms exactly what the email listed, whatever is asked for that address afterwards.
     */
    public record Requested(List<String> topicIds, List<LeadTime> leadTimes, String language, List<String> noticeIds,
                            List<String> followRules) {
        /** @param followRules the rules asked for ({@code all}, {@code issuer:<name>}); empty for none */
        public Requested {
            noticeIds = noticeIds == null ? List.of() : List.copyOf(noticeIds);
            followRules = followRules == null ? List.of() : List.copyOf(followRules);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public TokenStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /**
     * What a presented token grants, if it is known, of the expected kind and not expired.
     *
     * @param now the clock's instant, UTC
     */
    public Optional<Grant> grant(String token, Kind kind, Instant now) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Map<String, AttributeValue> item = get(CutoffTable.tokenPk(hash), CutoffTable.TOKEN_SK);
        if (item == null || !Tokens.sameHash(hash, str(item, "tokenHash")) || !kind.name().equals(str(item, "kind"))) {
            return Optional.empty();
        }
        Instant expires = item.containsKey("expiresAt") ? Instant.ofEpochSecond(Items.num(item, "expiresAt")) : null;
        if (expires != null && !now.isBefore(expires)) {
            return Optional.empty();
        }
        Instant issued = item.containsKey("issuedAt") ? Instant.parse(str(item, "issuedAt")) : Instant.EPOCH;
        Requested requested = item.containsKey("language") ? new Requested(
                item.get("topicIds").l().stream().map(AttributeValue::s).toList(),
                item.get("leadTimes").l().stream().map(v -> new LeadTime(v.s())).toList(), str(item, "language"),
                strings(item, "noticeIds"), strings(item, "followRules")) : null;
        return Optional.of(new Grant(kind, str(item, "subscriberId"), issued, expires, requested));
    }

    /** A new MANAGE token for one email (unsubscribe and settings), valid for {@code lifetime}. */
    public String issueManageToken(String subscriberId, Instant now, Duration lifetime) {
        String token = Tokens.newToken();
        dynamo.putItem(b -> b.tableName(table).item(item(token, Kind.MANAGE, subscriberId, now, now.plus(lifetime))));
        return token;
    }

    /**
     * A manage token for each of {@code subscriberIds} (as {@link #issueManageToken}), stored with
     * {@code BatchWriteItem} (25 a call): for a run that prepares many emails ahead.
     *
     * @return the tokens (plain, to put in links), by subscriber id
     */
    public Map<String, String> issueManageTokens(java.util.Collection<String> subscriberIds, Instant now, Duration lifetime) {
        Map<String, String> tokens = new HashMap<>();
        List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(subscriberIds)) {
            String token = Tokens.newToken();
            tokens.put(id, token);
            items.add(item(token, Kind.MANAGE, id, now, now.plus(lifetime)));
        }
        Items.putAll(dynamo, table, items);
        return tokens;
    }

    /**
     * Makes a stored token (by its hash) stand for another subscriber, if it still stands for {@code from}: for merging
     * subscribers of one address ({@code ./cutoff subscribers check --fix}), so the links in the emails of the one merged
     * away act on the one kept.
     *
     * @return false when no such token stands for {@code from}
     */
    public boolean reassign(String tokenHash, String from, String to) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.tokenPk(tokenHash), CutoffTable.TOKEN_SK))
                    .updateExpression("SET subscriberId = :to").conditionExpression("subscriberId = :from")
                    .expressionAttributeValues(Map.of(":to", s(to), ":from", s(from))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException gone) {
            return false;
        }
    }

    static Map<String, AttributeValue> item(String token, Kind kind, String subscriberId, Instant issuedAt,
                                                         Instant expiresAt) {
        String hash = Tokens.hash(token);
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.tokenPk(hash), CutoffTable.TOKEN_SK));
        item.put("tokenHash", s(hash));
        item.put("kind", s(kind.name()));
        item.put("subscriberId", s(subscriberId));
        item.put("issuedAt", s(issuedAt.toString()));
        if (expiresAt != null) {
            item.put("expiresAt", Items.ttl(expiresAt));
        }
        return item;
    }

    /** A confirmation token's item, with the settings the pending subscriber asked for. */
    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).l().stream().map(AttributeValue::s).toList() : List.of();
    }

    static Map<String, AttributeValue> confirmation(String token, Subscriber pending, Instant now, Instant expiresAt,
                                                    List<String> noticeIds, List<String> followRules) {
        Map<String, AttributeValue> item = item(token, Kind.CONFIRM, pending.id(), now, expiresAt);
        item.put("topicIds", AttributeValue.fromL(pending.topicIds().stream().map(Items::s).toList()));
        item.put("leadTimes", AttributeValue.fromL(pending.leadTimes().stream().map(l -> s(l.code())).toList()));
        item.put("language", s(pending.language()));
        if (!noticeIds.isEmpty()) {
            item.put("noticeIds", AttributeValue.fromL(noticeIds.stream().map(Items::s).toList()));
        }
        if (!followRules.isEmpty()) {
            item.put("followRules", AttributeValue.fromL(followRules.stream().map(Items::s).toList()));
        }
        return item;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }
}
