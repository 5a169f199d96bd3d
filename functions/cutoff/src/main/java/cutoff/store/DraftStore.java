package cutoff.store;

import static cutoff.store.Items.s;

import cutoff.draft.NoticeDraft;
import cutoff.notice.NoticeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Notice drafts awaiting review (issue 19), one item each: {@code DRAFT#<draftId>} / {@code #DRAFT}, with
 * {@code owner} (the uploading office's or editor's id), {@code uploadedAt}, {@code format},
 * {@code fileBytes}, and the source text and the reading's JSON ({@link NoticeJson}) each gzip-compressed as a
 * binary attribute. A draft is kept {@value #KEPT_DAYS} days ({@code expiresAt}, the table's TTL).
 *
 * <p>A DynamoDB item holds at most 400 KB; a draft whose compressed text and reading pass {@value #MAX_STORED_BYTES}
 * bytes is refused ({@link TooLargeException}) rather than cut. Notices are a few pages: their text compresses to a
 * few KB.
 */
public final class DraftStore {
    /** How long a draft is kept unpublished. */
    public static final int KEPT_DAYS = 30;
    /** The most the compressed text and reading may take in the item: under DynamoDB's 400 KB, room for the rest. */
    public static final int MAX_STORED_BYTES = 380 * 1024;
    private static final String SK = "#DRAFT";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final DynamoDbClient dynamo;
    private final String table;

    public DraftStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** A draft too large for its item; nothing was written. */
    public static final class TooLargeException extends Exception {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** True for what {@code NoticeUploads} makes as an id (22 base64url characters); anything else names no draft. */
    public static boolean isDraftId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Replaces a draft's reading with a person's correction and records what they set: one {@code UpdateItem} of
     * {@code reading}, {@code setByPerson} and {@code editedAt}, on the condition that the draft is still there (it
     * may have expired). What else the item holds (the text, a publication) stays.
     *
     * @return false when the draft is not there
     * @throws TooLargeException the corrected reading no longer fits the item
     */
    public boolean replaceReading(NoticeDraft draft, java.time.Instant editedAt) throws TooLargeException {
        byte[] reading = gzip(NoticeJson.write(draft.notice()));
        // The item keeps the text beside them: all three within what put allows the text and reading.
        AttributeValue setBy = AttributeValue.fromL(draft.setByPerson().stream().map(Items::s).toList());
        int setByPerson = Items.itemBytes(Map.of("setByPerson", setBy));
        int text = gzip(draft.text()).length;
        if (reading.length > MAX_STORED_BYTES / 2 || text + reading.length + setByPerson > MAX_STORED_BYTES) {
            throw new TooLargeException("a reading of " + reading.length / 1024 + " KiB compressed, with " + draft.setByPerson().size()
                    + " values set by a person (" + setByPerson / 1024 + " KiB) beside the notice's text (" + text / 1024
                    + " KiB compressed): more than a draft keeps (" + MAX_STORED_BYTES / 1024 + " KiB)");
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(pk(draft.id()), SK))
                    .updateExpression("SET reading = :r, setByPerson = :p, editedAt = :at")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromB(SdkBytes.fromByteArray(reading)),
                            ":p", setBy,
                            ":at", s(editedAt.toString()))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /**
     * Writes a new draft: one conditional {@code PutItem} (a draft id is never reused). A person's corrections are
     * kept as {@code setByPerson} (a list of JSON Pointers), a publication as {@code publishedAt} and {@code noticeId}.
     *
     * @throws TooLargeException its compressed text and reading pass {@link #MAX_STORED_BYTES}
     */
    public void put(NoticeDraft draft) throws TooLargeException {
        byte[] text = gzip(draft.text());
        byte[] reading = gzip(NoticeJson.write(draft.notice()));
        if (text.length + reading.length > MAX_STORED_BYTES) {
            throw new TooLargeException("a notice whose text and reading take " + (text.length + reading.length) / 1024
                    + " KiB compressed, over the " + MAX_STORED_BYTES / 1024 + " KiB a draft keeps: upload the notice"
                    + " without its attachments");
        }
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(pk(draft.id()), SK));
        item.put("owner", s(draft.owner()));
        item.put("uploadedAt", s(draft.uploadedAt().toString()));
        item.put("format", s(draft.format()));
        item.put("fileBytes", Items.n(draft.fileBytes()));
        item.put("text", AttributeValue.fromB(SdkBytes.fromByteArray(text)));
        item.put("reading", AttributeValue.fromB(SdkBytes.fromByteArray(reading)));
        item.put("expiresAt", Items.ttl(draft.uploadedAt().plus(Duration.ofDays(KEPT_DAYS))));
        if (!draft.setByPerson().isEmpty()) {
            item.put("setByPerson", AttributeValue.fromL(draft.setByPerson().stream().map(Items::s).toList()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)"));
    }

    /** The draft by its id: one {@code GetItem}; empty when there is none (or it expired). */
    public Optional<NoticeDraft> get(String draftId) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(pk(draftId), SK)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = r.item();
        try {
            return Optional.of(new NoticeDraft(draftId, Items.str(item, "owner"), Items.instant(item, "uploadedAt"),
                    Items.str(item, "format"), Items.num(item, "fileBytes"), gunzip(item.get("text")),
                    NoticeJson.read(gunzip(item.get("reading")).getBytes(StandardCharsets.UTF_8)),
                    item.containsKey("setByPerson") ? item.get("setByPerson").l().stream().map(AttributeValue::s).toList()
                            : java.util.List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("draft " + draftId + ": its stored reading does not read back", e);
        }
    }

    /**
     * Records that a draft was published as a notice: {@code publishedAt}, {@code noticeId}. One {@code UpdateItem}
     * on the draft's item (which must still be there); publishing again records the later time.
     */
    public void markPublished(String draftId, String noticeId, java.time.Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(CutoffTable.key(pk(draftId), SK))
                .updateExpression("SET publishedAt = :at, noticeId = :n")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":at", s(at.toString()), ":n", s(noticeId))));
    }

    private static String pk(String draftId) {
        return "DRAFT#" + draftId;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(AttributeValue value) throws IOException {
        try (GZIPInputStream z = new GZIPInputStream(value.b().asInputStream())) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
