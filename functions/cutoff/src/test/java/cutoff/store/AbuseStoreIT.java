package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.LocalDynamo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The abuse items under concurrent requests, against DynamoDB Local: conditional writes, so no race lets more through. */
class AbuseStoreIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final AbuseStore store = new AbuseStore(dynamo, LocalDynamo.newTable(dynamo));
    private static final Instant NOW = Instant.parse("2026-05-10T08:00:00Z");

    private static <T> List<T> atOnce(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void thirtyRequestsAtOnce_fromOneSource_takeNoMoreThanTheBurst() throws Exception {
        long allowed = atOnce(30, () -> store.take("source-a", NOW, 10, Duration.ofMinutes(15)).isEmpty())
                .stream().filter(b -> b).count();
        assertTrue(allowed >= 1 && allowed <= 10, "allowed " + allowed);
        // Whatever the race let through, the bucket holds no more than the burst from here on either.
        int more = 0;
        while (store.take("source-a", NOW, 10, Duration.ofMinutes(15)).isEmpty()) {
            more++;
        }
        assertEquals(10, allowed + more, "the burst, exactly, over the race and after it");
        Duration wait = store.take("source-a", NOW, 10, Duration.ofMinutes(15)).orElseThrow();
        assertEquals(Duration.ofMinutes(15), wait, "the next token, one interval away");
    }

    @Test
    void theDailyCount_letsExactlyTheCapThrough_underConcurrency_thenANewDayStartsAtZero() throws Exception {
        LocalDate day = LocalDate.of(2026, 5, 10);
        long counted = atOnce(20, () -> store.countEmail(day, 5)).stream().filter(b -> b).count();
        assertEquals(5, counted);
        assertTrue(!store.countEmail(day, 5));
        assertTrue(store.countEmail(day.plusDays(1), 5));
    }

    @Test
    void aChallengeIsUsedOnce_evenWhenPostedTwiceAtOnce() throws Exception {
        long first = atOnce(10, () -> store.useChallenge("nonce-1", NOW.plusSeconds(60))).stream().filter(b -> b).count();
        assertEquals(1, first);
    }
}
