package cutoff.store;

import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.editor.Editor;
import cutoff.util.ApiKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Editors and their keys (issue 19), as offices and theirs: {@code EDITOR#<editorId>} / {@code #EDITOR} holds the
 * editor ({@code name}, {@code email}, {@code keyHash}, {@code keyIssuedAt} or {@code keyRevokedAt}); {@code
 * EDKEY#<sha256(key)>} / {@code #EDKEY} leads from a key to its editor, so that the authorizer finds an editor from
 * the key alone with one {@code GetItem}. Only hashes are stored.
 */
public final class EditorStore {
    private static final String SK = "#EDITOR";
    private static final String KEY_SK = "#EDKEY";
    private static final String EDITOR_ID = "editorId";

    private final DynamoDbClient dynamo;
    private final String table;

    public EditorStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

    /** Stores a new editor with its first key (by hash): one transaction, refused if the id exists. */
    public void create(Editor editor, String keyHash, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(pk(editor.id()), SK));
        item.put("name", s(editor.name()));
        if (editor.email() != null) {
            item.put("email", s(editor.email()));
        }
        item.put("createdAt", s(now.toString()));
        item.put("keyHash", s(keyHash));
        item.put("keyIssuedAt", s(now.toString()));
        Items.transact(dynamo, List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(keyItem(keyHash, editor.id())).build()).build()),
                null);
    }

    /** The editor, if there is one by that id. */
    public Optional<Editor> editor(String editorId) {
        Map<String, AttributeValue> item = get(pk(editorId), SK);
        return item == null ? Optional.empty() : Optional.of(new Editor(editorId, str(item, "name"), str(item, "email")));
    }

    /** The editor a key hash belongs to: one {@code GetItem}, the stored hash compared in constant time. */
    public Optional<String> editorIdOfKey(String keyHash) {
        Map<String, AttributeValue> item = get(keyPk(keyHash), KEY_SK);
        if (item == null || !ApiKeys.sameHash(keyHash, str(item, "keyHash"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(str(item, EDITOR_ID));
    }

    /**
     * Replaces an editor's key, or revokes it: the old key's item deleted, the new one's put, the editor's record
     * updated, in one transaction conditional on the key read (a concurrent rotation fails rather than leave two
     * live keys). The old key stops working at once.
     *
     * @param newKeyHash the new key's hash, or {@code null} to revoke (no key at all)
     * @return false when there is no such editor
     */
    public boolean replaceKey(String editorId, String newKeyHash, Instant now) {
        Map<String, AttributeValue> editor = get(pk(editorId), SK);
        if (editor == null) {
            return false;
        }
        KeyRotation.replace(dynamo, table, editor, old -> CutoffTable.key(keyPk(old), KEY_SK), hash -> keyItem(hash, editorId),
                newKeyHash, now);
        return true;
    }

    /** An editor key's partition: {@code EDKEY#<sha256(key)>} (what the authorizer's role may read, with ORGKEY#). */
    public static String keyPk(String keyHash) {
        return "EDKEY#" + keyHash;
    }

    private static String pk(String editorId) {
        return "EDITOR#" + editorId;
    }

    private static Map<String, AttributeValue> keyItem(String keyHash, String editorId) {
        Map<String, AttributeValue> item = new HashMap<>(CutoffTable.key(keyPk(keyHash), KEY_SK));
        item.put("keyHash", s(keyHash));
        item.put(EDITOR_ID, s(editorId));
        return item;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(CutoffTable.key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? r.item() : null;
    }
}
