package cutoff.store;

import cutoff.reminder.Reminder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reminder items, as the reminder planner and the internal deadlines plan and cancel them: {@link ReminderStore}
 * in DynamoDB; an in-memory one in the services' fast tests.
 */
public interface ReminderItems {
    /** Writes a PENDING item (over any earlier one); false when it is being sent and was left alone. */
    boolean plan(Reminder r);

    /** Every reminder of a subscriber, whatever its status. */
    List<Reminder> ofSubscriber(String subscriberId);

    /** Cancels a PENDING item; false when it was not PENDING. */
    boolean cancel(Reminder r, String reason, Instant now);

    /** Sets the dispatcher's cursor to {@code day} if there is none. */
    void startCursor(LocalDate day);
}
