package cutoff.store;

import cutoff.store.RelayedTopicsStore.Relayed;
import java.util.Collection;
import java.util.Map;

/**
 * Research offices' relayed topics kept as an item, as {@code upload.Relays} writes it and {@code dispatch.StaffQueue}
 * reads it: {@link RelayedTopicsStore} in DynamoDB (the item is described there); an in-memory one in the fast tests.
 */
public interface RelayedTopicsItems {
    /**
     * The relayed topics of some offices, by office id; an office that never relayed anything is absent.
     * Strongly consistent.
     */
    Map<String, Relayed> relayed(Collection<String> officeIds);

    /**
     * Makes an office's relayed topics {@code next}, if no other write was made since {@code basedOn} was read.
     *
     * @param basedOn {@link Relayed#version()} as read (0: no item yet)
     * @return false when another publication wrote first: nothing written (read again and retry)
     */
    boolean put(String officeId, Relayed next, long basedOn);
}
