package cutoff.store;

import static cutoff.store.Items.instant;
import static cutoff.store.Items.s;
import static cutoff.store.Items.str;

import cutoff.office.OfficeKeys;
import cutoff.office.Office;
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
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Research offices and their API keys (key design in {@link CutoffTable}). Their staff rows are
 * {@link StaffStore}'s, the staff queue's claims {@link StaffQueueStore}'s, and the items of the staff's
 * subscribers {@link StaffSubscriberStore}'s.
 *
 * <ul>
 *   <li>office: {@code ORG#<officeId>} / {@code #ORG}: name, mail domains, the current key's hash;</li>
 *   <li>key: {@code ORGKEY#<sha256(key)>} / {@code #ORGKEY} → the office; one {@code GetItem} finds the
 *       office from a key alone. Rotating replaces it (the old key is dead at once); revoking deletes it.</li>
 * </ul>
 */
public final class OfficeStore implements OfficeRecords {
    private final DynamoDbClient dynamo;
    private final String table;

    public OfficeStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = tableName;
    }

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
        KeyRotation.replace(dynamo, table, office, old -> CutoffTable.key(CutoffTable.officeKeyPk(old), CutoffTable.OFFICE_KEY_SK),
                hash -> keyItem(hash, officeId), newKeyHash, now);
        return true;
    }

    /**
     * What a person's state is, as the office sees it ({@link StaffStore#statuses}). Here rather than in
     * {@link StaffStore} only because {@code handler.OfficeRoutes} names it {@code OfficeStore.StaffStatus}.
     */
    public enum StaffStatus {
        /** Registered and receiving. */
        ACTIVE,
        /** Unsubscribed through a link: nothing is sent, and an upload does not change that. */
        OPTED_OUT,
        /** The address bounced permanently or complained: nothing is sent. */
        BOUNCED
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
