package cutoff.store;

/**
 * A write of an item larger than DynamoDB takes (400 KB, attribute names and values: {@code Items#itemBytes}), found
 * before anything was sent: nothing of the writes it came with was written.
 */
public class ItemTooLargeException extends RuntimeException {
    public ItemTooLargeException(String message) {
        super(message);
    }
}
