package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.office.InternalDeadline;
import cutoff.subscriber.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An office's internal deadlines, its feed secret, and which office registered a staff subscriber (key
 * design in {@link CutoffTable}):
 * <ul>
 *   <li>{@code ORG#<officeId>} / {@code INTERNAL#RULE}: the rule ({@code before}, {@code at});</li>
 *   <li>{@code ORG#<officeId>} / {@code INTERNAL#OVERRIDE#<topicId>}: an explicit instant for one topic;</li>
 *   <li>{@code ORG#<officeId>} / {@code INTERNAL#STATE#<topicId>}: what the staff were last told for a topic
 *       (instant, SEQUENCE, last change, withdrawn, the topic's cutoff count then), the base for "changed" emails and
 *       SEQUENCE;</li>
 *   <li>{@code SUB#<id>} / {@code #ORG}: the office of a staff subscriber (written with the subscriber, by the
 *       staff queue);</li>
 *   <li>the office feed secret: in the office's item ({@code feedSecret}) and as
 *       {@code ORGFEED#<sha256(secret)>} / {@code #ORGFEED} → the office.</li>
 * </ul>
 * One {@code Query} ({@code ORG#<officeId>}, {@code begins_with INTERNAL#}) reads an office's rule, overrides
 * and states together.
 */
public final class InternalDeadlineStore implements InternalDeadlineRecords {
    private final DynamoDbClient dynamo;
    private final String table;

    /** A told state's attribute: {@link State#cutoffSequence}. */
    private static final String CUTOFF_SEQUENCE = "cutoffSequence";

    public InternalDeadlineStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** An explicit internal deadline for a topic, and when it was set. */
    public record Override(String topicId, Instant at, Instant updatedAt) {
    }

    /**
     * What an office's staff were last told of its internal deadline for a topic.
     *
     * @param at             the instant told ({@code null} never: a withdrawn one keeps its last instant)
     * @param sequence       SEQUENCE of the event
     * @param cancelled      withdrawn
     * @param cutoffSequence the topic's cutoff count when told ({@code dispatch.InternalDeadlineSource#cutoffSequence}:
     *                       the sum of its cutoffs' SEQUENCEs, which every move, withdrawal and return of the cutoff
     *                       raises); 0 for a state recorded before it was kept
     */
    public record State(String topicId, Instant at, int sequence, Instant lastModified, boolean cancelled, int cutoffSequence) {
    }

    /** An office's settings: the rule (or none, with when it last changed), overrides and states by topic id. */
    public record Settings(InternalDeadline.Rule rule, Instant ruleUpdatedAt, Map<String, Override> overrides,
                           Map<String, State> states) {
    }

    /** Everything an office has set: one {@code Query}. */
    public Settings settings(String officeId) {
        List<Map<String, AttributeValue>> items = Items.queryAll(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :p)")
                .expressionAttributeNames(Map.of("#pk", CutoffTable.PK, "#sk", CutoffTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(CutoffTable.officePk(officeId)), ":p", s(CutoffTable.INTERNAL_PREFIX))));
        InternalDeadline.Rule rule = null;
        Instant ruleUpdatedAt = null;
        Map<String, Override> overrides = new TreeMap<>();
        Map<String, State> states = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = str(item, CutoffTable.SK);
            if (sk.equals(CutoffTable.INTERNAL_RULE_SK)) {
                ruleUpdatedAt = instant(item, "updatedAt");
                if (item.containsKey("before")) {
                    rule = InternalDeadline.Rule.parse(str(item, "before"), str(item, "at"));
                }
            } else if (sk.startsWith(CutoffTable.internalOverrideSk(""))) {
                String topic = sk.substring(CutoffTable.internalOverrideSk("").length());
                overrides.put(topic, new Override(topic, instant(item, "at"), instant(item, "updatedAt")));
            } else if (sk.startsWith(CutoffTable.internalStateSk(""))) {
                String topic = sk.substring(CutoffTable.internalStateSk("").length());
                states.put(topic, new State(topic, instant(item, "at"), (int) Items.num(item, CutoffTable.SEQUENCE),
                        instant(item, "lastModified"), item.containsKey("cancelled"),
                        item.containsKey(CUTOFF_SEQUENCE) ? (int) Items.num(item, CUTOFF_SEQUENCE) : 0));
            }
        }
        return new Settings(rule, ruleUpdatedAt, overrides, states);
    }

    /**
     * Sets the rule, or removes it ({@code null}); the item stays with its {@code updatedAt}, so that
     * what is computed from it later is stamped deterministically.
     */
    public void putRule(String officeId, InternalDeadline.Rule rule, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.INTERNAL_RULE_SK));
        item.put("updatedAt", s(now.toString()));
        if (rule != null) {
            item.put("before", s(rule.before()));
            item.put("at", s(rule.atText()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Sets a topic's explicit internal deadline. */
    public void putOverride(String officeId, String topicId, Instant at, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.internalOverrideSk(topicId)));
        item.put("at", s(at.toString()));
        item.put("updatedAt", s(now.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Removes a topic's explicit internal deadline; false when there was none. */
    public boolean deleteOverride(String officeId, String topicId) {
        return dynamo.deleteItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.internalOverrideSk(topicId)))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).hasAttributes();
    }

    /**
     * Records what the staff are told now, unless another request recorded a newer sequence meanwhile.
     *
     * @param previous the state this change was computed from, or {@code null} when there was none
     * @return false when the state changed meanwhile (the caller's change is then not its to announce)
     */
    public boolean putState(String officeId, State state, State previous) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.internalStateSk(state.topicId())));
        item.put("at", s(state.at().toString()));
        item.put(CutoffTable.SEQUENCE, Items.n(state.sequence()));
        item.put("lastModified", s(state.lastModified().toString()));
        if (state.cancelled()) {
            item.put("cancelled", AttributeValue.fromBool(true));
        }
        item.put(CUTOFF_SEQUENCE, Items.n(state.cutoffSequence()));
        try {
            if (previous == null) {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", CutoffTable.PK)));
            } else {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#rev = :rev")
                        .expressionAttributeNames(Map.of("#rev", CutoffTable.SEQUENCE))
                        .expressionAttributeValues(Map.of(":rev", Items.n(previous.sequence()))));
            }
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    // ------------------------------------------------------------------ staff subscribers

    /** The key of the item that ties a staff subscriber to its office. */
    public static Map<String, AttributeValue> subscriberOfficeKey(String subscriberId) {
        return CutoffTable.key(CutoffTable.subscriberPk(subscriberId), CutoffTable.SUBSCRIBER_OFFICE_SK);
    }

    /** The item that ties a staff subscriber to its office, written with the subscriber ({@code dispatch.StaffQueue}). */
    public static Map<String, AttributeValue> subscriberOfficeItem(String subscriberId, String officeId) {
        Map<String, AttributeValue> item = new HashMap<>(subscriberOfficeKey(subscriberId));
        item.put(CutoffTable.OFFICE_ID, s(officeId));
        return item;
    }

    /** The office that registered a subscriber; empty for an individual subscriber. */
    public Optional<String> officeOfSubscriber(String subscriberId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(subscriberOfficeKey(subscriberId)));
        return r.hasItem() && !r.item().isEmpty() ? Optional.ofNullable(str(r.item(), CutoffTable.OFFICE_ID)) : Optional.empty();
    }

    // ------------------------------------------------------------------ the office feed secret

    /**
     * The office's feed secret, made on first use. It is kept in clear in the office's item, not only as
     * a hash: the office page must be able to show the feed URL again (calendar apps cannot send a key,
     * so the URL is the capability). The trade-off: whoever can read the table can read the feed, which
     * holds only public cutoffs and the office's own internal deadlines, and rotation
     * ({@link #rotateFeedSecret}) ends a leaked URL at once. Lookups go by the secret's hash.
     *
     * @return empty when there is no such office
     */
    public Optional<String> feedSecret(String officeId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> office = officeItem(officeId);
            if (office == null) {
                return Optional.empty();
            }
            String current = str(office, "feedSecret");
            if (current != null) {
                return Optional.of(current);
            }
            String fresh = Tokens.newToken();
            if (replaceSecret(officeId, null, fresh)) {
                return Optional.of(fresh);
            }
        }
        throw new IllegalStateException("the office's feed secret changed three times meanwhile; try again");
    }

    /**
     * A new feed secret; the old one stops working at once (its lookup item goes in the same transaction).
     *
     * @return empty when there is no such office
     */
    public Optional<String> rotateFeedSecret(String officeId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> office = officeItem(officeId);
            if (office == null) {
                return Optional.empty();
            }
            String fresh = Tokens.newToken();
            if (replaceSecret(officeId, str(office, "feedSecret"), fresh)) {
                return Optional.of(fresh);
            }
        }
        throw new IllegalStateException("the office's feed secret changed three times meanwhile; try again");
    }

    /** The office a feed secret belongs to; empty for an unknown or rotated secret. */
    public Optional<String> officeOfFeedSecret(String secret) {
        if (!Tokens.wellFormed(secret)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(secret);
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officeFeedPk(hash), CutoffTable.OFFICE_FEED_SK))
                .consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty() || !Tokens.sameHash(hash, str(r.item(), "secretHash"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(str(r.item(), CutoffTable.OFFICE_ID));
    }

    private boolean replaceSecret(String officeId, String old, String fresh) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":new", s(fresh)));
        String condition;
        if (old == null) {
            condition = "attribute_exists(#pk) AND attribute_not_exists(feedSecret)";
        } else {
            condition = "feedSecret = :old";
            values.put(":old", s(old));
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(CutoffTable.key(CutoffTable.officeFeedPk(Tokens.hash(old)), CutoffTable.OFFICE_FEED_SK)).build()).build());
        }
        Update.Builder update = Update.builder().tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.OFFICE_SK))
                .updateExpression("SET feedSecret = :new").conditionExpression(condition).expressionAttributeValues(values);
        if (old == null) {
            update.expressionAttributeNames(Map.of("#pk", CutoffTable.PK));
        }
        writes.add(TransactWriteItem.builder().update(update.build()).build());
        Map<String, AttributeValue> lookup = new HashMap<>(CutoffTable.key(CutoffTable.officeFeedPk(Tokens.hash(fresh)), CutoffTable.OFFICE_FEED_SK));
        lookup.put("secretHash", s(Tokens.hash(fresh)));
        lookup.put(CutoffTable.OFFICE_ID, s(officeId));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(lookup).build()).build());
        try {
            Items.transact(dynamo, writes, null);
            return true;
        } catch (TransactionCanceledException raced) {
            return false;
        }
    }

    private Map<String, AttributeValue> officeItem(String officeId) {
        var r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(CutoffTable.officePk(officeId), CutoffTable.OFFICE_SK)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }
}
