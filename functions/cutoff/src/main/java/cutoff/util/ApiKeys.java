package cutoff.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer keys (RFC 6750) of every holder: a research office's ({@code cutoff_…}), an editor's ({@code cutoff_ed_…}).
 * A key is its holder's prefix and 256 random bits from {@link SecureRandom} in URL-safe base64 (43 characters; the
 * prefix lets secret scanners recognise a leaked one). It is shown once, when made; only its SHA-256 is stored, and
 * a stored hash is compared in constant time.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key with the holder's prefix, to show once. */
    public static String newKey(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the text could be a key made with that prefix; a cheap check before a lookup. */
    public static boolean wellFormed(String key, String prefix) {
        if (key == null || key.length() != prefix.length() + 43 || !key.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key an {@code Authorization} header carries: {@code Bearer <key>} (RFC 6750 §2.1; the scheme in any
     * case), stripped of surrounding spaces; {@code null} for no header or another scheme.
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
