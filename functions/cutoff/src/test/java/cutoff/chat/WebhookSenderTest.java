package cutoff.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What each service's answer means, and that a redirect is never followed. */
class WebhookSenderTest {
    private static ChatWebhook robot(ChatService s) throws Exception {
        return switch (s) {
            case WECOM -> ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh-1234", null);
            case DINGTALK -> ChatWebhook.parse("https://oapi.dingtalk.com/robot/send?access_token=abcdefgh1234", "SECabcdefgh");
            case FEISHU -> ChatWebhook.parse("https://open.feishu.cn/open-apis/bot/v2/hook/abcdefgh-1234", "secret1234");
            case LARK -> ChatWebhook.parse("https://open.larksuite.com/open-apis/bot/v2/hook/abcdefgh-1234", null);
        };
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachServicesCodesMeanSent_throttledOrRefusedWithAReason() throws Exception {
        WebhookSender.judge(robot(ChatService.WECOM), 200, b("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        WebhookSender.judge(robot(ChatService.FEISHU), 200, b("{\"code\":0,\"data\":{},\"msg\":\"success\"}"));
        WebhookSender.judge(robot(ChatService.LARK), 200, b("{\"StatusCode\":0,\"StatusMessage\":\"success\"}"));
        for (String throttled : List.of("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}",
                "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", "{\"errcode\":-1,\"errmsg\":\"busy\"}", "{\"code\":11232,\"msg\":\"limit\"}")) {
            assertThrows(ChatSender.Throttled.class, () -> WebhookSender.judge(robot(ChatService.DINGTALK), 200, b(throttled)), throttled);
        }
        for (int status : new int[] {429, 500, 502, 503}) {
            assertThrows(ChatSender.Throttled.class, () -> WebhookSender.judge(robot(ChatService.FEISHU), status, b("<html>")));
        }
        record Case(ChatService s, String answer, ChatSender.Reason reason) { }
        for (Case c : List.of(new Case(ChatService.WECOM, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", ChatSender.Reason.UNKNOWN_ROBOT),
                new Case(ChatService.DINGTALK, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}", ChatSender.Reason.UNKNOWN_ROBOT),
                new Case(ChatService.DINGTALK, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", ChatSender.Reason.BAD_SIGNATURE),
                new Case(ChatService.DINGTALK, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}", ChatSender.Reason.NOT_ALLOWED),
                new Case(ChatService.FEISHU, "{\"code\":19021,\"msg\":\"sign match fail\"}", ChatSender.Reason.BAD_SIGNATURE),
                new Case(ChatService.FEISHU, "{\"code\":19001,\"msg\":\"param invalid\"}", ChatSender.Reason.UNKNOWN_ROBOT),
                new Case(ChatService.WECOM, "{\"errcode\":40058,\"errmsg\":\"too long\"}", ChatSender.Reason.OTHER),
                new Case(ChatService.WECOM, "not json", ChatSender.Reason.OTHER))) {
            ChatSender.Refused r = assertThrows(ChatSender.Refused.class, () -> WebhookSender.judge(robot(c.s()), 200, b(c.answer())));
            assertEquals(c.reason(), r.reason(), c.answer());
            assertFalse(r.getMessage().contains("abcdefgh"), r.getMessage());
        }
    }

    @Test
    void aRedirectIsRefused_andItsTargetNeverReached() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", x -> {
            reached.incrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        HttpServer redirect = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String to = "http://127.0.0.1:" + target.getAddress().getPort() + "/stolen";
        redirect.createContext("/", x -> {
            x.getResponseHeaders().add("Location", to);
            x.sendResponseHeaders(307, -1);
            x.close();
        });
        target.start();
        redirect.start();
        try {
            WebhookSender sender = new WebhookSender("http://127.0.0.1:" + redirect.getAddress().getPort(), Clock.systemUTC());
            for (ChatService s : ChatService.values()) {
                ChatSender.Refused r = assertThrows(ChatSender.Refused.class, () -> sender.post(robot(s), ChatPost.of("t", List.of("l"))));
                assertEquals("307", r.code());
            }
            assertEquals(0, reached.get());
        } finally {
            redirect.stop(0);
            target.stop(0);
        }
    }

    @Test
    void noAnswerIsThrottled_andTheMessageNamesNoToken() throws Exception {
        WebhookSender sender = new WebhookSender("http://127.0.0.1:1", Clock.systemUTC());
        ChatSender.Throttled t = assertThrows(ChatSender.Throttled.class, () -> sender.post(robot(ChatService.WECOM), ChatPost.of("t", List.of())));
        assertFalse(t.getMessage().contains("abcdefgh"), t.getMessage());
    }
}
