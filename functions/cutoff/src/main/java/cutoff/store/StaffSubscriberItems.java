package cutoff.store;

import cutoff.store.StaffSubscriberStore.Removal;
import cutoff.store.StaffSubscriberStore.Writes;
import java.util.List;

/**
 * The items of research offices' staff subscribers, as the staff queue and an office's removal write them:
 * {@link StaffSubscriberStore} in DynamoDB; an in-memory one in the services' fast tests.
 */
public interface StaffSubscriberItems {
    /**
     * Changes a staff subscriber's settings while it is CONFIRMED.
     *
     * @return false when it is not confirmed (or gone)
     */
    boolean updateStaffSubscriber(String subscriberId, List<String> topicIds, List<String> leadTimes, String language);

    /** Writes a staff subscriber's new items and deletes its dropped ones (not atomic: each item on its own). */
    void write(Writes writes);

    /** Deletes the items of a person the office removed. */
    void delete(Removal removal);
}
