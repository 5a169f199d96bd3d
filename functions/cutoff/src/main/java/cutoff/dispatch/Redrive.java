package cutoff.dispatch;

import cutoff.reminder.Reminder;
import cutoff.store.ReminderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./cutoff reminders redrive}: puts FAILED reminders, and SENDING ones whose dispatcher run died
 * and whose lease ran out, back on the due index as PENDING, due now, so the next dispatcher run sends
 * them. One whose deadline has passed is left as it is (a late reminder helps nobody). Reads with
 * {@code Query}s only: the failed index ({@code FAILED#day}) and the due index ({@code DUE#day#shard}),
 * one UTC day at a time from {@code since} to today.
 */
public final class Redrive {
    private final ReminderStore reminders;
    private final Clock clock;
    private final Duration lease;

    /** @param lease how long a claim holds (the dispatcher's {@link Dispatcher.Settings#lease()}) */
    public Redrive(ReminderStore reminders, Clock clock, Duration lease) {
        this.reminders = reminders;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * What a re-drive found and did.
     *
     * @param failed      FAILED reminders found (failed on a UTC day from {@code since} on)
     * @param stuck       SENDING reminders found whose claim is older than the lease
     * @param redriven    put back as PENDING (0 in a dry run)
     * @param pastDeadline left alone because their deadline has passed
     * @param changed     left alone because a dispatcher or planner changed them meanwhile
     */
    public record Result(int failed, int stuck, int redriven, int pastDeadline, int changed) {
        /** One line for the operator. */
        public String summary(boolean dryRun) {
            return failed + " failed and " + stuck + " stuck reminders found; " + (dryRun ? "would re-drive " : "re-drove ")
                    + redriven + ", " + pastDeadline + " left alone (deadline passed)"
                    + (changed > 0 ? ", " + changed + " changed meanwhile" : "");
        }
    }

    /**
     * Finds and, unless {@code dryRun}, re-drives.
     *
     * @param since the first UTC day to look at (an instant; its UTC date counts)
     * @throws IllegalArgumentException when {@code since} is after now (each day back costs nine {@code Query}s)
     */
    public Result run(Instant since, boolean dryRun) {
        Instant now = clock.instant();
        LocalDate first = ReminderStore.bucket(since);
        LocalDate today = ReminderStore.bucket(now);
        if (first.isAfter(today)) {
            throw new IllegalArgumentException("--since " + since + " is in the future");
        }
        List<Reminder> failed = new ArrayList<>();
        List<Reminder> stuck = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            failed.addAll(reminders.failed(day));
            for (Reminder r : reminders.due(day, now)) {
                if (r.status() == Reminder.Status.SENDING && r.claimedAt() != null && r.claimedAt().plus(lease).isBefore(now)) {
                    stuck.add(r);
                }
            }
        }
        int redriven = 0;
        int past = 0;
        int changed = 0;
        List<Reminder> all = new ArrayList<>(failed);
        all.addAll(stuck);
        for (Reminder r : all) {
            if (!r.deadlineEarliest().isAfter(now)) {
                past++;
            } else if (dryRun || reminders.redrive(r, now)) {
                redriven++;
            } else {
                changed++;
            }
        }
        return new Result(failed.size(), stuck.size(), redriven, past, changed);
    }
}
