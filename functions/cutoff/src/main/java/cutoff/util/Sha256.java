package cutoff.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4) of text, as lower-case hex: for notice ids, stored token hashes and ETags; and
 * HMAC-SHA256 (RFC 2104) for keys that must not be reversible by trying every input (source addresses).
 */
public final class Sha256 {
    private Sha256() {
    }

    /** The 64 hex digits of the SHA-256 of the text's UTF-8 bytes. */
    public static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The HMAC-SHA256 (RFC 2104) of the text's UTF-8 bytes under {@code key}: 32 bytes. */
    public static byte[] hmac(byte[] key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** {@link #hmac} as 64 lower-case hex digits. */
    public static String hmacHex(byte[] key, String text) {
        return HexFormat.of().formatHex(hmac(key, text));
    }
}
