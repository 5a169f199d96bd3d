package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.officeservice.Offices;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The research-office API through {@link OfficeHandler}, against DynamoDB Local and the SES stand-in. */
public class OfficeApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String HEADER = "email,name,department,topics,language,leadTimes\r\n";
    public static final String T1 = "2026-8-304af3-t1";
    static final String T2 = "2026-8-304af3-t2";
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/subscriptions/unsubscribe\\?token=([A-Za-z0-9_-]{43})");

    private final TestStack stack;
    private final OfficeHandler api;
    private final Offices.Created office;

    OfficeApiIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new OfficeHandler(stack.wiring());
        office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
    }

    public static APIGatewayV2HTTPEvent request(String method, String path, String key, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            headers.put("authorization", "Bearer " + key);
        }
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return Routes.event(method, path, headers, body);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String key, String contentType, String body) {
        return api.handleRequest(request(method, path, key, contentType, body), null);
    }

    APIGatewayV2HTTPResponse upload(Offices.Created o, String csv) {
        return call("POST", "/orgs/" + o.office().id() + "/staff", o.apiKey(), "text/csv", csv);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    private Map<String, Object> dispatch() {
        return new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private List<JsonNode> everyone(Offices.Created o) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            APIGatewayV2HTTPResponse r = call("GET", "/orgs/" + o.office().id() + "/staff?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    o.apiKey(), null, null);
            assertEquals(200, r.getStatusCode(), r.getBody());
            json(r).get("staff").forEach(all::add);
            cursor = json(r).get("next").isNull() ? null : json(r).get("next").asText();
        } while (cursor != null);
        return all;
    }

    private static JsonNode person(List<JsonNode> staff, String email) {
        return staff.stream().filter(n -> n.get("email").asText().equals(email)).findFirst().orElse(null);
    }

    @Test
    void anUpload_storesEveryGoodRow_reportsTheBadOnesByLine_andAgainAddsNothing() throws Exception {
        String a = TestStack.address("a");
        String b = TestStack.address("b");
        String c = TestStack.address("c");
        String csv = HEADER
                + a + ",\"Zhang, San\",科研处," + T1 + ",zh,P7D;P1D\r\n"
                + b.toUpperCase() + ",=HYPERLINK(\"http://x\"),,all;issuer:上海市科学技术委员会,en,\r\n"
                + "wrong@example.com,,,"+ T1 + ",,\r\n"
                + b + ",dup,,all,,\r\n"
                + c + ",,,no-such-topic,,\r\n"
                + c + ",,," + T1 + ",,P99D\r\n"
                + c + ",,,2026-8-304af3,,\r\n";
        APIGatewayV2HTTPResponse r = upload(office, csv);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode answer = json(r);
        assertEquals(7, answer.get("received").asInt());
        assertEquals(3, answer.get("added").asInt(), r.getBody());
        assertEquals(4, answer.get("rejected").asInt());
        List<Integer> lines = new ArrayList<>();
        answer.get("errors").forEach(e -> lines.add(e.get("line").asInt()));
        assertEquals(List.of(4, 5, 6, 7), lines);
        assertTrue(answer.get("errors").get(0).get("reason").asText().contains("not this office's"), r.getBody());
        assertTrue(answer.get("errors").get(1).get("reason").asText().contains("line 3"), "the duplicate names the first line");
        assertEquals("wrong@example.com", answer.get("errors").get(0).get("email").asText());
        // Each error names its column and a stable code (the office page words it in its own language).
        List<String> codes = new ArrayList<>();
        answer.get("errors").forEach(e -> codes.add(e.get("field").asText() + "/" + e.get("code").asText()));
        assertEquals(List.of("email/wrong_domain", "email/duplicate", "topics/unknown_topic", "leadTimes/bad_lead_time"), codes);
        assertEquals("topics: no topic or notice no-such-topic", answer.get("errors").get(2).get("reason").asText(),
                "the English reason stays for API clients");

        JsonNode again = json(upload(office, csv));
        assertEquals(0, again.get("added").asInt());
        assertEquals(0, again.get("updated").asInt());
        assertEquals(3, again.get("unchanged").asInt());

        List<JsonNode> staff = everyone(office);
        assertEquals(3, staff.size());
        JsonNode bee = person(staff, b);
        assertEquals("=HYPERLINK(\"http://x\")", bee.get("name").asText(), "stored as given");
        assertEquals("[\"all\",\"issuer:上海市科学技术委员会\"]", bee.get("topics").toString(), "follow rules kept as rules");
        assertEquals("active", bee.get("status").asText());
        assertFalse(bee.get("welcomed").asBoolean(), "nothing is sent inside the request");
        assertEquals(List.of(), LocalSes.sentTo(a), "nothing is sent inside the request");
        assertEquals("[\"" + "2026-8-304af3" + "\"]", person(staff, c).get("topics").toString());
    }

    @Test
    void theDispatcher_welcomesEachPersonOnce_withFeedManageAndOneClickOptOut_andOptedOutStaysOut() throws Exception {
        String a = TestStack.address("welcome");
        String csv = HEADER + a + ",王五,物理系," + T1 + ",zh,\r\n";
        assertEquals(1, json(upload(office, csv)).get("added").asInt());
        Map<String, Object> run = dispatch();
        assertEquals(1, run.get("welcomed"), run.toString());
        List<LocalSes.Sent> mail = LocalSes.sentTo(a);
        assertEquals(1, mail.size());
        LocalSes.Sent welcome = mail.get(0);
        assertTrue(welcome.subject().contains("某某大学科研处"), welcome.subject());
        assertTrue(welcome.text().contains("某某大学科研处"));
        assertTrue(welcome.text().contains("沪科指南〔2026〕8号"), welcome.text());
        assertTrue(welcome.header("List-Unsubscribe").contains("/subscriptions/unsubscribe?token="));
        assertEquals("List-Unsubscribe=One-Click", welcome.header("List-Unsubscribe-Post"));
        Matcher feed = FEED.matcher(welcome.text());
        assertTrue(feed.find(), welcome.text());
        APIGatewayV2HTTPResponse ics = stack.feeds().handleRequest(Routes.event("GET", "/feeds/personal/" + feed.group(1) + ".ics",
                Map.of(), null), null);
        assertEquals(200, ics.getStatusCode());
        assertTrue(ics.getBody().contains(T1 + "-closes@cutoff"), "the feed holds the topic's cutoff");
        assertFalse(stack.reminders.ofSubscriber(stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId())
                .isEmpty(), "reminders planned");

        assertEquals(0, dispatch().get("welcomed"), "once");
        assertEquals(1, LocalSes.sentTo(a).size());
        assertTrue(person(everyone(office), a).get("welcomed").asBoolean());

        // One click (RFC 8058) on the welcome's link; the office uploads again, changed: still opted out, nothing sent.
        Matcher unsubscribe = UNSUBSCRIBE.matcher(welcome.text());
        assertTrue(unsubscribe.find());
        assertEquals(200, stack.subscriptionApi().handleRequest(TestStack.fromNewSource(Routes.event("POST",
                "/subscriptions/unsubscribe?token=" + unsubscribe.group(1), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click")), null).getStatusCode());
        assertEquals("opted_out", person(everyone(office), a).get("status").asText());
        assertEquals(1, json(upload(office, HEADER + a + ",王五,物理系," + T2 + ",zh,\r\n")).get("updated").asInt());
        dispatch();
        assertEquals(1, LocalSes.sentTo(a).size());
        assertEquals("opted_out", person(everyone(office), a).get("status").asText());
        assertEquals(404, stack.feeds().handleRequest(Routes.event("GET", "/feeds/personal/" + feed.group(1) + ".ics", Map.of(), null),
                null).getStatusCode(), "the feed ended with the opt-out");

        // Removed by the office and added again: still opted out.
        assertEquals(204, call("DELETE", "/orgs/" + office.office().id() + "/staff/" + a.replace("@", "%40"), office.apiKey(), null, null)
                .getStatusCode());
        assertNull(person(everyone(office), a));
        assertEquals(1, json(upload(office, HEADER + a + ",王五,物理系," + T2 + ",zh,\r\n")).get("added").asInt());
        dispatch();
        assertEquals(1, LocalSes.sentTo(a).size());
        assertEquals("opted_out", person(everyone(office), a).get("status").asText());
    }

    @Test
    void aBouncedAddress_showsAsBounced_andGetsNoWelcome() throws Exception {
        String a = TestStack.address("bounced");
        assertEquals(1, json(upload(office, HEADER + a + ",,," + T1 + ",,\r\n")).get("added").asInt());
        Path event = Files.createTempFile("bounce", ".json");
        try {
            Files.writeString(event, Files.readString(Project.root().resolve("events/ses-bounce-permanent.json"))
                    .replace("bounce@example.edu.cn", a), StandardCharsets.UTF_8);
            new SesNotificationHandler(stack.subscribers, stack.planner, stack.clock).handleRequest(EventLoader.loadSNSEvent(event.toString()), null);
        } finally {
            Files.deleteIfExists(event);
        }
        assertEquals("bounced", person(everyone(office), a).get("status").asText());
        dispatch();
        assertEquals(List.of(), LocalSes.sentTo(a));
    }

    @Test
    void aChangedRow_isUpdated_andTheRemovedPersonIsGone() throws Exception {
        String a = TestStack.address("changed");
        upload(office, HEADER + a + ",,," + T1 + ",,\r\n");
        dispatch();
        JsonNode changed = json(upload(office, HEADER + a + ",New Name,,\"" + T1 + ";" + T2 + "\",en,P3D\r\n"));
        assertEquals(1, changed.get("updated").asInt(), changed.toString());
        JsonNode p = person(everyone(office), a);
        assertEquals("New Name", p.get("name").asText());
        assertEquals("[\"P3D\"]", p.get("leadTimes").toString());
        String id = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
        assertEquals(List.of(T1), stack.subscribers.byId(id).orElseThrow().topicIds(), "the dispatcher's staff queue applies it");
        assertEquals(1, dispatch().get("staffReplanned"));
        assertEquals(List.of(T1, T2), stack.subscribers.byId(id).orElseThrow().topicIds());
        assertEquals("en", stack.subscribers.byId(id).orElseThrow().language());
        assertTrue(stack.subscribers.subscriberIdsOf(T2).contains(id), "the new topic's membership (for later ingests)");
        assertEquals(1, LocalSes.sentTo(a).size(), "a change sends no second welcome");

        assertEquals(204, call("DELETE", "/orgs/" + office.office().id() + "/staff/" + a, office.apiKey(), null, null).getStatusCode());
        assertEquals(404, call("DELETE", "/orgs/" + office.office().id() + "/staff/" + a, office.apiKey(), null, null).getStatusCode());
        assertNull(person(everyone(office), a));
        assertTrue(stack.subscribers.byId(id).isEmpty());
        assertFalse(stack.subscribers.subscriberIdsOf(T1).contains(id));
    }

    @Test
    void aJsonUpload_isTheSame_andOfficeIdOrRoleInTheBody_is404() throws Exception {
        String a = TestStack.address("json");
        String base = "/orgs/" + office.office().id() + "/staff";
        APIGatewayV2HTTPResponse r = call("POST", base, office.apiKey(), "application/json",
                "{\"staff\":[{\"email\":\"" + a + "\",\"name\":\"李\",\"topics\":[\"" + T1 + "\"],\"leadTimes\":[\"P1D\"]},"
                        + "{\"email\":\"x@example.org\",\"topics\":[\"all\"]}]}");
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, json(r).get("added").asInt());
        assertEquals(2, json(r).get("errors").get(0).get("line").asInt(), "the entry's position");
        for (String body : List.of("{\"orgId\":\"org_1\",\"staff\":[]}", "{\"staff\":[{\"email\":\"" + a + "\",\"role\":\"admin\"}]}",
                "{\"staff\":[{\"email\":\"" + a + "\",\"orgId\":\"" + office.office().id() + "\"}]}")) {
            APIGatewayV2HTTPResponse hidden = call("POST", base, office.apiKey(), "application/json", body);
            assertEquals(404, hidden.getStatusCode(), body);
        }
        assertEquals(404, upload(office, "email,orgId\r\n" + a + ",org_1\r\n").getStatusCode());
        APIGatewayV2HTTPResponse unknown = call("POST", base, office.apiKey(), "application/json", "{\"staff\":[],\"extra\":1}");
        assertEquals(400, unknown.getStatusCode());
        assertEquals("extra", json(unknown).get("field").asText());
    }

    @Test
    void theExport_neutralisesFormulaCells_andCarriesTheStatus() throws Exception {
        String a = TestStack.address("export");
        upload(office, HEADER + a + ",\"=cmd|' /C calc'!A0\",\"+dept, two\"," + T1 + ",,\r\n");
        APIGatewayV2HTTPResponse r = call("GET", "/orgs/" + office.office().id() + "/staff.csv", office.apiKey(), null, null);
        assertEquals(200, r.getStatusCode());
        assertTrue(r.getHeaders().get("Content-Type").startsWith("text/csv"));
        String body = r.getBody();
        assertTrue(body.startsWith("\uFEFFemail,name,department,topics,language,leadTimes,status,ownChoices\r\n"), body);
        assertTrue(body.contains(a + ",'=cmd|' /C calc'!A0,\"'+dept, two\"," + T1 + ",zh,,active,\r\n"), body);
        assertEquals(200, call("HEAD", "/orgs/" + office.office().id() + "/staff.csv", office.apiKey(), null, null).getStatusCode());
    }

    @Test
    void keys_missingWrongRotatedOrRevoked_are401_withWwwAuthenticate() throws Exception {
        String path = "/orgs/" + office.office().id() + "/staff";
        // Another key of the same shape: its last character changed (never to itself: a 256-bit key's last base64url
        // character is one of 16, so a fixed replacement would be the same key one time in 16).
        String last = office.apiKey().endsWith("A") ? "E" : "A";
        for (String key : new String[] {null, "nope", office.apiKey().substring(0, 49) + last}) {
            APIGatewayV2HTTPResponse r = call("GET", path, key, null, null);
            assertEquals(401, r.getStatusCode(), String.valueOf(key));
            assertTrue(r.getHeaders().get("WWW-Authenticate").startsWith("Bearer realm=\"cutoff\""));
        }
        assertEquals(401, api.handleRequest(Routes.event("GET", path, Map.of("authorization", "Basic " + office.apiKey()), null), null)
                .getStatusCode());
        String rotated = stack.wiring().offices().rotateKey(office.office().id()).orElseThrow();
        assertEquals(401, call("GET", path, office.apiKey(), null, null).getStatusCode(), "the old key is dead at once");
        assertEquals(200, call("GET", path, rotated, null, null).getStatusCode());
        assertTrue(stack.wiring().offices().revokeKey(office.office().id()));
        assertEquals(401, call("GET", path, rotated, null, null).getStatusCode());
        assertTrue(stack.wiring().offices().rotateKey("org_00000000000000000000").isEmpty());
    }

    @Test
    void eachOfficesKey_againstEveryRouteOfTheOther_is404_andNothingChanges() throws Exception {
        Offices.Created other = stack.wiring().offices().create("另一所大学科研处", List.of("example.edu.cn"));
        String mine = TestStack.address("mine");
        String theirs = TestStack.address("theirs");
        upload(office, HEADER + mine + ",,," + T1 + ",,\r\n");
        upload(other, HEADER + theirs + ",,," + T1 + ",,\r\n");
        // Each office has a rule, an override and a feed URL that another office's key must not touch.
        for (Offices.Created o : List.of(office, other)) {
            String base = "/orgs/" + o.office().id();
            assertEquals(200, call("PUT", base + "/internal-deadlines", o.apiKey(), "application/json",
                    "{\"before\":\"P3D\",\"at\":\"16:30\"}").getStatusCode());
            assertEquals(200, call("PUT", base + "/topics/" + T1 + "/internal-deadline", o.apiKey(), "application/json",
                    "{\"at\":\"2026-06-01T12:00:00+08:00\"}").getStatusCode());
        }
        String exportMine = call("GET", "/orgs/" + office.office().id() + "/staff.csv", office.apiKey(), null, null).getBody();
        String exportTheirs = call("GET", "/orgs/" + other.office().id() + "/staff.csv", other.apiKey(), null, null).getBody();
        String internalMine = call("GET", "/orgs/" + office.office().id() + "/internal-deadlines", office.apiKey(), null, null).getBody();
        String internalTheirs = call("GET", "/orgs/" + other.office().id() + "/internal-deadlines", other.apiKey(), null, null).getBody();
        String feedMine = call("GET", "/orgs/" + office.office().id() + "/feed", office.apiKey(), null, null).getBody();
        String feedTheirs = call("GET", "/orgs/" + other.office().id() + "/feed", other.apiKey(), null, null).getBody();
        for (Offices.Created[] pair : new Offices.Created[][] {{office, other}, {other, office}}) {
            Offices.Created caller = pair[0];
            Offices.Created target = pair[1];
            String victim = target == office ? mine : theirs;
            String id = target.office().id();
            for (String[] req : new String[][] {
                    {"GET", "/orgs/" + id + "/staff", null, null},
                    {"POST", "/orgs/" + id + "/staff", "text/csv", HEADER + victim + ",Changed,,all,,\r\n"},
                    {"POST", "/orgs/" + id + "/staff", "application/json", "{\"staff\":[]}"},
                    {"PUT", "/orgs/" + id + "/staff", null, null},
                    {"GET", "/orgs/" + id + "/staff.csv", null, null},
                    {"DELETE", "/orgs/" + id + "/staff/" + victim, null, null},
                    {"GET", "/orgs/" + id + "/staff/" + victim, null, null},
                    {"GET", "/orgs/" + id + "/feed", null, null},
                    {"POST", "/orgs/" + id + "/feed", null, null},
                    {"GET", "/orgs/" + id + "/internal-deadlines", null, null},
                    {"PUT", "/orgs/" + id + "/internal-deadlines", "application/json", "{\"before\":\"P9D\",\"at\":\"09:00\"}"},
                    {"DELETE", "/orgs/" + id + "/internal-deadlines", null, null},
                    {"PUT", "/orgs/" + id + "/topics/" + T1 + "/internal-deadline", "application/json",
                            "{\"at\":\"2026-05-20T09:00:00+08:00\"}"},
                    {"DELETE", "/orgs/" + id + "/topics/" + T1 + "/internal-deadline", null, null}}) {
                APIGatewayV2HTTPResponse r = call(req[0], req[1], caller.apiKey(), req[2], req[3]);
                assertEquals(404, r.getStatusCode(), req[0] + " " + req[1] + ": " + r.getBody());
                assertFalse(r.getBody().contains(victim));
            }
        }
        // An office that does not exist answers the same.
        assertEquals(404, call("GET", "/orgs/org_00000000000000000000/staff", office.apiKey(), null, null).getStatusCode());
        assertEquals(exportMine, call("GET", "/orgs/" + office.office().id() + "/staff.csv", office.apiKey(), null, null).getBody());
        assertEquals(exportTheirs, call("GET", "/orgs/" + other.office().id() + "/staff.csv", other.apiKey(), null, null).getBody());
        assertEquals(internalMine, call("GET", "/orgs/" + office.office().id() + "/internal-deadlines", office.apiKey(), null, null).getBody());
        assertEquals(internalTheirs, call("GET", "/orgs/" + other.office().id() + "/internal-deadlines", other.apiKey(), null, null).getBody());
        assertEquals(feedMine, call("GET", "/orgs/" + office.office().id() + "/feed", office.apiKey(), null, null).getBody());
        assertEquals(feedTheirs, call("GET", "/orgs/" + other.office().id() + "/feed", other.apiKey(), null, null).getBody());
        // GET /orgs names the caller's own office only.
        assertTrue(call("GET", "/orgs", office.apiKey(), null, null).getBody().contains(office.office().id()));
        assertFalse(call("GET", "/orgs", office.apiKey(), null, null).getBody().contains(other.office().id()));
    }

    @Test
    void malformedOversizedWrongTypeAndWrongMethodRequests_are4xx_neverA500() throws Exception {
        String base = "/orgs/" + office.office().id();
        String key = office.apiKey();
        Map<String, Integer> expected = new LinkedHashMap<>();
        List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        Object[][] cases = {
                {"PUT", base + "/staff", null, null, 405},
                {"POST", base + "/staff.csv", "text/csv", HEADER, 405},
                {"GET", base + "/staff/x@example.edu.cn", null, null, 405},
                {"POST", base + "/staff", "text/plain", HEADER, 415},
                {"POST", base + "/staff", null, HEADER, 415},
                {"POST", base + "/staff", "text/csv; charset=gbk", HEADER, 415},
                {"POST", base + "/staff", "text/csv", HEADER + "x".repeat(OfficeBodies.MAX_UPLOAD_BYTES), 413},
                {"POST", base + "/staff", "application/json", "{\"staff\":[", 400},
                {"POST", base + "/staff", "application/json", "{\"staff\":\"x\"}", 400},
                {"POST", base + "/staff", "application/json", "[]", 400},
                {"POST", base + "/staff", "application/json", "", 400},
                {"POST", base + "/staff", "text/csv", "", 400},
                {"POST", base + "/staff", "text/csv", "email\r\n\"unclosed@example.edu.cn\r\n", 400},
                {"POST", base + "/staff", "text/csv", "nope,email\r\n", 400},
                {"GET", base + "/staff?cursor=%%%", null, null, 400},
                {"GET", base + "/staff?cursor=bm90LWEtY3Vyc29y", null, null, 400},
                {"GET", base + "/staff?limit=0", null, null, 400},
                {"GET", base + "/staff?limit=lots", null, null, 400},
                {"DELETE", base + "/staff/not-an-address", null, null, 404},
                {"DELETE", base + "/staff/%E0%A4%A", null, null, 404},
                {"GET", "/orgs/org_1/staff", null, null, 404}};
        for (Object[] c : cases) {
            APIGatewayV2HTTPResponse r = call((String) c[0], (String) c[1], key, (String) c[2], (String) c[3]);
            assertEquals((int) c[4], r.getStatusCode(), c[0] + " " + c[1] + " " + c[2] + ": " + r.getBody());
            JsonNode err = json(r);
            assertNotNull(err.get("error"), r.getBody());
            assertNotNull(err.get("field"), r.getBody());
        }
        APIGatewayV2HTTPResponse big = call("POST", base + "/staff", "text/csv", null, null);
        assertEquals(401, big.getStatusCode());
        APIGatewayV2HTTPResponse tooLarge = call("POST", base + "/staff", key, "text/csv", HEADER + "x".repeat(OfficeBodies.MAX_UPLOAD_BYTES));
        assertTrue(json(tooLarge).get("error").asText().contains("4 MiB"), tooLarge.getBody());
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= Offices.MAX_ROWS; i++) {
            many.append("p").append(i).append("@example.edu.cn,,,all,,\r\n");
        }
        APIGatewayV2HTTPResponse rows = call("POST", base + "/staff", key, "text/csv", many.toString());
        assertEquals(413, rows.getStatusCode());
        assertTrue(json(rows).get("error").asText().contains("10,000"), rows.getBody());
    }

    @Test
    void theList_isPaged_withAnOpaqueCursor_coveringEveryoneOnce() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 250; i++) {
            csv.append("paged").append(i).append("@example.edu.cn,,,all,,\r\n");
        }
        assertEquals(250, json(upload(office, csv.toString())).get("added").asInt());
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = json(call("GET", "/orgs/" + office.office().id() + "/staff?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    office.apiKey(), null, null));
            page.get("staff").forEach(n -> assertTrue(seen.add(n.get("email").asText())));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertEquals(250, seen.size());
        assertEquals(3, pages);
        // One dispatcher run works the whole queue, page after page (100 a page).
        assertEquals(250, dispatch().get("welcomed"));
        assertEquals(1, LocalSes.sentTo("paged249@example.edu.cn").size());
        assertEquals(0, dispatch().get("welcomed"));
    }

    @Test
    void aBase64Body_asApiGatewaySendsACsvItDoesNotTreatAsText_isRead_andNonUtf8Is400() throws Exception {
        String a = TestStack.address("base64");
        String csv = HEADER + a + ",张三,,\"" + T1 + "\",zh,\r\n";
        APIGatewayV2HTTPEvent e = request("POST", "/orgs/" + office.office().id() + "/staff", office.apiKey(), "text/csv", null);
        e.setBody(java.util.Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)));
        e.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse r = api.handleRequest(e, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, json(r).get("added").asInt());
        assertEquals("张三", person(everyone(office), a).get("name").asText());
        e.setBody(java.util.Base64.getEncoder().encodeToString(csv.getBytes(java.nio.charset.Charset.forName("GBK"))));
        APIGatewayV2HTTPResponse gbk = api.handleRequest(e, null);
        assertEquals(400, gbk.getStatusCode(), gbk.getBody());
        assertEquals("body", json(gbk).get("field").asText());
    }

    @Test
    void aRowWithMoreThan20FollowRules_isRejected_soNoRowNearsTheItemLimit() throws Exception {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i <= Offices.MAX_RULES; i++) {
            rules.append(i == 0 ? "" : ";").append("issuer:机构").append(i);
        }
        JsonNode r = json(upload(office, HEADER + TestStack.address("rules") + ",,,\"" + rules + "\",,\r\n"));
        assertEquals(1, r.get("rejected").asInt(), r.toString());
        assertTrue(r.get("errors").get(0).get("reason").asText().contains("at most 20 follow rules"), r.toString());
    }
}
