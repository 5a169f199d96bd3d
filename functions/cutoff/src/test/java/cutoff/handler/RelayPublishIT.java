package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cutoff.notice.NoticeIds;
import cutoff.officeservice.Offices;
import cutoff.reminder.Reminder;
import cutoff.subscription.InvalidRequestException;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A research office's relay published to its staff only (issue 19), through {@link NoticeUploadHandler} as API Gateway
 * hands it over after the authorizer, the feeds, the web pages, the office API and the dispatcher, against DynamoDB
 * Local and the SES stand-in. Two offices (A and B), each with staff following one topic of the shipped 沪科指南〔2026〕8号,
 * and in the last test two of its own (C and D); the notices relayed are written for this test.
 */
class RelayPublishIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final String EDITOR = "ed_0123456789abcdef0123";

    private static TestStack stack;
    private static NoticeUploadHandler api;
    private static OfficeHandler offices;
    private static Offices.Created a;
    private static Offices.Created b;
    private static String a1;
    private static String a2;
    private static String b1;
    private static Map<String, String> tokens = new HashMap<>();

    /** A call's notice as an office receives it: its cutoff, and the office's own sentence with its earlier date. */
    private static String notice(String number, String title, String cutoff, String officeDate) {
        return String.join("\n", title, number, "各有关单位：", "一、申报要求", "网上申报截止时间为" + cutoff + "。",
                officeDate == null ? "" : "请于" + officeDate + "前将申报材料报送科研处。", "示例科学技术委员会", "2026年5月8日", "");
    }

    @BeforeAll
    static void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new NoticeUploadHandler(stack.wiring());
        offices = new OfficeHandler(stack.wiring());
        a = stack.wiring().offices().create("甲大学科研处", List.of("example.edu.cn"));
        b = stack.wiring().offices().create("乙大学科研处", List.of("other.edu.cn"));
        a1 = TestStack.address("relay-a1");
        a2 = TestStack.address("relay-a2");
        b1 = TestStack.address("relay-b1").replace("@example.edu.cn", "@other.edu.cn");
        register(a, a1 + ",,," + OfficeApiIT.T1 + ",zh,P1D", a2 + ",,," + OfficeApiIT.T2 + ",en,P1D");
        register(b, b1 + ",,," + OfficeApiIT.T1 + ",zh,P1D");
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        for (String who : List.of(a1, a2, b1)) {
            Matcher m = FEED.matcher(LocalSes.sentTo(who).get(0).text());
            assertTrue(m.find(), "the welcome gives the personal feed");
            tokens.put(who, m.group(1));
        }
    }

    private static void register(Offices.Created office, String... rows) {
        String csv = OfficeApiIT.HEADER + String.join("\r\n", rows) + "\r\n";
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", csv), null).getStatusCode());
    }

    private static Map<String, String> as(Offices.Created office) {
        return Map.of(OfficeAuthorizer.OFFICE_ID, office.office().id());
    }

    private static APIGatewayV2HTTPEvent by(Map<String, String> who, APIGatewayV2HTTPEvent e) {
        e.getRequestContext().getAuthorizer().setLambda(new HashMap<>(who));
        return e;
    }

    private static String upload(Map<String, String> who, String text) {
        APIGatewayV2HTTPEvent e = Project.event("notice-upload.json");
        e.setBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        APIGatewayV2HTTPResponse created = api.handleRequest(by(who, e), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        return created.getHeaders().get("Location").substring("/notices/drafts/".length());
    }

    private static APIGatewayV2HTTPResponse onDraft(Map<String, String> who, String sample, String method, String draftId, String body) {
        APIGatewayV2HTTPEvent e = Project.event(sample);
        e.getRequestContext().getHttp().setMethod(method);
        e.setPathParameters(Map.of("draftId", draftId));
        if (body != null) {
            e.setBody(body);
            e.setIsBase64Encoded(false);
            e.getHeaders().put("content-type", "application/json");
        }
        return api.handleRequest(by(who, e), null);
    }

    private static APIGatewayV2HTTPResponse publish(Map<String, String> who, String draftId) {
        return onDraft(who, "notice-draft-publish.json", "POST", draftId, null);
    }

    private static APIGatewayV2HTTPResponse get(APIGatewayV2HTTPEvent e, com.amazonaws.services.lambda.runtime.RequestHandler<
            APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return handler.handleRequest(e, null);
    }

    private static APIGatewayV2HTTPResponse feed(String path) {
        return get(Routes.event("GET", path, Map.of(), null), stack.feeds());
    }

    private static APIGatewayV2HTTPResponse page(String path) {
        return get(Routes.event("GET", path, Map.of(), null), new WebHandler(stack.wiring()));
    }

    private static String personal(String who) {
        APIGatewayV2HTTPResponse r = feed("/feeds/personal/" + tokens.get(who) + ".ics");
        assertEquals(200, r.getStatusCode());
        return unfolded(r.getBody());
    }

    private static String officeFeed(Offices.Created office) throws Exception {
        String url = OfficeApiIT.json(offices.handleRequest(OfficeApiIT.request("GET", "/orgs", office.apiKey(), null, null), null))
                .get("feedUrl").asText();
        APIGatewayV2HTTPResponse r = feed(url.substring(TestStack.BASE_URL.length()));
        assertEquals(200, r.getStatusCode());
        return unfolded(r.getBody());
    }

    /** The feed with its content lines unfolded (RFC 5545 §3.1), so that a long UID is found whole. */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "").replace("\r\n\t", "");
    }

    private static Optional<VEvent> event(String ics, String uid) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        return events.stream().filter(e -> e.getProperty(Property.UID).map(Property::getValue).orElse("").equals(uid)).findFirst();
    }

    private static String prop(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String subscriberOf(Offices.Created office, String email) {
        return stack.wiring().staffStore().staffRow(office.office().id(), email).orElseThrow().subscriberId();
    }

    private static List<String> pendingUids(String subscriberId) {
        return stack.reminders.ofSubscriber(subscriberId).stream()
                .filter(r -> r.kind() == Reminder.Kind.REMINDER && r.status() == Reminder.Status.PENDING)
                .map(Reminder::deadlineUid).distinct().toList();
    }

    /** An answer as a stranger sees it: status and body (compared with an id that never existed, the ids swapped). */
    private static String notFound(APIGatewayV2HTTPResponse r) {
        return r.getStatusCode() + " " + r.getBody();
    }

    @Test
    void aCallThatIsNotPublic_reachesTheOfficesStaffOnly_withItsDate_andNobodyElseCanTellItExists() throws Exception {
        String text = notice("示合〔2026〕3号", "关于组织申报示例联合研究项目的通知", "2026年6月20日16:30", null);
        String draft = upload(as(a), text);

        // No date of the office's, and no rule: 422 naming the topic, nothing written.
        APIGatewayV2HTTPResponse refused = publish(as(a), draft);
        assertEquals(422, refused.getStatusCode(), refused.getBody());
        JsonNode why = JSON.readTree(refused.getBody());
        assertTrue(why.get("reasons").isArray() && why.get("reasons").get(0).asText().contains("关于组织申报示例联合研究项目的通知"), why.toString());
        String readerId = JSON.readTree(onDraft(as(a), "notice-draft.json", "GET", draft, null).getBody()).at("/notice/id").asText();
        String relayA = NoticeIds.relayId(a.office().id(), readerId);
        assertTrue(stack.notices.notice(relayA).isEmpty(), "nothing stored");

        // The office sets its date as a RELAY deadline of the topic (PUT, as any correction), then publishes.
        ObjectNode reading = (ObjectNode) JSON.readTree(onDraft(as(a), "notice-draft.json", "GET", draft, null).getBody()).get("notice");
        ((ObjectNode) reading.at("/topics/0")).putArray("deadlines").addObject().put("kind", "RELAY")
                .put("closes", "2026-06-12T17:00:00+08:00").put("asWritten", "6月12日17:00前").put("who", "科研处");
        assertEquals(200, onDraft(as(a), "notice-draft.json", "PUT", draft, reading.toString()).getStatusCode());
        assertEquals(404, publish(as(b), draft).getStatusCode(), "another office cannot publish it");
        APIGatewayV2HTTPResponse published = publish(as(a), draft);
        assertEquals(200, published.getStatusCode(), published.getBody());
        JsonNode answer = JSON.readTree(published.getBody());
        assertEquals(relayA, answer.get("noticeId").asText());
        assertTrue(answer.get("relay").asBoolean());
        assertTrue(answer.get("attachedTo").isNull());
        assertEquals(2, answer.get("staff").asInt(), answer.toString());
        assertEquals(2, answer.get("staffGivenTopics").asInt(), answer.toString());
        String topic = relayA + "-t1";
        assertEquals(topic, answer.at("/internalDeadlines/0/topicId").asText());
        assertEquals("2026-06-12T17:00:00+08:00", answer.at("/internalDeadlines/0/at").asText());
        assertEquals("relay", answer.at("/internalDeadlines/0/source").asText());
        assertEquals(1, answer.get("added").asInt(), "the cutoff: the office's date is its internal deadline, not a second event");

        // A's staff: the cutoff and A's internal deadline, in their personal feeds (ical4j) and in A's office feed.
        String internalUid = topic + "-internal-" + a.office().id() + "@cutoff";
        for (String who : List.of(a1, a2)) {
            String ics = personal(who);
            VEvent internal = event(ics, internalUid).orElseThrow(() -> new AssertionError(ics));
            assertEquals("20260612T170000", prop(internal, Property.DTSTART));
            assertTrue(prop(internal, Property.SUMMARY).contains("甲大学科研处"), prop(internal, Property.SUMMARY));
            assertEquals("20260620T163000", prop(event(ics, topic + "-closes@cutoff").orElseThrow(), Property.DTSTART));
        }
        String officeA = officeFeed(a);
        assertTrue(event(officeA, internalUid).isPresent() && event(officeA, topic + "-closes@cutoff").isPresent(), officeA);
        // Reminders: planned for A's staff (the cutoff and the internal deadline), for nobody else.
        for (String who : List.of(a1, a2)) {
            List<String> uids = pendingUids(subscriberOf(a, who));
            assertTrue(uids.contains(internalUid) && uids.contains(topic + "-closes@cutoff"), uids.toString());
        }
        assertTrue(pendingUids(subscriberOf(b, b1)).stream().noneMatch(u -> u.startsWith(relayA)));

        // No editor withdraws an office's relay, nor does another office: 404 as for a notice that is not there.
        for (Map<String, String> who : List.of(Map.of("editorId", "ed_relaytest"), Map.of("orgId", b.office().id()))) {
            APIGatewayV2HTTPResponse notWithdrawn = withdrawAs(who, relayA);
            assertEquals(404, notWithdrawn.getStatusCode(), notWithdrawn.getBody());
        }
        assertTrue(stack.notices.notice(relayA).orElseThrow().deadlines().stream().noneMatch(d -> d.cancelled()));

        // The public: not on the calls page, in all.ics, a topic feed, a notice feed or a topic page; a relay's id
        // answers what an id that never existed answers.
        String never = "r0000000000000000-0000000000";
        assertFalse(page("/").getBody().contains("示例联合研究项目"));
        assertFalse(feed("/feeds/all.ics").getBody().contains(relayA));
        assertEquals(notFound(feed("/feeds/topics/" + never + "-t1.ics")),
                notFound(feed("/feeds/topics/" + topic + ".ics")).replace(relayA, never));
        assertEquals(notFound(feed("/feeds/notices/" + never + ".ics")),
                notFound(feed("/feeds/notices/" + relayA + ".ics")).replace(relayA, never));
        assertEquals(404, page("/calls/" + topic).getStatusCode());
        assertEquals(notFound(page("/calls/" + never + "-t1")), notFound(page("/calls/" + topic)).replace(relayA, never));
        assertEquals(notFound(page("/calls/" + never + "-t1/event.ics")),
                notFound(page("/calls/" + topic + "/event.ics")).replace(relayA, never));
        InvalidRequestException asUnknown = assertThrows(InvalidRequestException.class, () -> stack.wiring().subscriptions()
                .validate(List.of(never + "-t1"), List.of(), "zh", List.of()));
        InvalidRequestException subscribing = assertThrows(InvalidRequestException.class, () -> stack.wiring().subscriptions()
                .validate(List.of(topic), List.of(), "zh", List.of()));
        assertEquals(asUnknown.getMessage().replace(never + "-t1", topic), subscribing.getMessage());

        // Office B: its key, its feed, its staff see nothing of it; its API answers as for a topic that does not exist.
        assertFalse(personal(b1).contains(relayA));
        assertFalse(officeFeed(b).contains(relayA));
        assertEquals(404, onDraft(as(b), "notice-draft.json", "GET", draft, null).getStatusCode());
        String override = "{\"at\":\"2026-06-10T12:00:00+08:00\"}";
        APIGatewayV2HTTPResponse onRelay = offices.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + b.office().id() + "/topics/"
                + topic + "/internal-deadline", b.apiKey(), "application/json", override), null);
        APIGatewayV2HTTPResponse onNothing = offices.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + b.office().id() + "/topics/"
                + never + "-t1/internal-deadline", b.apiKey(), "application/json", override), null);
        assertEquals(404, onRelay.getStatusCode(), onRelay.getBody());
        assertEquals(onNothing.getBody().replace(never + "-t1", topic), onRelay.getBody());
        APIGatewayV2HTTPResponse row = offices.handleRequest(OfficeApiIT.request("POST", "/orgs/" + b.office().id() + "/staff",
                b.apiKey(), "text/csv", OfficeApiIT.HEADER + "relay-b2@other.edu.cn,,," + topic + ",zh,\r\n"), null);
        assertTrue(row.getBody().contains("unknown_topic"), row.getBody());

        // B relays the same call: its own notice, topic, UIDs and internal deadline, which A's staff never see.
        String draftB = upload(as(b), notice("示合〔2026〕3号", "关于组织申报示例联合研究项目的通知", "2026年6月20日16:30",
                "2026年6月15日12:00"));
        JsonNode byB = JSON.readTree(publish(as(b), draftB).getBody());
        String relayB = NoticeIds.relayId(b.office().id(), readerId);
        assertEquals(relayB, byB.get("noticeId").asText(), byB.toString());
        assertNotEquals(relayA, relayB);
        assertEquals(1, byB.get("staff").asInt());
        assertTrue(personal(b1).contains(relayB + "-t1-internal-" + b.office().id() + "@cutoff"));
        assertFalse(personal(a1).contains(relayB));
        assertFalse(officeFeed(a).contains(relayB));
        assertTrue(event(officeFeed(a), internalUid).isPresent(), "A's own stays");

        // A publishes it again, its date and the cutoff moved: a revision for A's staff only.
        int mailBefore = LocalSes.sentTo(b1).size();
        Map<String, Integer> before = Map.of(a1, LocalSes.sentTo(a1).size(), a2, LocalSes.sentTo(a2).size());
        String again = upload(as(a), notice("示合〔2026〕3号", "关于组织申报示例联合研究项目的通知", "2026年6月21日16:30",
                "2026年6月13日17:00"));
        JsonNode revised = JSON.readTree(publish(as(a), again).getBody());
        assertEquals(relayA, revised.get("noticeId").asText());
        assertEquals(1, revised.get("moved").asInt(), revised.toString());
        assertEquals(0, revised.get("staffGivenTopics").asInt(), "they have it already");
        assertEquals(2, revised.get("staffTold").asInt(), revised.toString());
        String ics = personal(a1);
        VEvent cutoff = event(ics, topic + "-closes@cutoff").orElseThrow();
        assertEquals("20260621T163000", prop(cutoff, Property.DTSTART));
        assertEquals("1", prop(cutoff, Property.SEQUENCE));
        VEvent internal = event(ics, internalUid).orElseThrow();
        assertEquals("20260613T170000", prop(internal, Property.DTSTART));
        // One up for the cutoff it names (moved first, by the revision), one for the office's date.
        assertEquals("2", prop(internal, Property.SEQUENCE));
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        for (String who : List.of(a1, a2)) {
            List<LocalSes.Sent> mail = LocalSes.sentTo(who);
            assertTrue(mail.subList(before.get(who), mail.size()).stream().anyMatch(m -> m.subject().contains("截止时间变更") || m.subject().contains("moved")),
                    who + " is told of the move: " + mail.stream().map(LocalSes.Sent::subject).toList());
        }
        assertEquals(mailBefore, LocalSes.sentTo(b1).size(), "B's staff are told nothing of A's relay");

        // The office's record: uploaded, corrected, published, by itself alone.
        JsonNode record = JSON.readTree(onDraft(as(a), "notice-draft.json", "GET", again, null).getBody()).get("record");
        List<String> actions = new java.util.ArrayList<>();
        record.forEach(e -> {
            assertEquals(a.office().id(), e.get("by").asText(), record.toString());
            actions.add(e.get("action").asText());
        });
        assertEquals(List.of("uploaded", "corrected", "published", "uploaded", "published"), actions, record.toString());

        // A staff member keeps the relay's topic on their preferences page, and when the office uploads their row changed.
        cutoff.subscriber.Subscriber held = stack.subscribers.byId(subscriberOf(a, a1)).orElseThrow();
        assertTrue(stack.wiring().subscriptions().validateFor(held, held.topicIds(), List.of(), List.of(), "zh", List.of("P3D"))
                .topicIds().contains(topic));
        register(a, a1 + ",,," + OfficeApiIT.T1 + ",zh,P3D");
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        assertTrue(stack.subscribers.byId(subscriberOf(a, a1)).orElseThrow().topicIds().contains(topic));
        assertTrue(event(personal(a1), internalUid).isPresent());

        // A withdraws its relay: its staff's calendars drop the events (CANCELLED), its staff are told; B's key is 404,
        // and the public still knows nothing of it (as an id that never existed), B's staff nothing either.
        String allBefore = feed("/feeds/all.ics").getBody();
        Map<String, Integer> told = Map.of(a1, LocalSes.sentTo(a1).size(), b1, LocalSes.sentTo(b1).size());
        assertEquals(404, withdrawAs(Map.of("orgId", b.office().id()), relayA).getStatusCode());
        APIGatewayV2HTTPResponse withdrawn = withdrawAs(Map.of("orgId", a.office().id()), relayA);
        assertEquals(200, withdrawn.getStatusCode(), withdrawn.getBody());
        assertTrue(withdrawn.getBody().contains("\"alreadyWithdrawn\":false"), withdrawn.getBody());
        String after = personal(a1);
        assertEquals("CANCELLED", prop(event(after, topic + "-closes@cutoff").orElseThrow(), Property.STATUS), after);
        assertEquals("CANCELLED", prop(event(after, internalUid).orElseThrow(), Property.STATUS), after);
        assertFalse(feed("/feeds/all.ics").getBody().contains(relayA));
        assertEquals(allBefore.replaceAll("(?m)^DTSTAMP:.*$", ""), feed("/feeds/all.ics").getBody().replaceAll("(?m)^DTSTAMP:.*$", ""),
                "the public feed is as it was");
        assertEquals(notFound(feed("/feeds/topics/" + never + "-t1.ics")),
                notFound(feed("/feeds/topics/" + topic + ".ics")).replace(relayA, never));
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        assertTrue(LocalSes.sentTo(a1).size() > told.get(a1), "A's staff are told");
        assertEquals(told.get(b1), LocalSes.sentTo(b1).size(), "B's staff are told nothing");
        assertFalse(personal(b1).contains(relayA));
        assertEquals(200, withdrawAs(Map.of("orgId", a.office().id()), relayA).getStatusCode(), "again: a no-op");
    }

    private APIGatewayV2HTTPResponse withdrawAs(Map<String, String> who, String noticeId) {
        APIGatewayV2HTTPEvent withdraw = Project.event("notice-withdraw.json");
        withdraw.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(who));
        withdraw.setPathParameters(Map.of("noticeId", noticeId));
        withdraw.setRawPath("/notices/" + noticeId + "/withdraw");
        return api.handleRequest(withdraw, null);
    }

    @Test
    void aCallAlreadyPublic_getsTheOfficesDateAsItsInternalDeadline_withoutASecondCopy() throws Exception {
        String text = notice("示合〔2026〕9号", "关于组织申报示例公开项目的通知", "2026年6月25日16:30", null);
        String editorDraft = upload(Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR), text);
        JsonNode pub = JSON.readTree(publish(Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR), editorDraft).getBody());
        String noticeId = pub.get("noticeId").asText();
        String topic = noticeId + "-t1";

        // A relays it with a topic the public call does not have: 422, nothing written.
        String renamed = upload(as(a), notice("示合〔2026〕9号", "关于组织申报示例公开项目的通知", "2026年6月25日16:30",
                "2026年6月18日16:00"));
        ObjectNode reading = (ObjectNode) JSON.readTree(onDraft(as(a), "notice-draft.json", "GET", renamed, null).getBody()).get("notice");
        ((ObjectNode) reading.at("/topics/0")).put("title", "另一个专题");
        assertEquals(200, onDraft(as(a), "notice-draft.json", "PUT", renamed, reading.toString()).getStatusCode());
        APIGatewayV2HTTPResponse lacking = publish(as(a), renamed);
        assertEquals(422, lacking.getStatusCode(), lacking.getBody());
        assertTrue(lacking.getBody().contains("另一个专题"), lacking.getBody());
        assertFalse(personal(a1).contains(topic), "nothing given");

        String draft = upload(as(a), notice("示合〔2026〕9号", "关于组织申报示例公开项目的通知", "2026年6月25日16:30",
                "2026年6月18日16:00"));
        APIGatewayV2HTTPResponse published = publish(as(a), draft);
        assertEquals(200, published.getStatusCode(), published.getBody());
        JsonNode answer = JSON.readTree(published.getBody());
        assertEquals(noticeId, answer.get("attachedTo").asText());
        assertEquals(noticeId, answer.get("noticeId").asText());
        assertEquals(topic, answer.at("/internalDeadlines/0/topicId").asText());
        assertEquals("2026-06-18T16:00:00+08:00", answer.at("/internalDeadlines/0/at").asText());
        assertEquals(0, answer.get("added").asInt());

        // No second copy: one notice with that number, no relay of A's stored; the calls page lists the call once.
        assertEquals(1, stack.notices.notices().stream().filter(n -> "示合〔2026〕9号".equals(n.documentNumber())).count());
        assertTrue(stack.notices.notice(NoticeIds.relayId(a.office().id(), noticeId)).isEmpty());
        // A's staff get the public topic with A's date; B's staff get nothing.
        String internalUid = topic + "-internal-" + a.office().id() + "@cutoff";
        for (String who : List.of(a1, a2)) {
            VEvent internal = event(personal(who), internalUid).orElseThrow();
            assertEquals("20260618T160000", prop(internal, Property.DTSTART));
            assertTrue(pendingUids(subscriberOf(a, who)).contains(internalUid));
        }
        assertTrue(event(officeFeed(a), internalUid).isPresent());
        assertFalse(personal(b1).contains(topic));
        JsonNode view = OfficeApiIT.json(offices.handleRequest(OfficeApiIT.request("GET", "/orgs/" + a.office().id()
                + "/internal-deadlines", a.apiKey(), null, null), null));
        assertTrue(view.get("overrides").toString().contains(topic), view.toString());
        JsonNode viewB = OfficeApiIT.json(offices.handleRequest(OfficeApiIT.request("GET", "/orgs/" + b.office().id()
                + "/internal-deadlines", b.apiKey(), null, null), null));
        assertFalse(viewB.toString().contains(topic), viewB.toString());
    }

    /** A staff member listed for an office of its own: their address at the office's domain, welcomed (feed token kept). */
    private static String at(String who, String domain) {
        return TestStack.address(who).replace("@example.edu.cn", "@" + domain);
    }

    private static void dispatch() {
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private static void feedOf(String who) {
        Matcher m = FEED.matcher(LocalSes.sentTo(who).get(0).text());
        assertTrue(m.find(), "the welcome gives the personal feed");
        tokens.put(who, m.group(1));
    }

    @Test
    void theOfficesRelays_reachWhoItListsLater_stayOnAChangedRow_andNeverReachTheOptedOutOrAnotherOffice() throws Exception {
        Offices.Created c = stack.wiring().offices().create("丙大学科研处", List.of("third.edu.cn"));
        Offices.Created d = stack.wiring().offices().create("丁大学科研处", List.of("fourth.edu.cn"));
        String before = at("relay-c1", "third.edu.cn");
        String optedOut = at("relay-c2", "third.edu.cn");
        String later = at("relay-c3", "third.edu.cn");
        String elsewhere = at("relay-d1", "fourth.edu.cn");
        register(c, before + ",,," + OfficeApiIT.T1 + ",zh,P1D", optedOut + ",,," + OfficeApiIT.T1 + ",zh,P1D");
        dispatch();
        feedOf(before);
        stack.subscribers.leave(stack.subscribers.byId(subscriberOf(c, optedOut)).orElseThrow(),
                cutoff.subscriber.Subscriber.Status.UNSUBSCRIBED);

        // C relays a call already public (its date on the public topic) and one that is not (stored for C alone).
        String pub = JSON.readTree(publish(Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR), upload(Map.of(OfficeAuthorizer.EDITOR_ID, EDITOR),
                notice("示合〔2026〕11号", "关于组织申报示例后续项目的通知", "2026年6月28日16:30", null))).getBody()).get("noticeId").asText();
        JsonNode attached = JSON.readTree(publish(as(c), upload(as(c), notice("示合〔2026〕11号", "关于组织申报示例后续项目的通知",
                "2026年6月28日16:30", "2026年6月19日17:00"))).getBody());
        assertEquals(pub, attached.get("attachedTo").asText(), attached.toString());
        JsonNode own = JSON.readTree(publish(as(c), upload(as(c), notice("示合〔2026〕12号", "关于组织申报示例内部项目的通知",
                "2026年6月26日16:30", "2026年6月18日12:00"))).getBody());
        String relay = own.get("noticeId").asText();
        assertTrue(NoticeIds.isRelayOf(relay, c.office().id()), own.toString());
        assertEquals(1, own.get("staff").asInt(), "the opted-out person is not active staff: " + own);
        String publicInternal = pub + "-t1-internal-" + c.office().id() + "@cutoff";
        String relayInternal = relay + "-t1-internal-" + c.office().id() + "@cutoff";
        String relayCloses = relay + "-t1-closes@cutoff";

        // After both: C lists a newcomer, uploads the first person's row changed and the opted-out one's; D lists its own.
        register(c, before + ",,," + OfficeApiIT.T1 + ",zh,P3D", optedOut + ",,," + OfficeApiIT.T2 + ",en,P1D",
                later + ",,," + OfficeApiIT.T2 + ",zh,P1D");
        register(d, elsewhere + ",,," + OfficeApiIT.T1 + ",zh,P1D");
        dispatch();
        feedOf(later);
        feedOf(elsewhere);

        // The changed row keeps the public topic the relay gave (and the relay's own).
        List<String> kept = stack.subscribers.byId(subscriberOf(c, before)).orElseThrow().topicIds();
        assertTrue(kept.containsAll(List.of(OfficeApiIT.T1, pub + "-t1", relay + "-t1")), kept.toString());
        assertTrue(event(personal(before), publicInternal).isPresent());
        assertTrue(pendingUids(subscriberOf(c, before)).contains(publicInternal));
        // The newcomer: both relays in their welcome and personal feed (read by ical4j) with C's dates, and reminded.
        String welcome = LocalSes.sentTo(later).get(0).text();
        assertTrue(welcome.contains("示例内部项目") && welcome.contains("示例后续项目"), welcome);
        String ics = personal(later);
        assertEquals("20260619T170000", prop(event(ics, publicInternal).orElseThrow(() -> new AssertionError(ics)), Property.DTSTART));
        assertEquals("20260618T120000", prop(event(ics, relayInternal).orElseThrow(() -> new AssertionError(ics)), Property.DTSTART));
        assertEquals("20260626T163000", prop(event(ics, relayCloses).orElseThrow(), Property.DTSTART));
        List<String> planned = pendingUids(subscriberOf(c, later));
        assertTrue(planned.containsAll(List.of(publicInternal, relayInternal, relayCloses)), planned.toString());
        // The opted-out person is not signed up again, nor given either relay.
        cutoff.subscriber.Subscriber out = stack.subscribers.byId(subscriberOf(c, optedOut)).orElseThrow();
        assertEquals(cutoff.subscriber.Subscriber.Status.UNSUBSCRIBED, out.status());
        assertEquals(List.of(OfficeApiIT.T1), out.topicIds());
        assertTrue(pendingUids(out.id()).stream().noneMatch(u -> u.startsWith(relay) || u.startsWith(pub)), pendingUids(out.id()).toString());
        // Another office's staff, listed after the relays too, get neither; nor do A's or B's.
        for (String who : List.of(elsewhere, a1, b1)) {
            String theirs = personal(who);
            assertFalse(theirs.contains(relay) || theirs.contains(publicInternal) || theirs.contains(pub + "-t1-closes"), who);
        }
        assertFalse(officeFeed(d).contains(relay));
        // C's office feed follows the newcomer's topics.
        String officeC = officeFeed(c);
        assertTrue(event(officeC, relayInternal).isPresent() && event(officeC, publicInternal).isPresent(), officeC);

        // The newcomer drops the relay's topic on their preferences page: publishing it again, or a changed row, does not
        // give it back.
        cutoff.subscriber.Subscriber held = stack.subscribers.byId(subscriberOf(c, later)).orElseThrow();
        List<String> without = held.topicIds().stream().filter(t -> !t.equals(relay + "-t1")).toList();
        stack.wiring().subscriptions().update(held, stack.wiring().subscriptions().validateFor(held, without, List.of(), List.of(),
                "zh", List.of("P1D")));
        JsonNode again = JSON.readTree(publish(as(c), upload(as(c), notice("示合〔2026〕12号", "关于组织申报示例内部项目的通知",
                "2026年6月26日16:30", "2026年6月18日12:00"))).getBody());
        assertEquals(0, again.get("staffGivenTopics").asInt(), again.toString());
        register(c, later + ",,," + OfficeApiIT.T2 + ",zh,P3D");
        dispatch();
        assertFalse(stack.subscribers.byId(held.id()).orElseThrow().topicIds().contains(relay + "-t1"));
        assertFalse(personal(later).contains(relayCloses));
    }
}
