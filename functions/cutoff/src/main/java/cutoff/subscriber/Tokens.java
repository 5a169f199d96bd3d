package cutoff.subscriber;

import cutoff.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Access tokens: 256 random bits from {@link SecureRandom}, URL-safe base64 (43 characters). Only
 * their SHA-256 is stored; a presented token is hashed and looked up, and the stored hash is compared
 * with {@link MessageDigest#isEqual} (constant time). Tokens never appear in logs.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 256 bits: well over the 128 the design asks for. */
    static final int BYTES = 32;

    private Tokens() {
    }

    /** A new token, to hand to the person once (in a URL or an email). */
    public static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form: lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** Constant-time comparison of two stored hashes. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the text could be a token (43 URL-safe base64 characters); cheap check before a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
