package cutoff.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import cutoff.testing.ChatStandInPerClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sender against the chat stand-in, which checks what each real service checks and answers with its codes. */
class ChatStandInIT {
    @RegisterExtension
    static final ChatStandInPerClass CHAT = new ChatStandInPerClass();
    private static WebhookSender sender;

    @BeforeAll
    static void start() {
        sender = new WebhookSender(CHAT.get().endpoint(), Clock.systemUTC());
    }

    @Test
    void eachServicesPostArrives_signedWhereTheRobotSigns() throws Exception {
        CHAT.get().addRobot("wecom", "wecom-robot-1", null, 0);
        CHAT.get().addRobot("dingtalk", "dingrobot1", "SECding0123456789", 0);
        CHAT.get().addRobot("feishu", "feishu-robot-1", "feishuSecret1", 0);
        sender.post(ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-robot-1", null),
                new ChatPost("申报通知：标题", List.of("专题一：校内截止"), "查看", "https://cutoff.example/x"));
        sender.post(ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=dingrobot1", "SECding0123456789"),
                ChatPost.of("钉钉", List.of("一行")));
        sender.post(ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/feishu-robot-1", "feishuSecret1"),
                new ChatPost("飞书", List.of("一行"), "查看", "https://cutoff.example/x"));
        List<JsonNode> wecom = CHAT.get().messages("wecom-robot-1");
        assertEquals(1, wecom.size());
        assertTrue(wecom.get(0).get("text").asText().contains("专题一：校内截止"));
        assertEquals("钉钉", CHAT.get().messages("dingrobot1").get(0).get("title").asText());
        assertTrue(CHAT.get().messages("feishu-robot-1").get(0).get("text").asText().contains("https://cutoff.example/x"));
    }

    @Test
    void aWrongSecretIsABadSignature_anUnknownRobotIsUnknown() throws Exception {
        CHAT.get().addRobot("dingtalk", "dingrobot2", "SECright0123456789", 0);
        CHAT.get().addRobot("feishu", "feishu-robot-2", "rightSecret1", 0);
        for (ChatWebhook wrong : List.of(ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=dingrobot2", "SECwrong0123456789"),
                ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=dingrobot2", null),
                ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/feishu-robot-2", "wrongSecret1"))) {
            ChatSender.Refused r = assertThrows(ChatSender.Refused.class, () -> sender.post(wrong, ChatPost.of("t", List.of())));
            assertEquals(ChatSender.Reason.BAD_SIGNATURE, r.reason(), r.getMessage());
        }
        for (ChatWebhook unknown : List.of(ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=nobody-here", null),
                ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=nobodyhere", null),
                ChatWebhook.parse("https://open.larksuite.com/open-apis/bot/v2/hook/nobody-here", null))) {
            assertEquals(ChatSender.Reason.UNKNOWN_ROBOT,
                    assertThrows(ChatSender.Refused.class, () -> sender.post(unknown, ChatPost.of("t", List.of()))).reason());
        }
        assertEquals(0, CHAT.get().messages("dingrobot2").size());
    }

    @Test
    void pastTheRobotsRateItIsThrottled_andTakesPostsAgainAMinuteLater() throws Exception {
        CHAT.get().addRobot("wecom", "wecom-robot-3", null, 3);
        ChatWebhook robot = ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-robot-3", null);
        for (int i = 0; i < 3; i++) {
            sender.post(robot, ChatPost.of("n" + i, List.of()));
        }
        assertEquals("45009", assertThrows(ChatSender.Throttled.class, () -> sender.post(robot, ChatPost.of("n3", List.of()))).code());
        CHAT.get().advance(Duration.ofSeconds(61));
        sender.post(robot, ChatPost.of("n3", List.of()));
        assertEquals(4, CHAT.get().messages("wecom-robot-3").size());
    }

    @Test
    void anOversizedOrMalformedBodyIsRefusedWithTheServicesCode() throws Exception {
        CHAT.get().addRobot("wecom", "wecom-robot-4", null, 0);
        HttpClient http = HttpClient.newHttpClient();
        String big = "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"" + "字".repeat(1400) + "\"}}";
        for (String[] c : new String[][] {{big, "40058"}, {"{\"msgtype\":\"markdown\"}", "40035"}, {"not json", "40035"}}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(CHAT.get().endpoint() + "/cgi-bin/webhook/send?key=wecom-robot-4"))
                    .POST(HttpRequest.BodyPublishers.ofString(c[0])).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.body().contains("\"errcode\":" + c[1]), r.body());
        }
        assertEquals(0, CHAT.get().messages("wecom-robot-4").size());
    }
}
