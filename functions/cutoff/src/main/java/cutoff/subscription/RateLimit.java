package cutoff.subscription;

import cutoff.metrics.Metrics;
import cutoff.store.AbuseStore;
import cutoff.util.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The per-source limit on subscription requests: a token bucket per source ({@link SourceAddress}) of
 * {@link cutoff.app.Config#subscribeBurst()} requests, refilled at {@link cutoff.app.Config#subscribePerHour()} an hour, kept
 * in DynamoDB ({@link AbuseStore#take}) under an HMAC of the source with the deployment's secret, so the
 * table holds no address and the key cannot be reversed by trying every IPv4 address. Addresses are
 * never logged.
 */
public final class RateLimit {
    private final AbuseStore store;
    private final Clock clock;
    private final byte[] secret;
    private final int burst;
    private final Duration interval;
    private final Metrics metrics;

    /**
     * @param secret  the key of the HMAC over source addresses
     * @param burst   requests a quiet source may make at once, at least 1
     * @param perHour tokens added an hour, more than 0
     */
    public RateLimit(AbuseStore store, Clock clock, byte[] secret, int burst, double perHour, Metrics metrics) {
        this.store = store;
        this.clock = clock;
        this.secret = secret.clone();
        this.burst = burst;
        this.interval = Duration.ofMillis(Math.max(1, Math.round(3_600_000 / perHour)));
        this.metrics = metrics;
    }

    /**
     * Takes one request from the source's bucket.
     *
     * @param sourceIp API Gateway's {@code requestContext.http.sourceIp}, or the viewer's address when the request
     *                 provably came through the CDN; {@code null} when absent
     * @return empty when the request may go on; otherwise how long the source must wait (whole seconds, at least 1)
     */
    public Optional<Duration> admit(String sourceIp) {
        String key = Sha256.hmacHex(secret, "subscribe-source:" + SourceAddress.of(sourceIp));
        Optional<Duration> wait = store.take(key, clock.instant(), burst, interval)
                .map(d -> Duration.ofSeconds(Math.max(1, (d.toMillis() + 999) / 1000)));
        if (wait.isPresent()) {
            metrics.subscriptionRateLimited();
        }
        return wait;
    }
}
