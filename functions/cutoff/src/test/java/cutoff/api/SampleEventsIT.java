package cutoff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every sample event in events/ (beyond the feed ones in FeedHandlerIT) through its function's handler. */
class SampleEventsIT {
    private static TestStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
    }

    @Test
    void subscribe_acceptsTheSampleRequest_andSendsItsConfirmation() {
        int before = LocalSes.sentTo("li.wei@example.edu.cn").size();
        var r = stack.subscriptionApi().handleRequest(Project.event("subscribe.json"), null);
        assertEquals(202, r.getStatusCode(), r.getBody());
        assertEquals(before + 1, LocalSes.sentTo("li.wei@example.edu.cn").size());
    }

    @Test
    void subscribePage_listsTheShippedNoticesTopicsWithTheirCutoffs() {
        var r = stack.subscriptionApi().handleRequest(Project.event("subscribe-page.json"), null);
        assertEquals(200, r.getStatusCode());
        assertTrue(r.getBody().contains("value=\"2026-8-304af3-t3\""), r.getBody());
        assertTrue(r.getBody().contains("截止 closes 2026-06-03 16:30 Beijing time"), r.getBody());
        assertTrue(r.getBody().contains("action=\"" + TestStack.BASE_URL + "/subscriptions\""), r.getBody());
    }

    @Test
    void tokenPages_withTheSamplesUnknownToken_say404AndExpired() {
        for (String sample : List.of("subscribe-confirm.json", "manage-page.json", "manage-change.json",
                "unsubscribe-page.json", "unsubscribe-one-click.json")) {
            var r = stack.subscriptionApi().handleRequest(Project.event(sample), null);
            assertEquals(404, r.getStatusCode(), sample);
            assertTrue(r.getBody().contains("This link has expired"), sample);
            assertEquals("no-store", r.getHeaders().get("Cache-Control"), sample);
        }
        assertEquals(404, stack.feeds().handleRequest(Project.event("feed-personal.json"), null).getStatusCode());
    }

    @Test
    void theScheduledEvent_runsTheDispatcher() throws Exception {
        Map<String, Object> event = new ObjectMapper().readValue(Project.root().resolve("events/dispatch-schedule.json").toFile(),
                new TypeReference<>() { });
        Map<String, Object> result = new DispatchHandler(stack.dispatcher()).handleRequest(event, null);
        assertEquals(0, result.get("failed"));
        assertTrue(result.containsKey("emails") && result.containsKey("leftForLater"), result.toString());
    }
}
