package cutoff.app;

import cutoff.reminder.Pacer;
import cutoff.reminder.Reminder;
import cutoff.reminder.Sleeper;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.metrics.Metrics;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.Subscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import cutoff.logging.JsonLog;

/**
 * Sends what is due: run on a schedule (every 5 minutes), it reads the due buckets from its cursor up to
 * now, and sends each subscriber one email listing everything due for it: reminders and deadline
 * changes together.
 *
 * <p><b>Exactly once.</b> Every item is claimed with a conditional write before it is sent and finished
 * after; a second run at the same time (or the same event delivered twice) cannot claim it. A run that
 * dies after claiming leaves its items SENDING; once their lease ({@link Settings#lease()}) ends the next
 * run claims and sends them. So nobody is left unsent, and the only possible duplicate is a message
 * that SES accepted just before the run died and before its items were finished: at most the one
 * in-flight message per dead run.
 *
 * <p><b>Late.</b> An item found after its deadline has passed is finished SKIPPED, not sent; one found
 * late (after an outage) but with its deadline still ahead is sent.
 *
 * <p><b>Pacing.</b> Sends go through a {@link Pacer}. On throttling the send is retried after a full-jitter
 * exponential backoff, as long as the run has time; otherwise its items stay claimed and are sent by a
 * later run. Nothing is dropped. A message SES rejects is finished FAILED with the reason. An error of
 * the account rather than the message (sending paused, access denied, sandbox) stops the run: the
 * items in hand are released, nothing is FAILED, and the report says so ({@link Report#accountStopped()}).
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /**
     * @param lease              how long a claim holds before another run may take the item over
     * @param lookback           where a run starts looking when no cursor was ever set (nothing planned yet)
     * @param manageTokenLifetime how long an email's manage/unsubscribe link works
     * @param backoffBase        first throttling pause (doubles each retry, full jitter)
     * @param backoffCap         longest throttling pause
     */
    public record Settings(Duration lease, Duration lookback, Duration manageTokenLifetime, Duration backoffBase,
                           Duration backoffCap) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofDays(180), Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /**
     * What a run did.
     *
     * @param accountStopped SES's error code when the run stopped because the account could send nothing
     *                       (everything due was left pending); {@code null} otherwise
     */
    public record Report(int emails, int remindersSent, int skipped, int failed, int cancelled, int throttles,
                         int leftForLater, String accountStopped) {
    }

    private final ReminderStore reminders;
    private final SubscriberStore subscribers;
    private final TokenStore tokens;
    private final MailSender mail;
    private final MailComposer composer;
    private final DoubleSupplier sendRate;
    private final Metrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Settings settings;
    /**
     * Backoff jitter. SecureRandom, not a seeded Random: a SnapStart snapshot would otherwise restore the
     * same seed into every container (AWS Lambda guide, "Handling uniqueness with Lambda SnapStart").
     */
    private final Random jitter = new SecureRandom();

    public Dispatcher(ReminderStore reminders, SubscriberStore subscribers, TokenStore tokens, MailSender mail, MailComposer composer,
                      DoubleSupplier sendRate, Clock clock, Sleeper sleeper, Settings settings, Metrics metrics) {
        this.reminders = reminders;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.mail = mail;
        this.composer = composer;
        this.sendRate = sendRate;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
    }

    /**
     * One run.
     *
     * @param runId    unique per run (the Lambda request id); it marks this run's claims
     * @param timeLeft false once the run should stop taking new work (the function is near its timeout)
     */
    public Report run(String runId, BooleanSupplier timeLeft) throws InterruptedException {
        try (JsonLog.Scope run = JsonLog.with("runId", runId)) {
            return runLogged(runId, timeLeft);
        }
    }

    private Report runLogged(String runId, BooleanSupplier timeLeft) throws InterruptedException {
        Instant now = clock.instant();
        // Read at every run, not at start-up: a snapshot (SnapStart) or a long-lived container would
        // otherwise keep the rate of an account that has since left the sandbox.
        Pacer pacer = new Pacer(sendRate.getAsDouble(), clock, sleeper);
        LocalDate today = ReminderStore.bucket(now);
        LocalDate start = reminders.cursor().orElse(ReminderStore.bucket(now.minus(settings.lookback())));
        Map<String, List<Reminder>> bySubscriber = new LinkedHashMap<>();
        for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
            for (Reminder r : reminders.due(day, now)) {
                bySubscriber.computeIfAbsent(r.subscriberId(), k -> new ArrayList<>()).add(r);
            }
        }

        int emails = 0;
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        int cancelled = 0;
        int throttles = 0;
        List<Duration> lateness = new ArrayList<>();
        LocalDate firstUnfinished = null;
        String accountStopped = null;
        List<Map.Entry<String, List<Reminder>>> entries = new ArrayList<>(bySubscriber.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, List<Reminder>> entry = entries.get(i);
            List<Reminder> due = entry.getValue();
            if (!timeLeft.getAsBoolean()) {
                firstUnfinished = earliest(firstUnfinished, due);
                continue;
            }
            Optional<Subscriber> subscriber = subscribers.byId(entry.getKey());
            List<Reminder> claimed = new ArrayList<>();
            for (Reminder r : due) {
                Optional<Reminder> c = reminders.claim(r, runId, now, settings.lease());
                if (c.isPresent()) {
                    claimed.add(c.get());
                } else if (r.status() == Reminder.Status.SENDING) {
                    // Another run holds it; if that run died, the lease brings it back later.
                    firstUnfinished = earliest(firstUnfinished, List.of(r));
                }
            }
            if (subscriber.isEmpty() || subscriber.get().status() != Subscriber.Status.CONFIRMED
                    || subscribers.suppressed(subscriber.get().email())) {
                for (Reminder c : claimed) {
                    reminders.finish(c, Reminder.Status.CANCELLED, "subscriber not confirmed, unsubscribed or suppressed", now);
                    cancelled++;
                }
                continue;
            }
            List<Reminder> group = new ArrayList<>();
            for (Reminder c : claimed) {
                if (!c.deadlineEarliest().isAfter(now)) {
                    reminders.finish(c, Reminder.Status.SKIPPED, "the deadline had passed when the reminder was found", now);
                    skipped++;
                } else {
                    group.add(c);
                }
            }
            if (group.isEmpty()) {
                continue;
            }
            String token = tokens.issueManageToken(subscriber.get().id(), now, settings.manageTokenLifetime());
            OutgoingEmail email = composer.due(subscriber.get(), group, token, now);
            Outcome outcome = send(email, pacer, timeLeft);
            throttles += outcome.throttles();
            if (outcome.messageId() != null) {
                emails++;
                Instant sentAt = clock.instant();
                for (Reminder c : group) {
                    reminders.finish(c, Reminder.Status.SENT, outcome.messageId(), sentAt);
                    lateness.add(Duration.between(c.dueAt(), sentAt));
                    sent++;
                }
            } else if (outcome.rejection() != null) {
                for (Reminder c : group) {
                    reminders.finish(c, Reminder.Status.FAILED, outcome.rejection(), clock.instant());
                    failed++;
                }
            } else if (outcome.accountStopped() != null) {
                // Not this message: the account. Nothing is FAILED; everything stays pending for a later run.
                accountStopped = outcome.accountStopped();
                group.forEach(reminders::release);
                for (int j = i; j < entries.size(); j++) {
                    firstUnfinished = earliest(firstUnfinished, entries.get(j).getValue());
                }
                LOG.severe("dispatch " + runId + ": SES refuses the account (" + accountStopped + "); the run stops, "
                        + "every due reminder stays pending");
                break;
            } else {
                // Out of time while throttled: left claimed, a later run sends it after the lease.
                firstUnfinished = earliest(firstUnfinished, group);
            }
        }
        reminders.advanceCursor(firstUnfinished != null && firstUnfinished.isBefore(today) ? firstUnfinished : today);
        int left = (int) bySubscriber.values().stream().mapToLong(List::size).sum() - sent - skipped - failed - cancelled;
        Report report = new Report(emails, sent, skipped, failed, cancelled, throttles, Math.max(0, left), accountStopped);
        reminders.recordRun(clock.instant(), report.leftForLater());
        metrics.dispatchRun(new Metrics.DispatchRun(sent, failed, skipped, cancelled, emails, throttles, report.leftForLater(),
                lateness));
        LOG.info(() -> "dispatch " + runId + ": " + report);
        return report;
    }

    /** The earlier of {@code current} and the due buckets of {@code items}. */
    private static LocalDate earliest(LocalDate current, List<Reminder> items) {
        LocalDate result = current;
        for (Reminder r : items) {
            LocalDate b = ReminderStore.bucket(r.dueAt());
            if (result == null || b.isBefore(result)) {
                result = b;
            }
        }
        return result;
    }

    /** What one send came to: a message id, a rejection, the account stopped (its SES code), or out of time. */
    private record Outcome(String messageId, String rejection, String accountStopped, int throttles) {
    }

    private Outcome send(OutgoingEmail email, Pacer pacer, BooleanSupplier timeLeft) throws InterruptedException {
        int throttles = 0;
        for (int attempt = 0; ; attempt++) {
            pacer.acquire();
            try {
                return new Outcome(mail.send(email), null, null, throttles);
            } catch (MailSender.ThrottledException e) {
                throttles++;
                if (!timeLeft.getAsBoolean()) {
                    return new Outcome(null, null, null, throttles);
                }
                long cap = Math.min(settings.backoffCap().toMillis(), settings.backoffBase().toMillis() << Math.min(attempt, 16));
                sleeper.sleep(Duration.ofMillis(1 + (long) (jitter.nextDouble() * cap)));
            } catch (MailSender.RejectedException e) {
                // The reason (SES's message) is kept on the FAILED reminders; it may quote the address, so the log has the code.
                LOG.warning("reminder email rejected: SES " + e.code());
                return new Outcome(null, e.getMessage(), null, throttles);
            } catch (MailSender.AccountStoppedException e) {
                return new Outcome(null, null, e.code(), throttles);
            }
        }
    }
}
