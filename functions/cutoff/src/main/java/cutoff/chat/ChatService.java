package cutoff.chat;

import java.time.Duration;

/**
 * The group-chat services an office can connect, with what each documents about its webhook.
 *
 * <ul>
 *   <li><b>WeCom</b> group robot (企业微信群机器人, developer.work.weixin.qq.com/document/path/91770):
 *       {@code POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>}, JSON {@code {"msgtype":"markdown",
 *       "markdown":{"content"}}}, the content at most 4096 bytes of UTF-8; at most 20 messages a minute per robot. No
 *       signature (the key is the secret). Answers HTTP 200 with {@code {"errcode","errmsg"}}: 0 ok, 93000 "invalid
 *       webhook url" (robot removed or key wrong), 45009 "api freq out of limit", 40058 "markdown.content exceed max
 *       length 4096", -1 system busy.</li>
 *   <li><b>DingTalk</b> custom robot (钉钉自定义机器人, open.dingtalk.com/document/group/custom-robot-access):
 *       {@code POST https://oapi.dingtalk.com/robot/send?access_token=<token>}, optionally {@code &timestamp=<ms>&sign=<s>}
 *       when the robot's security setting is 加签 (signing; {@link ChatSigning#dingTalk}); the timestamp within an hour of
 *       DingTalk's clock; JSON {@code {"msgtype":"markdown","markdown":{"title","text"}}}; at most 20 messages a minute
 *       per robot, past which it is throttled for 10 minutes. Answers {@code {"errcode","errmsg"}}: 0 ok, 300001 "token
 *       is not exist", 310000 "sign not match" / "invalid timestamp" / keywords or IP not allowed, 130101 "send too
 *       fast, exceed 20 times per minute", -1 busy. DingTalk's own cap on a message's size is not in the pages we
 *       could check; posts keep to WeCom's 4096 bytes, the smallest documented.</li>
 *   <li><b>Feishu</b> custom bot (飞书自定义机器人, open.feishu.cn/document/client-docs/bot-v3/add-custom-bot) and its
 *       international twin <b>Lark</b> ({@code open.larksuite.com}): {@code POST https://open.feishu.cn/open-apis/bot/v2/hook/<token>},
 *       JSON {@code {"msg_type":"post","content":{"post":{…}}}} with {@code "timestamp"} (seconds) and {@code "sign"}
 *       in the body when signing is on ({@link ChatSigning#feishu}; within an hour); at most 100 requests a minute and
 *       5 a second per bot; the body at most 20 KB. Answers {@code {"code","msg"}}: 0 ok, 19021 "sign match fail or
 *       timestamp is not within one hour", 19001 "param invalid: incoming webhook access token invalid", 11232 and
 *       HTTP 429 rate limits, 19024 keywords not found.</li>
 * </ul>
 *
 * @see ChatWebhook#parse for the URL forms taken
 */
public enum ChatService {
    WECOM("wecom", "https://qyapi.weixin.qq.com", 20, false, 4096),
    DINGTALK("dingtalk", "https://oapi.dingtalk.com", 20, true, 4096),
    FEISHU("feishu", "https://open.feishu.cn", 100, true, 20 * 1024),
    LARK("lark", "https://open.larksuite.com", 100, true, 20 * 1024);

    private final String id;
    private final String base;
    private final int perMinute;
    private final boolean signs;
    private final int maxBytes;

    ChatService(String id, String base, int perMinute, boolean signs, int maxBytes) {
        this.id = id;
        this.base = base;
        this.perMinute = perMinute;
        this.signs = signs;
        this.maxBytes = maxBytes;
    }

    /** The stored and JSON name: {@code wecom}, {@code dingtalk}, {@code feishu}, {@code lark}. */
    public String id() {
        return id;
    }

    /** The service's own https origin, no trailing slash. */
    public String base() {
        return base;
    }

    /** Messages a minute one robot may post. */
    public int perMinute() {
        return perMinute;
    }

    /** The least time between two posts to one robot that stays within {@link #perMinute()}, rounded up to the millisecond. */
    public Duration spacing() {
        return Duration.ofMillis((60_000 + perMinute - 1) / perMinute);
    }

    /** True when the robot may be set to check a signature (DingTalk 加签, Feishu/Lark 签名校验). */
    public boolean signs() {
        return signs;
    }

    /** The most bytes a post may take: WeCom's markdown content; Feishu's whole request body. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The path and query of a post to a robot, after {@link #base()} (or a stand-in's base).
     *
     * @param token the robot's token, as {@link ChatWebhook} checked it (URL-safe characters only)
     */
    public String path(String token) {
        return switch (this) {
            case WECOM -> "/cgi-bin/webhook/send?key=" + token;
            case DINGTALK -> "/robot/send?access_token=" + token;
            case FEISHU, LARK -> "/open-apis/bot/v2/hook/" + token;
        };
    }

    /** The service of a stored or JSON name. */
    public static java.util.Optional<ChatService> of(String id) {
        for (ChatService s : values()) {
            if (s.id.equals(id)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
