package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.subscriber.LeadTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A chat reminder stands from its lead's moment until the next lead's (or the deadline): at any instant before an office
 * deadline at most one of its reminders may be posted, and it is the one whose lead is true then, however late the
 * run that posts it. Over 2,000 random deadlines at every minute of the day, in Beijing time as the office's are.
 */
class ChatReminderExpiryTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void atEveryInstantBeforeTheDeadline_atMostOneReminderStands_theLatestLeadDue() {
        Random random = new Random(20261207);
        for (int n = 0; n < 2_000; n++) {
            Instant date = Instant.parse("2027-01-01T00:00:00Z").plusSeconds(60L * random.nextInt(60 * 24 * 400));
            Deadline own = new Deadline("t-chat@cutoff", "n", "t", DeadlineKind.INTERNAL, date,
                    date.atZone(BEIJING).toLocalDate(), BEIJING, "t", "", null, 0, date, false);
            List<Instant> dues = LeadTime.DEFAULTS.stream().map(l -> l.dueFor(own)).flatMap(Optional::stream).toList();
            List<Instant[]> windows = new ArrayList<>();
            for (Instant due : dues) {
                Instant until = ChatPosts.expiry(due, dues, date);
                assertTrue(!until.isAfter(date), "never past the deadline: " + date);
                windows.add(new Instant[] {due, until});
            }
            for (int probe = 0; probe < 50; probe++) {
                Instant t = date.minusSeconds(random.nextInt(60 * 60 * 24 * 10));
                long standing = windows.stream().filter(w -> !t.isBefore(w[0]) && t.isBefore(w[1])).count();
                assertTrue(standing <= 1, date + " at " + t + ": " + standing);
                Instant latestDue = dues.stream().filter(d -> !d.isAfter(t)).max(Instant::compareTo).orElse(null);
                if (latestDue != null && latestDue.isBefore(date)) {
                    assertEquals(1, standing, date + " at " + t + ": the latest lead due stands");
                }
            }
            assertTrue(windows.stream().noneMatch(w -> !date.isBefore(w[0]) && date.isBefore(w[1])), "none at the deadline");
        }
    }
}
