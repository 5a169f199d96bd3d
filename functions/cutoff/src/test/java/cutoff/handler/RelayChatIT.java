package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.officeservice.Offices;
import cutoff.testing.ChatStandInPerClass;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A research office's relay told to its group chat (issue 19), through {@link NoticeUploadHandler} and the dispatcher
 * run, on DynamoDB Local and the chat stand-in: published → one post; published again unchanged → none; with its date
 * moved → one "changed" post; reminders at the staff emails' leads before the office's date, moved with it; withdrawn →
 * one post and no reminder after. Another office's chat hears nothing.
 */
class RelayChatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ChatStandInPerClass CHAT = new ChatStandInPerClass();
    private static TestStack stack;
    private static NoticeUploadHandler api;
    private static DispatchHandler dispatcher;
    private static Offices.Created a;
    private static Offices.Created b;

    @BeforeAll
    static void start() {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"), c -> c.withChatEndpoint(CHAT.get().endpoint()));
        api = new NoticeUploadHandler(stack.wiring());
        dispatcher = new DispatchHandler(stack.dispatcher(), null, stack.wiring().chatPosts());
        a = stack.wiring().offices().create("甲大学科研处", List.of("example.edu.cn"));
        b = stack.wiring().offices().create("乙大学科研处", List.of("other.edu.cn"));
        CHAT.get().addRobot("dingtalk", "relayrobota", "SECrelayrobotsecret0", 0);
        CHAT.get().addRobot("wecom", "relay-robot-b", null, 0);
        OfficeHandler offices = new OfficeHandler(stack.wiring());
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + a.office().id() + "/chat", a.apiKey(), "application/json",
                "{\"webhook\":\"https://oapi.dingtalk.com/robot/send?access_token=relayrobota\",\"secret\":\"SECrelayrobotsecret0\"}"), null).getStatusCode());
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + b.office().id() + "/chat", b.apiKey(), "application/json",
                "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=relay-robot-b\"}"), null).getStatusCode());
    }

    /** A relay's text with a cutoff and an office date ({@code 2026年6月20日16:30}). */
    static String notice(String cutoff, String officeDate) {
        return String.join("\n", "关于组织申报示例群聊项目的通知", "示群〔2026〕5号", "各有关单位：", "一、申报要求", "网上申报截止时间为" + cutoff + "。",
                "请于" + officeDate + "前将申报材料报送科研处。", "示例科学技术委员会", "2026年5月8日", "");
    }

    static APIGatewayV2HTTPEvent by(Offices.Created office, APIGatewayV2HTTPEvent e) {
        e.getRequestContext().getAuthorizer().setLambda(new HashMap<>(Map.of(OfficeAuthorizer.OFFICE_ID, office.office().id())));
        return e;
    }

    /** Uploads and publishes a relay as an office; the answer's JSON. */
    static JsonNode relay(NoticeUploadHandler api, Offices.Created office, String text) throws Exception {
        APIGatewayV2HTTPEvent up = Project.event("notice-upload.json");
        up.setBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        APIGatewayV2HTTPResponse created = api.handleRequest(by(office, up), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String draft = created.getHeaders().get("Location").substring("/notices/drafts/".length());
        APIGatewayV2HTTPEvent publish = Project.event("notice-draft-publish.json");
        publish.setPathParameters(Map.of("draftId", draft));
        APIGatewayV2HTTPResponse published = api.handleRequest(by(office, publish), null);
        assertEquals(200, published.getStatusCode(), published.getBody());
        return JSON.readTree(published.getBody());
    }

    private static List<String> titles(String token) {
        return CHAT.get().messages(token).stream().map(m -> m.get("title").asText()).toList();
    }

    private static void run() {
        Map<String, Object> out = dispatcher.handleRequest(Map.of(), null);
        assertEquals(0, out.get("chatFailed"), out.toString());
    }

    @Test
    void aRelayIsToldToItsOfficesChat_publishedChangedRemindedAndWithdrawn_andToNoOtherChat() throws Exception {
        JsonNode first = relay(api, a, notice("2026年6月20日16:30", "2026年6月12日17:00"));
        String relayId = first.get("noticeId").asText();
        run();
        assertEquals(1, titles("relayrobota").size(), titles("relayrobota").toString());
        String text = CHAT.get().messages("relayrobota").get(0).get("text").asText();
        assertTrue(titles("relayrobota").get(0).startsWith("申报通知："), text);
        assertTrue(text.contains("校内截止 2026-06-12 17:00 北京时间") && text.contains("正式截止 2026-06-20 16:30 北京时间"), text);

        relay(api, a, notice("2026年6月20日16:30", "2026年6月12日17:00"));
        run();
        assertEquals(1, titles("relayrobota").size(), "published again unchanged: nothing new");

        relay(api, a, notice("2026年6月20日16:30", "2026年6月13日17:00"));
        run();
        assertEquals(2, titles("relayrobota").size());
        String changed = CHAT.get().messages("relayrobota").get(1).get("text").asText();
        assertTrue(titles("relayrobota").get(1).startsWith("时间变更：") && changed.contains("2026-06-13 17:00") && changed.contains("原：2026-06-12 17:00"),
                changed);

        // Seven days before the office's (moved) date: one reminder; none for the old date's leads.
        stack.clock.set(Instant.parse("2026-06-06T08:59:00Z"));
        run();
        assertEquals(2, titles("relayrobota").size(), "not yet due");
        stack.clock.set(Instant.parse("2026-06-06T09:00:00Z"));
        run();
        assertEquals(3, titles("relayrobota").size(), titles("relayrobota").toString());
        assertTrue(CHAT.get().messages("relayrobota").get(2).get("text").asText().contains("提前7天"));

        APIGatewayV2HTTPEvent withdraw = Project.event("notice-withdraw.json");
        withdraw.setPathParameters(Map.of("noticeId", relayId));
        withdraw.setRawPath("/notices/" + relayId + "/withdraw");
        assertEquals(200, api.handleRequest(by(a, withdraw), null).getStatusCode());
        run();
        assertEquals(4, titles("relayrobota").size());
        assertTrue(titles("relayrobota").get(3).startsWith("已撤回："), titles("relayrobota").toString());
        stack.clock.set(Instant.parse("2026-06-13T09:00:00Z"));
        run();
        assertEquals(4, titles("relayrobota").size(), "a withdrawn relay's reminders are gone");
        assertEquals(List.of(), titles("relay-robot-b"), "another office's chat hears nothing");
    }

    @Test
    void aRelayWithoutATitleOrTopicName_isToldByItsDocumentNumber_neverNullAndNeverLost() throws Exception {
        Offices.Created c = stack.wiring().offices().create("丙大学科研处", List.of("third.edu.cn"));
        CHAT.get().addRobot("wecom", "relay-robot-c", null, 0);
        assertEquals(200, new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("PUT", "/orgs/" + c.office().id() + "/chat",
                c.apiKey(), "application/json", "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=relay-robot-c\"}"),
                null).getStatusCode());
        // No title line (关于…的通知) and one topic without a name: the reading has the document number alone.
        JsonNode published = relay(api, c, String.join("\n", "示群〔2026〕6号", "各有关单位：", "网上申报截止时间为2027年3月5日16:30。",
                "请于2027年2月26日17:00前将申报材料报送科研处。", "示例科学技术委员会", "2026年5月8日", ""));
        assertTrue(published.get("chatPostsQueued").asInt() >= 1, published.toString());
        run();
        assertEquals(1, titles("relay-robot-c").size(), titles("relay-robot-c").toString());
        String text = CHAT.get().messages("relay-robot-c").get(0).get("text").asText();
        assertTrue(titles("relay-robot-c").get(0).contains("示群〔2026〕6号"), titles("relay-robot-c").toString());
        assertFalse(text.contains("null"), text);
        assertTrue(text.contains("校内截止 2027-02-26 17:00 北京时间"), text);
    }
}
