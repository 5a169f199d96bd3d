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
import org.junit.jupiter.params.provider.CsvSource;
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
    void withACatchUpWindow_permitsMissedInAShortStallAreCarriedOver_asFastAsTheSecondAllows() throws InterruptedException {
        Pacer pacer = new Pacer(4, Duration.ofMillis(600), clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofMillis(700)); // the permits of 250 and 500 ms were missed
        assertEquals(START.plusMillis(700), pacer.acquire());
        assertEquals(START.plusMillis(700), pacer.acquire());
        assertEquals(START.plusMillis(750), pacer.acquire());
        assertEquals(List.of(Duration.ofMillis(50)), sleeps, "caught up, the next slot is waited for");
        assertEquals(START.plusMillis(1000), pacer.acquire());
        // Four were given in [700 ms, 1.7 s): the next waits for the second after the first of them.
        assertEquals(START.plusMillis(1700), pacer.acquire());
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

    @ParameterizedTest
    @CsvSource({"20, 100", "20, 1000", "200, 1000", "14, 1000", "11.2, 1000", "1.5, 1000", "200, 0", "200, 5000"})
    void howeverCallersStallAndCatchUp_noOneSecondHoldsMoreThanTheRate(double rate, long catchUpMillis) throws InterruptedException {
        // Callers that stall at random, a few for longer than the catch-up window: however they come, any span
        // [t, t + 1 s) holds at most floor(rate) permits, as SES counts them.
        Pacer pacer = new Pacer(rate, Duration.ofMillis(catchUpMillis), clock, sleeper);
        java.util.Random random = new java.util.Random(7);
        List<Instant> given = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            given.add(pacer.acquire());
            int stall = random.nextInt(20);
            clock.advance(Duration.ofMillis(stall == 0 ? random.nextInt(2_000) : stall < 3 ? random.nextInt(300) : 0));
        }
        assertEquals(given.stream().sorted().toList(), given, "given out in order");
        assertTrue(mostInOneSecond(given) <= Math.floor(rate), mostInOneSecond(given) + " permits in one second at " + rate + "/s");
    }

    @ParameterizedTest
    @CsvSource({"200, 3", "200, 40", "50, 9", "14, 2"})
    void sendsThatTakeLongerThanTheInterval_loseNoPermits_whenEnoughAreInFlight(double rate, int intervalsPerSend)
            throws InterruptedException {
        // inFlight senders, each busy for intervalsPerSend intervals after its permit (its send), then asking again:
        // every slot of the schedule is used (the rate is kept by the schedule, not by a sleep after each send).
        Pacer pacer = new Pacer(rate, Duration.ofSeconds(1), clock, sleeper);
        Duration busy = Duration.ofNanos((long) (intervalsPerSend * 1e9 / rate));
        int inFlight = intervalsPerSend + 1;
        java.util.PriorityQueue<Instant> asking = new java.util.PriorityQueue<>();
        for (int i = 0; i < inFlight; i++) {
            asking.add(START);
        }
        List<Instant> given = new ArrayList<>();
        while (given.size() < rate * 10) {
            Instant asks = asking.remove();
            if (asks.isAfter(clock.instant())) {
                clock.set(asks);
            }
            Instant at = pacer.acquire();
            given.add(at);
            asking.add(at.plus(busy));
        }
        Duration burst = Duration.between(START, given.get(given.size() - 1));
        assertTrue(burst.toNanos() <= 10e9, (int) (rate * 10) + " permits took " + burst + ", more than 10 s at " + rate + "/s");
        assertTrue(mostInOneSecond(given) <= rate, mostInOneSecond(given) + " in one second");
    }

    @Test
    void aStallWithinTheCatchUpWindow_costsTheBurstNothing() throws InterruptedException {
        // 200/s for 10 s, one caller; at 3 s it stalls for 400 ms (a slow store call, a collection): the 80 permits
        // missed are carried over, so the 2,000 still end by the tenth second, and no second holds more than 200.
        Pacer pacer = new Pacer(200, Duration.ofSeconds(1), clock, sleeper);
        List<Instant> given = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            given.add(pacer.acquire());
            if (i == 600) {
                clock.advance(Duration.ofMillis(400));
            }
        }
        assertTrue(!given.get(1_999).isAfter(START.plusSeconds(10)), "the last permit at " + given.get(1_999));
        assertEquals(200, mostInOneSecond(given));
    }

    /** The most of {@code given} (in order) within any span [t, t + 1 s). */
    private static int mostInOneSecond(List<Instant> given) {
        int most = 0;
        for (int i = 0, j = 0; i < given.size(); i++) {
            while (Duration.between(given.get(j), given.get(i)).compareTo(Duration.ofSeconds(1)) >= 0) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    @Test
    void sharedByManyThreads_everyPermitIsGiven_andNoSecondHoldsMoreThanTheRate() throws Exception {
        // Sixteen threads on one clock that each one's wait moves on: whatever the interleaving, every permit
        // is given once, and no span [t, t + 1 s) of the instants they were given holds more than 200. The first
        // permit need not be given at START: another thread's wait may move the clock on between the first
        // caller's reservation and its going, and a permit is counted when its caller goes (the class comment).
        Pacer pacer = new Pacer(200, Duration.ofSeconds(1), clock, clock::advance);
        List<Instant> given = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            senders.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 250; i++) {
                    given.add(pacer.acquire());
                }
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> f : senders) {
            f.get();
        }
        pool.shutdown();
        List<Instant> sorted = new ArrayList<>(given);
        sorted.sort(null);
        assertEquals(4_000, sorted.size());
        assertTrue(!sorted.get(0).isBefore(START), "a permit given at " + sorted.get(0) + ", before the clock started");
        assertTrue(mostInOneSecond(sorted) <= 200, mostInOneSecond(sorted) + " in one second");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.0, Double.NaN, Double.NEGATIVE_INFINITY})
    void aRateOfZeroOrLessIsRefused(double rate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Pacer(rate, clock, sleeper));
        assertTrue(e.getMessage().contains("more than 0 per second"), e.getMessage());
    }
}
