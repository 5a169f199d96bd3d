package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.app.Wiring;
import cutoff.chat.ChatPost;
import cutoff.handler.OfficeApiIT;
import cutoff.handler.OfficeHandler;
import cutoff.officeservice.Offices;
import cutoff.store.ChatStore;
import cutoff.testing.ChatStandInPerClass;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A research office's group chat on DynamoDB Local and the chat stand-in: connected with the office's key (another
 * office's key: 404), shown masked, tested; queued posts sent by the dispatcher run within the robot's rate, the rest in
 * a later run, none lost and none twice; a bad secret marks the chat failed, shown on GET.
 */
class OfficeChatIT {
    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    @RegisterExtension
    static final ChatStandInPerClass CHAT = new ChatStandInPerClass();

    private static TestStack stack() {
        return new TestStack(NOW, c -> c.withChatEndpoint(CHAT.get().endpoint()));
    }

    private static APIGatewayV2HTTPResponse call(Wiring w, String method, String path, String key, String body) {
        return new OfficeHandler(w).handleRequest(OfficeApiIT.request(method, path, key, body == null ? null : "application/json", body), null);
    }

    @Test
    void anOfficeConnectsItsRobotWithItsKey_anotherOfficesKeyGets404_andNothingLeaks() {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("甲大学科研处", List.of("a.edu.cn"));
        Offices.Created b = w.offices().create("乙大学科研处", List.of("b.edu.cn"));
        String secret = "SECsecretsecret0123456789";
        CHAT.get().addRobot("dingtalk", "dingofficea1", secret, 0);
        String path = "/orgs/" + a.office().id() + "/chat";
        String body = "{\"webhook\":\"https://oapi.dingtalk.com/robot/send?access_token=dingofficea1\",\"secret\":\"" + secret + "\"}";
        for (String[] bad : new String[][] {{"{\"webhook\":\"https://evil.example/robot/send?access_token=dingofficea1\"}", "webhook"},
                {"{\"webhook\":\"https://oapi.dingtalk.com@evil.example/robot/send?access_token=dingofficea1\"}", "webhook"},
                {"{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh\",\"secret\":\"SECx0123456789\"}", "secret"},
                {"{\"webhook\":", null}, {"[]", null}}) {
            APIGatewayV2HTTPResponse r = call(w, "PUT", path, a.apiKey(), bad[0]);
            assertEquals(400, r.getStatusCode(), r.getBody());
            if (bad[1] != null) {
                assertTrue(r.getBody().contains("\"field\":\"" + bad[1] + "\""), r.getBody());
            }
        }
        APIGatewayV2HTTPResponse put = call(w, "PUT", path, a.apiKey(), body);
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertFalse(put.getBody().contains(secret) || put.getBody().contains("dingofficea1"), put.getBody());
        assertTrue(put.getBody().contains("\"service\":\"dingtalk\"") && put.getBody().contains("\"signed\":true"), put.getBody());
        for (String[] other : new String[][] {{"GET", path}, {"PUT", path}, {"DELETE", path}, {"POST", path + "/test"}}) {
            APIGatewayV2HTTPResponse r = call(w, other[0], other[1], b.apiKey(), other[0].equals("PUT") ? body : null);
            assertEquals(404, r.getStatusCode(), other[0] + " " + r.getBody());
        }
        assertEquals(200, call(w, "POST", path + "/test", a.apiKey(), null).getStatusCode());
        assertEquals(1, CHAT.get().messages("dingofficea1").size());
        assertEquals(404, call(w, "POST", "/orgs/" + b.office().id() + "/chat/test", b.apiKey(), null).getStatusCode());
        assertEquals(204, call(w, "DELETE", path, a.apiKey(), null).getStatusCode());
        assertTrue(call(w, "GET", path, a.apiKey(), null).getBody().contains("\"connected\":false"));
    }

    @Test
    void aBadSecretIsRefused_andTheOfficeSeesWhy() {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("丙大学科研处", List.of("c.edu.cn"));
        CHAT.get().addRobot("feishu", "feishu-office-c", "theRightSecret1", 0);
        String path = "/orgs/" + a.office().id() + "/chat";
        call(w, "PUT", path, a.apiKey(), "{\"webhook\":\"https://open.feishu.cn/open-apis/bot/v2/hook/feishu-office-c\",\"secret\":\"theWrongSecret1\"}");
        APIGatewayV2HTTPResponse test = call(w, "POST", path + "/test", a.apiKey(), null);
        assertEquals(422, test.getStatusCode(), test.getBody());
        assertTrue(test.getBody().contains("BAD_SIGNATURE") && test.getBody().contains("secret"), test.getBody());
        assertFalse(test.getBody().contains("theWrongSecret1"));
        APIGatewayV2HTTPResponse view = call(w, "GET", path, a.apiKey(), null);
        assertTrue(view.getBody().contains("\"reason\":\"BAD_SIGNATURE\""), view.getBody());
        assertEquals(0, CHAT.get().messages("feishu-office-c").size());
    }

    @Test
    void pastTheRobotsRateTheRestGoInALaterRun_noneLost_noneTwice() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("丁大学科研处", List.of("d.edu.cn"));
        CHAT.get().addRobot("wecom", "wecom-office-d", null, 3);
        call(w, "PUT", "/orgs/" + a.office().id() + "/chat", a.apiKey(),
                "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-d\"}");
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        for (int i = 0; i < 5; i++) {
            assertTrue(store.enqueue(a.office().id(), "p" + i, NOW, ChatPost.of("post " + i, List.of())));
        }
        assertFalse(store.enqueue(a.office().id(), "p0", NOW, ChatPost.of("post 0 again", List.of())), "queued once");
        ChatPosts posts = w.chatPosts();
        ChatPosts.Report first = posts.run("run-1", () -> true);
        assertEquals(3, first.sent());
        assertEquals(1, first.throttled(), first.toString());
        ChatPosts.Report retried = posts.run("run-1-retried", () -> true);
        assertEquals(0, retried.sent(), "the stand-in still throttles; nothing sent twice");
        CHAT.get().advance(Duration.ofMinutes(1));
        stack.clock.advance(Duration.ofMinutes(5));
        ChatPosts.Report later = posts.run("run-2", () -> true);
        assertEquals(2, later.sent(), later.toString());
        assertEquals(0, posts.run("run-3", () -> true).sent());
        List<String> titles = CHAT.get().messages("wecom-office-d").stream().map(m -> m.get("title").asText()).toList();
        assertEquals(List.of("**post 0**", "**post 1**", "**post 2**", "**post 3**", "**post 4**"), titles);
    }

    @Test
    void aRobotRemovedFromItsGroupFailsThePost_andTheRestWaitForANewConnection() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("戊大学科研处", List.of("e.edu.cn"));
        CHAT.get().addRobot("wecom", "wecom-office-e", null, 0);
        String path = "/orgs/" + a.office().id() + "/chat";
        call(w, "PUT", path, a.apiKey(), "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-e\"}");
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        store.enqueue(a.office().id(), "q0", NOW, ChatPost.of("q0", List.of()));
        store.enqueue(a.office().id(), "q1", NOW, ChatPost.of("q1", List.of()));
        CHAT.get().removeRobot("wecom-office-e");
        ChatPosts.Report r = w.chatPosts().run("run", () -> true);
        assertEquals(1, r.failed());
        String view = call(w, "GET", path, a.apiKey(), null).getBody();
        assertTrue(view.contains("\"reason\":\"UNKNOWN_ROBOT\"") && view.contains("\"pending\":1"), view);
        CHAT.get().addRobot("wecom", "wecom-office-e2", null, 0);
        call(w, "PUT", path, a.apiKey(), "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-e2\"}");
        assertEquals(1, w.chatPosts().run("run-2", () -> true).sent());
        assertEquals("**q1**", CHAT.get().messages("wecom-office-e2").get(0).get("title").asText());
    }

    @Test
    void theTestRoute_postsOnceEvery20Seconds_soAKeyCannotFloodItsGroupOrAnotherGroupsRobot() {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("己大学科研处", List.of("f.edu.cn"));
        Offices.Created b = w.offices().create("庚大学科研处", List.of("g.edu.cn"));
        CHAT.get().addRobot("dingtalk", "dingofficef1", null, 20);
        CHAT.get().addRobot("wecom", "wecom-office-g", null, 0);
        String path = "/orgs/" + a.office().id() + "/chat";
        String webhook = "{\"webhook\":\"https://oapi.dingtalk.com/robot/send?access_token=dingofficef1\"}";
        call(w, "PUT", path, a.apiKey(), webhook);
        call(w, "PUT", "/orgs/" + b.office().id() + "/chat", b.apiKey(),
                "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-g\"}");
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            APIGatewayV2HTTPResponse r = call(w, "POST", path + "/test", a.apiKey(), null);
            statuses.add(r.getStatusCode());
            if (r.getStatusCode() == 429) {
                int wait = Integer.parseInt(r.getHeaders().get("Retry-After"));
                assertTrue(wait >= 1 && wait <= 20, "Retry-After " + wait);
                assertTrue(r.getBody().contains("\"field\":\"chat\""), r.getBody());
            }
            if (i == 10) {
                // Connecting the robot again does not start the count again.
                assertEquals(200, call(w, "PUT", path, a.apiKey(), webhook).getStatusCode());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(29, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertEquals(1, CHAT.get().messages("dingofficef1").size(), "one test message in the group");
        assertEquals(200, call(w, "POST", "/orgs/" + b.office().id() + "/chat/test", b.apiKey(), null).getStatusCode(),
                "another office's test is its own");
        stack.clock.advance(Duration.ofSeconds(19));
        assertEquals(429, call(w, "POST", path + "/test", a.apiKey(), null).getStatusCode());
        stack.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, call(w, "POST", path + "/test", a.apiKey(), null).getStatusCode());
        assertEquals(2, CHAT.get().messages("dingofficef1").size());
    }

    @Test
    void aChatDisconnectedOrReplacedWhileItsTestIsPosted_staysAsTheOfficeLeftIt() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("辛大学科研处", List.of("h.edu.cn"));
        CHAT.get().addRobot("wecom", "wecom-office-h1", null, 0);
        CHAT.get().addRobot("wecom", "wecom-office-h2", null, 0);
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        cutoff.chat.ChatWebhook first = cutoff.chat.ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-h1", null);
        cutoff.chat.ChatWebhook second = cutoff.chat.ChatWebhook.parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-office-h2", null);
        cutoff.chat.WebhookSender real = new cutoff.chat.WebhookSender(CHAT.get().endpoint(), java.time.Clock.systemUTC());
        // What the office does while the test message is on its way (the post takes up to 10 s to be answered).
        java.util.concurrent.atomic.AtomicReference<Runnable> meanwhile = new java.util.concurrent.atomic.AtomicReference<>();
        ChatPosts posts = new ChatPosts(store, w.officeStore(), w.notices(), (robot, post) -> {
            real.post(robot, post);
            meanwhile.get().run();
        }, stack.clock, d -> { }, null, null);

        store.connect(a.office().id(), first, NOW);
        meanwhile.set(() -> store.disconnect(a.office().id(), NOW));
        assertTrue(posts.test(a.office()).isPresent());
        assertTrue(store.connection(a.office().id()).isEmpty(), "disconnected during the test: stays disconnected");

        stack.clock.advance(Duration.ofMinutes(1));
        store.connect(a.office().id(), first, NOW);
        meanwhile.set(() -> store.connect(a.office().id(), second, NOW));
        assertTrue(posts.test(a.office()).isPresent());
        assertEquals("wecom-office-h2", store.connection(a.office().id()).orElseThrow().robot().token(),
                "replaced during the test: the new robot stays");
    }
}
