package cutoff.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads kept for a bounded time in one process (a warm Lambda container, the demo): what a public read path
 * (a feed, the calls page) answered from a {@code Query} a moment ago, answered again without the round trip.
 *
 * <p>Bounded three ways: an entry is served for at most {@code staleness} after its read began (elapsed time on
 * a monotonic source, {@link System#nanoTime} by default: the bound is about real waiting, not about the service's
 * clock, which the demo and tests move); at most {@code capacity} entries (one more empties it); and
 * {@link #invalidate} (a write through the same store) drops everything, including a read still under way when it was
 * called, which is then answered but not kept. One read at a time per key. {@link Duration#ZERO} keeps nothing:
 * every read goes through.
 *
 * @param <V> the value kept (immutable: it is shared between requests)
 */
final class ReadCache<V> {
    /** A read begun at {@code readAt} (nanoseconds): its value, or the read still under way that others wait for. */
    private record Entry<V>(CompletableFuture<V> value, long readAt) {
    }

    private final long stalenessNanos;
    private final int capacity;
    private final LongSupplier nanos;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    /**
     * @param staleness how long a read is served after it began; zero or negative for none
     * @param capacity  the most entries kept, at least 1
     * @param nanos     a monotonic time source in nanoseconds (tests pass their own)
     */
    ReadCache(Duration staleness, int capacity, LongSupplier nanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is at least 1, not " + capacity);
        }
        this.stalenessNanos = staleness.isNegative() ? 0 : staleness.toNanos();
        this.capacity = capacity;
        this.nanos = nanos;
    }

    ReadCache(Duration staleness, int capacity) {
        this(staleness, capacity, System::nanoTime);
    }

    /** False when nothing is kept (a staleness of zero): every {@link #get} reads. */
    boolean keeps() {
        return stalenessNanos > 0;
    }

    /**
     * The value read for {@code key} less than the staleness ago, else {@code read}'s. One read at a time per key:
     * callers that find a read of the key under way wait for it instead of reading too (under load, an expired
     * entry would otherwise send every waiting request to the table at once).
     *
     * @throws RuntimeException what {@code read} threw (nothing is kept then)
     */
    V get(String key, Supplier<V> read) {
        if (stalenessNanos == 0) {
            return read.get();
        }
        long now = nanos.getAsLong();
        Entry<V> found = entries.get(key);
        if (found == null || !fresh(found, now)) {
            Entry<V> mine = new Entry<>(new CompletableFuture<>(), now);
            if (found == null && entries.size() >= capacity) {
                entries.clear();
            }
            found = entries.compute(key, (k, old) -> old != null && fresh(old, now) ? old : mine);
            if (found == mine) {
                try {
                    mine.value().complete(read.get());
                } catch (RuntimeException | Error e) {
                    entries.remove(key, mine);
                    mine.value().completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return found.value().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private boolean fresh(Entry<V> e, long now) {
        return now - e.readAt() < stalenessNanos && now - e.readAt() >= 0;
    }

    /**
     * Drops every entry. A read under way now is answered to those already waiting for it, and not kept: a
     * caller after this reads again.
     */
    void invalidate() {
        entries.clear();
    }
}
