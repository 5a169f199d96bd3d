package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.dispatch.ChatPosts;
import cutoff.officeservice.Offices;
import cutoff.store.ChatStore;
import cutoff.testing.ChatStandInPerClass;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reminders of an office's internal deadlines on a public topic its staff follow, in its group chat: queued when the
 * office sets its rule, posted by the dispatcher run once due (not before), once; moved when the rule changes.
 */
class InternalDeadlineChatIT {
    @RegisterExtension
    static final ChatStandInPerClass CHAT = new ChatStandInPerClass();

    @Test
    void anInternalDeadlineOnAFollowedTopicIsRemindedInTheChat_atTheLeads_andMovesWithTheRule() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"), c -> c.withChatEndpoint(CHAT.get().endpoint())).withShippedNotices();
        Offices.Created office = stack.wiring().offices().create("己大学科研处", List.of("example.edu.cn"));
        OfficeHandler api = new OfficeHandler(stack.wiring());
        String path = "/orgs/" + office.office().id();
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", path + "/staff", office.apiKey(), "text/csv",
                OfficeApiIT.HEADER + TestStack.address("chat-staff") + ",,," + OfficeApiIT.T1 + ",zh,P1D\r\n"), null).getStatusCode());
        DispatchHandler dispatcher = new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000), stack.wiring().chatPosts());
        dispatcher.handleRequest(Map.of(), null);
        CHAT.get().addRobot("wecom", "internal-robot-1", null, 0);
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", path + "/chat", office.apiKey(), "application/json",
                "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=internal-robot-1\"}"), null).getStatusCode());
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        assertTrue(store.due(Instant.parse("2100-01-01T00:00:00Z"), 100).isEmpty(), "no internal deadline yet: nothing queued");

        APIGatewayV2HTTPResponse rule = api.handleRequest(OfficeApiIT.request("PUT", path + "/internal-deadlines", office.apiKey(),
                "application/json", "{\"before\":\"P3D\",\"at\":\"16:30\"}"), null);
        assertEquals(200, rule.getStatusCode(), rule.getBody());
        List<ChatStore.Queued> queued = store.due(Instant.parse("2100-01-01T00:00:00Z"), 100);
        assertFalse(queued.isEmpty(), "reminders queued at the leads");
        Instant first = queued.get(0).dueAt();

        // Moved a day earlier: the reminders move with it (none left at the old times).
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", path + "/internal-deadlines", office.apiKey(),
                "application/json", "{\"before\":\"P4D\",\"at\":\"16:30\"}"), null).getStatusCode());
        List<ChatStore.Queued> moved = store.due(Instant.parse("2100-01-01T00:00:00Z"), 100);
        assertEquals(queued.size(), moved.size());
        assertEquals(first.minus(java.time.Duration.ofDays(1)), moved.get(0).dueAt());

        stack.clock.set(moved.get(0).dueAt().minusSeconds(60));
        dispatcher.handleRequest(Map.of(), null);
        assertEquals(0, CHAT.get().messages("internal-robot-1").size(), "not yet due");
        stack.clock.set(moved.get(0).dueAt());
        Map<String, Object> out = dispatcher.handleRequest(Map.of(), null);
        assertEquals(1, out.get("chatPosted"), out.toString());
        String text = CHAT.get().messages("internal-robot-1").get(0).get("text").asText();
        assertTrue(text.contains("即将截止") && text.contains("校内截止") && text.contains("/calls/" + OfficeApiIT.T1), text);
        dispatcher.handleRequest(Map.of(), null);
        assertEquals(1, CHAT.get().messages("internal-robot-1").size(), "posted once");
        ChatPosts.Report none = stack.wiring().chatPosts().run("again", () -> true);
        assertEquals(0, none.sent());
    }

    @Test
    void aNewCallTheStaffFollowIsPostedOnce_andConnectingPostsNoBacklog() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"), c -> c.withChatEndpoint(CHAT.get().endpoint()));
        stack.wiring().ingestion().ingest(cutoff.testing.Project.shippedNotice("2023-4-82277d"));
        Offices.Created office = stack.wiring().offices().create("庚大学科研处", List.of("example.edu.cn"));
        OfficeHandler api = new OfficeHandler(stack.wiring());
        String path = "/orgs/" + office.office().id();
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", path + "/staff", office.apiKey(), "text/csv",
                OfficeApiIT.HEADER + TestStack.address("chat-all") + ",,,all,zh,P1D\r\n"), null).getStatusCode());
        DispatchHandler dispatcher = new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000), stack.wiring().chatPosts());
        dispatcher.handleRequest(Map.of(), null);
        CHAT.get().addRobot("feishu", "new-call-robot", null, 0);
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", path + "/chat", office.apiKey(), "application/json",
                "{\"webhook\":\"https://open.feishu.cn/open-apis/bot/v2/hook/new-call-robot\"}"), null).getStatusCode());
        dispatcher.handleRequest(Map.of(), null);
        assertEquals(List.of(), CHAT.get().messages("new-call-robot"), "connecting posts no backlog");

        cutoff.notice.Notice sh2026 = cutoff.testing.Project.shippedNotice("2026-8-304af3");
        stack.wiring().ingestion().ingest(sh2026);
        stack.clock.advance(java.time.Duration.ofHours(2));
        dispatcher.handleRequest(Map.of(), null);
        List<String> titles = CHAT.get().messages("new-call-robot").stream().map(m -> m.get("title").asText()).toList();
        assertEquals(sh2026.topics().size(), titles.size(), titles.toString());
        assertTrue(titles.stream().allMatch(t -> t.startsWith("新申报通知：")), titles.toString());
        assertTrue(CHAT.get().messages("new-call-robot").get(0).get("text").asText().contains("/calls/" + sh2026.topics().get(0).id()));
        stack.clock.advance(java.time.Duration.ofHours(2));
        dispatcher.handleRequest(Map.of(), null);
        assertEquals(titles.size(), CHAT.get().messages("new-call-robot").size(), "each call posted once");
    }
}
