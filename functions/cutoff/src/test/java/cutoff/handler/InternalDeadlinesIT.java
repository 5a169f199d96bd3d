package cutoff.handler;

import cutoff.http.Http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import cutoff.officeservice.Offices;
import cutoff.reminder.Reminder;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * Research offices' internal deadlines through {@link OfficeHandler}, the feeds and the dispatcher, against
 * DynamoDB Local and the SES stand-in. 沪科指南〔2026〕8号 closes every topic at 2026-06-03 16:30 Beijing time.
 */
class InternalDeadlinesIT {
    private static final String T1 = OfficeApiIT.T1;
    private static final String T2 = OfficeApiIT.T2;
    private static final String HEADER = OfficeApiIT.HEADER;
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/subscriptions/unsubscribe\\?token=([A-Za-z0-9_-]{43})");
    private static final String RULE = "{\"before\":\"P3D\",\"at\":\"16:30\"}";

    private final TestStack stack;
    private final OfficeHandler api;
    private final Offices.Created office;
    private final String base;

    InternalDeadlinesIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new OfficeHandler(stack.wiring());
        office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        base = "/orgs/" + office.office().id();
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String key, String body) {
        return api.handleRequest(OfficeApiIT.request(method, path, key, body == null ? null : "application/json", body), null);
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return call(method, path, office.apiKey(), body);
    }

    private Map<String, Object> dispatch() {
        return new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    /** Uploads staff and welcomes them; each person's personal feed token. */
    private String[] register(String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            csv.append(row).append("\r\n");
        }
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", base + "/staff", office.apiKey(), "text/csv", csv.toString()),
                null).getStatusCode());
        dispatch();
        String[] tokens = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String email = rows[i].substring(0, rows[i].indexOf(','));
            Matcher m = FEED.matcher(LocalSes.sentTo(email).get(0).text());
            assertTrue(m.find());
            tokens[i] = m.group(1);
        }
        return tokens;
    }

    private APIGatewayV2HTTPResponse feed(String path, String ifNoneMatch) {
        return stack.feeds().handleRequest(cutoff.handler.Routes.event("GET", path,
                ifNoneMatch == null ? Map.of() : Map.of("if-none-match", ifNoneMatch), null), null);
    }

    private static VEvent event(String ics, String uid) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        return events.stream().filter(e -> e.getProperty(Property.UID).map(Property::getValue).orElse("").equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + uid + " in\n" + ics));
    }

    private static String prop(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String tzid(VEvent e) {
        Optional<Property> start = e.getProperty(Property.DTSTART);
        return start.flatMap(p -> p.<Parameter>getParameter(Parameter.TZID)).map(Parameter::getValue).orElse(null);
    }

    @Test
    void theRuleAndAnOverride_showInStaffFeeds_withAStableUid_andSequenceUp_andTheEtagChanges() throws Exception {
        String zh = TestStack.address("zh");
        String en = TestStack.address("en");
        String[] tokens = register(zh + ",张三,物理系," + T1 + ",zh,P1D", en + ",Li Si,CS," + T1 + ";" + T2 + ",en,P1D");
        String uid = T1 + "-internal-" + office.office().id() + "@cutoff";
        String before = feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody();
        assertFalse(before.contains(uid), "no internal deadline before the office sets one");

        APIGatewayV2HTTPResponse put = call("PUT", base + "/internal-deadlines", RULE);
        assertEquals(200, put.getStatusCode(), put.getBody());
        JsonNode view = OfficeApiIT.json(put);
        assertEquals("P3D", view.get("rule").get("before").asText());
        assertEquals("16:30", view.get("rule").get("at").asText());
        assertEquals("Asia/Shanghai", view.get("rule").get("zone").asText());
        assertEquals(2, view.get("deadlines").size(), view.toString());
        JsonNode first = view.get("deadlines").get(0);
        assertEquals(T1, first.get("topicId").asText());
        assertEquals("2026-8-304af3", first.get("noticeId").asText());
        assertEquals("2026-06-03T16:30:00+08:00", first.get("cutoff").asText());
        assertEquals("2026-05-31T16:30:00+08:00", first.get("internal").asText());
        assertEquals("rule", first.get("source").asText());
        assertTrue(first.get("title").asText().contains("专题一"), first.toString());
        assertEquals(view, OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)), "GET answers what PUT did");

        APIGatewayV2HTTPResponse zhFeed = feed("/feeds/personal/" + tokens[0] + ".ics", null);
        VEvent internal = event(zhFeed.getBody(), uid);
        assertEquals("20260531T163000", prop(internal, Property.DTSTART));
        assertEquals("Asia/Shanghai", tzid(internal));
        assertEquals("0", prop(internal, Property.SEQUENCE));
        assertTrue(prop(internal, Property.SUMMARY).startsWith("【某某大学科研处内部截止】专题一"), prop(internal, Property.SUMMARY));
        VEvent enInternal = event(feed("/feeds/personal/" + tokens[1] + ".ics", null).getBody(), uid);
        assertTrue(prop(enInternal, Property.SUMMARY).startsWith("Internal deadline (某某大学科研处): 专题一"),
                prop(enInternal, Property.SUMMARY));
        event(feed("/feeds/personal/" + tokens[1] + ".ics", null).getBody(), T2 + "-internal-" + office.office().id() + "@cutoff");
        String etag = zhFeed.getHeaders().get("ETag");
        assertEquals(304, feed("/feeds/personal/" + tokens[0] + ".ics", etag).getStatusCode(), "unchanged: 304");

        APIGatewayV2HTTPResponse moved = call("PUT", base + "/topics/" + T1 + "/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}");
        assertEquals(200, moved.getStatusCode(), moved.getBody());
        JsonNode after = OfficeApiIT.json(moved);
        assertEquals(T1, after.get("overrides").get(0).get("topicId").asText());
        assertEquals("2026-06-01T12:00:00+08:00", after.get("overrides").get(0).get("at").asText());
        assertEquals("override", after.get("deadlines").get(0).get("source").asText());
        assertEquals("2026-06-01T12:00:00+08:00", after.get("deadlines").get(0).get("internal").asText());
        assertEquals("rule", after.get("deadlines").get(1).get("source").asText());

        APIGatewayV2HTTPResponse again = feed("/feeds/personal/" + tokens[0] + ".ics", etag);
        assertEquals(200, again.getStatusCode(), "a moved internal deadline is never a stale 304");
        assertNotEquals(etag, again.getHeaders().get("ETag"));
        VEvent movedEvent = event(again.getBody(), uid);
        assertEquals("20260601T120000", prop(movedEvent, Property.DTSTART));
        assertEquals("1", prop(movedEvent, Property.SEQUENCE), "the same UID, SEQUENCE up (RFC 5545 §3.8.7.4)");

        // Removing the override: the rule applies again, one more SEQUENCE.
        assertEquals(204, call("DELETE", base + "/topics/" + T1 + "/internal-deadline", null).getStatusCode());
        VEvent back = event(feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody(), uid);
        assertEquals("20260531T163000", prop(back, Property.DTSTART));
        assertEquals("2", prop(back, Property.SEQUENCE));

        // Removing the rule: the event stays as CANCELLED so that calendars drop it.
        assertEquals(204, call("DELETE", base + "/internal-deadlines", null).getStatusCode());
        VEvent gone = event(feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody(), uid);
        assertEquals("CANCELLED", prop(gone, Property.STATUS));
        assertEquals("3", prop(gone, Property.SEQUENCE));
        assertTrue(OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("rule").isNull());
        com.fasterxml.jackson.databind.JsonNode none = OfficeApiIT.json(call("GET", base + "/internal-deadlines", null));
        assertEquals(0, none.get("deadlines").size());
        // The followed topic is still listed, with its cutoff, so that the office can set an override on it.
        assertTrue(none.get("topics").findValuesAsText("topicId").contains(T1), none.toString());
        for (com.fasterxml.jackson.databind.JsonNode t : none.get("topics")) {
            assertTrue(t.get("cutoff").asText().matches("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}\\+08:00)?"), t.toString());
        }
    }

    @Test
    void aChange_replansReminders_andSendsOneChangedEmailPerPerson_onceOnly_andNothingToTheOptedOut() throws Exception {
        String a = TestStack.address("a");
        String b = TestStack.address("b");
        String out = TestStack.address("out");
        register(a + ",,," + T1 + ",zh,P1D", b + ",,," + T1 + ";" + T2 + ",en,P1D", out + ",,," + T1 + ",zh,P1D");
        Matcher unsubscribe = UNSUBSCRIBE.matcher(LocalSes.sentTo(out).get(0).text());
        assertTrue(unsubscribe.find());
        assertEquals(200, stack.subscriptionApi().handleRequest(TestStack.fromNewSource(Routes.event("POST",
                "/subscriptions/unsubscribe?token=" + unsubscribe.group(1), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click")), null).getStatusCode());

        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        dispatch();
        List<LocalSes.Sent> toA = LocalSes.sentTo(a);
        assertEquals(2, toA.size(), "the welcome and one changed email");
        LocalSes.Sent changed = toA.get(1);
        assertTrue(changed.subject().startsWith("【截止时间变更】【某某大学科研处内部截止】专题一"), changed.subject());
        assertTrue(changed.text().contains("Set: 2026-05-31 16:30 Beijing time (UTC+08:00)"), changed.text());
        assertTrue(changed.text().contains("research office's own deadline"), changed.text());
        List<LocalSes.Sent> toB = LocalSes.sentTo(b);
        assertEquals(2, toB.size(), "two topics moved: still one email");
        assertTrue(toB.get(1).text().contains("Internal deadline (某某大学科研处): 专题一"), toB.get(1).text());
        assertTrue(toB.get(1).text().contains("Internal deadline (某某大学科研处): 专题二"), toB.get(1).text());
        assertEquals(1, LocalSes.sentTo(out).size(), "opted out: nothing but the welcome");

        // The same PUT again changes nothing and sends nothing.
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        dispatch();
        assertEquals(2, LocalSes.sentTo(a).size());
        assertEquals(2, LocalSes.sentTo(b).size());

        // Reminded like a cutoff: P1D before 2026-05-31 16:30 Beijing.
        String subscriber = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
        String uid = T1 + "-internal-" + office.office().id() + "@cutoff";
        assertTrue(pending(subscriber, uid).contains(Instant.parse("2026-05-30T08:30:00Z")), pending(subscriber, uid).toString());

        // Moved by an override: the reminder follows, one more changed email.
        assertEquals(200, call("PUT", base + "/topics/" + T1 + "/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}")
                .getStatusCode());
        assertEquals(List.of(Instant.parse("2026-05-31T04:00:00Z")), pending(subscriber, uid));
        dispatch();
        assertEquals(3, LocalSes.sentTo(a).size());
        assertTrue(LocalSes.sentTo(a).get(2).text().contains(
                "Moved: 2026-05-31 16:30 Beijing time (UTC+08:00) -> 2026-06-01 12:00 Beijing time (UTC+08:00)"),
                LocalSes.sentTo(a).get(2).text());
        assertEquals(3, LocalSes.sentTo(b).size(), "b follows T1 too");

        stack.clock.set(Instant.parse("2026-05-31T04:01:00Z"));
        dispatch();
        List<LocalSes.Sent> now = LocalSes.sentTo(a);
        assertEquals(4, now.size());
        assertTrue(now.get(3).subject().contains("【申报截止提醒】【某某大学科研处内部截止】专题一"), now.get(3).subject());
        assertEquals(1, LocalSes.sentTo(out).size(), "opted out: nothing");
    }

    @Test
    void aRuleSetBeforeTheStaffAreRegistered_isPlannedForThemAtTheirWelcome() throws Exception {
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        String a = TestStack.address("early-rule");
        String[] tokens = register(a + ",,," + T1 + ",zh,P1D");
        String subscriber = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
        String uid = T1 + "-internal-" + office.office().id() + "@cutoff";
        // P1D before 2026-05-31 16:30 Beijing (3 days before the 2026-06-03 cutoff), planned by the welcome itself.
        assertEquals(List.of(Instant.parse("2026-05-30T08:30:00Z")), pending(subscriber, uid));
        assertEquals("20260531T163000", prop(event(feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody(), uid), Property.DTSTART));
        assertEquals(1, LocalSes.sentTo(a).size(), "the welcome only: nothing changed for someone who never knew another time");
    }

    @Test
    void aTopicWithdrawnByAnIngest_keepsItsInternalDeadlineAsCancelled_sequenceUp_inPersonalAndOfficeFeeds_andTellsNobodyLater()
            throws Exception {
        // a's T1 was told (the rule came after a's welcome); b's T2 never was (b came after the rule).
        String a = TestStack.address("withdrawn-a");
        String tokenA = register(a + ",,," + T1 + ",zh,P1D")[0];
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        String b = TestStack.address("withdrawn-b");
        String tokenB = register(b + ",,," + T2 + ",en,P1D")[0];
        String uid1 = T1 + "-internal-" + office.office().id() + "@cutoff";
        String uid2 = T2 + "-internal-" + office.office().id() + "@cutoff";
        String officeFeed = OfficeApiIT.json(call("GET", "/orgs", null)).get("feedUrl").asText().substring(TestStack.BASE_URL.length());
        APIGatewayV2HTTPResponse before = feed("/feeds/personal/" + tokenA + ".ics", null);
        assertEquals("0", prop(event(before.getBody(), uid1), Property.SEQUENCE));
        assertEquals("0", prop(event(feed("/feeds/personal/" + tokenB + ".ics", null).getBody(), uid2), Property.SEQUENCE));
        String officeBefore = feed(officeFeed, null).getHeaders().get("ETag");

        // A corrected notice without T1 and T2.
        cutoff.notice.Notice notice = cutoff.testing.Project.shippedNotice("2026-8-304af3");
        stack.wiring().planner().afterIngest(stack.notices.ingest(notice.withTopics(notice.topics().stream()
                .filter(t -> !t.id().equals(T1) && !t.id().equals(T2)).toList())));

        APIGatewayV2HTTPResponse afterA = feed("/feeds/personal/" + tokenA + ".ics", before.getHeaders().get("ETag"));
        assertEquals(200, afterA.getStatusCode(), "no stale 304");
        assertEquals("CANCELLED", prop(event(afterA.getBody(), T1 + "-closes@cutoff"), Property.STATUS), "the cutoff, as before");
        VEvent cancelled1 = event(afterA.getBody(), uid1);
        assertEquals("CANCELLED", prop(cancelled1, Property.STATUS));
        assertEquals("1", prop(cancelled1, Property.SEQUENCE), "above the SEQUENCE calendars hold (RFC 5545 §3.8.7.4)");
        assertEquals("20260531T163000", prop(cancelled1, Property.DTSTART), "the instant the staff were shown");
        assertTrue(prop(cancelled1, Property.SUMMARY).endsWith("【某某大学科研处内部截止】" + topicName(T1)), prop(cancelled1, Property.SUMMARY));
        VEvent cancelled2 = event(feed("/feeds/personal/" + tokenB + ".ics", null).getBody(), uid2);
        assertEquals("CANCELLED", prop(cancelled2, Property.STATUS));
        assertEquals("1", prop(cancelled2, Property.SEQUENCE));
        assertTrue(prop(cancelled2, Property.SUMMARY).endsWith("Internal deadline (某某大学科研处): " + topicName(T2)), prop(cancelled2, Property.SUMMARY));
        APIGatewayV2HTTPResponse officeAfter = feed(officeFeed, officeBefore);
        assertEquals(200, officeAfter.getStatusCode(), "no stale 304");
        for (String uid : List.of(uid1, uid2)) {
            VEvent e = event(officeAfter.getBody(), uid);
            assertEquals("CANCELLED", prop(e, Property.STATUS), uid);
            assertEquals("1", prop(e, Property.SEQUENCE), uid);
        }
        assertEquals(0, OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("deadlines").size());
        String subscriberA = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
        assertEquals(List.of(), pending(subscriberA, uid1), "its reminders are cancelled");

        // The office's next change records the withdrawal as shown: the same event, and no email about it.
        dispatch();
        int mailA = LocalSes.sentTo(a).size();
        int mailB = LocalSes.sentTo(b).size();
        assertEquals(200, call("PUT", base + "/internal-deadlines", "{\"before\":\"P2D\",\"at\":\"12:00\"}").getStatusCode());
        dispatch();
        assertEquals(mailA, LocalSes.sentTo(a).size());
        assertEquals(mailB, LocalSes.sentTo(b).size());
        APIGatewayV2HTTPResponse later = feed("/feeds/personal/" + tokenA + ".ics", afterA.getHeaders().get("ETag"));
        assertEquals(304, later.getStatusCode(), "unchanged: the same bytes, the same ETag");
        VEvent stillCancelled = event(feed(officeFeed, null).getBody(), uid1);
        assertEquals("CANCELLED", prop(stillCancelled, Property.STATUS));
        assertEquals("1", prop(stillCancelled, Property.SEQUENCE));
    }

    /** A shipped topic's display name ({@code 专题一 …}), as its feeds show it. */
    private static String topicName(String topicId) throws Exception {
        return cutoff.testing.Project.shippedNotice("2026-8-304af3").topics().stream().filter(t -> t.id().equals(topicId)).findFirst()
                .orElseThrow().displayName();
    }

    @Test
    void someoneRegisteredByTwoOffices_tellsTheirTwoChineseInternalDeadlinesApart_byTheOfficeName() throws Exception {
        Offices.Created other = stack.wiring().offices().create("另一所大学科研处", List.of("example.edu.cn"));
        String both = TestStack.address("two-offices");
        register(both + ",,," + T1 + ",zh,P1D");
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + other.office().id() + "/staff", other.apiKey(), "text/csv",
                HEADER + both + ",,," + T1 + ",zh,P1D\r\n"), null).getStatusCode());
        dispatch();
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + other.office().id() + "/internal-deadlines", other.apiKey(),
                "application/json", "{\"before\":\"P5D\",\"at\":\"12:00\"}"), null).getStatusCode());
        dispatch();

        List<LocalSes.Sent> mail = LocalSes.sentTo(both);
        List<String> summaries = new java.util.ArrayList<>();
        for (LocalSes.Sent welcome : mail.subList(0, 2)) {
            Matcher m = FEED.matcher(welcome.text());
            assertTrue(m.find(), welcome.text());
            String ics = feed("/feeds/personal/" + m.group(1) + ".ics", null).getBody();
            String officeId = ics.contains(office.office().id() + "@cutoff") ? office.office().id() : other.office().id();
            summaries.add(prop(event(ics, T1 + "-internal-" + officeId + "@cutoff"), Property.SUMMARY));
        }
        summaries.sort(null);
        assertEquals(2, summaries.size());
        assertTrue(summaries.get(0).startsWith("【另一所大学科研处内部截止】专题一"), summaries.toString());
        assertTrue(summaries.get(1).startsWith("【某某大学科研处内部截止】专题一"), summaries.toString());
        List<String> changed = mail.subList(2, mail.size()).stream().map(LocalSes.Sent::subject).sorted().toList();
        assertEquals(2, changed.size(), changed.toString());
        assertTrue(changed.get(0).startsWith("【截止时间变更】【另一所大学科研处内部截止】专题一"), changed.toString());
        assertTrue(changed.get(1).startsWith("【截止时间变更】【某某大学科研处内部截止】专题一"), changed.toString());
    }

    private List<Instant> pending(String subscriberId, String uid) {
        return stack.reminders.ofSubscriber(subscriberId).stream()
                .filter(r -> r.deadlineUid().equals(uid) && r.kind() == Reminder.Kind.REMINDER && r.status() == Reminder.Status.PENDING)
                .map(Reminder::dueAt).toList();
    }

    @Test
    void badBodies_are400NamingTheField_wrongMethods405_unknownTopics404() throws Exception {
        String topic = base + "/topics/" + T1 + "/internal-deadline";
        Object[][] cases = {
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3W\",\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P0D\",\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P61D\",\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"PT72H\",\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"before\":3,\"at\":\"16:30\"}", 400, "before"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"24:00\"}", 400, "at"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"4:30 pm\"}", 400, "at"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"16:30\",\"zone\":\"UTC\"}", 400, "zone"},
                {"PUT", base + "/internal-deadlines", "{\"before\":", 400, "body"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"16:30\",\"orgId\":\"x\"}", 404, "orgId"},
                {"PUT", topic, "{\"at\":\"2026-06-01T12:00:00\"}", 400, "at"},
                {"PUT", topic, "{\"at\":\"2026-06-03T16:30:00+08:00\"}", 400, "at"},
                {"PUT", topic, "{\"at\":\"2026-07-01T12:00:00Z\"}", 400, "at"},
                {"PUT", topic, "{\"at\":\"2026-05-09T23:59:00+08:00\"}", 400, "at"},
                {"PUT", topic, "{\"at\":\"1900-05-29T10:00:00+08:00\"}", 400, "at"},
                {"PUT", topic, "{}", 400, "at"},
                {"PUT", base + "/topics/2026-8-304af3-t99/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}", 404, "topicId"},
                {"PUT", base + "/topics/nope/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}", 404, "topicId"},
                {"DELETE", base + "/topics/nope/internal-deadline", null, 404, "topicId"},
                {"PUT", base + "/topics/%E0%A4%A/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}", 404, "topicId"},
                {"PUT", topic, "{\"at\":20260601}", 400, "at"},
                {"PUT", topic, "{\"at\":\"" + "9".repeat(5000) + "\"}", 400, "at"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"" + "x".repeat(Http.MAX_BODY_BYTES) + "\"}", 413, "body"},
                {"POST", base + "/internal-deadlines", RULE, 405, "method"},
                {"GET", topic, null, 405, "method"},
                {"PUT", "/orgs", RULE, 405, "method"},
                {"DELETE", base + "/feed", null, 405, "method"}};
        for (Object[] c : cases) {
            APIGatewayV2HTTPResponse r = call((String) c[0], (String) c[1], (String) c[2]);
            String what = c[0] + " " + c[1] + " " + c[2] + ": " + r.getBody();
            assertEquals((int) c[3], r.getStatusCode(), what);
            JsonNode err = OfficeApiIT.json(r);
            if (!"method".equals(c[4])) {
                assertEquals(c[4], err.get("field").asText(), what);
            }
            assertTrue(err.get("error").asText().length() > 5, what);
        }
        // A stable code beside the English reason, for the office page to word in its own language.
        String[][] coded = {
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3W\",\"at\":\"16:30\"}", "bad_period"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P61D\",\"at\":\"16:30\"}", "period_out_of_range"},
                {"PUT", base + "/internal-deadlines", "{\"before\":\"P3D\",\"at\":\"24:00\"}", "bad_time"},
                {"PUT", topic, "{\"at\":\"2026-06-01T12:00:00\"}", "bad_date_time"},
                {"PUT", topic, "{\"at\":\"2026-06-03T16:30:00+08:00\"}", "after_cutoff"},
                {"PUT", topic, "{\"at\":\"2026-05-09T23:59:00+08:00\"}", "in_past"},
                {"PUT", base + "/topics/2026-8-304af3-t99/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}", "unknown_topic"}};
        for (String[] c : coded) {
            APIGatewayV2HTTPResponse r = call(c[0], c[1], c[2]);
            assertEquals(c[3], OfficeApiIT.json(r).path("code").asText(), c[1] + " " + c[2] + ": " + r.getBody());
        }
        APIGatewayV2HTTPResponse text = api.handleRequest(OfficeApiIT.request("PUT", base + "/internal-deadlines", office.apiKey(),
                "text/plain", RULE), null);
        assertEquals(415, text.getStatusCode());
        assertEquals(401, call("PUT", base + "/internal-deadlines", null, RULE).getStatusCode());
        assertEquals(401, call("GET", "/orgs", null, null).getStatusCode());
        assertTrue(OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("rule").isNull(), "nothing was set");
        assertEquals(0, OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("overrides").size());
    }

    @Test
    void theOfficeFeed_isShownAgain_holdsCutoffsAndInternalDeadlines_andRotationKillsTheOldUrl() throws Exception {
        register(TestStack.address("feed") + ",,," + T1 + ",zh,");
        JsonNode shown = OfficeApiIT.json(call("GET", "/orgs", null));
        assertEquals(office.office().id(), shown.get("orgId").asText());
        assertEquals("某某大学科研处", shown.get("name").asText());
        assertEquals("example.edu.cn", shown.get("emailDomains").get(0).asText());
        String url = shown.get("feedUrl").asText();
        assertTrue(url.matches(Pattern.quote(TestStack.BASE_URL) + "/feeds/orgs/[A-Za-z0-9_-]{43}\\.ics"), url);
        assertEquals(url, OfficeApiIT.json(call("GET", base + "/feed", null)).get("feedUrl").asText(), "shown again, the same");
        String path = url.substring(TestStack.BASE_URL.length());

        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        APIGatewayV2HTTPResponse ics = feed(path, null);
        assertEquals(200, ics.getStatusCode());
        assertTrue(ics.getHeaders().get("Cache-Control").startsWith("private"), ics.getHeaders().toString());
        event(ics.getBody(), T1 + "-closes@cutoff");
        VEvent internal = event(ics.getBody(), T1 + "-internal-" + office.office().id() + "@cutoff");
        assertEquals("20260531T163000", prop(internal, Property.DTSTART));
        assertFalse(ics.getBody().contains(T2 + "-closes@cutoff"), "only followed topics");

        assertEquals(200, call("PUT", base + "/topics/" + T1 + "/internal-deadline", "{\"at\":\"2026-06-02T09:00:00+08:00\"}").getStatusCode());
        APIGatewayV2HTTPResponse changed = feed(path, ics.getHeaders().get("ETag"));
        assertEquals(200, changed.getStatusCode(), "no stale 304");
        assertEquals("20260602T090000", prop(event(changed.getBody(), T1 + "-internal-" + office.office().id() + "@cutoff"), Property.DTSTART));

        String rotated = OfficeApiIT.json(call("POST", base + "/feed", null)).get("feedUrl").asText();
        assertNotEquals(url, rotated);
        assertEquals(404, feed(path, null).getStatusCode(), "the old URL is dead at once");
        assertEquals(200, feed(rotated.substring(TestStack.BASE_URL.length()), null).getStatusCode());
        assertEquals(rotated, OfficeApiIT.json(call("GET", "/orgs", null)).get("feedUrl").asText());
        assertEquals(404, feed("/feeds/orgs/not-a-secret.ics", null).getStatusCode());
        assertEquals(404, feed("/feeds/orgs/" + "A".repeat(43) + ".ics", null).getStatusCode());
    }

    @Test
    void aCutoffMovedByAnIngest_movesTheRuleBasedInternalDeadline_withTheSameUidAndSequenceUp_andItsReminders() throws Exception {
        String a = TestStack.address("ingest");
        String token = register(a + ",,," + T1 + ",zh,P1D")[0];
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        String uid = T1 + "-internal-" + office.office().id() + "@cutoff";
        assertEquals("0", prop(event(feed("/feeds/personal/" + token + ".ics", null).getBody(), uid), Property.SEQUENCE));

        cutoff.notice.Notice notice = cutoff.testing.Project.shippedNotice("2026-8-304af3");
        List<cutoff.notice.Topic> topics = new java.util.ArrayList<>(notice.topics());
        cutoff.notice.Topic t1 = topics.get(0);
        topics.set(0, t1.withWindow(new cutoff.notice.Window(t1.window().opens(), cutoff.notice.DateOrDateTime.of(
                java.time.OffsetDateTime.parse("2026-06-10T16:30:00+08:00")), cutoff.notice.Window.BEIJING)));
        stack.wiring().planner().afterIngest(stack.notices.ingest(notice.withTopics(topics)));

        VEvent moved = event(feed("/feeds/personal/" + token + ".ics", null).getBody(), uid);
        assertEquals("20260607T163000", prop(moved, Property.DTSTART), "three days before the new cutoff");
        assertEquals("1", prop(moved, Property.SEQUENCE));
        assertEquals("2026-06-07T16:30:00+08:00",
                OfficeApiIT.json(call("GET", base + "/internal-deadlines", null)).get("deadlines").get(0).get("internal").asText());
        String subscriber = stack.wiring().staffStore().staffRow(office.office().id(), a).orElseThrow().subscriberId();
        assertEquals(List.of(Instant.parse("2026-06-06T08:30:00Z")), pending(subscriber, uid));
        // The next change of the office's own settings does not re-announce what the ingest moved.
        dispatch();
        int before = LocalSes.sentTo(a).size();
        assertEquals(200, call("PUT", base + "/topics/" + T2 + "/internal-deadline", "{\"at\":\"2026-06-01T12:00:00+08:00\"}")
                .getStatusCode());
        dispatch();
        assertEquals(before, LocalSes.sentTo(a).size(), "a follows T1 only: nothing to tell");
        assertEquals("1", prop(event(feed("/feeds/personal/" + token + ".ics", null).getBody(), uid), Property.SEQUENCE));
    }

    @Test
    void aWithdrawnNotice_keepsItsTopicsInternalDeadline_inTheStaffFeeds_asCancelled() throws Exception {
        String zh = TestStack.address("withdrawn");
        String[] tokens = register(zh + ",张三,物理系," + T1 + ",zh,P1D");
        assertEquals(200, call("PUT", base + "/internal-deadlines", RULE).getStatusCode());
        String uid = T1 + "-internal-" + office.office().id() + "@cutoff";
        assertEquals("0", prop(event(feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody(), uid), Property.SEQUENCE));

        assertTrue(stack.wiring().withdrawal().withdraw("2026-8-304af3", "operator", null, n -> true).isPresent());
        String after = feed("/feeds/personal/" + tokens[0] + ".ics", null).getBody();
        VEvent internal = event(after, uid);
        assertEquals("CANCELLED", prop(internal, Property.STATUS), "kept, cancelled, so that calendars drop it");
        assertEquals("1", prop(internal, Property.SEQUENCE));
        assertEquals("20260531T163000", prop(internal, Property.DTSTART), "at the instant the staff were shown");
        assertEquals("CANCELLED", prop(event(after, T1 + "-closes@cutoff"), Property.STATUS));
    }
}
