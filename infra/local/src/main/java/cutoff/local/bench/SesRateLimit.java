package cutoff.local.bench;

import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for SES's own rate limit in front of a sender (aws-ses-v2-local has none): a token bucket of
 * one second's worth at {@code maxSendRate}; a send without a token is throttled as SES throttles it
 * ({@link MailSender.ThrottledException}). Counts the throttles and the first and last accepted send.
 */
final class SesRateLimit implements MailSender {
    private final MailSender ses;
    private final double maxSendRate;
    final AtomicInteger throttles = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicLong firstSend = new AtomicLong();
    final AtomicLong lastSend = new AtomicLong();
    /** Nanoseconds in the sender's calls (the SES stand-in), start to answer. */
    final AtomicLong sesNanos = new AtomicLong();
    /** When each accepted send took its token: System.nanoTime() and System.currentTimeMillis(). */
    private final java.util.List<long[]> acceptedAt = new java.util.ArrayList<>();
    private double tokens;
    private long last = System.nanoTime();

    /** @param maxSendRate messages per second */
    SesRateLimit(MailSender ses, double maxSendRate) {
        this.ses = ses;
        this.maxSendRate = maxSendRate;
        this.tokens = maxSendRate;
    }

    /** Takes a token, or says SES would throttle. Only this is under the lock; the send is not. */
    private synchronized boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(maxSendRate, tokens + (now - last) / 1e9 * maxSendRate);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        firstSend.compareAndSet(0, now);
        acceptedAt.add(new long[] {now, System.currentTimeMillis()});
        lastSend.accumulateAndGet(now, Math::max);
        return true;
    }

    @Override
    public String send(OutgoingEmail email) throws ThrottledException, RejectedException, AccountStoppedException {
        if (!take()) {
            throttles.incrementAndGet();
            throw new ThrottledException("Maximum sending rate exceeded.", null);
        }
        long s0 = System.nanoTime();
        String id;
        try {
            id = ses.send(email);
        } finally {
            sesNanos.addAndGet(System.nanoTime() - s0);
        }
        accepted.incrementAndGet();
        return id;
    }

    /** The most accepted sends within any span [t, t + 1 s), as taken here. */
    synchronized int mostInAnySecond() {
        int most = 0;
        for (int i = 0, j = 0; i < acceptedAt.size(); i++) {
            while (acceptedAt.get(i)[0] - acceptedAt.get(j)[0] >= 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    /** The most accepted sends in one second of the wall clock (SES's own count, if it counts by the clock's second). */
    synchronized int mostInAClockSecond() {
        java.util.Map<Long, Integer> bySecond = new java.util.HashMap<>();
        for (long[] a : acceptedAt) {
            bySecond.merge(Math.floorDiv(a[1], 1000), 1, Integer::sum);
        }
        return bySecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Sends a second between the first and the last accepted send ({@code sent} of them); 0 for fewer than 2. */
    double sendingRate(int sent) {
        return sent > 1 ? (sent - 1) / ((lastSend.get() - firstSend.get()) / 1e9) : 0;
    }
}
