package cutoff.office;

import cutoff.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Office API keys and office ids. A key is {@code cutoff_} and 256 random bits from {@link SecureRandom}
 * in URL-safe base64 (50 characters in all; the prefix lets secret scanners recognise a leaked one). It is
 * shown once, when made; only its SHA-256 is stored, and a stored hash is compared in constant time.
 */
public final class OfficeKeys {
    /** What every key starts with. */
    public static final String PREFIX = "cutoff_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OfficeKeys() {
    }

    /** A new key, to show to the operator once. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new office id: {@code org_} (the stored ids' prefix, kept for stored data) and 80 random bits in hex. */
    public static String newOfficeId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "org_" + HexFormat.of().formatHex(bytes);
    }

    /** True when the text could be a key; a cheap check before a lookup. */
    public static boolean wellFormed(String key) {
        if (key == null || key.length() != PREFIX.length() + 43 || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
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
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String key) {
        return Sha256.hex(key);
    }

    /** Constant-time comparison of two stored hashes. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
