package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.testing.LocalDynamo;
import cutoff.testing.TestStack;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an office read costs, counted at the SDK client (an {@link ExecutionInterceptor} recording every DynamoDB call):
 * the office feed and the internal-deadline view of an office of 10 staff and of 2,000, registered through the office
 * API and the staff queue, against DynamoDB Local and the SES stand-in. The office's followed topics are one item
 * ({@code dispatch.FollowedTopics}), so the calls do not grow with the staff; and the answers are the ones computed from the
 * staff, as every read did before.
 */
class OfficeReadsIT {
    private static final String T1 = OfficeApiIT.T1;
    private static final String T2 = OfficeApiIT.T2;
    private static final String RULE = "{\"before\":\"P3D\",\"at\":\"16:30\"}";

    private final TestStack stack;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** The feed and office functions' parts, over a client that records each call's operation. */
    private final Wiring recorded;

    OfficeReadsIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        DynamoDbClient recording = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
        recorded = new Wiring(stack.config, stack.clock, recording, stack.ses);
    }

    private record Office(Offices.Created created, String feedPath, List<String> addresses) {
        String base() {
            return "/orgs/" + created.office().id();
        }
    }

    /** Topics of the i-th person: T1, T2, or both, so that every office of 3 or more follows both. */
    private static String topicsOf(int i) {
        return i % 3 == 0 ? T1 : i % 3 == 1 ? T2 : T1 + ";" + T2;
    }

    /** An office with {@code staff} people uploaded, a rule set, and the staff queue run to the end. */
    private Office office(int staff) throws Exception {
        Offices.Created o = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        StringBuilder csv = new StringBuilder(OfficeApiIT.HEADER);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < staff; i++) {
            String a = TestStack.address("reads" + i);
            addresses.add(a);
            csv.append(a).append(",,,").append(topicsOf(i)).append(",zh,P1D\r\n");
        }
        OfficeHandler api = new OfficeHandler(stack.wiring());
        APIGatewayV2HTTPResponse up = api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + o.office().id() + "/staff", o.apiKey(),
                "text/csv", csv.toString()), null);
        assertEquals(200, up.getStatusCode(), up.getBody());
        assertEquals(staff, stack.wiring().staffQueue(() -> 1000).run("welcome", () -> true).welcomed());
        APIGatewayV2HTTPResponse rule = api.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + o.office().id() + "/internal-deadlines",
                o.apiKey(), "application/json", RULE), null);
        assertEquals(200, rule.getStatusCode(), rule.getBody());
        String url = OfficeApiIT.json(api.handleRequest(OfficeApiIT.request("GET", "/orgs/" + o.office().id() + "/feed", o.apiKey(), null,
                null), null)).get("feedUrl").asText();
        return new Office(o, url.substring(TestStack.BASE_URL.length()), addresses);
    }

    private APIGatewayV2HTTPResponse feed(Office o) {
        APIGatewayV2HTTPResponse r = new FeedHandler(recorded).handleRequest(Routes.event("GET", o.feedPath(), Map.of(), null), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return r;
    }

    private JsonNode view(Office o) throws Exception {
        APIGatewayV2HTTPResponse r = new OfficeHandler(recorded).handleRequest(OfficeApiIT.request("GET", o.base() + "/internal-deadlines",
                o.created().apiKey(), null, null), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return OfficeApiIT.json(r);
    }

    /** The DynamoDB operations one read made, in order. */
    private List<String> callsOf(ThrowingRunnable read) throws Exception {
        calls.clear();
        read.run();
        return List.copyOf(calls);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void anOfficeOf2000_readsItsFeedAndItsInternalDeadlines_withTheCallsOfAnOfficeOf10() throws Exception {
        Office small = office(10);
        Office large = office(2000);
        List<String> smallFeed = callsOf(() -> feed(small));
        List<String> largeFeed = callsOf(() -> feed(large));
        List<String> smallView = callsOf(() -> view(small));
        List<String> largeView = callsOf(() -> view(large));
        System.out.println("office feed calls: 10 staff " + smallFeed + "; 2000 staff " + largeFeed);
        System.out.println("internal-deadline view calls: 10 staff " + smallView + "; 2000 staff " + largeView);
        assertEquals(smallFeed, largeFeed, "the office feed's calls do not grow with the staff");
        assertEquals(smallView, largeView, "the internal-deadline view's calls do not grow with the staff");
        for (List<String> read : List.of(largeFeed, largeView)) {
            assertFalse(read.contains("BatchGetItem"), "no subscriber is read: " + read);
            assertTrue(read.size() <= 6, "a few calls: " + read);
        }
        // Both follow T1 and T2, under the same rule: the same internal deadlines.
        assertEquals(view(small).get("deadlines").toString().replace(small.created().office().id(), "ORG"),
                view(large).get("deadlines").toString().replace(large.created().office().id(), "ORG"));
    }

    @Test
    void theStoredTopics_answerWhatTheStaffGive_andARemovalShowsAtOnce() throws Exception {
        Office o = office(4); // T1, T2, T1;T2, T1: the second person is T2's only follower but for the third
        String feed = feed(o).getBody();
        JsonNode view = view(o);
        assertEquals(List.of(T1, T2), topics(view));
        assertTrue(feed.contains(T2 + "-internal-"), "T2's internal deadline is in the office feed");

        // Stale (a change counted): computed from every staff row and subscriber, as every read did before: the same answers.
        stack.wiring().followedTopics().touch(o.created().office().id());
        List<String> fromStaff = callsOf(() -> assertEquals(feed, feed(o).getBody()));
        assertTrue(fromStaff.contains("BatchGetItem"), "read from the staff: " + fromStaff);
        assertEquals(view, view(o));

        // The two who follow T2 removed: neither read waits for the staff queue to drop it.
        OfficeHandler api = new OfficeHandler(stack.wiring());
        for (String a : List.of(o.addresses().get(1), o.addresses().get(2))) {
            assertEquals(204, api.handleRequest(OfficeApiIT.request("DELETE", o.base() + "/staff/" + a, o.created().apiKey(), null, null),
                    null).getStatusCode());
        }
        assertFalse(feed(o).getBody().contains(T2 + "-internal-"), "T2 is no longer followed");
        assertEquals(List.of(T1), topics(view(o)));
        List<String> afterRun = callsOf(() -> view(o));
        assertFalse(afterRun.contains("BatchGetItem"), "the view stored what it computed: " + afterRun);

        // A removed person's topics again once they are listed again and the staff queue worked their row.
        APIGatewayV2HTTPResponse up = api.handleRequest(OfficeApiIT.request("POST", o.base() + "/staff", o.created().apiKey(), "text/csv",
                OfficeApiIT.HEADER + o.addresses().get(1) + ",,," + T2 + ",zh,P1D\r\n"), null);
        assertEquals(200, up.getStatusCode(), up.getBody());
        stack.wiring().staffQueue(() -> 1000).run("again", () -> true);
        List<String> current = callsOf(() -> assertEquals(List.of(T1, T2), topics(view(o))));
        assertFalse(current.contains("BatchGetItem"), "the staff queue computed them at the end of its run: " + current);
        assertTrue(feed(o).getBody().contains(T2 + "-internal-"));

        // A person adds a topic on their own preferences page: both reads show it before any staff-queue run.
        String t3 = "2026-8-304af3-t3";
        cutoff.subscriber.Subscriber first = stack.subscribers.byId(stack.wiring().staffStore().staffRow(o.created().office().id(),
                o.addresses().get(0)).orElseThrow().subscriberId()).orElseThrow();
        stack.wiring().subscriptions().update(first, stack.wiring().subscriptions().validate(List.of(T1, t3), List.of(), "zh",
                List.of("P1D")));
        assertEquals(List.of(T1, T2, t3), topics(view(o)));
        assertTrue(feed(o).getBody().contains(t3 + "-internal-"), "the office feed has the new topic's internal deadline");
    }

    private static List<String> topics(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.get("topics").forEach(t -> ids.add(t.get("topicId").asText()));
        return ids;
    }
}
