package cutoff.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * called, which is then answered but not kept. {@link Duration#ZERO} keeps nothing: every read goes through.
 *
 * @param <V> the value kept (immutable: it is shared between requests)
 */
final class ReadCache<V> {
    private record Entry<V>(V value, long readAt) {
    }

    private final long stalenessNanos;
    private final int capacity;
    private final LongSupplier nanos;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

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

    /** The value read for {@code key} less than the staleness ago, else {@code read}'s (kept unless invalidated meanwhile). */
    V get(String key, Supplier<V> read) {
        if (stalenessNanos == 0) {
            return read.get();
        }
        long now = nanos.getAsLong();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.readAt() < stalenessNanos && now - e.readAt() >= 0) {
            return e.value();
        }
        long before = generation.get();
        V value = read.get();
        if (generation.get() == before) {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            // Timed from before the read: the entry is never older than it claims.
            entries.put(key, new Entry<>(value, now));
            if (generation.get() != before) {
                entries.remove(key);
            }
        }
        return value;
    }

    /** Drops every entry, and keeps no read that is under way now. */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
