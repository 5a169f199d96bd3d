package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.deadline.Deadline;
import cutoff.dispatch.ReminderPlanner;
import cutoff.notice.Notice;
import cutoff.reminder.Reminder;
import cutoff.store.AuditStore;
import cutoff.store.IngestResult;
import cutoff.subscriber.Subscriber;
import cutoff.subscription.SubscriptionService;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Withdrawing a published notice (issue 19) through {@code POST /notices/{noticeId}/withdraw} as API Gateway hands it
 * over after the authorizer, against DynamoDB Local and the SES stand-in: the feeds (read with ical4j), the emails the
 * dispatcher sends, the reminders it no longer sends, the pages and the record. 沪科指南〔2026〕8号 (shipped) closes every
 * topic at 2026-06-03 16:30 Beijing time (08:30Z); the clock starts weeks before.
 */
class NoticeWithdrawIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTICE = "2026-8-304af3";
    private static final String T1 = NOTICE + "-t1";
    private static final String T3 = NOTICE + "-t3";
    private static final String EDITOR = "ed_0123456789abcdef0123";
    private static final Instant SEVEN_DAYS_BEFORE = Instant.parse("2026-05-27T08:30:00Z");
    private TestStack stack;
    private NoticeUploadHandler api;
    private SubscriptionService service;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        stack.wiring().ingestion().ingest(Project.shippedNotice(NOTICE));
        api = new NoticeUploadHandler(stack.wiring());
        service = stack.subscriptions(stack.ses);
    }

    private APIGatewayV2HTTPResponse withdraw(Map<String, String> who, String noticeId, String body) {
        APIGatewayV2HTTPEvent e = Project.event("notice-withdraw.json");
        e.getRequestContext().getAuthorizer().setLambda(new HashMap<>(who));
        e.setPathParameters(Map.of("noticeId", noticeId));
        e.setRawPath("/notices/" + noticeId + "/withdraw");
        e.setBody(body);
        return api.handleRequest(e, null);
    }

    private static Map<String, String> editor() {
        return Map.of("editorId", EDITOR);
    }

    private static String reason(String text) throws Exception {
        return JSON.writeValueAsString(Map.of("reason", text));
    }

    private APIGatewayV2HTTPResponse get(String path) {
        return stack.feeds().handleRequest(Routes.event("GET", path, Map.of(), null), null);
    }

    private APIGatewayV2HTTPResponse page(String path) {
        return new WebHandler(stack.wiring()).handleRequest(Routes.event("GET", path, Map.of(), null), null);
    }

    private static List<VEvent> events(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
    }

    private static String prop(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElse(null);
    }

    /** Emails to an address but its confirmation. */
    private static List<LocalSes.Sent> told(String email) {
        return LocalSes.sentTo(email).stream().filter(s -> !s.subject().contains("Confirm")).toList();
    }

    private void dispatch() throws InterruptedException {
        stack.dispatcher().run("run-" + System.nanoTime(), () -> true);
    }

    @Test
    void aWithdrawnNotice_isCancelledInTheFeeds_toldOnceInEachLanguage_remindedNoMore_andOffTheCallsPage() throws Exception {
        String zh = TestStack.address("zh-withdrawn");
        String en = TestStack.address("en-withdrawn");
        Subscriber zhSub = TestStack.subscribed(service, zh, "zh", T1);
        Subscriber enSub = TestStack.subscribed(service, en, "en", T3);
        assertTrue(page("/?lang=en").getBody().contains(T1), "listed before");
        assertTrue(service.notices().stream().anyMatch(n -> n.id().equals(NOTICE)), "offered on the subscription page before");
        assertTrue(page("/calls/" + T1 + "?lang=en").getBody().contains("id=\"remind-heading\""), "a reminder link before");
        APIGatewayV2HTTPResponse before = get("/feeds/notices/" + NOTICE + ".ics");
        Map<String, String> sequences = new HashMap<>();
        Map<String, String> stamps = new HashMap<>();
        for (VEvent e : events(before.getBody())) {
            assertEquals("CONFIRMED", prop(e, Property.STATUS));
            sequences.put(prop(e, Property.UID), prop(e, Property.SEQUENCE));
            stamps.put(prop(e, Property.UID), prop(e, Property.LAST_MODIFIED));
        }
        int deadlines = stack.notices.notice(NOTICE).orElseThrow().deadlines().size();

        stack.advance(java.time.Duration.ofHours(1));
        APIGatewayV2HTTPResponse r = withdraw(editor(), NOTICE, reason("发布单位已撤回该通知 The issuer withdrew the call"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode answer = JSON.readTree(r.getBody());
        assertEquals(NOTICE, answer.get("noticeId").asText());
        assertEquals(deadlines, answer.get("withdrawn").asInt());
        assertEquals(2, answer.get("changeEmails").asInt(), "one address for each subscriber");
        assertFalse(answer.get("alreadyWithdrawn").asBoolean());

        // Feeds: every event still there, STATUS:CANCELLED, SEQUENCE one up (RFC 5545 §3.8.1.11, §3.8.7.4); the ETag moved.
        APIGatewayV2HTTPResponse after = get("/feeds/notices/" + NOTICE + ".ics");
        List<VEvent> cancelled = events(after.getBody());
        assertEquals(sequences.size(), cancelled.size());
        for (VEvent e : cancelled) {
            assertEquals("CANCELLED", prop(e, Property.STATUS), prop(e, Property.UID));
            assertEquals(Integer.parseInt(sequences.get(prop(e, Property.UID))) + 1, Integer.parseInt(prop(e, Property.SEQUENCE)));
            assertNotEquals(stamps.get(prop(e, Property.UID)), prop(e, Property.LAST_MODIFIED), "LAST-MODIFIED is the withdrawal's");
        }
        assertNotEquals(before.getHeaders().get("ETag"), after.getHeaders().get("ETag"));
        assertTrue(events(get("/feeds/topics/" + T1 + ".ics").getBody()).stream()
                .allMatch(e -> "CANCELLED".equals(prop(e, Property.STATUS))), "the topic feed too");

        // One email each, in their language, with the reason; their reminders cancelled.
        dispatch();
        List<LocalSes.Sent> toZh = told(zh);
        assertEquals(1, toZh.size());
        assertTrue(toZh.get(0).subject().startsWith("【截止时间撤回】"), toZh.get(0).subject());
        assertTrue(toZh.get(0).text().contains("已撤回 Withdrawn (was 2026-06-03 16:30 Beijing time (UTC+08:00))"), toZh.get(0).text());
        assertTrue(toZh.get(0).text().contains("撤回说明 Reason: 发布单位已撤回该通知 The issuer withdrew the call"), toZh.get(0).text());
        List<LocalSes.Sent> toEn = told(en);
        assertEquals(1, toEn.size());
        assertTrue(toEn.get(0).subject().startsWith("Withdrawn: "), toEn.get(0).subject());
        assertTrue(toEn.get(0).text().contains("Withdrawn (was 2026-06-03 16:30 Beijing time (UTC+08:00))"), toEn.get(0).text());
        assertFalse(toEn.get(0).text().contains("已撤回 Withdrawn"), toEn.get(0).text());
        for (Subscriber s : List.of(zhSub, enSub)) {
            List<Reminder> reminders = stack.reminders.ofSubscriber(s.id()).stream().filter(x -> x.kind() == Reminder.Kind.REMINDER).toList();
            assertFalse(reminders.isEmpty());
            reminders.forEach(x -> assertEquals(Reminder.Status.CANCELLED, x.status(), x.toString()));
        }
        // A week before the cutoff that was: no reminder goes out.
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        dispatch();
        assertEquals(1, told(zh).size());
        assertEquals(1, told(en).size());

        // Pages: not on the calls page; the topic's page answers, saying so, without calendar or reminder links.
        assertFalse(page("/?lang=en").getBody().contains(T1));
        // Nor offered on the subscription page (the form lists what service.notices() gives).
        assertTrue(service.notices().stream().noneMatch(n -> n.id().equals(NOTICE)), "not offered once withdrawn");
        APIGatewayV2HTTPResponse topic = page("/calls/" + T1 + "?lang=en");
        assertEquals(200, topic.getStatusCode());
        assertTrue(topic.getBody().contains("This call was withdrawn (2026-05-10)"), topic.getBody());
        assertTrue(topic.getBody().contains("badge withdrawn"), topic.getBody());
        assertFalse(topic.getBody().contains("id=\"remind-heading\""), "no reminder link");
        assertFalse(topic.getBody().contains("data-countdown"), "no countdown");
        assertTrue(page("/calls/" + T1 + "?lang=zh").getBody().contains("此申报已撤回"));

        // The record: who, and why.
        List<AuditStore.Entry> record = new AuditStore(stack.dynamo, stack.table).entries(NOTICE);
        AuditStore.Entry last = record.get(record.size() - 1);
        assertEquals("withdrawn", last.action());
        assertEquals(EDITOR, last.by());
        assertTrue(last.detail().contains("The issuer withdrew the call"), last.detail());

        // Again: a no-op, no second email, nothing recorded.
        String tag = get("/feeds/notices/" + NOTICE + ".ics").getHeaders().get("ETag");
        APIGatewayV2HTTPResponse again = withdraw(editor(), NOTICE, null);
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals("{\"noticeId\":\"" + NOTICE + "\",\"withdrawn\":0,\"changeEmails\":0,\"alreadyWithdrawn\":true}", again.getBody());
        dispatch();
        assertEquals(1, told(zh).size());
        assertEquals(tag, get("/feeds/notices/" + NOTICE + ".ics").getHeaders().get("ETag"));
        assertEquals(record.size(), new AuditStore(stack.dynamo, stack.table).entries(NOTICE).size());
    }

    @Test
    void publishedAgain_theEventsComeBack_sequenceUpOnceMore_theSubscriberIsTold_andTheCallIsListed() throws Exception {
        String email = TestStack.address("again");
        TestStack.subscribed(service, email, "zh", T1);
        assertEquals(200, withdraw(editor(), NOTICE, null).getStatusCode());
        dispatch();
        assertEquals(1, told(email).size());
        Map<String, Integer> withdrawnAt = new HashMap<>();
        stack.notices.notice(NOTICE).orElseThrow().deadlines().forEach(d -> withdrawnAt.put(d.uid(), d.sequence()));
        stack.advance(java.time.Duration.ofMinutes(5));
        IngestResult again = stack.wiring().ingestion().ingest(Project.shippedNotice(NOTICE)).result();
        assertEquals(withdrawnAt.size(), again.moved().size(), again.summary());
        for (Deadline d : stack.notices.notice(NOTICE).orElseThrow().deadlines()) {
            assertFalse(d.cancelled(), d.uid());
            assertEquals(withdrawnAt.get(d.uid()) + 1, d.sequence(), d.uid());
        }
        assertTrue(page("/?lang=en").getBody().contains(T1));
        assertFalse(page("/calls/" + T1 + "?lang=en").getBody().contains("This call was withdrawn"));
        dispatch();
        List<LocalSes.Sent> mail = told(email);
        assertEquals(2, mail.size());
        assertTrue(mail.get(1).text().contains("重新发布 Published again: 2026-06-03 16:30 Beijing time (UTC+08:00)"), mail.get(1).text());
    }

    @Test
    void aWithdrawnCall_cannotBeSubscribedTo_saysSo_yetASubscriberWhoFollowsItKeepsItOnTheirManagePage() throws Exception {
        String keeper = TestStack.address("keeps-withdrawn");
        Subscriber held = TestStack.subscribed(service, keeper, "zh", T1);
        assertEquals(200, withdraw(editor(), NOTICE, null).getStatusCode());
        SubscriptionHandler subscriptions = stack.subscriptionApi();

        // A new subscription: refused as an unknown topic or notice is, saying why; nothing sent.
        String newcomer = TestStack.address("wants-withdrawn");
        for (String named : List.of("\"topics\":[\"" + T1 + "\"]", "\"notices\":[\"" + NOTICE + "\"]")) {
            APIGatewayV2HTTPResponse refused = subscriptions.handleRequest(SubscriptionsIT.request("POST", "/subscriptions",
                    "{\"email\":\"" + newcomer + "\"," + named + "}", "application/json"), null);
            assertEquals(400, refused.getStatusCode(), refused.getBody());
            JsonNode why = JSON.readTree(refused.getBody());
            assertEquals(named.startsWith("\"topics") ? "topics" : "notices", why.get("field").asText(), why.toString());
            assertTrue(why.get("error").asText().endsWith(": this call was withdrawn"), why.toString());
        }
        assertTrue(LocalSes.sentTo(newcomer).isEmpty());

        // The subscriber who follows it saves their manage page as it is (a new lead time): kept, saved.
        String manage = "/subscriptions/manage?token=" + stack.wiring().tokens().issueManageToken(held.id(), stack.clock.instant(),
                java.time.Duration.ofDays(1));
        APIGatewayV2HTTPResponse saved = subscriptions.handleRequest(SubscriptionsIT.request("POST", manage,
                "action=update&topics=" + T1 + "&leadTimes=P2D&language=zh", "application/x-www-form-urlencoded"), null);
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        Subscriber after = stack.subscribers.byId(held.id()).orElseThrow();
        assertEquals(List.of(T1), after.topicIds());
        assertEquals("P2D", after.leadTimes().get(0).code());
        // Adding another topic of the withdrawn call there is refused, and nothing of that save is kept.
        APIGatewayV2HTTPResponse adding = subscriptions.handleRequest(SubscriptionsIT.request("POST", manage,
                "action=update&topics=" + T1 + "&topics=" + T3 + "&leadTimes=P3D&language=zh", "application/x-www-form-urlencoded"), null);
        assertEquals(400, adding.getStatusCode(), adding.getBody());
        assertEquals(List.of(T1), stack.subscribers.byId(held.id()).orElseThrow().topicIds());
        assertEquals("P2D", stack.subscribers.byId(held.id()).orElseThrow().leadTimes().get(0).code());

        // Published again, the call may be subscribed to again.
        stack.advance(java.time.Duration.ofMinutes(5));
        stack.wiring().ingestion().ingest(Project.shippedNotice(NOTICE));
        APIGatewayV2HTTPResponse accepted = subscriptions.handleRequest(SubscriptionsIT.request("POST", "/subscriptions",
                "{\"email\":\"" + newcomer + "\",\"topics\":[\"" + T1 + "\"]}", "application/json"), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
    }

    @Test
    void anOfficeKey_anUnknownNotice_anotherMethod_andABadReason_areRefused_andNothingChanges() throws Exception {
        String tag = get("/feeds/notices/" + NOTICE + ".ics").getHeaders().get("ETag");
        APIGatewayV2HTTPResponse office = withdraw(Map.of("orgId", "org_0123456789abcdef0123"), NOTICE, null);
        assertEquals(404, office.getStatusCode(), office.getBody());
        assertEquals(404, withdraw(editor(), "2099-1-000000", null).getStatusCode());
        assertEquals(400, withdraw(editor(), NOTICE, reason("line one\nline two")).getStatusCode());
        assertEquals(400, withdraw(editor(), NOTICE, reason("理".repeat(501))).getStatusCode());
        assertEquals(400, withdraw(editor(), NOTICE, "{\"why\": \"x\"}").getStatusCode());
        assertEquals(400, withdraw(editor(), NOTICE, "not json").getStatusCode());
        APIGatewayV2HTTPEvent e = Project.event("notice-withdraw.json");
        e.getRequestContext().getHttp().setMethod("GET");
        APIGatewayV2HTTPResponse wrongMethod = api.handleRequest(e, null);
        assertEquals(405, wrongMethod.getStatusCode());
        assertEquals("POST", wrongMethod.getHeaders().get("Allow"));
        assertEquals(tag, get("/feeds/notices/" + NOTICE + ".ics").getHeaders().get("ETag"));
        assertTrue(stack.notices.notice(NOTICE).orElseThrow().deadlines().stream().noneMatch(Deadline::cancelled));
    }

    @Test
    void aReIngestThatDropsATopic_tellsItsSubscribersOnce_asTheRevisionPreviewCounts() throws Exception {
        String email = TestStack.address("dropped");
        String other = TestStack.address("kept");
        TestStack.subscribed(service, email, "en", T1);
        TestStack.subscribed(service, other, "en", T3);
        Notice notice = Project.shippedNotice(NOTICE);
        Instant now = stack.clock.instant();
        IngestResult result = stack.wiring().ingestion().ingest(notice.withTopics(notice.topics().subList(1, 3))).result();
        assertFalse(result.cancelled().isEmpty(), result.summary());
        assertEquals(1, ReminderPlanner.changeEmails(result.changes(), stack.subscribers, now), "the preview's count");
        dispatch();
        List<LocalSes.Sent> mail = told(email);
        assertEquals(1, mail.size());
        assertTrue(mail.get(0).text().contains("Withdrawn (was 2026-06-03 16:30 Beijing time (UTC+08:00))"), mail.get(0).text());
        assertEquals(List.of(), told(other), "a topic kept tells nobody");
        // Its page still answers a bookmarked link, saying it was withdrawn.
        APIGatewayV2HTTPResponse topic = page("/calls/" + T1 + "?lang=en");
        assertEquals(200, topic.getStatusCode());
        assertTrue(topic.getBody().contains("This call was withdrawn"), topic.getBody());
        assertEquals(404, page("/calls/" + NOTICE + "-t9?lang=en").getStatusCode());
    }

    /**
     * A handler whose DynamoDB client runs {@code meanwhile} (on another client) once, just before its first
     * transaction: an ingest that lands between the withdrawal's reads and its write.
     */
    private NoticeUploadHandler racedBy(Runnable meanwhile) {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor race = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest
                        && ran.compareAndSet(false, true)) {
                    meanwhile.run();
                }
            }
        };
        software.amazon.awssdk.services.dynamodb.DynamoDbClient racing = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(java.net.URI.create(cutoff.testing.LocalDynamo.endpoint()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(race)).build();
        return new NoticeUploadHandler(new cutoff.app.Wiring(stack.config, stack.clock, racing, null));
    }

    @Test
    void anIngestBetweenTheWithdrawalsReadAndItsWrite_evenOneThatOnlyAddsATopic_is409_andNothingOfTheWithdrawalIsWritten()
            throws Exception {
        Notice notice = Project.shippedNotice(NOTICE);
        // Published with two topics; the third comes with an ingest while the withdrawal runs: only new deadlines.
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        stack.wiring().ingestion().ingest(notice.withTopics(notice.topics().subList(0, 2)));
        List<Notice> versions = List.of(notice, notice.withTopics(List.of(notice.topics().get(0).withWindow(
                new cutoff.notice.Window(notice.topics().get(0).window().opens(), cutoff.notice.DateOrDateTime.of(
                        java.time.OffsetDateTime.parse("2026-06-10T16:30:00+08:00")), cutoff.notice.Window.BEIJING)),
                notice.topics().get(1), notice.topics().get(2))));
        for (Notice meanwhile : versions) {
            api = racedBy(() -> {
                try {
                    stack.wiring().ingestion().ingest(meanwhile);
                } catch (cutoff.deadline.IncompleteNoticeException e) {
                    throw new AssertionError(e);
                }
            });
            APIGatewayV2HTTPResponse r = withdraw(editor(), NOTICE, null);
            assertEquals(409, r.getStatusCode(), r.getBody());
            assertTrue(r.getBody().contains("nothing of this withdrawal was written"), r.getBody());
            List<Deadline> now = stack.notices.notice(NOTICE).orElseThrow().deadlines();
            assertTrue(now.stream().noneMatch(Deadline::cancelled), now.toString());
            assertTrue(new AuditStore(stack.dynamo, stack.table).entries(NOTICE).stream().noneMatch(e -> e.action().equals("withdrawn")));
        }
        // Then, with nothing in between, it goes through: every deadline, the third topic's included.
        api = new NoticeUploadHandler(stack.wiring());
        APIGatewayV2HTTPResponse r = withdraw(editor(), NOTICE, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(stack.notices.notice(NOTICE).orElseThrow().deadlines().stream().allMatch(Deadline::cancelled));
    }
}
