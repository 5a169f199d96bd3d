package cutoff.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The signatures against values computed apart (Python's {@code hmac}, following each service's documented recipe:
 * DingTalk {@code HmacSHA256(key=secret, msg=ts+"\n"+secret)}, Feishu {@code HmacSHA256(key=ts+"\n"+secret, msg="")});
 * the chat stand-in checks them again with Node's crypto ({@code ChatStandInIT}).
 */
class ChatSigningTest {
    @Test
    void dingTalkSignsTheTimestampAndSecretWithTheSecret() {
        assertEquals("figG6qqCA/lRh0hsGCW2zNtNV5znkAFut5BI0zKhqnQ=", ChatSigning.dingTalk("SECexample0123456789", 1_700_000_000_000L));
        assertNotEquals(ChatSigning.dingTalk("SECexample0123456789", 1_700_000_000_000L),
                ChatSigning.dingTalk("SECexample0123456789", 1_700_000_000_001L));
    }

    @Test
    void feishuSignsNothingWithTheTimestampAndSecret() {
        assertEquals("tulHGl2j4o2PLQylAxtkD3cy7/gqqbQaKrgnCRNPblc=", ChatSigning.feishu("feishuSecret123", 1_700_000_000L));
    }

    @Test
    void dingTalksSignatureGoesURLEncodedIntoTheQuery_FeishusIntoTheBody() throws Exception {
        long now = 1_700_000_000_000L;
        ChatWebhook ding = ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789", "SECexample0123456789");
        String query = new WebhookSender(null, java.time.Clock.systemUTC()).uri(ding, now).getRawQuery();
        assertTrue(query.startsWith("access_token=abcdef0123456789&timestamp=1700000000000&sign="), query);
        String sign = query.substring(query.indexOf("&sign=") + 6);
        assertEquals("figG6qqCA/lRh0hsGCW2zNtNV5znkAFut5BI0zKhqnQ=", URLDecoder.decode(sign, StandardCharsets.UTF_8));
        assertTrue(!sign.contains("+") && !sign.contains("/") && !sign.contains("="), sign);
        ChatWebhook fei = ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/abcdef0123456789", "feishuSecret123");
        String body = WebhookSender.body(fei, ChatPost.of("t", java.util.List.of("l")), now);
        assertTrue(body.startsWith("{\"timestamp\":\"1700000000\",\"sign\":\"tulHGl2j4o2PLQylAxtkD3cy7/gqqbQaKrgnCRNPblc=\""), body);
    }
}
