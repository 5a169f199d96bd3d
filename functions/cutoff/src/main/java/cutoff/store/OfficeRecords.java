package cutoff.store;

import cutoff.office.Office;
import java.time.Instant;
import java.util.Optional;

/**
 * Research offices and their keys, as the office services read and write them: {@link OfficeStore} in DynamoDB
 * (what each call costs and guarantees is said there); an in-memory one in the services' fast tests.
 */
public interface OfficeRecords {
    /** Stores a new office with its first key (by hash). */
    void create(Office office, String keyHash, Instant now);

    /** The office, if it exists. */
    Optional<Office> office(String officeId);

    /** The office a key hash belongs to. */
    Optional<String> officeIdOfKey(String keyHash);

    /**
     * Replaces an office's key ({@code null}: revokes it); the old key stops working at once.
     *
     * @return false when there is no such office
     */
    boolean replaceKey(String officeId, String newKeyHash, Instant now);
}
