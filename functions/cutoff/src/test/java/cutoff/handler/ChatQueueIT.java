package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.app.Wiring;
import cutoff.chat.ChatPost;
import cutoff.dispatch.ChatPosts;
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
 * The group-chat queue across offices, on DynamoDB Local and the chat stand-in, with a run's limits made small
 * ({@link ChatPosts#withLimits}: at most 2 or 3 posts sent to chats a run, pages of 2): a failed chat's backlog is held
 * off the due index and never keeps another office's post out of a run, and is sent when the office connects again;
 * a throttled robot's backlog neither; a reminder whose office deadline passed, or a new-call post whose cutoff passed,
 * while nothing was posted is expired, never posted.
 */
class ChatQueueIT {
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");
    @RegisterExtension
    static final ChatStandInPerClass CHAT = new ChatStandInPerClass();

    private static TestStack stack() {
        return new TestStack(NOW, c -> c.withChatEndpoint(CHAT.get().endpoint()));
    }

    private static APIGatewayV2HTTPResponse call(Wiring w, String method, Offices.Created office, String body) {
        return new OfficeHandler(w).handleRequest(OfficeApiIT.request(method, "/orgs/" + office.office().id() + "/chat", office.apiKey(),
                body == null ? null : "application/json", body), null);
    }

    private static void connectWecom(Wiring w, Offices.Created office, String token) {
        APIGatewayV2HTTPResponse r = call(w, "PUT", office, "{\"webhook\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + token + "\"}");
        assertEquals(200, r.getStatusCode(), r.getBody());
    }

    private static List<String> titles(String token) {
        return CHAT.get().messages(token).stream().map(m -> m.get("title").asText()).toList();
    }

    private static void queue(ChatStore store, Offices.Created office, Instant due, Instant expires, String... ids) {
        for (String id : ids) {
            assertTrue(store.enqueue(office.office().id(), id, due, expires, ChatPost.of(id, List.of())));
        }
    }

    @Test
    void aFailedChatsBacklogIsHeld_anotherOfficesPostGoesInTheNextRun_andReconnectingSendsWhatIsStillInTime() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("甲大学科研处", List.of("a.edu.cn"));
        Offices.Created b = w.offices().create("乙大学科研处", List.of("b.edu.cn"));
        CHAT.get().addRobot("wecom", "queue-a1", null, 0);
        CHAT.get().addRobot("wecom", "queue-b1", null, 0);
        connectWecom(w, a, "queue-a1");
        connectWecom(w, b, "queue-b1");
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        queue(store, a, NOW.minus(Duration.ofMinutes(30)), null, "a0", "a1", "a2", "a3");
        queue(store, a, NOW.minus(Duration.ofMinutes(30)), NOW.plus(Duration.ofHours(1)), "a4-expires");
        CHAT.get().removeRobot("queue-a1");
        ChatPosts posts = w.chatPosts().withLimits(2, 2, 50);

        ChatPosts.Report failing = posts.run("run-1", () -> true);
        assertEquals(1, failing.failed(), failing.toString());
        assertEquals(0, failing.sent(), failing.toString());
        // Queued after the chat failed (a relay published meanwhile), and due before B's post: held by the run that finds them.
        queue(store, a, NOW.minus(Duration.ofMinutes(20)), null, "a5", "a6", "a7");
        queue(store, b, NOW, null, "b0");

        ChatPosts.Report next = posts.run("run-2", () -> true);
        assertEquals(List.of("**b0**"), titles("queue-b1"), next.toString());
        assertEquals(1, next.sent(), next.toString());
        assertEquals(3, next.held(), next.toString());
        assertTrue(store.due(NOW.plus(Duration.ofDays(365)), 100).stream().noneMatch(q -> q.officeId().equals(a.office().id())),
                "none of A's posts is on the due index while its chat has failed");
        String view = call(w, "GET", a, null).getBody();
        assertTrue(view.contains("\"pending\":7") && view.contains("\"failed\":1") && view.contains("\"reason\":\"UNKNOWN_ROBOT\""), view);

        stack.clock.advance(Duration.ofHours(2));
        CHAT.get().addRobot("wecom", "queue-a2", null, 0);
        connectWecom(w, a, "queue-a2");
        ChatPosts.Report back = w.chatPosts().run("run-3", () -> true);
        assertEquals(6, back.sent(), back.toString());
        assertEquals(1, back.expired(), back.toString());
        assertEquals(List.of("**a1**", "**a2**", "**a3**", "**a5**", "**a6**", "**a7**"), titles("queue-a2"), "a4 expired: never posted");
        String after = call(w, "GET", a, null).getBody();
        assertTrue(after.contains("\"pending\":0") && after.contains("\"sent\":6") && after.contains("\"expired\":1"), after);
    }

    @Test
    void aChatThatFailedAndIsDisconnectedFailsItsHeldPosts() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("丙大学科研处", List.of("c.edu.cn"));
        CHAT.get().addRobot("wecom", "queue-c1", null, 0);
        connectWecom(w, a, "queue-c1");
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        queue(store, a, NOW, null, "c0", "c1", "c2");
        CHAT.get().removeRobot("queue-c1");
        assertEquals(1, w.chatPosts().run("run-1", () -> true).failed());
        assertEquals(204, call(w, "DELETE", a, null).getStatusCode());
        assertEquals(3, store.counts(a.office().id()).get("FAILED"), store.counts(a.office().id()).toString());
    }

    @Test
    void aThrottledRobotDoesNotKeepAnotherOfficesPostOutOfTheRun() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created c = w.offices().create("丁大学科研处", List.of("d.edu.cn"));
        Offices.Created d = w.offices().create("戊大学科研处", List.of("e.edu.cn"));
        CHAT.get().addRobot("wecom", "queue-busy", null, 1);
        CHAT.get().addRobot("wecom", "queue-d1", null, 0);
        connectWecom(w, c, "queue-busy");
        connectWecom(w, d, "queue-d1");
        ChatStore store = new ChatStore(stack.dynamo, stack.table);
        queue(store, c, NOW.minus(Duration.ofMinutes(10)), null, "c0", "c1", "c2", "c3", "c4");
        queue(store, d, NOW, null, "d0");

        ChatPosts.Report r = w.chatPosts().withLimits(3, 2, 50).run("run-1", () -> true);
        assertEquals(List.of("**c0**"), titles("queue-busy"), r.toString());
        assertEquals(List.of("**d0**"), titles("queue-d1"), r.toString());
        assertEquals(2, r.sent(), r.toString());
        assertEquals(1, r.throttled(), r.toString());
        assertEquals(3, r.waiting(), r.toString());
    }

    @Test
    void aReminderWhoseOfficeDeadlinePassedWhileNothingWasPostedIsExpired_notPosted() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        Offices.Created a = w.offices().create("己大学科研处", List.of("example.edu.cn"));
        CHAT.get().addRobot("wecom", "queue-remind", null, 0);
        connectWecom(w, a, "queue-remind");
        RelayChatIT.relay(new NoticeUploadHandler(w), a, RelayChatIT.notice("2026年6月20日16:30", "2026年6月12日17:00"));
        ChatPosts posts = w.chatPosts();
        assertEquals(1, posts.run("published", () -> true).sent());
        int reminders = new ChatStore(stack.dynamo, stack.table).counts(a.office().id()).get("PENDING");
        assertTrue(reminders >= 3, "reminders at 7, 3 and 1 days before: " + reminders);

        // The dispatcher did not run from before the first reminder until after the office's date (17:00 Beijing time).
        stack.clock.set(Instant.parse("2026-06-12T09:00:00Z"));
        ChatPosts.Report r = posts.run("after-the-date", () -> true);
        assertEquals(reminders, r.expired(), r.toString());
        assertEquals(0, r.sent(), r.toString());
        assertEquals(1, titles("queue-remind").size(), titles("queue-remind").toString());
        String view = call(w, "GET", a, null).getBody();
        assertTrue(view.contains("\"pending\":0") && view.contains("\"expired\":" + reminders), view);
    }

    @Test
    void aNewCallPostWhoseCutoffPassedWhileNothingWasPostedIsExpired_notPosted() throws Exception {
        TestStack stack = stack();
        Wiring w = stack.wiring();
        w.ingestion().ingest(cutoff.testing.Project.shippedNotice("2023-4-82277d"));
        Offices.Created office = w.offices().create("庚大学科研处", List.of("example.edu.cn"));
        OfficeHandler api = new OfficeHandler(w);
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff", office.apiKey(), "text/csv",
                OfficeApiIT.HEADER + TestStack.address("queue-all") + ",,,all,zh,P1D\r\n"), null).getStatusCode());
        new DispatchHandler(stack.dispatcher(), w.staffQueue(() -> 1000), null).handleRequest(java.util.Map.of(), null);
        CHAT.get().addRobot("wecom", "queue-calls", null, 0);
        connectWecom(w, office, "queue-calls");
        cutoff.notice.Notice sh2026 = cutoff.testing.Project.shippedNotice("2026-8-304af3");
        w.ingestion().ingest(sh2026);
        ChatPosts posts = w.chatPosts();
        posts.refresh(office.office());
        int calls = new ChatStore(stack.dynamo, stack.table).counts(office.office().id()).getOrDefault("PENDING", 0);
        assertEquals(sh2026.topics().size(), calls, "one new-call post a topic, queued");

        Instant lastCutoff = sh2026.topics().stream().map(t -> stack.wiring().notices().notice(sh2026.id()).orElseThrow().cutoff(t.id()))
                .map(cutoff -> cutoff.orElseThrow()).map(cutoff.dispatch.RelayedToStaff::ends).max(Instant::compareTo).orElseThrow();
        stack.clock.set(lastCutoff.plus(Duration.ofDays(1)));
        ChatPosts.Report r = posts.run("after-the-cutoffs", () -> true);
        assertEquals(calls, r.expired(), r.toString());
        assertEquals(List.of(), titles("queue-calls"));
    }
}
