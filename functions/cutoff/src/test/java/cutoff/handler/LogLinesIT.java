package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import cutoff.logging.JsonLog;
import cutoff.mail.MailSender;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the four functions write to CloudWatch Logs through a subscription's life (subscribe, confirm, a
 * confirmation SES rejects, the personal and public feeds, a reminder run, a bounce): every line one JSON
 * object with its request id, the dispatcher's with its run id, no address and no token in any; and the
 * template's metric filters count the feed lines as FeedsServed and FeedsNotModified.
 */
class LogLinesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "2026-8-304af3-t2";
    private static final List<String> lines = new CopyOnWriteArrayList<>();
    private static final List<String> secrets = new ArrayList<>();
    private static TestStack stack;

    @BeforeAll
    static void lifeOfASubscription() throws Exception {
        JsonLog.install(lines::add);
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        String person = TestStack.address("logged");
        secrets.add(person);
        assertEquals(202, api.handleRequest(Routes.event("POST", "/subscriptions", Map.of("content-type", "application/json"),
                "{\"email\":\"" + person + "\",\"topics\":[\"" + TOPIC + "\"]}"), new LambdaContext("req-subscribe")).getStatusCode());
        String confirm = TestStack.confirmToken(person);
        secrets.add(confirm);
        APIGatewayV2HTTPResponse confirmed = api.handleRequest(Routes.event("GET", "/subscriptions/confirm?token=" + confirm, Map.of(), null),
                new LambdaContext("req-confirm"));
        assertEquals(200, confirmed.getStatusCode());
        Matcher feed = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]+)\\.ics").matcher(confirmed.getBody());
        assertTrue(feed.find(), "the confirmation page shows the personal feed");
        secrets.add(feed.group(1));

        // SES's message quotes the address, as its MessageRejected for an unverified address does.
        String refused = TestStack.address("refused");
        secrets.add(refused);
        MailSender rejects = mail -> {
            throw new MailSender.RejectedException("MessageRejected",
                    "SES MessageRejected: Email address is not verified. The following identities failed the check: " + refused, null);
        };
        SubscriptionHandler rejecting = new SubscriptionHandler(stack.wiring(rejects));
        rejecting.handleRequest(Routes.event("POST", "/subscriptions", Map.of("content-type", "application/json"),
                "{\"email\":\"" + refused + "\",\"topics\":[\"" + TOPIC + "\"]}"), new LambdaContext("req-rejected"));

        FeedHandler feeds = stack.feeds();
        assertEquals(200, feeds.handleRequest(Routes.event("GET", "/feeds/personal/" + feed.group(1) + ".ics", Map.of(), null),
                new LambdaContext("req-personal")).getStatusCode());
        APIGatewayV2HTTPResponse topic = feeds.handleRequest(Routes.event("GET", "/feeds/topics/" + TOPIC + ".ics", Map.of(), null),
                new LambdaContext("req-feed-200"));
        assertEquals(200, topic.getStatusCode());
        assertEquals(304, feeds.handleRequest(Routes.event("GET", "/feeds/topics/" + TOPIC + ".ics",
                Map.of("if-none-match", topic.getHeaders().get("ETag")), null), new LambdaContext("req-feed-304")).getStatusCode());
        assertEquals(404, feeds.handleRequest(Routes.event("GET", "/feeds/topics/nope.ics", Map.of(), null),
                new LambdaContext("req-feed-404")).getStatusCode());

        // A research office: its key, a staff member's address, its feed secret (and the rotated one) are never logged.
        cutoff.officeservice.Offices.Created office;
        try (JsonLog.Scope created = JsonLog.invocation("req-office-create")) {
            office = stack.wiring().offices().create("科研处", List.of("example.edu.cn"));
        }
        secrets.add(office.apiKey());
        String staff = TestStack.address("staff-logged");
        secrets.add(staff);
        OfficeHandler offices = new OfficeHandler(stack.wiring());
        String officePath = "/orgs/" + office.office().id();
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("POST", officePath + "/staff", office.apiKey(), "text/csv",
                OfficeApiIT.HEADER + staff + ",,," + TOPIC + ",,\r\n"), new LambdaContext("req-office-upload")).getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(),
                new LambdaContext("req-office-welcome"));
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("PUT", officePath + "/internal-deadlines", office.apiKey(), "application/json",
                "{\"before\":\"P3D\",\"at\":\"16:30\"}"), new LambdaContext("req-office-rule")).getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(),
                new LambdaContext("req-office-changed"));
        Matcher officeFeed = Pattern.compile("/feeds/orgs/([A-Za-z0-9_-]{43})\\.ics").matcher(offices.handleRequest(
                OfficeApiIT.request("GET", "/orgs", office.apiKey(), null, null), new LambdaContext("req-office-officePath")).getBody());
        assertTrue(officeFeed.find());
        secrets.add(officeFeed.group(1));
        assertEquals(200, feeds.handleRequest(Routes.event("GET", "/feeds/orgs/" + officeFeed.group(1) + ".ics", Map.of(), null),
                new LambdaContext("req-office-feed")).getStatusCode());
        Matcher rotated = Pattern.compile("/feeds/orgs/([A-Za-z0-9_-]{43})\\.ics").matcher(offices.handleRequest(
                OfficeApiIT.request("POST", officePath + "/feed", office.apiKey(), null, null), new LambdaContext("req-office-rotate")).getBody());
        assertTrue(rotated.find());
        secrets.add(rotated.group(1));
        assertEquals(404, feeds.handleRequest(Routes.event("GET", "/feeds/orgs/" + officeFeed.group(1) + ".ics", Map.of(), null),
                new LambdaContext("req-office-feed-404")).getStatusCode());

        // The topic closes 2026-06-03 16:30 Beijing time: on 06-03 a reminder is due.
        stack.clock.set(Instant.parse("2026-06-03T00:00:00Z"));
        Map<String, Object> run = new DispatchHandler(stack.dispatcher()).handleRequest(Map.of(), new LambdaContext("req-dispatch"));
        assertTrue((Integer) run.get("emails") >= 1, run.toString());

        new SesNotificationHandler(stack.subscribers, stack.planner, stack.clock).handleRequest(
                EventLoader.loadSNSEvent(Project.root().resolve("events/ses-bounce-permanent.json").toString()), new LambdaContext("req-bounce"));
        secrets.add("bounce@example.edu.cn");
    }

    @AfterAll
    static void defaultLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private static List<JsonNode> linesOf(String requestId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if (requestId.equals(n.path(JsonLog.REQUEST_ID).asText())) {
                found.add(n);
            }
        }
        return found;
    }

    @Test
    void everyLine_isOneJsonObject_withTimeLevelMessageAndRequestId() throws Exception {
        assertTrue(lines.size() >= 6, lines.toString());
        for (String line : lines) {
            assertFalse(line.contains("\n"), line);
            JsonNode n = JSON.readTree(line);
            assertTrue(n.isObject(), line);
            Instant.parse(n.get("timestamp").asText());
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(n.get("level").asText()), line);
            assertFalse(n.get("message").asText().isBlank(), line);
            assertTrue(n.path(JsonLog.REQUEST_ID).asText().startsWith("req-"), "no request id: " + line);
        }
    }

    @Test
    void noAddressAndNoToken_inAnyLine() {
        assertEquals(9, secrets.size());
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "'" + secret + "' in " + line);
            }
        }
    }

    @Test
    void aConfirmationSesRejects_logsSesCode() throws Exception {
        List<JsonNode> rejected = linesOf("req-rejected");
        assertTrue(rejected.stream().anyMatch(n -> n.get("level").asText().equals("WARN")
                && n.get("message").asText().equals("confirmation email not sent: rejected, SES MessageRejected")), rejected.toString());
    }

    @Test
    void theDispatchersLines_carryTheRunId() throws Exception {
        List<JsonNode> run = linesOf("req-dispatch");
        assertFalse(run.isEmpty(), lines.toString());
        for (JsonNode n : run) {
            assertEquals("req-dispatch", n.path("runId").asText(), n.toString());
        }
        assertTrue(run.stream().anyMatch(n -> n.get("message").asText().contains("emails=")), run.toString());
    }

    @Test
    void theBounceLine_countsWithoutTheAddress() throws Exception {
        List<JsonNode> bounce = linesOf("req-bounce");
        assertEquals(1, bounce.size(), bounce.toString());
        assertEquals("SES notifications: 1 suppressed, 0 ignored", bounce.get(0).get("message").asText());
    }

    @Test
    void theTemplatesMetricFilters_countA200AsServed_andA304AsNotModified() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(Project.root().resolve("template.yaml").toFile()).get("Resources");
        Map<String, FilterPattern> filters = new java.util.HashMap<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().get("Type").asText().equals("AWS::Logs::MetricFilter")) {
                JsonNode p = r.getValue().get("Properties");
                assertEquals("FeedFunctionLogGroup", p.get("LogGroupName").asText(), "the feed function's log");
                JsonNode t = p.get("MetricTransformations").get(0);
                assertEquals("Cutoff", t.get("MetricNamespace").asText());
                filters.put(t.get("MetricName").asText(), new FilterPattern(p.get("FilterPattern").asText()));
                JsonNode dimension = t.get("Dimensions").get(0);
                assertEquals("Service", dimension.get("Key").asText());
                assertEquals("$.service", dimension.get("Value").asText());
            }
        });
        assertEquals(java.util.Set.of("FeedsServed", "FeedsNotModified"), filters.keySet());
        Map<String, JsonNode> byRequest = Map.of("200", linesOf("req-feed-200").get(0), "304", linesOf("req-feed-304").get(0),
                "personal", linesOf("req-personal").get(0));
        for (JsonNode line : byRequest.values()) {
            assertEquals("cutoff", line.get("service").asText(), "the dimension's value: " + line);
        }
        assertTrue(filters.get("FeedsServed").matches(byRequest.get("200")));
        assertFalse(filters.get("FeedsNotModified").matches(byRequest.get("200")));
        assertTrue(filters.get("FeedsNotModified").matches(byRequest.get("304")));
        assertFalse(filters.get("FeedsServed").matches(byRequest.get("304")));
        assertTrue(filters.get("FeedsServed").matches(byRequest.get("personal")), "personal feeds count as served too");
        assertEquals(List.of(), linesOf("req-feed-404"), "a 404 writes no feed line");
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if (!n.path("event").asText().equals("FeedResponse")) {
                assertFalse(filters.get("FeedsServed").matches(n) || filters.get("FeedsNotModified").matches(n), line);
            }
        }
    }

    /**
     * The part of CloudWatch Logs' JSON filter-pattern syntax the template uses, and nothing more:
     * {@code { $.a = "text" && $.b = 200 }}, terms joined by {@code &&}, each a top-level property
     * compared with {@code =} or {@code !=} to a quoted string (exact: no {@code *} wildcards here) or a
     * number (compared as a number; a string field never equals a number); a missing field matches no term. Anything else (||,
     * parentheses, nested selectors, IS NULL, wildcards) fails the test rather than being guessed at.
     */
    static final class FilterPattern {
        private static final Pattern TERM = Pattern.compile("\\$\\.(\\w+)\\s*(!?=)\\s*(\"([^\"*]*)\"|-?\\d+(\\.\\d+)?)");
        private final List<Matcher> terms = new ArrayList<>();

        FilterPattern(String pattern) {
            String p = pattern.strip();
            assertTrue(p.startsWith("{") && p.endsWith("}"), "a JSON filter pattern: " + pattern);
            for (String term : p.substring(1, p.length() - 1).split("&&")) {
                Matcher m = TERM.matcher(term.strip());
                assertTrue(m.matches(), "outside what this test understands: '" + term.strip() + "' in " + pattern);
                terms.add(m);
            }
        }

        boolean matches(JsonNode event) {
            for (Matcher t : terms) {
                JsonNode v = event.get(t.group(1));
                boolean equal;
                if (v == null) {
                    return false;
                }
                if (t.group(4) != null) {
                    equal = v.isTextual() && v.asText().equals(t.group(4));
                } else {
                    equal = v.isNumber() && v.decimalValue().compareTo(new java.math.BigDecimal(t.group(3))) == 0;
                }
                if (equal == t.group(2).equals("!=")) {
                    return false;
                }
            }
            return true;
        }
    }
}
