package cutoff.office;

import cutoff.util.ApiKeys;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Office API keys and office ids. A key is {@code cutoff_} and 256 random bits in URL-safe base64 (50 characters in
 * all): the rules of every holder's keys ({@link ApiKeys}) with the offices' prefix. It is shown once, when made;
 * only its SHA-256 is stored, and a stored hash is compared in constant time.
 */
public final class OfficeKeys {
    /** What every key starts with. */
    public static final String PREFIX = "cutoff_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OfficeKeys() {
    }

    /** A new key, to show to the operator once. */
    public static String newKey() {
        return ApiKeys.newKey(PREFIX);
    }

    /** A new office id: {@code org_} (the stored ids' prefix, kept for stored data) and 80 random bits in hex. */
    public static String newOfficeId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "org_" + HexFormat.of().formatHex(bytes);
    }

    /** True when the text could be a key; a cheap check before a lookup. */
    public static boolean wellFormed(String key) {
        return ApiKeys.wellFormed(key, PREFIX);
    }

    /** True when the text could be an office id (what a path may name). */
    public static boolean wellFormedOfficeId(String id) {
        return id != null && id.matches("org_[0-9a-f]{20}");
    }

    /**
     * The key an {@code Authorization} header carries: {@code Bearer <key>} (RFC 6750 §2.1; the scheme in any
     * case), the key stripped of surrounding spaces; {@code null} for no header or another scheme. Whether
     * the key is well formed is {@link #wellFormed}'s.
     */
    public static String bearer(String authorization) {
        return ApiKeys.bearer(authorization);
    }

    /** The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String key) {
        return ApiKeys.hash(key);
    }

    /** Constant-time comparison of two stored hashes. */
    public static boolean sameHash(String a, String b) {
        return ApiKeys.sameHash(a, b);
    }
}
