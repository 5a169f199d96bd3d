package cutoff.handler;

import cutoff.http.Http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import cutoff.officeservice.Offices;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an attacker's probe of the running demo found (malformed and out-of-range input on the office API,
 * the subscription form and the feeds), held here against DynamoDB Local: each answer is the 4xx naming the
 * field, never a 500, and nothing is stored by a refused request. 沪科指南〔2026〕8号 closes at 2026-06-03 16:30
 * Beijing time; 沪科指南〔2023〕4号 closed in 2023.
 */
class HostileInputIT {
    private static final String T1 = OfficeApiIT.T1;
    private static final String T2 = OfficeApiIT.T2;
    private static final String CLOSED = "2023-4-82277d-t1";

    private final TestStack stack;
    private final OfficeHandler api;
    private final Offices.Created office;
    private final String base;

    HostileInputIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new OfficeHandler(stack.wiring());
        office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        base = "/orgs/" + office.office().id();
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return api.handleRequest(OfficeApiIT.request(method, path, office.apiKey(), body == null ? null : "application/json", body), null);
    }

    /** Staff following T1 (welcomed, so they are followers whose reminders a change re-plans). */
    private void staffFollowingT1() {
        String csv = OfficeApiIT.HEADER + TestStack.address("staff") + ",张三,物理系," + T1 + ",zh,P7D\r\n";
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", base + "/staff", office.apiKey(), "text/csv", csv), null)
                .getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private static void assertRefused(int status, String field, APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals(field, OfficeApiIT.json(r).get("field").asText(), r.getBody());
    }

    @Test
    void anOverrideInAYearFarOut_is400NamingAt_andTheOfficeKeepsWorking() throws Exception {
        staffFollowingT1();
        for (String at : List.of("-999999999-01-01T00:00:00+08:00", "+999999999-12-31T23:59:00+08:00", "1999-12-31T23:59:00+08:00")) {
            APIGatewayV2HTTPResponse r = call("PUT", base + "/topics/" + T1 + "/internal-deadline", "{\"at\":\"" + at + "\"}");
            assertRefused(400, "at", r);
            assertEquals("year_out_of_range", OfficeApiIT.json(r).get("code").asText(), r.getBody());
        }
        JsonNode view = OfficeApiIT.json(call("GET", base + "/internal-deadlines", null));
        assertEquals(0, view.get("overrides").size(), "a refused override is not stored: " + view);
        APIGatewayV2HTTPResponse rule = call("PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"16:30\"}");
        assertEquals(200, rule.getStatusCode(), rule.getBody());
        assertEquals("2026-05-31T16:30:00+08:00", OfficeApiIT.json(rule).get("deadlines").get(0).get("internal").asText());
    }

    @Test
    void anOverrideOnATopicWhoseCutoffHasPassed_is400NamingTheTopic() throws Exception {
        APIGatewayV2HTTPResponse r = call("PUT", base + "/topics/" + CLOSED + "/internal-deadline", "{\"at\":\"2023-01-01T12:00:00+08:00\"}");
        assertRefused(400, "topicId", r);
        assertEquals("topic_closed", OfficeApiIT.json(r).get("code").asText(), r.getBody());
        assertTrue(OfficeApiIT.json(r).get("error").asText().contains(CLOSED), r.getBody());
        assertEquals(0, OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("overrides").size());
    }

    @Test
    void deletingTheOverrideOfATopicTheNoticeDoesNotHave_is404NamingIt_whileAKnownTopicWithoutOneIs204() throws Exception {
        APIGatewayV2HTTPResponse r = call("DELETE", base + "/topics/2026-8-304af3-t9/internal-deadline", null);
        assertRefused(404, "topicId", r);
        assertTrue(OfficeApiIT.json(r).get("error").asText().contains("2026-8-304af3-t9"), r.getBody());
        assertEquals(204, call("DELETE", base + "/topics/" + T2 + "/internal-deadline", null).getStatusCode());
    }

    @Test
    void aSubscriptionWithANullInAList_isA400Page_forABrowser_asForJson() {
        for (String list : List.of("\"follow\":[null]", "\"leadTimes\":[null]", "\"topics\":[null]")) {
            String body = "{\"email\":\"" + TestStack.address("nulls") + "\",\"topics\":[\"" + T1 + "\"]," + list + "}";
            body = list.startsWith("\"topics\"") ? "{\"email\":\"" + TestStack.address("nulls") + "\"," + list + "}" : body;
            for (String accept : List.of("text/html", "application/json")) {
                APIGatewayV2HTTPResponse r = stack.subscriptionApi().handleRequest(TestStack.fromNewSource(Routes.event("POST", "/subscriptions",
                        Map.of("content-type", "application/json", "accept", accept), body)), null);
                assertEquals(400, r.getStatusCode(), list + " " + accept + ": " + r.getBody());
                assertTrue(r.getHeaders().get("Content-Type").startsWith(accept), r.getHeaders().toString());
            }
        }
    }

    /** Accept values outside RFC 9110 §12.5.1: the probe's, empty ranges, stray separators, q-values out of range. */
    static final List<String> BROKEN_ACCEPT = List.of(";", ";;;", "text/html,;", ",;,", "text/html;q=1.5", "text/html;q=-1",
            "text/html;q=0.0001", "text/html;q=\"1\"", "text/html;q", "*/html", "text / html", "text/html;a = b", "text/html;a=\"",
            "/", "*", "text/html;q=1;q=0");

    private APIGatewayV2HTTPResponse subscriptions(String method, String target, Map<String, String> headers, String body) {
        return stack.subscriptionApi().handleRequest(TestStack.fromNewSource(Routes.event(method, target, headers, body)), null);
    }

    /** An error body names what was wrong, never a Java class. */
    private static void assertNoJavaInside(APIGatewayV2HTTPResponse r, String what) {
        String body = r.getBody() == null ? "" : r.getBody();
        assertFalse(body.matches("(?s).*(Exception|java\\.|\\bat cutoff\\.).*"), what + ": " + body);
    }

    @Test
    void aMalformedAccept_isAnsweredAsNoAccept_onEverySubscriptionRouteAndMethod() {
        for (String route : Routes.SUBSCRIPTIONS) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS")) {
                String body = method.equals("POST") ? "{}" : null;
                Map<String, String> type = method.equals("POST") ? Map.of("content-type", "application/json") : Map.of();
                int without = subscriptions(method, route + "?token=x", type, body).getStatusCode();
                for (String accept : BROKEN_ACCEPT) {
                    Map<String, String> headers = new java.util.HashMap<>(type);
                    headers.put("accept", accept);
                    APIGatewayV2HTTPResponse r = subscriptions(method, route + "?token=x", headers, body);
                    assertEquals(without, r.getStatusCode(), method + " " + route + " Accept: " + accept + ": " + r.getBody());
                    assertNoJavaInside(r, method + " " + route + " Accept: " + accept);
                }
            }
        }
    }

    @Test
    void aMalformedContentType_isAnsweredAsNoContentType_415() throws Exception {
        // The type is checked before the token is looked up: any token shows it.
        String token = "A".repeat(43);
        for (String type : List.of(";", ";;;", ",;,", "application/json;", "/json", "application/json, text/csv", "text/*",
                "application/json;charset", "application/json;q=1")) {
            boolean parses = type.equals("application/json;");
            List<APIGatewayV2HTTPResponse> answers = List.of(
                    subscriptions("POST", "/subscriptions", Map.of("content-type", type), "{}"),
                    subscriptions("POST", "/subscriptions/manage?token=" + token, Map.of("content-type", type), "action=rotate"),
                    api.handleRequest(OfficeApiIT.request("POST", base + "/staff", office.apiKey(), type, "{\"staff\":[]}"), null),
                    call("PUT", base + "/internal-deadlines", null));
            for (APIGatewayV2HTTPResponse r : answers) {
                assertNoJavaInside(r, type);
                if (!parses) {
                    assertEquals(415, r.getStatusCode(), type + ": " + r.getBody());
                    assertTrue(r.getBody().contains("content-type"), r.getBody());
                }
            }
        }
    }

    /** The handler API Gateway would call for a request, as the demo's front routes it. */
    private APIGatewayV2HTTPResponse anyHandler(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent e) {
        String route = Http.route(e);
        return Routes.FEEDS.contains(route) ? stack.feeds().handleRequest(e, null)
                : Routes.SUBSCRIPTIONS.contains(route) ? stack.subscriptionApi().handleRequest(TestStack.fromNewSource(e), null)
                : Routes.OFFICES.contains(route) ? api.handleRequest(e, null) : new WebHandler(stack.wiring()).handleRequest(e, null);
    }

    @Test
    void aMethodInLowerCase_isNoKnownMethod_405WithAllow_inEveryHandler() {
        for (String target : List.of("/feeds/all.ics", "/status", "/subscriptions", "/subscriptions/manage?token=x", "/",
                "/calls/" + T1, "/office", base + "/staff", "/orgs", base + "/internal-deadlines")) {
            for (String method : List.of("get", "Get", "head", "post", "delete")) {
                APIGatewayV2HTTPResponse r = anyHandler(Routes.event(method, target, Map.of("authorization", "Bearer " + office.apiKey()), null));
                assertEquals(405, r.getStatusCode(), method + " " + target + ": " + r.getBody());
                String allow = r.getHeaders().get("Allow");
                assertTrue(allow != null && allow.contains("GET") && !allow.contains(method), method + " " + target + ": " + allow);
            }
        }
    }

    @Test
    void aQueryParameterGivenTwice_is400NamingIt_onEveryRouteThatReadsTheQuery() throws Exception {
        Map<String, String> auth = Map.of("authorization", "Bearer " + office.apiKey());
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/subscriptions/manage?token=a&token=b", "token");
        cases.put("/subscriptions/confirm?token=a&token=a", "token");
        cases.put("/subscriptions/unsubscribe?token=a&token=b", "token");
        cases.put("/subscriptions?lang=en&lang=zh", "lang");
        cases.put(base + "/staff?limit=1&limit=500", "limit");
        cases.put(base + "/staff?cursor=a&limit=5&cursor=b", "cursor");
        cases.put("/?year=2026&year=2023", "year");
        cases.put("/?q=a&issuer=x&q=b", "q");
        cases.put("/calls/" + T1 + "?lang=en&lang=zh", "lang");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            for (String accept : List.of("application/json", "text/html")) {
                Map<String, String> headers = new java.util.HashMap<>(auth);
                headers.put("accept", accept);
                APIGatewayV2HTTPResponse r = anyHandler(Routes.event("GET", c.getKey(), headers, null));
                assertEquals(400, r.getStatusCode(), c.getKey() + ": " + r.getBody());
                assertTrue(r.getBody().contains(c.getValue() + " is given 2 times"), c.getKey() + ": " + r.getBody());
            }
        }
        // The one list: the subscription page's ticked topics.
        assertEquals(200, anyHandler(Routes.event("GET", "/subscriptions?topic=" + T1 + "&topic=" + T2, Map.of(), null)).getStatusCode());
    }

    @Test
    void feedsSayNosniff_andTheAllCallsFeedIsNamedAllIcs() {
        APIGatewayV2HTTPResponse all = stack.feeds().handleRequest(Project.event("feed-all.json"), null);
        assertEquals(200, all.getStatusCode());
        assertEquals("inline; filename=\"all.ics\"", all.getHeaders().get("Content-Disposition"));
        assertEquals("nosniff", all.getHeaders().get("X-Content-Type-Options"));
        String secret = stack.wiring().internalDeadlines().feedSecret(office.office()).orElseThrow();
        APIGatewayV2HTTPResponse officeFeed = stack.feeds().handleRequest(Routes.event("GET", "/feeds/orgs/" + secret + ".ics", Map.of(), null), null);
        assertEquals(200, officeFeed.getStatusCode(), officeFeed.getBody());
        assertEquals("nosniff", officeFeed.getHeaders().get("X-Content-Type-Options"));
        assertFalse(officeFeed.getHeaders().get("Cache-Control").contains("public"), "an office feed is not for shared caches");
    }

    @Test
    void headAnswersCarryNoBody_errorsIncluded_withTheGetsLength() {
        Map<String, java.util.function.Function<com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
                handlers = Map.of(
                "/orgs", e -> api.handleRequest(e, null),
                "/feeds/topics/2026-8-304af3-t9.ics", e -> stack.feeds().handleRequest(e, null),
                "/subscriptions?lang=%ZZ", e -> stack.subscriptionApi().handleRequest(TestStack.fromNewSource(e), null));
        handlers.forEach((path, handler) -> {
            APIGatewayV2HTTPResponse get = handler.apply(Routes.event("GET", path, Map.of(), null));
            APIGatewayV2HTTPResponse head = handler.apply(Routes.event("HEAD", path, Map.of(), null));
            assertTrue(get.getStatusCode() >= 400, path + " " + get.getStatusCode());
            assertEquals(get.getStatusCode(), head.getStatusCode(), path);
            assertTrue(head.getBody() == null || head.getBody().isEmpty(), path + ": " + head.getBody());
            assertEquals(Integer.toString(get.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                    head.getHeaders().get("Content-Length"), path);
        });
    }

    /**
     * Raw paths and queries that the JDK's HTTP server would refuse before any handler sees them (bad escapes,
     * {@code <}, NUL, bidi controls; the demo's front passes them on) and that API Gateway may hand over: each
     * handler answers 4xx.
     */
    @Test
    void malformedPathsAndQueries_areAnswered4xx_byEveryHandler() {
        WebHandler web = new WebHandler(stack.wiring());
        String officeBase = base;
        List<String> targets = List.of("/calls/%ZZ", "/calls/<script>", "/calls/%00", "/calls/\u202e", "/calls/%ZZ/event.ics",
                "/assets/%ZZ", "/assets/<script>", "/assets/..%2f..%2fpom.xml", "/feeds/orgs/%ZZ.ics", "/feeds/orgs/<script>.ics",
                "/feeds/topics/%ZZ.ics", "/feeds/personal/%00.ics", "/?q=%ZZ", "/?lang=%ZZ", "/calls/" + T1 + "?lang=%",
                "/subscriptions?topic=%ZZ", "/subscriptions/manage?token=%ZZ", "/subscriptions/confirm?token=<script>",
                officeBase + "/topics/%ZZ/internal-deadline", officeBase + "/topics/<script>/internal-deadline", officeBase + "/staff/%ZZ",
                officeBase + "/staff?cursor=%ZZ");
        for (String target : targets) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                var e = Routes.event(method, target, Map.of("authorization", "Bearer " + office.apiKey(), "content-type", "application/json"),
                        method.equals("PUT") ? "{\"at\":\"2026-05-20T12:00:00+08:00\"}" : null);
                String route = Http.route(e);
                APIGatewayV2HTTPResponse r = Routes.FEEDS.contains(route) ? stack.feeds().handleRequest(e, null)
                        : Routes.SUBSCRIPTIONS.contains(route) ? stack.subscriptionApi().handleRequest(TestStack.fromNewSource(e), null)
                        : Routes.OFFICES.contains(route) ? api.handleRequest(e, null) : web.handleRequest(e, null);
                assertTrue(r.getStatusCode() >= 400 && r.getStatusCode() < 500, method + " " + target + ": " + r.getStatusCode() + " " + r.getBody());
            }
        }
    }

    /**
     * A welcome's manage and unsubscribe links (and its List-Unsubscribe header) work at once, also when the
     * clock moves between the run's preparing (the tokens issued ahead) and the welcome (the subscriber made).
     */
    @Test
    void aWelcomesManageAndUnsubscribeLinksWork_whenTheClockMovesDuringTheRun() {
        String email = TestStack.address("ticking");
        String csv = OfficeApiIT.HEADER + email + ",张三,物理系," + T1 + ",zh,\r\n";
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", base + "/staff", office.apiKey(), "text/csv", csv), null)
                .getStatusCode());
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock ticking = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return stack.wiring().clock().instant().plusMillis(reads.incrementAndGet());
            }
        };
        new DispatchHandler(stack.dispatcher(), stack.wiring(ticking).staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        stack.advance(java.time.Duration.ofMinutes(1));
        String text = cutoff.testing.LocalSes.sentTo(email).get(0).text();
        for (String kind : List.of("manage", "unsubscribe")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/subscriptions/" + kind + "\\?token=([A-Za-z0-9_-]{43})").matcher(text);
            assertTrue(m.find(), kind + " link in\n" + text);
            APIGatewayV2HTTPResponse r = stack.subscriptionApi().handleRequest(TestStack.fromNewSource(
                    Routes.event("GET", "/subscriptions/" + kind + "?token=" + m.group(1), Map.of("accept", "text/html"), null)), null);
            assertEquals(200, r.getStatusCode(), kind + ": " + r.getBody());
        }
    }
}
