package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "v" + reads.incrementAndGet();
    }

    @Test
    void aReadIsServedAgainForLessThanItsStaleness_andReadAgainFromThen() {
        for (long seconds : new long[] {1, 5, 60}) {
            ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(seconds), 10, nanos::get);
            String first = cache.get("k", this::read);
            nanos.addAndGet(Duration.ofSeconds(seconds).toNanos() - 1);
            assertEquals(first, cache.get("k", this::read), "just under " + seconds + " s: the same read");
            nanos.addAndGet(1);
            String second = cache.get("k", this::read);
            assertEquals(false, second.equals(first), "at " + seconds + " s: read again");
            assertEquals(second, cache.get("k", this::read));
        }
    }

    @Test
    void zeroStaleness_keepsNothing_andKeysAreKeptApart() {
        ReadCache<String> none = new ReadCache<>(Duration.ZERO, 10, nanos::get);
        assertEquals("v1", none.get("k", this::read));
        assertEquals("v2", none.get("k", this::read));
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 10, nanos::get);
        assertEquals("v3", cache.get("a", this::read));
        assertEquals("v4", cache.get("b", this::read));
        assertEquals("v3", cache.get("a", this::read));
    }

    @Test
    void aClockThatGoesBackwards_countsAsStale() {
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 10, nanos::get);
        cache.get("k", this::read);
        nanos.addAndGet(-1);
        assertEquals("v2", cache.get("k", this::read));
    }

    @Test
    void invalidate_dropsEverything_andAReadUnderWayIsAnsweredButNotKept() {
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 10, nanos::get);
        cache.get("k", this::read);
        cache.invalidate();
        assertEquals("v2", cache.get("k", this::read));
        // A write lands while a read is under way: what the read found may predate it.
        assertEquals("v3", cache.get("j", () -> {
            cache.invalidate();
            return read();
        }));
        assertEquals("v4", cache.get("j", this::read));
        assertEquals("v4", cache.get("j", this::read));
    }

    @Test
    void overCapacity_itStartsAfresh() {
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 3, nanos::get);
        for (String key : new String[] {"a", "b", "c"}) {
            cache.get(key, this::read);
        }
        assertEquals("v1", cache.get("a", this::read));
        cache.get("d", this::read); // the fourth: the three before it go
        assertEquals("v5", cache.get("a", this::read));
    }

    @Test
    void callersOfAKeyBeingRead_waitForThatRead_insteadOfReadingToo() throws Exception {
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 10, nanos::get);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.function.Supplier<String> slow = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return read();
        };
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<String> first = two.submit(() -> cache.get("k", slow));
            java.util.concurrent.Future<String> second = two.submit(() -> cache.get("k", slow));
            // Both callers are in: waiting on the latch (reading) or on the first's read.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (waiting(two) < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertEquals("v1", first.get());
            assertEquals("v1", second.get());
            assertEquals(1, reads.get(), "one read for both");
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aFailedRead_isThrownToItsCaller_andNotKept() {
        ReadCache<String> cache = new ReadCache<>(Duration.ofSeconds(5), 10, nanos::get);
        IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> cache.get("k", () -> {
                    throw new IllegalStateException("table gone");
                }));
        assertEquals("table gone", thrown.getMessage());
        assertEquals("v1", cache.get("k", this::read));
    }

    /** How many of the pool's threads are waiting (parked or in a wait). */
    private static int waiting(java.util.concurrent.ExecutorService pool) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pool-") && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                    && java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals(ReadCache.class.getName()))) {
                n++;
            }
        }
        return n;
    }
}
