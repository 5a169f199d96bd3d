package cutoff.dispatch;

import cutoff.reminder.Reminder;
import cutoff.reminder.Sleeper;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.metrics.Metrics;
import cutoff.store.AddressStore;
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
import java.util.function.DoubleSupplier;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import cutoff.logging.JsonLog;

/**
 * Sends what is due: run on a schedule (every 5 minutes), it reads the due buckets from its cursor up to
 * now, and sends each subscriber one email listing everything due for it: reminders and deadline
 * changes together.
 *
 * <p><b>Concurrently.</b> A run works on several recipients at once (claim, compose, send, finish) through
 * {@link PacedSends}, the machinery shared with the other email kinds (pool per run sized by Little's law,
 * one pacer, backoff on throttling, stopping), at most {@link Settings#maxConcurrency()} in flight.
 *
 * <p><b>Exactly once.</b> Every item is claimed with a conditional write before it is sent and finished
 * after; a second run at the same time (or the same event delivered twice) cannot claim it. Each
 * recipient's items are claimed, sent and finished by one thread; an item is marked SENT only after SES
 * returned a message id for it. A run that dies after claiming leaves its items SENDING; once their
 * lease ({@link Settings#lease()}) ends the next run claims and sends them. So nobody is left unsent,
 * and the only possible duplicates are messages that SES accepted just before the run died and before
 * their items were finished: at most the messages in flight (at most {@link Settings#maxConcurrency()})
 * per dead run.
 *
 * <p><b>Stopping.</b> When the run must stop (SES refuses the account, a send throws, the run's thread
 * is interrupted, or time runs out) it starts no new recipient; a recipient whose email SES has not been
 * asked to take yet has its claims released (PENDING again); emails already handed to SES are finished
 * as SES answers. So no item is both released and SENT.
 *
 * <p><b>Late.</b> An item found after its deadline has passed is finished SKIPPED, not sent; one found
 * late (after an outage) but with its deadline still ahead is sent.
 *
 * <p><b>Pacing.</b> Sends go through a {@link cutoff.reminder.Pacer}. On throttling the send is retried after a full-jitter
 * exponential backoff, as long as the run has time; otherwise its items are released for a later run.
 * Nothing is dropped. A message SES rejects is finished FAILED with the reason. An error of
 * the account rather than the message (sending paused, access denied, sandbox) stops the run: the
 * items in hand are released, nothing is FAILED, and the report says so ({@link Report#accountStopped()}).
 *
 * <p><b>SnapStart.</b> Nothing that must differ between containers is made before a snapshot
 * ({@link PacedSends}); the rate is read per run.
 *
 * <p>One class (about 480 lines) for one email kind's run: reading the due buckets by shard
 * ({@code DueGroups}), the batched reads ahead ({@code Prefetch}), the fate of each claimed reminder ({@link #fates})
 * and each recipient's claim, email and finish share the run's stores, cursor and {@link Report}; the machinery every kind shares is
 * {@link PacedSends}'.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** The most sends in flight {@link Settings#maxConcurrency()} may allow. */
    public static final int MOST_CONCURRENCY = PacedSends.MOST_CONCURRENCY;
    /** How many recipients are read and prepared ahead at once (their subscribers, suppressions, manage tokens). */
    private static final int WINDOW = 50;
    /** How long after its deadline the claim of a reminder to a shared address is kept (then TTL deletes it). */
    private static final Duration CLAIM_KEPT = Duration.ofDays(30);

    /**
     * @param lease              how long a claim holds before another run may take the item over
     * @param lookback           where a run starts looking when no cursor was ever set (nothing planned yet)
     * @param manageTokenLifetime how long an email's manage/unsubscribe link works
     * @param backoffBase        first throttling pause (doubles each retry, full jitter)
     * @param backoffCap         longest throttling pause
     * @param maxConcurrency     the most recipients in flight at once, 1 to {@value #MOST_CONCURRENCY}
     * @param firstLatency       the latency of one recipient (claim to finish, waits left out) assumed until
     *                           one is measured: sets the first runs' concurrency
     */
    public record Settings(Duration lease, Duration lookback, Duration manageTokenLifetime, Duration backoffBase,
                           Duration backoffCap, int maxConcurrency, Duration firstLatency) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofDays(180), Duration.ofMillis(200), Duration.ofSeconds(10), 32, Duration.ofMillis(100));

        public Settings {
            new PacedSends.Settings(backoffBase, backoffCap, maxConcurrency, firstLatency); // checks the concurrency
        }

        /** The sending part of these settings ({@link PacedSends}). */
        public PacedSends.Settings sending() {
            return new PacedSends.Settings(backoffBase, backoffCap, maxConcurrency, firstLatency);
        }

        /** These settings with another {@link #maxConcurrency()}. */
        public Settings withConcurrency(int most, Duration first) {
            return new Settings(lease, lookback, manageTokenLifetime, backoffBase, backoffCap, most, first);
        }
    }

    /**
     * What a run did.
     *
     * @param accountStopped SES's error code when the run stopped because the account could send nothing
     *                       (everything due was left pending); {@code null} otherwise
     * @param mostInFlight   the most recipients the run had in flight at once
     * @param p95Latency     the p95 of its latest (up to 100) recipients' work, claim to finish, waits left
     *                       out; {@code null} when it sent nothing
     */
    public record Report(int emails, int remindersSent, int skipped, int failed, int cancelled, int throttles,
                         int leftForLater, String accountStopped, int mostInFlight, Duration p95Latency, int covered) {
    }

    private final ReminderStore reminders;
    private final SubscriberStore subscribers;
    private final AddressStore addresses;
    private final TokenStore tokens;
    private final MailComposer composer;
    private final DoubleSupplier sendRate;
    private final Metrics metrics;
    private final Clock clock;
    private final Settings settings;
    /** The pool, pacing and backoff (shared with the other email kinds); keeps the last run's p95 latency. */
    private final PacedSends sends;

    public Dispatcher(ReminderStore reminders, SubscriberStore subscribers, AddressStore addresses, TokenStore tokens, MailSender mail,
                      MailComposer composer, DoubleSupplier sendRate, Clock clock, Sleeper sleeper, Settings settings, Metrics metrics) {
        this.reminders = reminders;
        this.subscribers = subscribers;
        this.addresses = addresses;
        this.tokens = tokens;
        this.composer = composer;
        this.sendRate = sendRate;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.sends = new PacedSends(mail, clock, sleeper, settings.sending(), "reminder");
    }

    /**
     * One run.
     *
     * @param runId    unique per run (the Lambda request id); it marks this run's claims
     * @param timeLeft false once the run should stop taking new work (the function is near its timeout);
     *                 asked from the run's threads, so it must be thread-safe
     * @throws InterruptedException when the calling thread is interrupted: the run starts nothing new,
     *                              releases what it had not handed to SES, finishes what SES answered, then throws
     * @throws RuntimeException     what a send or a store call threw (the first of them), after the same
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
        double rate = sendRate.getAsDouble();
        LocalDate today = ReminderStore.bucket(now);
        LocalDate start = reminders.cursor().orElse(ReminderStore.bucket(now.minus(settings.lookback())));
        DueGroups due = new DueGroups(start, today, now);
        PacedSends.Result<Group> result = sends.run(new Prefetch(due, now),
                (recipient, send) -> group(runId, now, recipient, send), rate, timeLeft);
        // The rest of the due index (a run that stopped early), for the cursor and the count left for later.
        due.forEachRemaining(e -> { });
        List<Map.Entry<String, List<Reminder>>> entries = due.read;
        List<Group> groups = result.results();
        Duration p95 = result.p95Latency();

        int emails = 0;
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        int cancelled = 0;
        int covered = 0;
        int throttles = result.throttles();
        List<Duration> lateness = new ArrayList<>();
        LocalDate firstUnfinished = null;
        for (Group g : groups) {
            emails += g.emails();
            sent += g.sent();
            skipped += g.skipped();
            failed += g.failed();
            cancelled += g.cancelled();
            covered += g.covered();
            lateness.addAll(g.lateness());
            firstUnfinished = earliest(firstUnfinished, g.unfinished());
        }
        for (int j = result.started(); j < entries.size(); j++) {
            firstUnfinished = earliest(firstUnfinished, entries.get(j).getValue());
        }
        String accountStopped = result.accountStopped();
        if (accountStopped != null) {
            LOG.severe("dispatch " + runId + ": SES refuses the account (" + accountStopped + "); the run stopped, "
                    + "every due reminder not sent stays pending");
        }
        reminders.advanceCursor(firstUnfinished != null && firstUnfinished.isBefore(today) ? firstUnfinished : today);
        int left = (int) entries.stream().mapToLong(e -> e.getValue().size()).sum() - sent - skipped - failed - cancelled - covered;
        Report report = new Report(emails, sent, skipped, failed, cancelled, throttles, Math.max(0, left), accountStopped,
                result.mostInFlight(), p95, covered);
        reminders.recordRun(clock.instant(), report.leftForLater());
        metrics.dispatchRun(new Metrics.DispatchRun(sent, failed, skipped, cancelled, emails, throttles, report.leftForLater(),
                lateness));
        LOG.info(() -> "dispatch " + runId + ": " + report + ", rate " + rate + "/s");
        return report;
    }

    /** What one claimed reminder comes to in its recipient's turn of a run. */
    enum Fate {
        /** In the recipient's one email. */
        SEND,
        /** Not sent: the subscriber is not confirmed, unsubscribed or suppressed (no manage token). */
        CANCELLED,
        /** Not sent: its deadline had passed when the run found it. */
        SKIPPED,
        /** Not sent: the same address got it (same deadline and lead) through another subscription. */
        COVERED
    }

    /**
     * The rule for one recipient's claimed reminders, each in order: all {@link Fate#CANCELLED} unless the recipient
     * is {@code confirmed}; else {@link Fate#SKIPPED} when its deadline's earliest instant is not after {@code now};
     * else, for an address that came in more than one way ({@code shared}), {@link Fate#COVERED} when
     * {@code claimAddress} (asked once per reminder, only then) says another subscription already claimed that deadline
     * and lead; else {@link Fate#SEND}: every reminder left goes in one email.
     *
     * @return each claimed reminder and its fate, in the order given
     */
    static Map<Reminder, Fate> fates(List<Reminder> claimed, boolean confirmed, boolean shared, Instant now,
                                     java.util.function.Predicate<Reminder> claimAddress) {
        Map<Reminder, Fate> fates = new LinkedHashMap<>();
        for (Reminder c : claimed) {
            Fate fate;
            if (!confirmed) {
                fate = Fate.CANCELLED;
            } else if (!c.deadlineEarliest().isAfter(now)) {
                fate = Fate.SKIPPED;
            } else if (shared && !claimAddress.test(c)) {
                fate = Fate.COVERED;
            } else {
                fate = Fate.SEND;
            }
            fates.put(c, fate);
        }
        return fates;
    }

    /** What one recipient came to. {@code unfinished}: its items left PENDING or SENDING for a later run. */
    private record Group(int emails, int sent, int skipped, int failed, int cancelled, List<Duration> lateness,
                         List<Reminder> unfinished, int covered) {
        Group(int emails, int sent, int skipped, int failed, int cancelled, List<Duration> lateness, List<Reminder> unfinished) {
            this(emails, sent, skipped, failed, cancelled, lateness, unfinished, 0);
        }
    }

    /**
     * One recipient, on the run's pool: claim its due items, compose one email, send, finish them. Its claims are
     * released when SES was not asked (the run stopped); left SENDING to their lease when it crashes.
     */
    private Group group(String runId, Instant now, Recipient recipient, PacedSends.Send send) {
        List<Reminder> unfinished = new ArrayList<>();
        List<Reminder> due = recipient.due();
        Optional<Subscriber> subscriber = Optional.ofNullable(recipient.subscriber());
        List<Reminder> claimed = new ArrayList<>();
        for (Reminder r : due) {
            Optional<Reminder> c = reminders.claim(r, runId, now, settings.lease());
            if (c.isPresent()) {
                claimed.add(c.get());
            } else if (r.status() == Reminder.Status.SENDING) {
                // Another run holds it; if that run died, the lease brings it back later.
                unfinished.add(r);
            }
        }
        Map<Reminder, Fate> fates = fates(claimed, recipient.manageToken() != null, recipient.shared(), now,
                c -> addresses.claimReminder(subscriber.get().email(), c.deadlineUid(), c.lead(), c.dueAt(), c.subscriberId(),
                        c.deadlineEarliest().plus(CLAIM_KEPT)));
        int cancelled = 0;
        int skipped = 0;
        int covered = 0;
        List<Reminder> group = new ArrayList<>();
        for (Map.Entry<Reminder, Fate> f : fates.entrySet()) {
            Reminder c = f.getKey();
            switch (f.getValue()) {
                case CANCELLED -> {
                    reminders.finish(c, Reminder.Status.CANCELLED, "subscriber not confirmed, unsubscribed or suppressed", now);
                    cancelled++;
                }
                case SKIPPED -> {
                    reminders.finish(c, Reminder.Status.SKIPPED, "the deadline had passed when the reminder was found", now);
                    skipped++;
                }
                case COVERED -> {
                    reminders.finish(c, Reminder.Status.COVERED, "sent to the same address through another subscription", now);
                    covered++;
                }
                case SEND -> group.add(c);
            }
        }
        if (recipient.manageToken() == null) {
            return new Group(0, 0, 0, 0, cancelled, List.of(), unfinished);
        }
        if (group.isEmpty()) {
            return new Group(0, 0, skipped, 0, 0, List.of(), unfinished, covered);
        }
        // No token issued ahead only when every item's deadline had passed as read then; a re-planned item may differ.
        String token = recipient.manageToken().isEmpty()
                ? tokens.issueManageToken(subscriber.get().id(), now, settings.manageTokenLifetime()) : recipient.manageToken();
        OutgoingEmail email = composer.due(subscriber.get(), group, token, now, recipient.shared());
        int coveredHere = covered;
        List<Reminder> sending = group;
        PacedSends.Outcome outcome = send.send(email);
        if (outcome.sent()) {
            Instant sentAt = clock.instant();
            // SES took it: recorded even if this thread was interrupted meanwhile.
            List<Duration> lateness = PacedSends.uninterrupted(() -> {
                List<Duration> late = new ArrayList<>();
                for (Reminder c : sending) {
                    reminders.finish(c, Reminder.Status.SENT, outcome.messageId(), sentAt);
                    late.add(Duration.between(c.dueAt(), sentAt));
                }
                return late;
            });
            return new Group(1, sending.size(), skipped, 0, 0, lateness, unfinished, coveredHere);
        }
        if (outcome.rejection() != null) {
            for (Reminder c : sending) {
                reminders.finish(c, Reminder.Status.FAILED, outcome.rejection(), clock.instant());
            }
            return new Group(0, 0, skipped, sending.size(), 0, List.of(), unfinished, coveredHere);
        }
        // Not sent (the account stopped, the run stopped, out of time): SES did not take it, so it
        // goes back to PENDING for a later run. Nothing is FAILED.
        sending.forEach(reminders::release);
        unfinished.addAll(sending);
        return new Group(0, 0, skipped, 0, 0, List.of(), unfinished, coveredHere);
    }

    /**
     * What is due, by subscriber, read a shard at a time (every day from the cursor to today of one shard, then
     * the next): a subscriber's items are all in one shard, so each shard's groups are whole when read, and the
     * pool sends the first shard's while the next ones are read, instead of waiting for the whole index.
     * Everything it gave out is kept, in order ({@link #read}).
     */
    private final class DueGroups implements java.util.Iterator<Map.Entry<String, List<Reminder>>> {
        final List<Map.Entry<String, List<Reminder>>> read = new ArrayList<>();
        private final LocalDate start;
        private final LocalDate today;
        private final Instant now;
        private int shard;
        private java.util.Iterator<Map.Entry<String, List<Reminder>>> current = java.util.Collections.emptyIterator();

        DueGroups(LocalDate start, LocalDate today, Instant now) {
            this.start = start;
            this.today = today;
            this.now = now;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && shard < ReminderStore.SHARDS) {
                Map<String, List<Reminder>> bySubscriber = new LinkedHashMap<>();
                for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
                    for (Reminder r : reminders.due(day, shard, now)) {
                        bySubscriber.computeIfAbsent(r.subscriberId(), k -> new ArrayList<>()).add(r);
                    }
                }
                shard++;
                current = bySubscriber.entrySet().iterator();
            }
            return current.hasNext();
        }

        @Override
        public Map.Entry<String, List<Reminder>> next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Map.Entry<String, List<Reminder>> e = current.next();
            read.add(e);
            return e;
        }
    }

    /**
     * A recipient as a run's pool gets it: the due items, and what was read and written for the email ahead,
     * a window at a time.
     *
     * @param subscriber  {@code null} when there is none
     * @param manageToken the email's manage token, issued ahead; {@code null} when nothing is to be sent (no
     *                    subscriber, not confirmed, suppressed): the items are cancelled
     */
    private record Recipient(List<Reminder> due, Subscriber subscriber, String manageToken, boolean shared) {
    }

    /**
     * The recipients, prepared {@value #WINDOW} at a time on the run's source thread ({@link PacedSends} reads it
     * ahead, so while the pool sends the windows before): their subscribers and address suppressions read with one {@code BatchGetItem} each, and
     * the manage tokens of those who will get an email written with {@code BatchWriteItem}, instead of a
     * {@code GetItem}, a {@code GetItem} and a {@code PutItem} per email. The claim and the mark stay one
     * conditional write each per item, on the pool. A token issued for an email that is not sent in the end
     * (the items were taken by another run, or the run stopped) is never handed to anyone and expires.
     */
    private final class Prefetch implements java.util.Iterator<Recipient> {
        private final java.util.Iterator<Map.Entry<String, List<Reminder>>> entries;
        private final Instant now;
        private final java.util.ArrayDeque<Recipient> ready = new java.util.ArrayDeque<>();

        Prefetch(java.util.Iterator<Map.Entry<String, List<Reminder>>> entries, Instant now) {
            this.entries = entries;
            this.now = now;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && entries.hasNext()) {
                List<Map.Entry<String, List<Reminder>>> window = new ArrayList<>();
                while (window.size() < WINDOW && entries.hasNext()) {
                    window.add(entries.next());
                }
                Map<String, Subscriber> found = subscribers.byIds(window.stream().map(Map.Entry::getKey).toList());
                List<Subscriber> confirmed = found.values().stream().filter(x -> x.status() == Subscriber.Status.CONFIRMED).toList();
                java.util.Set<String> suppressed = subscribers.suppressedAmong(confirmed.stream().map(Subscriber::email).toList());
                java.util.Set<String> shared = addresses.sharedAmong(confirmed.stream().map(Subscriber::email)
                        .filter(e -> !suppressed.contains(e)).toList());
                List<String> sendable = new ArrayList<>();
                for (Map.Entry<String, List<Reminder>> e : window) {
                    Subscriber sub = found.get(e.getKey());
                    if (sub != null && sub.status() == Subscriber.Status.CONFIRMED && !suppressed.contains(sub.email())
                            && e.getValue().stream().anyMatch(r -> r.deadlineEarliest().isAfter(now))) {
                        sendable.add(sub.id());
                    }
                }
                Map<String, String> tokens = sendable.isEmpty() ? Map.of()
                        : Dispatcher.this.tokens.issueManageTokens(sendable, now, settings.manageTokenLifetime());
                for (Map.Entry<String, List<Reminder>> e : window) {
                    Subscriber sub = found.get(e.getKey());
                    boolean cancel = sub == null || sub.status() != Subscriber.Status.CONFIRMED || suppressed.contains(sub.email());
                    // Not cancelled and no token: every item's deadline has passed, so the group skips them all.
                    ready.add(new Recipient(e.getValue(), sub, cancel ? null : tokens.getOrDefault(e.getKey(), ""),
                            !cancel && shared.contains(sub.email())));
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public Recipient next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return ready.removeFirst();
        }
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

}
