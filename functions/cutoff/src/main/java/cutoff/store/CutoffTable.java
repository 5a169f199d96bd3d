package cutoff.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The key design of Cutoff's one DynamoDB table, in one place. Every read of a function is a {@code Query} or a
 * {@code GetItem}; nothing scans but an operator's maintenance command ({@link SubscriberScan}).
 *
 * <pre>
 * item        PK                      SK                          GSI1PK                   GSI1SK
 * notice      NOTICE#&lt;noticeId&gt;       #NOTICE                     NOTICES                  &lt;signedOn|0000-00-00&gt;#&lt;noticeId&gt;
 * deadline    NOTICE#&lt;noticeId&gt;       DEADLINE#&lt;topicId&gt;#&lt;uid&gt;    DEADLINES                &lt;earliest, UTC ms&gt;#&lt;uid&gt;
 * subscriber  SUB#&lt;id&gt;                #SUB
 * reminder    SUB#&lt;id&gt;                REM#&lt;deadlineUid&gt;#&lt;lead&gt;   DUE#&lt;UTC day&gt;#&lt;0-7&gt;       &lt;dueAt&gt;#&lt;id&gt;#&lt;uid&gt;#&lt;lead&gt; (while pending)
 *                                                                 FAILED#&lt;UTC day&gt;         &lt;failedAt&gt;#&lt;id&gt;#&lt;uid&gt;#&lt;lead&gt; (once FAILED)
 * address     EMAIL#&lt;sha256(address)&gt; #EMAIL
 * token       TOKEN#&lt;sha256(token)&gt;   #TOKEN
 * membership  TOPIC#&lt;topicId&gt;         SUB#&lt;id&gt;
 * cursor      DISPATCH                #CURSOR
 * last run    DISPATCH                #LASTRUN                    (when the dispatcher last finished a run, what it left)
 * feed stamp  NOTICE#&lt;noticeId&gt;       #FEED                       (changes with every write to the notice's feed)
 * feed stamp  FEEDS                   #ALL                        (changes with every ingest that writes anything)
 * rate limit  RATE#&lt;hmac(source)&gt;     #BUCKET                     (a subscription source's token bucket; TTL)
 * daily cap   CAP#&lt;UTC day&gt;           #CONFIRMATIONS              (subscription emails sent that day; TTL)
 * challenge   CHALLENGE#&lt;sha256(nonce)&gt; #USED                   (a solved challenge, used once; TTL)
 * office      ORG#&lt;orgId&gt;              #ORG                        (a research office: name, mail domains, key hash)
 * office key  ORGKEY#&lt;sha256(key)&gt;     #ORGKEY                     (→ the office: found from the key alone)
 * staff row   ORG#&lt;orgId&gt;#STAFF#&lt;h&gt;    STAFF#&lt;sha256(address)&gt;    STAFFQ#&lt;0-7&gt;  &lt;queuedAt&gt;#&lt;orgId&gt;#&lt;hash&gt; (while queued)
 *             (h: the hash's first hex digit, 16 partitions an office; queued: welcome email or re-plan waiting)
 * follow rule FOLLOW#&lt;rule&gt;            SUB#&lt;id&gt;                    (all, issuer:&lt;name&gt;, notice:&lt;noticeId&gt;: for the ingest that expands rules)
 * expanded    EXPANDED#&lt;noticeId&gt;       SUB#&lt;id&gt;#&lt;topicId&gt;          (a topic an ingest added to a follower: never added twice)
 * internal    ORG#&lt;orgId&gt;              INTERNAL#RULE               (the office's internal-deadline rule)
 *             ORG#&lt;orgId&gt;              INTERNAL#OVERRIDE#&lt;topicId&gt; (an explicit internal deadline for a topic)
 *             ORG#&lt;orgId&gt;              INTERNAL#STATE#&lt;topicId&gt;    (what staff were last told: instant, SEQUENCE)
 * staff's org SUB#&lt;id&gt;                #ORG                        (the office that registered a staff subscriber)
 * office feed ORGFEED#&lt;sha256(secret)&gt; #ORGFEED                    (→ the office: its feed found from the secret)
 * own rules   SUB#&lt;id&gt;                #RULES                      (the all / issuer: rules a subscriber chose on the pages)
 * own choices SUB#&lt;id&gt;                #OWN                        (settings a staff member changed on the preferences page)
 * ways in     WAYS#&lt;sha256(address)&gt;  #WAYS                       (the office-registered subscribers of an address)
 * sent to     SENTTO#&lt;sha256(address)&gt; &lt;deadlineUid&gt;#&lt;lead&gt;#&lt;dueAt&gt; (which subscriber's email carries that reminder to the address; TTL)
 * editor      EDITOR#&lt;editorId&gt;       #EDITOR                     (an editor: name, email, key hash: {@link EditorStore})
 * editor key  EDKEY#&lt;sha256(key)&gt;      #EDKEY                      (→ the editor: found from the key alone)
 * record      AUDIT#&lt;noticeId&gt;        &lt;number, 10 digits&gt;        (who uploaded, corrected, published it, when: {@link AuditStore})
 * draft       DRAFT#&lt;draftId&gt;         #DRAFT                      (a notice file read for review, not published; TTL: {@link DraftStore})
 * followed    ORG#&lt;orgId&gt;              #FOLLOWED                   FOLLOWEDQ     &lt;orgId&gt; (while stale)
 *             (the topics the office's listed staff follow, and a count of the changes since; see {@link FollowedTopicsStore})
 * </pre>
 *
 * <ul>
 *   <li>a notice's feed, and a topic's (its id starts with the notice's): one {@code Query} on
 *       {@code PK = NOTICE#id}, which returns the notice and all its deadlines (tens of items);</li>
 *   <li>the feed of all calls: {@code Query} GSI1 {@code DEADLINES}, in time order, paginated;</li>
 *   <li>the list of notices: {@code Query} GSI1 {@code NOTICES};</li>
 *   <li>what is due: {@code Query} GSI1 {@code DUE#day#shard} up to now (sparse: finished reminders leave it);</li>
 *   <li>a topic's subscribers: {@code Query} on {@code TOPIC#topicId}.</li>
 * </ul>
 * The two GSI1 partitions are single keys: fine for the few thousand deadlines a year Chinese notices
 * produce; past that, shard them by year.
 */
public final class CutoffTable {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";

    static final String NOTICE_PREFIX = "NOTICE#";
    static final String NOTICE_SK = "#NOTICE";
    static final String DEADLINE_PREFIX = "DEADLINE#";
    static final String NOTICES = "NOTICES";
    static final String DEADLINES = "DEADLINES";

    /** Attribute names used in {@code template.yaml}'s table definition (checked by a test). */
    public static final List<String> KEY_ATTRIBUTES = List.of(PK, SK, GSI1PK, GSI1SK);

    private CutoffTable() {
    }

    static final String SUBSCRIBER_SK = "#SUB";
    /** A subscriber's own follow rules ({@code all}, {@code issuer:<name>}), as chosen on the pages. */
    static final String RULES_SK = "#RULES";
    static final String EMAIL_SK = "#EMAIL";
    static final String TOKEN_SK = "#TOKEN";
    static final String REMINDER_PREFIX = "REM#";
    static final String CURSOR_PK = "DISPATCH";
    static final String FEED_SK = "#FEED";
    static final String FEEDS_PK = "FEEDS";
    static final String ALL_SK = "#ALL";
    static final String CURSOR_SK = "#CURSOR";
    static final String LAST_RUN_SK = "#LASTRUN";

    /** A key: partition and sort values. */
    static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String pk, String sk) {
        return java.util.Map.of(PK, Items.s(pk), SK, Items.s(sk));
    }

    // "ORG" in the office keys below is the stored data's older name for a research office: kept so stored items stay found.
    /** The attribute holding an office id on office, staff, feed and follow items; its stored name, kept for stored data. */
    static final String OFFICE_ID = "orgId";
    /** The attribute holding a deadline's RFC 5545 SEQUENCE (deadline and internal-state items); its stored name, kept for stored data. */
    static final String SEQUENCE = "revision";
    static final String OFFICE_SK = "#ORG";
    static final String OFFICE_KEY_SK = "#ORGKEY";

    /** A research office. */
    static String officePk(String officeId) {
        return "ORG#" + officeId;
    }

    /** An office key's item, by the key's SHA-256. */
    static String officeKeyPk(String keyHash) {
        return "ORGKEY#" + keyHash;
    }

    /** The partition of an office's staff row: one of 16, by the address hash's first hex digit. */
    static String staffPk(String officeId, String emailHash) {
        return "ORG#" + officeId + "#STAFF#" + emailHash.charAt(0);
    }

    /** A staff row's sort key: the SHA-256 of the address (addresses are never keys). */
    static String staffSk(String emailHash) {
        return "STAFF#" + emailHash;
    }

    /** A shard of the staff work queue (GSI1): welcome emails and re-plans waiting. */
    static String staffQueuePk(int shard) {
        return "STAFFQ#" + shard;
    }

    /** The members of a follow rule ({@code all}, {@code issuer:<name>}). */
    static String followPk(String rule) {
        return "FOLLOW#" + rule;
    }

    /** What ingests added to followers from one notice: one item per (subscriber, topic). */
    static String expandedPk(String noticeId) {
        return "EXPANDED#" + noticeId;
    }

    /** The sort key of an expansion record. */
    static String expandedSk(String subscriberId, String topicId) {
        return "SUB#" + subscriberId + "#" + topicId;
    }

    static final String INTERNAL_PREFIX = "INTERNAL#";
    static final String INTERNAL_RULE_SK = "INTERNAL#RULE";
    static final String SUBSCRIBER_OFFICE_SK = "#ORG"; // "ORG": the stored name, kept for stored data
    static final String OFFICE_FEED_SK = "#ORGFEED";
    /** An office's followed topics ({@link FollowedTopicsStore}). */
    static final String FOLLOWED_SK = "#FOLLOWED";
    /** An office's relayed topics ({@link RelayedTopicsStore}). */
    static final String RELAYED_SK = "#RELAYED";
    /** The GSI1 partition of offices whose followed topics are stale (changed since last computed). */
    static final String FOLLOWED_QUEUE = "FOLLOWEDQ";

    /** An office's internal deadline for a topic, set explicitly. */
    static String internalOverrideSk(String topicId) {
        return "INTERNAL#OVERRIDE#" + topicId;
    }

    /** What an office's staff were last told of its internal deadline for a topic. */
    static String internalStateSk(String topicId) {
        return "INTERNAL#STATE#" + topicId;
    }

    /** An office feed's item, by the secret's SHA-256. */
    static String officeFeedPk(String secretHash) {
        return "ORGFEED#" + secretHash;
    }

    static final String BUCKET_SK = "#BUCKET";
    static final String CAP_SK = "#CONFIRMATIONS";
    static final String CHALLENGE_SK = "#USED";

    /**
     * A subscription source's token bucket. Source addresses are never keys: the caller passes a keyed
     * hash (HMAC with a secret: an unkeyed hash of an IPv4 address is reversed by trying all 2^32).
     */
    static String bucketPk(String sourceHash) {
        return "RATE#" + sourceHash;
    }

    /** The counter of subscription emails sent on a UTC day. */
    static String capPk(java.time.LocalDate utcDay) {
        return "CAP#" + utcDay;
    }

    /** A used challenge, by the SHA-256 of its nonce. */
    static String challengePk(String nonce) {
        return "CHALLENGE#" + cutoff.util.Sha256.hex(nonce);
    }

    static String subscriberPk(String subscriberId) {
        return "SUB#" + subscriberId;
    }

    /** Addresses are never keys: the index item is found by the SHA-256 of the normalised address. */
    static String emailPk(String normalisedAddress) {
        return "EMAIL#" + cutoff.util.Sha256.hex(normalisedAddress);
    }

    /** The ways in of an address: {@code WAYS#<sha256(address)>}. */
    static String waysPk(String normalisedAddress) {
        return "WAYS#" + cutoff.util.Sha256.hex(normalisedAddress);
    }

    /** The reminders sent to an address, one item per deadline and lead: {@code SENTTO#<sha256(address)>}. */
    static String sentToPk(String normalisedAddress) {
        return "SENTTO#" + cutoff.util.Sha256.hex(normalisedAddress);
    }

    static final String WAYS_SK = "#WAYS";
    static final String OWN_SK = "#OWN";

    static String tokenPk(String tokenHash) {
        return "TOKEN#" + tokenHash;
    }

    static String topicPk(String topicId) {
        return "TOPIC#" + topicId;
    }

    static String reminderSk(String deadlineUid, String lead) {
        return REMINDER_PREFIX + deadlineUid + "#" + lead;
    }

    /** The due-index partition of a reminder: its UTC day and shard. */
    static String duePk(java.time.LocalDate day, int shard) {
        return "DUE#" + day + "#" + shard;
    }

    /** The failed-index partition: FAILED reminders by the UTC day they failed, for re-drives. */
    static String failedPk(java.time.LocalDate day) {
        return "FAILED#" + day;
    }

    static String noticePk(String noticeId) {
        return NOTICE_PREFIX + noticeId;
    }

    static String deadlineSk(String topicId, String uid) {
        return DEADLINE_PREFIX + topicId + "#" + uid;
    }

    /**
     * Creates the table as {@code template.yaml} declares it (on-demand, PK/SK, GSI1 projecting all),
     * for DynamoDB Local; does nothing when it exists.
     */
    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attr(PK), attr(SK), attr(GSI1PK), attr(GSI1SK))
                    .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(GSI1)
                            .keySchema(key(GSI1PK, KeyType.HASH), key(GSI1SK, KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build())
                    .build());
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (ResourceInUseException exists) {
            // Already there: keep its data.
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
