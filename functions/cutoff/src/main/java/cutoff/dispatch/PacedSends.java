package cutoff.dispatch;

import cutoff.logging.JsonLog;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.reminder.Pacer;
import cutoff.reminder.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The one machinery every kind of email the dispatcher sends goes through (reminders and deadline
 * changes: {@link Dispatcher}; research offices' welcome emails: {@link StaffQueue}): claim → compose →
 * send → mark, for many items at once, paced, with throttling retried, exactly once, and resumable after
 * a run is killed.
 *
 * <p><b>What a kind supplies.</b> A source of items (an {@link Iterator}, read ahead on a thread of the run's
 * own, up to a second's items at the run's rate, so a source that pages through DynamoDB reads its next page
 * while the pool sends the items already read, and the pool never waits for a page), and a
 * {@link Worker}: for one item it claims with a conditional write, composes, asks {@link Send#send} and
 * marks the outcome with a write conditional on its claim. A new email kind is a new worker (and its
 * store's claim/mark); the pool, the pacing, the backoff and the stopping are this class's.
 *
 * <p><b>Concurrently.</b> A run works on several items at once on a pool of threads made for the run
 * and shut down at its end, so that the rate is set by the {@link Pacer} (shared by all of them) and not
 * by one item's latency. How many are in flight follows Little's law: {@code ceil(rate × p95 latency ×
 * 1.25) + 1}, from the latencies measured in this run (the previous run's p95 of this kind in this
 * container, or {@link Settings#firstLatency()}, until some are measured), never more than
 * {@link Settings#maxConcurrency()}.
 *
 * <p><b>Exactly once</b> is the worker's claim and mark; this class guarantees its half: {@link Send#send}
 * returns a message id only when SES took the email, and returns "not sent" (never throws) when the run
 * stops first, so the worker can release its claim. The only possible duplicates are messages SES took
 * just before the run died, before the worker marked them: at most the items in flight per dead run.
 *
 * <p><b>Stopping.</b> When the run must stop (SES refuses the account, a worker throws, the run's thread
 * is interrupted, or time runs out) it starts no new item; a worker whose email SES has not been asked to
 * take yet gets "not sent" back; emails already handed to SES are marked as SES answers. A worker that
 * throws (a crash) stops the run and leaves its claims to their lease; the run then throws it.
 *
 * <p><b>Pacing.</b> One {@link Pacer} per run, shared by its threads, catching up on stalls of up to
 * {@link #CATCH_UP}, never more than the rate in any second. On throttling the send is retried after a full-jitter exponential backoff, as long as
 * the run has time; otherwise "not sent". A rejected message and an account stopped are told apart in
 * the {@link Outcome}.
 *
 * <p><b>SnapStart.</b> The pool and its threads are made per run, the rate is given per run, and the
 * backoff jitter comes from {@link SecureRandom} (which Lambda's Java runtimes reseed on restore).
 *
 * <p>One class (about 530 lines) because the pool, the pacer, the read-ahead and the stopping are one
 * run's shared state: {@code Run}, {@code ReadAhead} and {@code ItemSend} read and set the same in-flight count,
 * throttle count and stop reason.
 */
public final class PacedSends {
    private static final Logger LOG = Logger.getLogger(PacedSends.class.getName());
    /** The most sends in flight {@link Settings#maxConcurrency()} may allow. */
    public static final int MOST_CONCURRENCY = 64;
    /**
     * How far behind its schedule the run's {@link Pacer} still catches up (its class comment): the permits of a
     * stall of up to a second (a page read, a collection, a thread scheduled late) are carried over, given out
     * no faster than the rate allows in any one second, so a burst loses no rate to them.
     */
    static final Duration CATCH_UP = Duration.ofSeconds(1);
    /** How far ahead of the pool the source is read: this long of sends at the run's rate. */
    static final Duration READ_AHEAD = Duration.ofSeconds(1);
    /** The fewest and the most items read ahead, whatever the rate. */
    static final int LEAST_AHEAD = 16;
    static final int MOST_AHEAD = 2_000;
    /** How many of a run's latest latencies its p95 is taken over. */
    private static final int LATENCY_WINDOW = 100;

    /**
     * @param backoffBase    first throttling pause (doubles each retry, full jitter)
     * @param backoffCap     longest throttling pause
     * @param maxConcurrency the most items in flight at once, 1 to {@value #MOST_CONCURRENCY}
     * @param firstLatency   the latency of one item (claim to mark, waits left out) assumed until one is
     *                       measured: sets the first runs' concurrency
     */
    public record Settings(Duration backoffBase, Duration backoffCap, int maxConcurrency, Duration firstLatency) {
        public Settings {
            if (maxConcurrency < 1 || maxConcurrency > MOST_CONCURRENCY) {
                throw new IllegalArgumentException("dispatch concurrency is 1 to " + MOST_CONCURRENCY + ", not " + maxConcurrency);
            }
        }
    }

    /**
     * One item's work, run on the pool: claim, compose, {@link Send#send}, mark.
     *
     * @param <T> the item
     * @param <R> what the item came to ({@code null} allowed: nothing to count)
     */
    @FunctionalInterface
    public interface Worker<T, R> {
        R work(T item, Send send) throws InterruptedException;
    }

    /** The paced send a worker is given (one per item). */
    public interface Send {
        /**
         * Sends through the run's pacer, retrying throttling with backoff while the run has time. Never
         * throws for SES's answers; a throw of the sender itself (a crash) is thrown.
         */
        Outcome send(OutgoingEmail email);
    }

    /**
     * What one send came to: SES's message id, or a rejection (SES's message: it may quote the address,
     * so it is kept on the item, not logged), or the account stopped (SES's code), or none of them: not
     * sent (the run stopped, or ran out of time), so the worker releases its claim.
     */
    public record Outcome(String messageId, String rejection, String accountStopped) {
        static final Outcome NOT_SENT = new Outcome(null, null, null);

        public boolean sent() {
            return messageId != null;
        }
    }

    /**
     * What a run came to.
     *
     * @param results        the workers' results, in no particular order (nulls left out)
     * @param started        how many items of the source were started: the first {@code started} it gave (the
     *                       rest were not taken from it, or read ahead and not started)
     * @param throttles      how many sends SES throttled (each retried or left for later)
     * @param accountStopped SES's error code when the run stopped because the account could send nothing
     * @param mostInFlight   the most items in flight at once
     * @param p95Latency     the p95 of the latest (up to 100) items' work, claim to mark, waits left out;
     *                       {@code null} when nothing was sent
     */
    public record Result<R>(List<R> results, int started, int throttles, String accountStopped, int mostInFlight,
                            Duration p95Latency) {
    }

    private final MailSender mail;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Settings settings;
    private final String threadName;
    /** Backoff jitter, shared by a run's threads (SecureRandom is thread-safe, and reseeded after a SnapStart restore). */
    private final Random jitter = new SecureRandom();
    /** The p95 latency of the last run in this container; {@code null} before the first (so after a restore). */
    private volatile Duration lastP95;

    /**
     * @param threadName the email kind: the pool threads' name prefix and the log's word for it ("reminder")
     */
    public PacedSends(MailSender mail, Clock clock, Sleeper sleeper, Settings settings, String threadName) {
        this.mail = mail;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
        this.threadName = threadName;
    }

    /**
     * One run over {@code items}.
     *
     * @param rate     messages per second for this run, more than 0
     * @param timeLeft false once the run should stop taking new work; asked from the run's threads, so it
     *                 must be thread-safe
     * @throws InterruptedException when the calling thread is interrupted: the run starts nothing new, the
     *                              workers not yet at SES get "not sent", then it throws
     * @throws RuntimeException     what a worker (or the source) threw, the first of them, after the others ended
     */
    public <T, R> Result<R> run(Iterator<T> items, Worker<T, R> worker, double rate, BooleanSupplier timeLeft)
            throws InterruptedException {
        Run run = new Run(new Pacer(rate, CATCH_UP, clock, sleeper), rate, timeLeft);
        List<Future<R>> started = new ArrayList<>();
        InterruptedException interrupted = null;
        RuntimeException sourceFailed = null;
        ReadAhead<T> ahead = new ReadAhead<>(items, readAhead(rate), threadName + "-source", run::stopping);
        try {
            T item;
            while (!run.stopping() && timeLeft.getAsBoolean() && (item = ahead.next()) != null) {
                if (!run.awaitRoom()) {
                    break;
                }
                Map<String, Object> logFields = JsonLog.fields();
                T it = item;
                try {
                    started.add(run.pool.submit(() -> {
                        try (JsonLog.Scope fields = JsonLog.adopt(logFields)) {
                            return run.item(it, worker);
                        }
                    }));
                } catch (RuntimeException e) {
                    run.done(null);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            interrupted = e;
            run.stop();
        } catch (RuntimeException e) {
            // The source (a page read) or the pool failed: stop the others too, then throw it.
            sourceFailed = e;
            run.stop();
        } finally {
            run.pool.shutdown();
            // The source is not read after this: the caller may read the rest of it.
            ahead.close();
        }
        // Every started item ends by itself (its waits are bounded: a pacer slot, a backoff, an SDK call).
        List<R> results = new ArrayList<>();
        Throwable crash = sourceFailed;
        boolean interruptedWhileJoining = false;
        for (Future<R> f : started) {
            while (true) {
                try {
                    R r = f.get();
                    if (r != null) {
                        results.add(r);
                    }
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
            throw interrupted != null ? interrupted : new InterruptedException("send run interrupted");
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
        return new Result<>(results, started.size(), run.throttles.get(), run.accountStopped.get(), run.mostInFlight, p95);
    }

    /**
     * Runs {@code marking} even when the thread was interrupted meanwhile (a store call refuses to start on an
     * interrupted thread): for recording what SES took, which must not be lost (it would be sent twice).
     */
    public static <V> V uninterrupted(java.util.function.Supplier<V> marking) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            return marking.get();
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many items a run at {@code rate} per second reads ahead of its pool: {@link #READ_AHEAD} of them. */
    static int readAhead(double rate) {
        return (int) Math.max(LEAST_AHEAD, Math.min(MOST_AHEAD, Math.ceil(rate * READ_AHEAD.toNanos() / 1e9)));
    }

    /**
     * How many items may be in flight (Little's law): enough to keep a pacer at {@code rate} per second busy
     * when one item's work takes {@code latency} (waits left out), a quarter more as a margin, and one more; at
     * least 1, at most {@code most}.
     */
    static int inFlightFor(double rate, Duration latency, int most) {
        double needed = Math.ceil(rate * latency.toNanos() / 1e9 * 1.25) + 1;
        return (int) Math.max(1, Math.min(most, needed));
    }

    /**
     * A source read on a thread of its own, up to {@code capacity} items ahead of the caller of {@link #next}, so
     * that the source's reads (a page, a window's batch reads) overlap the sends of the items before them.
     */
    private static final class ReadAhead<T> {
        private static final Object END = new Object();
        private final java.util.concurrent.ArrayBlockingQueue<Object> queue;
        private final Thread reader;
        private volatile boolean closed;
        private volatile RuntimeException failed;

        ReadAhead(Iterator<T> items, int capacity, String name, BooleanSupplier stopping) {
            this.queue = new java.util.concurrent.ArrayBlockingQueue<>(capacity);
            Map<String, Object> logFields = JsonLog.fields();
            this.reader = new Thread(() -> {
                try (JsonLog.Scope fields = JsonLog.adopt(logFields)) {
                    while (!closed && !stopping.getAsBoolean() && items.hasNext()) {
                        if (!put(items.next())) {
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    failed = e;
                } catch (Error e) {
                    failed = new IllegalStateException("reading the items to send failed", e);
                }
                put(END);
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Puts {@code o} once there is room; false when closed meanwhile. */
        private boolean put(Object o) {
            try {
                while (!closed) {
                    if (queue.offer(o, 20, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                // Nothing interrupts the reader (close() sets closed): taken as closed.
            }
            return false;
        }

        /**
         * The next item, waiting for it to be read; {@code null} at the end of the source.
         *
         * @throws RuntimeException what the source threw
         */
        @SuppressWarnings("unchecked")
        T next() throws InterruptedException {
            Object o = queue.take();
            if (o == END) {
                queue.add(END);
                if (failed != null) {
                    throw failed;
                }
                return null;
            }
            return (T) o;
        }

        /** Stops reading and waits for the reader to leave the source (a read under way is finished, not cut). */
        void close() {
            closed = true;
            boolean interrupted = false;
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One run's shared state: the pool, the pacer, how many are in flight, and why it stops. */
    private final class Run {
        final Pacer pacer;
        final double rate;
        final BooleanSupplier timeLeft;
        final ThreadPoolExecutor pool;
        final AtomicReference<String> accountStopped = new AtomicReference<>();
        final AtomicInteger throttles = new AtomicInteger();
        volatile boolean stopped;
        private final ArrayDeque<Long> latencies = new ArrayDeque<>();
        private int inFlight;
        int mostInFlight;

        Run(Pacer pacer, double rate, BooleanSupplier timeLeft) {
            this.pacer = pacer;
            this.rate = rate;
            this.timeLeft = timeLeft;
            int first = limit();
            AtomicInteger n = new AtomicInteger();
            // Made per run, after any SnapStart restore; daemon threads, so a stuck SDK call cannot keep a JVM alive.
            this.pool = new ThreadPoolExecutor(first, first, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            // Started now, while the source's first page is read, not one by one as the first items come.
            this.pool.prestartAllCoreThreads();
        }

        boolean stopping() {
            return stopped || accountStopped.get() != null;
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        /** Waits until one more item may start; false when the run stopped meanwhile. */
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

        /** An item is done; {@code latencyNanos} its work (null when it asked SES for nothing). */
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
            return inFlightFor(rate, latency, settings.maxConcurrency());
        }

        /** One item on the pool: the worker, with its latency measured (waits left out). */
        <T, R> R item(T item, Worker<T, R> worker) throws InterruptedException {
            long started = System.nanoTime();
            ItemSend send = new ItemSend(this);
            try {
                return worker.work(item, send);
            } catch (RuntimeException | Error e) {
                // A crash: stop starting items; this one's claims stay until their lease ends.
                stop();
                throw e;
            } finally {
                done(send.asked ? Math.max(0, System.nanoTime() - started - send.waited) : null);
            }
        }
    }

    /** The send of one item: through the pacer, retrying throttling; counts the time spent waiting. */
    private final class ItemSend implements Send {
        private final Run run;
        boolean asked;
        long waited;

        ItemSend(Run run) {
            this.run = run;
        }

        @Override
        public Outcome send(OutgoingEmail email) {
            asked = true;
            for (int attempt = 0; ; attempt++) {
                long w0 = System.nanoTime();
                try {
                    run.pacer.acquire();
                } catch (InterruptedException e) {
                    run.stop();
                    return Outcome.NOT_SENT;
                } finally {
                    waited += System.nanoTime() - w0;
                }
                if (run.stopping() || !run.timeLeft.getAsBoolean()) {
                    return Outcome.NOT_SENT;
                }
                try {
                    return new Outcome(mail.send(email), null, null);
                } catch (MailSender.ThrottledException e) {
                    run.throttles.incrementAndGet();
                    if (run.stopping() || !run.timeLeft.getAsBoolean()) {
                        return Outcome.NOT_SENT;
                    }
                    long cap = Math.min(settings.backoffCap().toMillis(), settings.backoffBase().toMillis() << Math.min(attempt, 16));
                    long b0 = System.nanoTime();
                    try {
                        sleeper.sleep(Duration.ofMillis(1 + (long) (jitter.nextDouble() * cap)));
                    } catch (InterruptedException ie) {
                        run.stop();
                        return Outcome.NOT_SENT;
                    } finally {
                        waited += System.nanoTime() - b0;
                    }
                } catch (MailSender.RejectedException e) {
                    LOG.warning(threadName + " email rejected: SES " + e.code());
                    return new Outcome(null, e.getMessage(), null);
                } catch (MailSender.AccountStoppedException e) {
                    run.accountStopped.compareAndSet(null, e.code());
                    run.stop();
                    return new Outcome(null, null, e.code());
                }
            }
        }
    }
}
