package cutoff.store;

/**
 * A write of an item larger than DynamoDB takes (400 KB, attribute names and values: {@code Items#itemBytes}), found
 * before anything was sent: nothing of the writes it came with was written.
 */
public class ItemTooLargeException extends RuntimeException {
    private final String sortKey;

    ItemTooLargeException(String message, String sortKey) {
        super(message);
        this.sortKey = sortKey;
    }

    /** The item's sort key ({@code #NOTICE}, {@code DEADLINE#…}), so that a caller can say what the item holds. */
    public String sortKey() {
        return sortKey;
    }
}
