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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import cutoff.logging.JsonLog;

/**
 * Sends what is due: run on a schedule (every 5 minutes), it reads the due buckets from its cursor up to
 * now, and sends each subscriber one email listing everything due for it: reminders and deadline
 * changes together.
 *
 * <p><b>Concurrently.</b> A run works on several recipients at once (claim, compose, send, finish), on a
 * pool of threads made for the run and shut down at its end, so that the rate is set by the {@link Pacer}
 * (shared by all of them) and not by one SES call's latency. How many are in flight follows Little's law:
 * {@code ceil(rate × p95 latency × 1.25) + 1}, from the latencies measured in this run (the previous
 * run's p95 in this container, or {@link Settings#firstLatency()}, until some are measured), never more
 * than {@link Settings#maxConcurrency()}.
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
 * <p><b>Pacing.</b> Sends go through a {@link Pacer}. On throttling the send is retried after a full-jitter
 * exponential backoff, as long as the run has time; otherwise its items are released for a later run.
 * Nothing is dropped. A message SES rejects is finished FAILED with the reason. An error of
 * the account rather than the message (sending paused, access denied, sandbox) stops the run: the
 * items in hand are released, nothing is FAILED, and the report says so ({@link Report#accountStopped()}).
 *
 * <p><b>SnapStart.</b> Nothing that must differ between containers is made before a snapshot: the
 * pool and its threads are made per run, the rate is read per run, and the backoff jitter comes from
 * {@link SecureRandom} (which Lambda's Java runtimes reseed on restore).
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** The most sends in flight {@link Settings#maxConcurrency()} may allow. */
    public static final int MOST_CONCURRENCY = 64;
    /** How many of a run's latest latencies its p95 is taken over. */
    private static final int LATENCY_WINDOW = 100;

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
            if (maxConcurrency < 1 || maxConcurrency > MOST_CONCURRENCY) {
                throw new IllegalArgumentException("dispatch concurrency is 1 to " + MOST_CONCURRENCY + ", not " + maxConcurrency);
            }
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
                         int leftForLater, String accountStopped, int mostInFlight, Duration p95Latency) {
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
     * Backoff jitter, shared by a run's threads (SecureRandom is thread-safe). SecureRandom, not a seeded
     * Random: a SnapStart snapshot would otherwise restore the same seed into every container (AWS Lambda
     * guide, "Handling uniqueness with Lambda SnapStart").
     */
    private final Random jitter = new SecureRandom();
    /** The p95 latency of the last run in this container; {@code null} before the first (so after a restore). */
    private volatile Duration lastP95;

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
        Pacer pacer = new Pacer(rate, clock, sleeper);
        LocalDate today = ReminderStore.bucket(now);
        LocalDate start = reminders.cursor().orElse(ReminderStore.bucket(now.minus(settings.lookback())));
        Map<String, List<Reminder>> bySubscriber = new LinkedHashMap<>();
        for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
            for (Reminder r : reminders.due(day, now)) {
                bySubscriber.computeIfAbsent(r.subscriberId(), k -> new ArrayList<>()).add(r);
            }
        }

        Run run = new Run(runId, now, pacer, rate, timeLeft);
        List<Map.Entry<String, List<Reminder>>> entries = new ArrayList<>(bySubscriber.entrySet());
        List<Future<Group>> started = new ArrayList<>();
        InterruptedException interrupted = null;
        try {
            for (Map.Entry<String, List<Reminder>> entry : entries) {
                if (run.stopping() || !timeLeft.getAsBoolean() || !run.awaitRoom()) {
                    break;
                }
                Map<String, Object> logFields = JsonLog.fields();
                try {
                    started.add(run.pool.submit(() -> {
                        try (JsonLog.Scope fields = JsonLog.adopt(logFields)) {
                            return run.group(entry.getKey(), entry.getValue());
                        }
                    }));
                } catch (RuntimeException e) {
                    // Not expected (the pool is bounded by awaitRoom, not by rejecting): stop the others too.
                    run.done(null);
                    run.stop();
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            interrupted = e;
            run.stop();
        } finally {
            run.pool.shutdown();
        }
        // Every started recipient ends by itself (its waits are bounded: a pacer slot, a backoff, an SDK call).
        List<Group> groups = new ArrayList<>();
        Throwable crash = null;
        boolean interruptedWhileJoining = false;
        for (Future<Group> f : started) {
            while (true) {
                try {
                    groups.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interruptedWhileJoining = true;
                    run.stop();
                } catch (ExecutionException e) {
                    crash = crash == null ? e.getCause() : crash;
                    break;
                }
            }
        }
        Duration p95 = run.p95();
        if (p95 != null) {
            lastP95 = p95;
        }
        if (interrupted != null || interruptedWhileJoining) {
            Thread.currentThread().interrupt();
            throw interrupted != null ? interrupted : new InterruptedException("dispatcher run " + runId + " interrupted");
        }
        if (crash instanceof RuntimeException e) {
            throw e;
        }
        if (crash instanceof Error e) {
            throw e;
        }
        if (crash != null) {
            throw new IllegalStateException(crash);
        }

        int emails = 0;
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        int cancelled = 0;
        int throttles = 0;
        List<Duration> lateness = new ArrayList<>();
        LocalDate firstUnfinished = null;
        for (Group g : groups) {
            emails += g.emails();
            sent += g.sent();
            skipped += g.skipped();
            failed += g.failed();
            cancelled += g.cancelled();
            throttles += g.throttles();
            lateness.addAll(g.lateness());
            firstUnfinished = earliest(firstUnfinished, g.unfinished());
        }
        for (int j = started.size(); j < entries.size(); j++) {
            firstUnfinished = earliest(firstUnfinished, entries.get(j).getValue());
        }
        String accountStopped = run.accountStopped.get();
        if (accountStopped != null) {
            LOG.severe("dispatch " + runId + ": SES refuses the account (" + accountStopped + "); the run stopped, "
                    + "every due reminder not sent stays pending");
        }
        reminders.advanceCursor(firstUnfinished != null && firstUnfinished.isBefore(today) ? firstUnfinished : today);
        int left = (int) bySubscriber.values().stream().mapToLong(List::size).sum() - sent - skipped - failed - cancelled;
        Report report = new Report(emails, sent, skipped, failed, cancelled, throttles, Math.max(0, left), accountStopped,
                run.mostInFlight, p95);
        reminders.recordRun(clock.instant(), report.leftForLater());
        metrics.dispatchRun(new Metrics.DispatchRun(sent, failed, skipped, cancelled, emails, throttles, report.leftForLater(),
                lateness));
        LOG.info(() -> "dispatch " + runId + ": " + report + ", rate " + rate + "/s");
        return report;
    }

    /** What one recipient came to. {@code unfinished}: its items left PENDING or SENDING for a later run. */
    private record Group(int emails, int sent, int skipped, int failed, int cancelled, int throttles, List<Duration> lateness,
                         List<Reminder> unfinished) {
    }

    /** One run's shared state: the pool, the pacer, how many are in flight, and why it stops. */
    private final class Run {
        final String runId;
        final Instant now;
        final Pacer pacer;
        final double rate;
        final BooleanSupplier timeLeft;
        final ThreadPoolExecutor pool;
        final AtomicReference<String> accountStopped = new AtomicReference<>();
        volatile boolean stopped;
        private final ArrayDeque<Long> latencies = new ArrayDeque<>();
        private int inFlight;
        int mostInFlight;

        Run(String runId, Instant now, Pacer pacer, double rate, BooleanSupplier timeLeft) {
            this.runId = runId;
            this.now = now;
            this.pacer = pacer;
            this.rate = rate;
            this.timeLeft = timeLeft;
            int first = limit();
            AtomicInteger n = new AtomicInteger();
            // Made per run, after any SnapStart restore; daemon threads, so a stuck SDK call cannot keep a JVM alive.
            this.pool = new ThreadPoolExecutor(first, first, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "dispatch-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        boolean stopping() {
            return stopped || accountStopped.get() != null;
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        /** Waits until one more recipient may start; false when the run stopped meanwhile. */
        synchronized boolean awaitRoom() throws InterruptedException {
            int limit;
            while (inFlight >= (limit = limit()) && !stopping()) {
                wait();
            }
            if (stopping()) {
                return false;
            }
            if (limit > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(limit);
                pool.setCorePoolSize(limit);
            }
            inFlight++;
            mostInFlight = Math.max(mostInFlight, inFlight);
            return true;
        }

        /** A recipient is done; {@code latency} its work (null when it sent nothing). */
        synchronized void done(Long latencyNanos) {
            inFlight--;
            if (latencyNanos != null) {
                latencies.addLast(latencyNanos);
                if (latencies.size() > LATENCY_WINDOW) {
                    latencies.removeFirst();
                }
            }
            notifyAll();
        }

        /** The p95 of this run's latest latencies; null before any. */
        synchronized Duration p95() {
            if (latencies.isEmpty()) {
                return null;
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return Duration.ofNanos(sorted[(int) Math.ceil(0.95 * sorted.length) - 1]);
        }

        /** How many may be in flight: enough to keep the pacer busy at the measured latency, and a margin. */
        synchronized int limit() {
            Duration p95 = p95();
            Duration latency = p95 != null ? p95 : lastP95 != null ? lastP95 : settings.firstLatency();
            double needed = Math.ceil(rate * latency.toNanos() / 1e9 * 1.25) + 1;
            return (int) Math.max(1, Math.min(settings.maxConcurrency(), needed));
        }

        /** One recipient: claim, compose, send, finish. Runs on the pool. */
        Group group(String subscriberId, List<Reminder> due) throws InterruptedException {
            long started = System.nanoTime();
            long[] waited = {0};
            boolean askedSes = false;
            try {
                List<Reminder> unfinished = new ArrayList<>();
                Optional<Subscriber> subscriber = subscribers.byId(subscriberId);
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
                int cancelled = 0;
                if (subscriber.isEmpty() || subscriber.get().status() != Subscriber.Status.CONFIRMED
                        || subscribers.suppressed(subscriber.get().email())) {
                    for (Reminder c : claimed) {
                        reminders.finish(c, Reminder.Status.CANCELLED, "subscriber not confirmed, unsubscribed or suppressed", now);
                        cancelled++;
                    }
                    return new Group(0, 0, 0, 0, cancelled, 0, List.of(), unfinished);
                }
                int skipped = 0;
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
                    return new Group(0, 0, skipped, 0, 0, 0, List.of(), unfinished);
                }
                String token = tokens.issueManageToken(subscriber.get().id(), now, settings.manageTokenLifetime());
                OutgoingEmail email = composer.due(subscriber.get(), group, token, now);
                askedSes = true;
                Outcome outcome = send(email, waited);
                if (outcome.messageId() != null) {
                    Instant sentAt = clock.instant();
                    List<Duration> lateness = new ArrayList<>();
                    // SES took it: record that even if this thread was interrupted meanwhile (a store call
                    // would refuse to start on an interrupted thread, and the item would be sent twice).
                    boolean wasInterrupted = Thread.interrupted();
                    try {
                        for (Reminder c : group) {
                            reminders.finish(c, Reminder.Status.SENT, outcome.messageId(), sentAt);
                            lateness.add(Duration.between(c.dueAt(), sentAt));
                        }
                    } finally {
                        if (wasInterrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return new Group(1, group.size(), skipped, 0, 0, outcome.throttles(), lateness, unfinished);
                }
                if (outcome.rejection() != null) {
                    for (Reminder c : group) {
                        reminders.finish(c, Reminder.Status.FAILED, outcome.rejection(), clock.instant());
                    }
                    return new Group(0, 0, skipped, group.size(), 0, outcome.throttles(), List.of(), unfinished);
                }
                // Not sent (the account stopped, the run stopped, out of time): SES did not take it, so it
                // goes back to PENDING for a later run. Nothing is FAILED.
                group.forEach(reminders::release);
                unfinished.addAll(group);
                return new Group(0, 0, skipped, 0, 0, outcome.throttles(), List.of(), unfinished);
            } catch (RuntimeException | Error e) {
                // A crash: stop starting recipients; this one's claims stay SENDING until their lease ends.
                stop();
                throw e;
            } finally {
                done(askedSes ? Math.max(0, System.nanoTime() - started - waited[0]) : null);
            }
        }

        /**
         * Sends through the pacer, retrying throttling. {@code waited[0]} gains the time spent waiting (not working).
         * When the run is stopping or out of time before SES is asked, nothing is sent (an outcome of nulls).
         */
        private Outcome send(OutgoingEmail email, long[] waited) {
            int throttles = 0;
            for (int attempt = 0; ; attempt++) {
                long w0 = System.nanoTime();
                try {
                    pacer.acquire();
                } catch (InterruptedException e) {
                    stop();
                    return new Outcome(null, null, null, throttles);
                } finally {
                    waited[0] += System.nanoTime() - w0;
                }
                if (stopping() || !timeLeft.getAsBoolean()) {
                    return new Outcome(null, null, null, throttles);
                }
                try {
                    return new Outcome(mail.send(email), null, null, throttles);
                } catch (MailSender.ThrottledException e) {
                    throttles++;
                    if (stopping() || !timeLeft.getAsBoolean()) {
                        return new Outcome(null, null, null, throttles);
                    }
                    long cap = Math.min(settings.backoffCap().toMillis(), settings.backoffBase().toMillis() << Math.min(attempt, 16));
                    long b0 = System.nanoTime();
                    try {
                        sleeper.sleep(Duration.ofMillis(1 + (long) (jitter.nextDouble() * cap)));
                    } catch (InterruptedException ie) {
                        stop();
                        return new Outcome(null, null, null, throttles);
                    } finally {
                        waited[0] += System.nanoTime() - b0;
                    }
                } catch (MailSender.RejectedException e) {
                    // The reason (SES's message) is kept on the FAILED reminders; it may quote the address, so the log has the code.
                    LOG.warning("reminder email rejected: SES " + e.code());
                    return new Outcome(null, e.getMessage(), null, throttles);
                } catch (MailSender.AccountStoppedException e) {
                    accountStopped.compareAndSet(null, e.code());
                    stop();
                    return new Outcome(null, null, e.code(), throttles);
                }
            }
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

    /** What one send came to: a message id, a rejection, the account stopped (its SES code), or not sent. */
    private record Outcome(String messageId, String rejection, String accountStopped, int throttles) {
    }
}
