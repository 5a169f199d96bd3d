package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import cutoff.reminder.Reminder;
import cutoff.testing.LocalDynamo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ReminderStoreIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final ReminderStore store = new ReminderStore(dynamo, LocalDynamo.newTable(dynamo));

    private static Reminder pending(String subscriber, Instant due) {
        Instant deadline = due.plus(Duration.ofDays(7));
        return new Reminder(subscriber, "n-t1-closes@cutoff", "P7D", Reminder.Kind.REMINDER, due, Reminder.Status.PENDING,
                "n", "n-t1", DeadlineKind.CLOSES, deadline, LocalDate.ofInstant(deadline, Window.BEIJING), Window.BEIJING,
                "summary", null, null, null);
    }

    @Test
    void aReminderDueOnAWholeSecond_isFoundWithinThatSecond() {
        Instant due = Instant.parse("2026-05-27T08:30:00Z");
        store.plan(pending("s1", due));
        store.plan(pending("s2", due.plusMillis(600)));
        List<Reminder> found = store.due(ReminderStore.bucket(due), Instant.parse("2026-05-27T08:30:00.500Z"));
        assertEquals(List.of("s1"), found.stream().map(Reminder::subscriberId).toList());
    }

    @Test
    void aClaimHoldsUntilItsLeaseEnds_andOnlyTheClaimantFinishes() {
        Instant now = Instant.parse("2026-05-27T08:30:00Z");
        Reminder r = pending("s3", now);
        store.plan(r);
        Reminder claimed = store.claim(r, "run-a", now, Duration.ofMinutes(10)).orElseThrow();
        assertTrue(store.claim(r, "run-b", now.plusSeconds(599), Duration.ofMinutes(10)).isEmpty(), "within the lease");
        Reminder takenOver = store.claim(r, "run-b", now.plusSeconds(601), Duration.ofMinutes(10)).orElseThrow();
        assertEquals(false, store.finish(claimed, Reminder.Status.SENT, "m-a", now.plusSeconds(602)), "run-a lost its claim");
        assertEquals(true, store.finish(takenOver, Reminder.Status.SENT, "m-b", now.plusSeconds(603)));
        assertEquals(List.of(), store.due(ReminderStore.bucket(now), now.plusSeconds(700)), "finished items leave the index");
        assertEquals(Reminder.Status.SENT, store.ofSubscriber("s3").get(0).status());
    }
}
