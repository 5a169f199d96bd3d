package cutoff.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacerTest {
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Duration> sleeps = new ArrayList<>();
    /** Sleeping moves the clock: time passes only as the pacer asks. */
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @Test
    void nAcquiresAtFourPerSecondTakeNMinusOneQuarterSeconds() throws InterruptedException {
        Pacer pacer = new Pacer(4, clock, sleeper);
        for (int i = 0; i < 9; i++) {
            pacer.acquire();
        }
        assertEquals(Duration.ofSeconds(2), Duration.between(START, clock.instant()));
        assertEquals(8, sleeps.size());
        sleeps.forEach(d -> assertEquals(Duration.ofMillis(250), d));
    }

    @Test
    void aRateThatDoesNotDivideASecondKeepsItsPace() throws InterruptedException {
        // 14 per second, 100 messages: 99/14 s = 7.0714… s.
        Pacer pacer = new Pacer(14, clock, sleeper);
        for (int i = 0; i < 100; i++) {
            pacer.acquire();
        }
        long nanos = Duration.between(START, clock.instant()).toNanos();
        assertTrue(Math.abs(nanos - 99 * 1e9 / 14) < 1_000, "took " + nanos + " ns");
    }

    @Test
    void aRateUnderOnePerSecond() throws InterruptedException {
        Pacer pacer = new Pacer(0.5, clock, sleeper);
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        assertEquals(Duration.ofSeconds(4), Duration.between(START, clock.instant()));
    }

    @Test
    void noSleepWhenCallsAreAlreadySpaced() throws InterruptedException {
        Pacer pacer = new Pacer(4, clock, sleeper);
        for (int i = 0; i < 5; i++) {
            pacer.acquire();
            clock.advance(Duration.ofMillis(250 + i * 100));
        }
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aCallTooSoonWaitsOnlyForTheRest() throws InterruptedException {
        Pacer pacer = new Pacer(4, clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofMillis(100));
        pacer.acquire();
        assertEquals(List.of(Duration.ofMillis(150)), sleeps);
        assertEquals(START.plusMillis(250), clock.instant());
    }

    @Test
    void idleTimeIsNotSavedForABurst() throws InterruptedException {
        Pacer pacer = new Pacer(4, clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofMinutes(10));
        pacer.acquire();
        pacer.acquire();
        assertEquals(List.of(Duration.ofMillis(250)), sleeps);
    }

    @Test
    void sharedByManyThreads_everySlotIsItsOwn_andNoTwoAreCloserThanTheInterval() throws Exception {
        // The clock stands still and waiting is free: only the slots handed out are looked at, not time.
        Pacer pacer = new Pacer(200, clock, d -> { });
        List<Instant> slots = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            senders.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 250; i++) {
                    slots.add(pacer.acquire());
                }
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> f : senders) {
            f.get();
        }
        pool.shutdown();
        List<Instant> sorted = new ArrayList<>(slots);
        sorted.sort(null);
        assertEquals(4_000, sorted.size());
        assertEquals(START, sorted.get(0));
        for (int i = 1; i < sorted.size(); i++) {
            assertEquals(Duration.ofMillis(5), Duration.between(sorted.get(i - 1), sorted.get(i)), "slot " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.0, Double.NaN, Double.NEGATIVE_INFINITY})
    void aRateOfZeroOrLessIsRefused(double rate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Pacer(rate, clock, sleeper));
        assertTrue(e.getMessage().contains("more than 0 per second"), e.getMessage());
    }
}
