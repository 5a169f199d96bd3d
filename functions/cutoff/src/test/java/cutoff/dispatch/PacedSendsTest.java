package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sending machinery's rules that need no stand-in: how many items it keeps in flight, how far it reads its
 * source ahead, and what a run reports when its source or a worker fails. Workers here send nothing (so no
 * pacer wait and no SES); the sends themselves are {@code BurstIT}'s, the rates {@code bench.sh dispatch}'s.
 */
class PacedSendsTest {
    private static final PacedSends.Settings SETTINGS =
            new PacedSends.Settings(Duration.ofMillis(200), Duration.ofSeconds(10), 32, Duration.ofMillis(100));

    @Test
    void inFlight_keepsThePacerBusy_whateverAnItemTakes_untilTheMost() {
        // Little's law: n in flight, each taking L, give n / L a second; the rule must give at least the rate.
        for (double rate : new double[] {0.5, 1, 14, 50, 160, 200, 1_000}) {
            for (long millis : new long[] {1, 4, 5, 6, 20, 99, 160, 250, 1_000, 5_000}) {
                Duration latency = Duration.ofMillis(millis);
                int n = PacedSends.inFlightFor(rate, latency, PacedSends.MOST_CONCURRENCY);
                double reached = n / (millis / 1e3);
                assertTrue(n >= 1 && n <= PacedSends.MOST_CONCURRENCY, n + " in flight");
                assertTrue(reached >= rate * 1.25 || n == PacedSends.MOST_CONCURRENCY,
                        n + " in flight at " + millis + " ms reach " + reached + "/s, not " + rate + "/s");
            }
        }
        assertEquals(32, PacedSends.inFlightFor(200, Duration.ofSeconds(1), 32), "never more than the setting");
    }

    @Test
    void theSourceIsReadASecondAhead_withinItsBounds() {
        assertEquals(200, PacedSends.readAhead(200));
        assertEquals(PacedSends.LEAST_AHEAD, PacedSends.readAhead(1));
        assertEquals(PacedSends.MOST_AHEAD, PacedSends.readAhead(100_000));
    }

    @Test
    void everyItemOfTheSourceIsWorkedOnce_andAllCountAsStarted() throws InterruptedException {
        PacedSends sends = new PacedSends(null, new MutableClock(Instant.EPOCH), d -> { }, SETTINGS, "test");
        PacedSends.Result<Integer> r = sends.run(IntStream.range(0, 1_000).iterator(), (item, send) -> item, 200, () -> true);
        assertEquals(1_000, r.started());
        List<Integer> worked = new ArrayList<>(r.results());
        worked.sort(null);
        assertEquals(IntStream.range(0, 1_000).boxed().toList(), worked);
    }

    @Test
    void aSourceThatFails_failsTheRun_afterTheItemsBeforeItWereWorked() {
        PacedSends sends = new PacedSends(null, new MutableClock(Instant.EPOCH), d -> { }, SETTINGS, "test");
        IllegalStateException pageRead = new IllegalStateException("page read failed");
        Iterator<Integer> source = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                if (n == 300) {
                    throw pageRead;
                }
                return true;
            }

            @Override
            public Integer next() {
                return n++;
            }
        };
        List<Integer> worked = java.util.Collections.synchronizedList(new ArrayList<>());
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> sends.run(source, (item, send) -> worked.add(item) ? item : null, 200, () -> true));
        assertSame(pageRead, thrown);
        assertTrue(worked.size() <= 300, worked.size() + " worked");
    }

    @Test
    void aWorkerThatCrashes_stopsTheRun_andTheSourceIsLeft_whereItWasRead() {
        PacedSends sends = new PacedSends(null, new MutableClock(Instant.EPOCH), d -> { }, SETTINGS, "test");
        int[] taken = new int[1];
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return taken[0]++;
            }
        };
        IllegalArgumentException crash = new IllegalArgumentException("worker crashed");
        assertSame(crash, assertThrows(IllegalArgumentException.class, () -> sends.run(endless, (item, send) -> {
            if (item == 50) {
                throw crash;
            }
            return item;
        }, 200, () -> true)));
        // The reader stopped with the run: no more than its read-ahead past the crash was taken from the source.
        int after = taken[0];
        assertTrue(after <= 51 + PacedSends.readAhead(200) + SETTINGS.maxConcurrency() + 1, after + " taken");
    }
}
