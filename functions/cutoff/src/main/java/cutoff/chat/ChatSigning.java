package cutoff.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures the chat services check. Both are HMAC-SHA256 over {@code timestamp + "\n" + secret}, Base64;
 * they differ in the key and the message, and in the timestamp's unit.
 */
public final class ChatSigning {
    private ChatSigning() {
    }

    /**
     * DingTalk's 加签 (open.dingtalk.com, custom robot security settings): {@code Base64(HmacSHA256(key = secret,
     * message = timestamp + "\n" + secret))}, then URL-encoded into the query as {@code &timestamp=<ms>&sign=<this>}.
     * DingTalk refuses it (310000) when the timestamp is more than an hour from its clock.
     *
     * @param timestampMillis milliseconds since the epoch (UTC)
     * @return the Base64 signature, not yet URL-encoded
     */
    public static String dingTalk(String secret, long timestampMillis) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Feishu's and Lark's 签名校验 (open.feishu.cn, custom bot guide): {@code Base64(HmacSHA256(key = timestamp + "\n" +
     * secret, message = empty))}, sent in the body as {@code "timestamp"} (seconds, a string) and {@code "sign"}. Feishu
     * refuses it (19021) when the timestamp is more than an hour from its clock.
     *
     * @param timestampSeconds seconds since the epoch (UTC)
     */
    public static String feishu(String secret, long timestampSeconds) {
        return hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    private static String hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
