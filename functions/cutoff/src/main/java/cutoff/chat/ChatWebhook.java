package cutoff.chat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group chat's robot: its service, its token and, when the robot signs, its secret. Made only from a webhook URL
 * that is exactly one of the services' own (see {@link #parse}); the URL itself is never kept, and a post goes to the
 * service's own base (or the stand-in's, {@code CHAT_ENDPOINT}) with this token, so nothing an office types can make the
 * service post anywhere else.
 *
 * @param service the chat service
 * @param token   the robot's token: WeCom's {@code key}, DingTalk's {@code access_token}, Feishu's last path segment
 * @param secret  the signing secret; {@code null} when the robot does not sign
 */
public record ChatWebhook(ChatService service, String token, String secret) {
    /** The longest webhook URL taken, in characters. */
    public static final int MAX_URL = 300;

    // The whole URL, as the chat apps give it: https, the host (any case: hosts are case-insensitive), no port, no
    // user info, the exact path, the token in URL-safe characters only (no percent-encoding: nothing to decode), and for
    // WeCom and DingTalk the one query parameter. Anything else (another host, an IP, '@', '%', '#', '\', a second
    // parameter) does not match.
    private static final Pattern WECOM = Pattern.compile("https://(?i:qyapi\\.weixin\\.qq\\.com)/cgi-bin/webhook/send\\?key=([A-Za-z0-9-]{8,64})");
    private static final Pattern DINGTALK = Pattern.compile("https://(?i:oapi\\.dingtalk\\.com)/robot/send\\?access_token=([A-Za-z0-9]{8,128})");
    private static final Pattern FEISHU = Pattern.compile("https://(?i:open\\.feishu\\.cn)/open-apis/bot/v2/hook/([A-Za-z0-9-]{8,64})");
    private static final Pattern LARK = Pattern.compile("https://(?i:open\\.larksuite\\.com)/open-apis/bot/v2/hook/([A-Za-z0-9-]{8,64})");
    /** A signing secret: DingTalk's {@code SEC…} (67 characters), Feishu's (about 22); printable base64-ish ASCII. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9+/=_-]{8,128}");

    public ChatWebhook {
        if (service == null || token == null) {
            throw new IllegalArgumentException("a robot needs its service and token");
        }
    }

    /**
     * The robot of a webhook URL copied from a chat app, with its secret.
     *
     * <p>Taken, and nothing else: {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>} (WeCom),
     * {@code https://oapi.dingtalk.com/robot/send?access_token=<token>} (DingTalk),
     * {@code https://open.feishu.cn/open-apis/bot/v2/hook/<token>} (Feishu) and
     * {@code https://open.larksuite.com/open-apis/bot/v2/hook/<token>} (Lark); surrounding spaces are ignored.
     *
     * @param secret the signing secret, or {@code null}/blank for none; refused for WeCom, whose robots do not sign
     * @throws BadWebhook naming the field ({@code webhook} or {@code secret}) with a sentence; it never quotes the
     *                    secret, and quotes no more of the URL than its service's host
     */
    public static ChatWebhook parse(String url, String secret) throws BadWebhook {
        if (url == null || url.isBlank()) {
            throw new BadWebhook("webhook", "webhook is required: the robot's webhook URL as the chat app shows it");
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            throw new BadWebhook("webhook", "webhook is at most " + MAX_URL + " characters");
        }
        ChatService service = null;
        String token = null;
        for (ChatService s : ChatService.values()) {
            Matcher m = pattern(s).matcher(u);
            if (m.matches()) {
                service = s;
                token = m.group(1);
                break;
            }
        }
        if (service == null) {
            throw new BadWebhook("webhook", "webhook must be a WeCom, DingTalk or Feishu/Lark robot's URL exactly as the app gives it: "
                    + "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…, https://oapi.dingtalk.com/robot/send?access_token=…, "
                    + "https://open.feishu.cn/open-apis/bot/v2/hook/… or https://open.larksuite.com/open-apis/bot/v2/hook/…");
        }
        String s = secret == null || secret.isBlank() ? null : secret.strip();
        if (s != null && !service.signs()) {
            throw new BadWebhook("secret", "secret: a WeCom robot does not sign its messages; leave it out");
        }
        if (s != null && !SECRET.matcher(s).matches()) {
            throw new BadWebhook("secret", "secret must be the robot's signing secret as the app shows it (8 to 128 letters, digits or +/=_-)");
        }
        return new ChatWebhook(service, token, s);
    }

    private static Pattern pattern(ChatService s) {
        return switch (s) {
            case WECOM -> WECOM;
            case DINGTALK -> DINGTALK;
            case FEISHU -> FEISHU;
            case LARK -> LARK;
        };
    }

    /** The token as a person may see it: its first four characters and its length, never the whole. */
    public String maskedToken() {
        return mask(token);
    }

    /** {@code abcd…(64)}: enough to tell two robots apart, not enough to post. */
    public static String mask(String value) {
        return value.substring(0, Math.min(4, value.length())) + "…(" + value.length() + ")";
    }

    /** The record's text without the token or secret (a record's own would print them). */
    @Override
    public String toString() {
        return "ChatWebhook[" + service.id() + ", " + maskedToken() + ", secret " + (secret == null ? "none" : "set") + "]";
    }

    /** The service's name for people: {@code WeCom}, {@code DingTalk}, {@code Feishu}, {@code Lark}. */
    public String serviceName() {
        String id = service.id();
        return switch (service) {
            case WECOM -> "WeCom";
            case DINGTALK -> "DingTalk";
            default -> id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
        };
    }

    /** A webhook URL or secret not taken, with the field it is about. */
    public static final class BadWebhook extends Exception {
        private final String field;

        public BadWebhook(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code webhook} or {@code secret}. */
        public String field() {
            return field;
        }
    }
}
