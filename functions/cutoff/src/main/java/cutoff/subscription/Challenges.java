package cutoff.subscription;

import cutoff.store.AbuseStore;
import cutoff.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional proof-of-work asked of a subscription request (hashcash-style; no third-party service).
 * A challenge is {@code <expires epoch s>.<bits>.<nonce>.<mac>}: a random nonce and its expiry, signed
 * with HMAC-SHA256 under the deployment's secret, so the server keeps nothing when it issues one. A
 * solution is a string of up to 32 letters or digits such that SHA-256 of
 * {@code "<challenge>:<solution>"} (UTF-8) starts with {@code bits} zero bits (the page's script finds
 * one: about 2^bits hashes). A solved challenge works once (a conditional put of its nonce, kept until it
 * would have expired) and for {@link #VALIDITY}.
 *
 * <p>{@link cutoff.app.Config#challengeBits()} 0 turns it off: requests need no challenge.
 */
public final class Challenges {
    /** How long a challenge may be solved and used: long enough to fill in the form at leisure. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,12})\\.(\\d{1,2})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern SOLUTION = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What was wrong with a request's challenge. */
    public enum Verdict {
        /** Solved, in time, first use. */
        OK,
        /** No challenge or no solution in the request. */
        MISSING,
        /** Not a challenge this service issued (malformed, or its signature does not hold). */
        FORGED,
        /** Issued more than {@link #VALIDITY} ago. */
        EXPIRED,
        /** The solution does not give the leading zero bits asked for. */
        UNSOLVED,
        /** Solved and used before: a replay. */
        USED
    }

    /** A challenge to hand out: the token, the zero bits asked for, and when it stops working. */
    public record Challenge(String token, int bits, Instant expiresAt) {
    }

    private final AbuseStore store;
    private final Clock clock;
    private final byte[] secret;
    private final int bits;

    /** @param bits leading zero bits asked for; 0 for no challenge */
    public Challenges(AbuseStore store, Clock clock, byte[] secret, int bits) {
        this.store = store;
        this.clock = clock;
        this.secret = secret.clone();
        this.bits = bits;
    }

    /** True when requests must carry a solved challenge. */
    public boolean required() {
        return bits > 0;
    }

    /** A new challenge (no I/O). */
    public Challenge issue() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Instant expires = clock.instant().plus(VALIDITY);
        String body = expires.getEpochSecond() + "." + bits + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return new Challenge(body + "." + mac(body), bits, Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    /**
     * Checks a request's challenge and solution; {@link Verdict#OK} uses the challenge up (one
     * conditional {@code PutItem}), after every other check has passed.
     */
    public Verdict check(String token, String solution) {
        if (token == null || token.isBlank() || solution == null || solution.isBlank()) {
            return Verdict.MISSING;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Verdict.FORGED;
        }
        String body = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(m.group(1)));
        if (!clock.instant().isBefore(expires)) {
            return Verdict.EXPIRED;
        }
        // A challenge issued before the difficulty was raised is not enough afterwards.
        int asked = Math.max(bits, Integer.parseInt(m.group(2)));
        if (!SOLUTION.matcher(solution).matches() || !solves(token, solution, asked)) {
            return Verdict.UNSOLVED;
        }
        return store.useChallenge(m.group(3), expires) ? Verdict.OK : Verdict.USED;
    }

    /**
     * Solves a challenge as the page's script does (base-36 counters from 0): for clients such as
     * {@code ./cutoff smoke}. About 2^bits hashes.
     */
    public static String solve(String token, int bits) {
        for (long n = 0; ; n++) {
            String s = Long.toString(n, 36);
            if (solves(token, s, bits)) {
                return s;
            }
        }
    }

    /** True when SHA-256 of {@code "<token>:<solution>"} starts with {@code bits} zero bits. */
    static boolean solves(String token, String solution, int bits) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest((token + ":" + solution).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < bits; i++) {
            if ((h[i / 8] & (0x80 >>> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private String mac(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.hmac(secret, "challenge:v1:" + body));
    }
}
