package cutoff.handler;

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
    void webSamples_answerThePagesTheyAskFor() {
        WebHandler web = new WebHandler(stack.wiring());
        var calls = web.handleRequest(Project.event("web-calls.json"), null);
        assertEquals(200, calls.getStatusCode());
        assertTrue(calls.getBody().contains("<html lang=\"en\">"), "the sample's lang=en cookie");
        assertTrue(calls.getBody().contains("data-topic-id=\"2023-4-82277d-t2\""), "an Israeli partner, closed: listed with past=1");
        var topic = web.handleRequest(Project.event("web-topic.json"), null);
        assertEquals(200, topic.getStatusCode());
        assertTrue(topic.getBody().contains("webcal://cutoff.example/feeds/topics/2026-8-304af3-t1.ics"),
                "the configured public base, not the API's own domain");
        var ics = web.handleRequest(Project.event("web-topic-event.json"), null);
        assertEquals(200, ics.getStatusCode());
        assertTrue(ics.getHeaders().get("Content-Disposition").startsWith("attachment"));
        assertTrue(web.handleRequest(Project.event("web-office.json"), null).getBody().contains("id=\"office-app\""));
        var css = web.handleRequest(Project.event("web-asset.json"), null);
        assertEquals(200, css.getStatusCode(), "an ETag that is not the current one gets the file");
        assertEquals("text/css; charset=utf-8", css.getHeaders().get("Content-Type"));
    }

    @Test
    void theScheduledEvent_runsTheDispatcher() throws Exception {
        Map<String, Object> event = new ObjectMapper().readValue(Project.root().resolve("events/dispatch-schedule.json").toFile(),
                new TypeReference<>() { });
        Map<String, Object> result = new DispatchHandler(stack.dispatcher()).handleRequest(event, null);
        assertEquals(0, result.get("failed"));
        assertTrue(result.containsKey("emails") && result.containsKey("leftForLater"), result.toString());
    }

    /** An office sample event with the placeholder office id and key replaced by a real office's. */
    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent officeEvent(String name,
            cutoff.officeservice.Offices.Created office) throws Exception {
        String text = java.nio.file.Files.readString(Project.root().resolve("events").resolve(name))
                .replace("org_0123456789abcdef0123", office.office().id())
                .replace("cutoff_REPLACE-WITH-THE-apiKey-OF-cutoff-org-creat", office.apiKey());
        return new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(text, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class);
    }

    @Test
    void theOfficeSamples_uploadListExportAndRemove_withARealKey_andAre401WithThePlaceholder() throws Exception {
        OfficeHandler api = new OfficeHandler(stack.wiring());
        for (String sample : List.of("office-staff-upload-csv.json", "office-staff-upload-json.json", "office-staff-list.json",
                "office-staff-export.json", "office-staff-delete.json")) {
            assertEquals(401, api.handleRequest(Project.event(sample), null).getStatusCode(), sample);
        }
        cutoff.officeservice.Offices.Created office = stack.wiring().offices().create("示例大学科研处", List.of("example.edu.cn"));
        var csv = api.handleRequest(officeEvent("office-staff-upload-csv.json", office), null);
        assertEquals(200, csv.getStatusCode(), csv.getBody());
        assertTrue(csv.getBody().startsWith("{\"received\":4,\"added\":4,"), csv.getBody());
        var json = api.handleRequest(officeEvent("office-staff-upload-json.json", office), null);
        assertTrue(json.getBody().startsWith("{\"received\":1,\"added\":1,"), json.getBody());
        var list = api.handleRequest(officeEvent("office-staff-list.json", office), null);
        assertEquals(200, list.getStatusCode());
        assertTrue(list.getBody().contains("wang.wu@cs.example.edu.cn"), list.getBody());
        var export = api.handleRequest(officeEvent("office-staff-export.json", office), null);
        assertTrue(export.getBody().contains("\"Li, Si\""), export.getBody());
        assertEquals(204, api.handleRequest(officeEvent("office-staff-delete.json", office), null).getStatusCode());
        assertTrue(!api.handleRequest(officeEvent("office-staff-list.json", office), null).getBody().contains("zhao.liu@"));
    }

    @Test
    void theInternalDeadlineAndOfficeFeedSamples_workWithARealKey_andAre401WithThePlaceholder() throws Exception {
        OfficeHandler api = new OfficeHandler(stack.wiring());
        List<String> samples = List.of("office-org.json", "office-feed.json", "office-feed-rotate.json", "office-internal-deadlines.json",
                "office-internal-deadlines-put.json", "office-topic-internal-deadline-put.json",
                "office-topic-internal-deadline-delete.json", "office-internal-deadlines-delete.json");
        for (String sample : samples) {
            assertEquals(401, api.handleRequest(Project.event(sample), null).getStatusCode(), sample);
        }
        cutoff.officeservice.Offices.Created office = stack.wiring().offices().create("示例大学科研处", List.of("example.edu.cn"));
        assertEquals(200, api.handleRequest(officeEvent("office-staff-upload-csv.json", office), null).getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        var shown = api.handleRequest(officeEvent("office-org.json", office), null);
        assertTrue(shown.getBody().matches(".*\"feedUrl\":\"https://[^\"]+/feeds/orgs/[A-Za-z0-9_-]{43}\\.ics\".*"), shown.getBody());
        assertEquals(200, api.handleRequest(officeEvent("office-feed.json", office), null).getStatusCode());
        assertEquals(200, api.handleRequest(officeEvent("office-feed-rotate.json", office), null).getStatusCode());
        var rule = api.handleRequest(officeEvent("office-internal-deadlines-put.json", office), null);
        assertEquals(200, rule.getStatusCode(), rule.getBody());
        assertTrue(rule.getBody().contains("\"internal\":\"2026-05-31T16:30:00+08:00\""), rule.getBody());
        var override = api.handleRequest(officeEvent("office-topic-internal-deadline-put.json", office), null);
        assertTrue(override.getBody().contains("\"internal\":\"2026-06-01T12:00:00+08:00\",\"source\":\"override\""),
                override.getBody());
        assertTrue(api.handleRequest(officeEvent("office-internal-deadlines.json", office), null).getBody().contains("\"override\""));
        assertEquals(204, api.handleRequest(officeEvent("office-topic-internal-deadline-delete.json", office), null).getStatusCode());
        assertEquals(204, api.handleRequest(officeEvent("office-internal-deadlines-delete.json", office), null).getStatusCode());
        assertTrue(api.handleRequest(officeEvent("office-internal-deadlines.json", office), null).getBody().startsWith("{\"rule\":null,"));
        assertEquals(404, stack.feeds().handleRequest(Project.event("feed-office.json"), null).getStatusCode(), "a made-up secret");
    }
}
