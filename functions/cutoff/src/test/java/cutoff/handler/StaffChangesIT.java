package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import cutoff.officeservice.Offices;
import cutoff.reminder.Reminder;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A research office's staff list changed concurrently and over time, through {@link OfficeHandler} against
 * DynamoDB Local and the SES stand-in: what an upload reports, and how often a person is welcomed.
 */
class StaffChangesIT {
    private final TestStack stack;
    private final OfficeHandler api;
    private final Offices.Created office;

    StaffChangesIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new OfficeHandler(stack.wiring());
        office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
    }

    private APIGatewayV2HTTPResponse upload(String csv) {
        return api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff", office.apiKey(), "text/csv", csv),
                null);
    }

    private Map<String, Object> dispatch() {
        return new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    /** {@code n} uploads at once, released together; their answers. */
    private List<JsonNode> atOnce(int n, String csv) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<APIGatewayV2HTTPResponse> c = () -> {
                    start.await();
                    return upload(csv);
                };
                calls.add(pool.submit(c));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> f : calls) {
                APIGatewayV2HTTPResponse r = f.get();
                assertEquals(200, r.getStatusCode(), r.getBody());
                answers.add(OfficeApiIT.json(r));
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static int sum(List<JsonNode> answers, String field) {
        return answers.stream().mapToInt(a -> a.get(field).asInt()).sum();
    }

    @ParameterizedTest(name = "{0} uploads at once")
    @ValueSource(ints = {2, 4, 8})
    void parallelUploadsOfTheSameNewRows_reportEachRowAddedOnce_andTheRestUnchanged(int n) throws Exception {
        List<String> people = new ArrayList<>();
        StringBuilder csv = new StringBuilder(OfficeApiIT.HEADER);
        for (int i = 0; i < 100; i++) {
            String a = TestStack.address("par" + n + "-" + i);
            people.add(a);
            csv.append(a).append(",,,").append(OfficeApiIT.T1).append(",zh,\r\n");
        }
        List<JsonNode> answers = atOnce(n, csv.toString());
        for (JsonNode a : answers) {
            assertEquals(100, a.get("added").asInt() + a.get("updated").asInt() + a.get("unchanged").asInt(), a.toString());
        }
        assertEquals(100, sum(answers, "added"), "each new row is added by one upload: " + answers);
        assertEquals(0, sum(answers, "updated"), answers.toString());
        assertEquals(100 * (n - 1), sum(answers, "unchanged"), answers.toString());
        assertEquals(100, ((Number) dispatch().get("welcomed")).intValue());
        for (String a : people) {
            assertEquals(1, LocalSes.sentTo(a).size(), "one welcome each");
        }

        // The same rows changed, n uploads at once: each row is updated by one of them, the others find it as it now is.
        List<JsonNode> changed = atOnce(n, csv.toString().replace(",zh,", ",en,"));
        assertEquals(0, sum(changed, "added"), changed.toString());
        assertEquals(100, sum(changed, "updated"), changed.toString());
        assertEquals(100 * (n - 1), sum(changed, "unchanged"), changed.toString());
    }

    @Test
    void removedAndAddedBackThreeTimes_isWelcomedOnce_andStillGetsItsReminders() throws Exception {
        String a = TestStack.address("readded");
        String row = OfficeApiIT.HEADER + a + ",王五,物理系," + OfficeApiIT.T1 + ",zh,\r\n";
        String base = "/orgs/" + office.office().id() + "/staff";
        for (int cycle = 0; cycle < 3; cycle++) {
            assertEquals(1, OfficeApiIT.json(upload(row)).get("added").asInt(), "cycle " + cycle);
            dispatch();
            JsonNode listed = OfficeApiIT.json(api.handleRequest(OfficeApiIT.request("GET", base, office.apiKey(), null, null), null))
                    .get("staff").get(0);
            assertEquals("active", listed.get("status").asText());
            assertTrue(listed.get("welcomed").asBoolean());
            String id = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
            assertTrue(stack.reminders.ofSubscriber(id).stream().anyMatch(r -> r.status() == Reminder.Status.PENDING),
                    "cycle " + cycle + ": the person added back has reminders planned");
            stack.advance(Duration.ofDays(1));
            assertEquals(204, api.handleRequest(OfficeApiIT.request("DELETE", base + "/" + a, office.apiKey(), null, null), null)
                    .getStatusCode());
            assertTrue(stack.reminders.ofSubscriber(id).stream().noneMatch(r -> r.status() == Reminder.Status.PENDING),
                    "removed: reminders cancelled");
        }
        assertEquals(1, LocalSes.sentTo(a).size(), "one welcome for three registrations within the period");
        JsonNode empty = OfficeApiIT.json(api.handleRequest(OfficeApiIT.request("GET", base, office.apiKey(), null, null), null));
        assertEquals(0, empty.get("staff").size(), "the removed person is not listed");

        // Past the period (from the welcome), added back: a new registration, welcomed again.
        stack.advance(Offices.WELCOME_PERIOD);
        assertEquals(1, OfficeApiIT.json(upload(row)).get("added").asInt());
        dispatch();
        assertEquals(2, LocalSes.sentTo(a).size());
        assertFalse(stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().removed());
    }

    @Test
    void whatThePersonChangedThemselves_survivesTheOfficesLaterUploads_andTheListSaysSo() throws Exception {
        String a = TestStack.address("own");
        String b = TestStack.address("office");
        String base = "/orgs/" + office.office().id() + "/staff";
        upload(OfficeApiIT.HEADER + a + ",王五,物理系," + OfficeApiIT.T1 + ",zh,P7D\r\n" + b + ",赵六,物理系," + OfficeApiIT.T1 + ",zh,P7D\r\n");
        dispatch();
        java.util.regex.Matcher manage = java.util.regex.Pattern.compile("/subscriptions/manage\\?token=([A-Za-z0-9_-]{43})")
                .matcher(LocalSes.sentTo(a).get(0).text());
        assertTrue(manage.find());
        cutoff.subscription.SubscriptionService service = stack.wiring().subscriptions();
        cutoff.subscriber.Subscriber before = service.manageable(manage.group(1)).orElseThrow();
        // On their own preferences page: English, three days before, T1 dropped and T2 added.
        service.update(before, service.validate(List.of(OfficeApiIT.T2), List.of(), "en", List.of("P3D")));

        // The office uploads both again, changed (department, lead times; b's language).
        assertEquals(2, OfficeApiIT.json(upload(OfficeApiIT.HEADER + a + ",王五,化学系," + OfficeApiIT.T1 + ",zh,P7D;P1D\r\n"
                + b + ",赵六,化学系," + OfficeApiIT.T1 + ",en,P7D;P1D\r\n")).get("updated").asInt());
        dispatch();
        cutoff.subscriber.Subscriber own = stack.subscribers.byId(before.id()).orElseThrow();
        assertEquals("en", own.language());
        assertEquals(List.of("P3D"), own.leadTimes().stream().map(cutoff.subscriber.LeadTime::code).toList(), "the person's lead times");
        assertEquals(List.of(OfficeApiIT.T2), own.topicIds(), "T1 stays dropped, T2 stays added");
        cutoff.subscriber.Subscriber theOffices = stack.subscribers.byId(stack.wiring().staffStore().staffRow(office.office().id(), b)
                .orElseThrow().subscriberId()).orElseThrow();
        assertEquals(List.of("P7D", "P1D"), theOffices.leadTimes().stream().map(cutoff.subscriber.LeadTime::code).toList(),
                "someone who changed nothing gets the office's new settings");

        JsonNode staff = OfficeApiIT.json(api.handleRequest(OfficeApiIT.request("GET", base, office.apiKey(), null, null), null))
                .get("staff");
        for (JsonNode p : staff) {
            boolean isA = p.get("email").asText().equals(a);
            assertEquals(isA ? "[\"language\",\"leadTimes\",\"topics\"]" : "[]", p.get("ownChoices").toString(), p.toString());
            assertEquals("化学系", p.get("department").asText(), "the office's own data is what it uploaded");
        }
        String csv = api.handleRequest(OfficeApiIT.request("GET", base + ".csv", office.apiKey(), null, null), null).getBody();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",status,ownChoices"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith(a) && l.endsWith(",active,language;leadTimes;topics")), csv);
    }
}
