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
    void withACatchUpWindow_slotsMissedInAShortStallComeAtOnce_thenThePaceResumes() throws InterruptedException {
        Pacer pacer = new Pacer(4, Duration.ofMillis(600), clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofMillis(700)); // slots at 250 and 500 ms were missed
        assertEquals(START.plusMillis(250), pacer.acquire());
        assertEquals(START.plusMillis(500), pacer.acquire());
        assertEquals(START.plusMillis(750), pacer.acquire());
        assertEquals(List.of(Duration.ofMillis(50)), sleeps, "caught up, the next slot is waited for");
        assertEquals(START.plusMillis(1000), pacer.acquire());
    }

    @Test
    void withACatchUpWindow_aLongerStallIsNotMadeUp() throws InterruptedException {
        Pacer pacer = new Pacer(4, Duration.ofMillis(600), clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofSeconds(2));
        assertEquals(START.plusSeconds(2), pacer.acquire());
        assertEquals(START.plusMillis(2250), pacer.acquire());
        assertEquals(List.of(Duration.ofMillis(250)), sleeps);
    }

    @Test
    void withACatchUpWindow_noSpanGetsMoreThanItsRateAndTheWindow() throws InterruptedException {
        // Callers that stall at random: however they come, any second holds at most rate × (1 s + window) + 1 slots.
        Pacer pacer = new Pacer(20, Duration.ofMillis(100), clock, sleeper);
        java.util.Random random = new java.util.Random(7);
        List<Instant> given = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            given.add(pacer.acquire());
            clock.advance(Duration.ofMillis(random.nextInt(10) == 0 ? random.nextInt(1_000) : 0));
        }
        given.sort(null);
        for (int i = 0, j = 0; i < given.size(); i++) {
            while (Duration.between(given.get(j), given.get(i)).compareTo(Duration.ofSeconds(1)) >= 0) {
                j++;
            }
            assertTrue(i - j + 1 <= 20 * 1.1 + 1, (i - j + 1) + " slots within a second ending at " + given.get(i));
        }
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
