package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.ingest.FollowExpansion;
import cutoff.ingest.Ingestion;
import cutoff.officeservice.Offices;
import cutoff.subscription.SubscriptionService;
import cutoff.logging.JsonLog;
import cutoff.notice.Notice;
import cutoff.reminder.Reminder;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
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
import org.junit.jupiter.api.Test;

/**
 * Following new calls: a later ingest gives a new notice's topics to the staff whose rule matches it
 * ({@code all}, {@code issuer:<name>}), with reminders planned and the personal feed showing them, once; a
 * whole-notice subscription follows the topics a corrected notice adds.
 */
class FollowRulesIT {
    private static final String HEADER = "email,name,department,topics,language,leadTimes\r\n";
    private static final String SH_2026 = "2026-8-304af3";
    private static final String SH_2023 = "2023-4-82277d";
    private static final String GUANGDONG = "x-3561b9dd55";
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final Pattern TOKENS = Pattern.compile("(?:token=|/feeds/personal/)([A-Za-z0-9_-]{43})");

    @AfterAll
    static void defaultLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private static Map<String, Object> dispatch(TestStack stack) {
        return new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private static String subscriberId(TestStack stack, Offices.Created office, String email) {
        return stack.wiring().staffStore().staffRow(office.office().id(), email).orElseThrow().subscriberId();
    }

    private static List<String> topicsOf(TestStack stack, String subscriberId) {
        return stack.subscribers.byId(subscriberId).orElseThrow().topicIds();
    }

    private static List<Reminder> pendingOf(TestStack stack, String subscriberId, String noticeId) {
        return stack.reminders.ofSubscriber(subscriberId).stream()
                .filter(r -> r.noticeId().equals(noticeId) && r.status() == Reminder.Status.PENDING).toList();
    }

    private static String personalFeed(TestStack stack, String email) {
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        assertEquals(1, mail.size(), "one welcome");
        Matcher m = FEED.matcher(mail.get(0).text());
        assertTrue(m.find(), mail.get(0).text());
        APIGatewayV2HTTPResponse ics = stack.feeds().handleRequest(Routes.event("GET", "/feeds/personal/" + m.group(1) + ".ics",
                Map.of(), null), null);
        assertEquals(200, ics.getStatusCode());
        return ics.getBody();
    }

    @Test
    void followersOfAllAndOfTheIssuer_getANewNoticesTopics_once_andOthersDoNot_andTheLogNamesNoOne() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        Ingestion ingestion = stack.wiring().ingestion();
        ingestion.ingest(Project.shippedNotice(SH_2023));
        Offices.Created office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        String all = TestStack.address("follow-all");
        String shanghai = TestStack.address("follow-sh");
        String guangdong = TestStack.address("follow-gd");
        String plain = TestStack.address("follow-none");
        String csv = HEADER + all + ",,,all,,\r\n"
                + shanghai + ",,,issuer:上海市科学技术委员会,,\r\n"
                + guangdong + ",,,\"issuer: 广东省科技厅 \",,\r\n"
                + plain + ",,," + SH_2023 + "-t1,,\r\n";
        APIGatewayV2HTTPResponse up = new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST",
                "/orgs/" + office.office().id() + "/staff", office.apiKey(), "text/csv", csv), null);
        assertEquals(200, up.getStatusCode(), up.getBody());
        assertEquals(4, dispatch(stack).get("welcomed"));
        String allId = subscriberId(stack, office, all);
        String shId = subscriberId(stack, office, shanghai);
        String gdId = subscriberId(stack, office, guangdong);
        String plainId = subscriberId(stack, office, plain);
        assertTrue(topicsOf(stack, allId).isEmpty(), "a rule applies to later ingests, not to what is stored already");

        // The expanding ingest, with its log lines captured.
        List<String> lines = new CopyOnWriteArrayList<>();
        JsonLog.install(lines::add);
        Notice sh2026 = Project.shippedNotice(SH_2026);
        List<String> newTopics = sh2026.topics().stream().map(t -> t.id()).toList();
        Ingestion.Outcome first;
        try (var scope = JsonLog.invocation("req-follow-ingest")) {
            first = ingestion.ingest(sh2026);
        }
        assertEquals(new FollowExpansion.Report(2, 2 * newTopics.size(), first.follow().remindersPlanned()), first.follow());
        assertTrue(first.follow().remindersPlanned() > 0, first.toString());
        for (String id : List.of(allId, shId)) {
            assertEquals(newTopics, topicsOf(stack, id));
            assertFalse(pendingOf(stack, id, SH_2026).isEmpty(), "reminders planned");
            for (String topic : newTopics) {
                assertTrue(stack.wiring().subscribers().subscriberIdsOf(topic).contains(id), "membership of " + topic);
            }
        }
        assertTrue(personalFeed(stack, all).contains(SH_2026 + "-t1-closes@cutoff"), "the personal feed shows the new topics");
        assertTrue(personalFeed(stack, shanghai).contains(SH_2026 + "-t2-closes@cutoff"));
        assertTrue(topicsOf(stack, gdId).isEmpty(), "another issuer's follower gets nothing");
        assertEquals(List.of(SH_2023 + "-t1"), topicsOf(stack, plainId), "no rule, nothing added");
        assertFalse(personalFeed(stack, guangdong).contains(SH_2026));

        // Run again: nothing added, planned or sent twice.
        int reminders = stack.reminders.ofSubscriber(allId).size();
        Ingestion.Outcome second = ingestion.ingest(sh2026);
        assertEquals(FollowExpansion.Report.NONE, second.follow());
        assertTrue(second.result().nothingChanged());
        assertEquals(newTopics, topicsOf(stack, allId));
        assertEquals(reminders, stack.reminders.ofSubscriber(allId).size());
        assertEquals(0, dispatch(stack).get("welcomed"), "no welcome again");
        for (String who : List.of(all, shanghai, guangdong, plain)) {
            assertEquals(1, LocalSes.sentTo(who).size(), "only the welcome, once");
        }

        // Another issuer's notice: its follower and the follower of all get it; the Shanghai follower does not.
        ingestion.ingest(Project.shippedNotice(GUANGDONG));
        assertEquals(List.of(GUANGDONG + "-t1"), topicsOf(stack, gdId), "issuer matched after trimming the rule's spaces");
        assertTrue(topicsOf(stack, allId).contains(GUANGDONG + "-t1"));
        assertEquals(newTopics, topicsOf(stack, shId));

        // The office changes the follower of all's row: the staff queue keeps what the rule gave.
        new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", HEADER + all + ",改名,,all,en,\r\n"), null);
        assertEquals(1, dispatch(stack).get("staffReplanned"));
        assertTrue(topicsOf(stack, allId).containsAll(newTopics), topicsOf(stack, allId).toString());
        assertTrue(stack.wiring().subscribers().subscriberIdsOf(newTopics.get(0)).contains(allId));
        assertFalse(pendingOf(stack, allId, SH_2026).isEmpty());

        // The expanding ingest's lines: there are some, and none names a person or carries a token or the key.
        List<String> secrets = new ArrayList<>(List.of(all, shanghai, guangdong, plain, office.apiKey()));
        for (String who : List.of(all, shanghai, guangdong, plain)) {
            Matcher m = TOKENS.matcher(LocalSes.sentTo(who).get(0).text());
            while (m.find()) {
                secrets.add(m.group(1));
            }
        }
        assertTrue(secrets.size() >= 5 + 8, secrets.toString());
        List<String> ingestLines = lines.stream().filter(l -> l.contains("req-follow-ingest")).toList();
        assertTrue(ingestLines.stream().anyMatch(l -> l.contains("follow rules: notice " + SH_2026)), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains("@"), "an address in the log: " + line);
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "'" + secret + "' in " + line);
            }
        }
    }

    @Test
    void aWholeNoticeSubscription_followsTheTopicsACorrectedNoticeAdds_andATopicSubscriptionDoesNot() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        Ingestion ingestion = stack.wiring().ingestion();
        Notice full = Project.shippedNotice(SH_2026);
        Notice firstVersion = full.withTopics(full.topics().subList(0, 2));
        ingestion.ingest(firstVersion);
        String t1 = full.topics().get(0).id();
        String t3 = full.topics().get(2).id();

        SubscriptionService service = stack.wiring().subscriptions();
        String whole = TestStack.address("whole-notice");
        service.subscribe(new SubscriptionService.Request(whole, List.of(), List.of(SH_2026), "zh", List.of()), TestStack.BASE_URL);
        Subscriber w = service.confirm(TestStack.confirmToken(whole)).orElseThrow().subscriber();
        assertEquals(2, w.topicIds().size());
        Subscriber topicOnly = TestStack.subscribed(service, TestStack.address("one-topic"), "zh", t1);

        // A staff row naming the notice id follows it the same way.
        Offices.Created office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        String staff = TestStack.address("staff-notice");
        new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", HEADER + staff + ",,," + SH_2026 + ",,\r\n"), null);
        assertEquals(1, dispatch(stack).get("welcomed"));
        String staffId = subscriberId(stack, office, staff);
        assertEquals(2, topicsOf(stack, staffId).size());

        Ingestion.Outcome corrected = ingestion.ingest(full);
        assertEquals(2, corrected.follow().followers(), corrected.toString());
        for (String id : List.of(w.id(), staffId)) {
            assertEquals(full.topics().stream().map(t -> t.id()).toList(), topicsOf(stack, id));
            assertTrue(pendingOf(stack, id, SH_2026).stream().anyMatch(r -> r.topicId().equals(t3)), "the new topic is reminded");
        }
        assertEquals(List.of(t1), topicsOf(stack, topicOnly.id()), "a topic subscription gets no other topic");

        assertEquals(FollowExpansion.Report.NONE, ingestion.ingest(full).follow(), "again: nothing");

        // The staff queue (a changed row) keeps the topic the rule gave.
        new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", HEADER + staff + ",New Name,,"  + SH_2026 + ",en,\r\n"), null);
        assertEquals(1, dispatch(stack).get("staffReplanned"));
        assertTrue(topicsOf(stack, staffId).contains(t3));
        assertTrue(stack.wiring().subscribers().subscriberIdsOf(t3).contains(staffId));
    }

    @Test
    void anIndividualSubscribersRule_isShownAndKept_bringsANewCallOfTheIssuer_andEndsWhenDroppedOrOnLeaving() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        Ingestion ingestion = stack.wiring().ingestion();
        ingestion.ingest(Project.shippedNotice(SH_2026));
        SubscriptionService service = stack.wiring().subscriptions();
        String email = TestStack.address("issuer-rule");
        // A rule alone subscribes; its issuer as written on the page (NFC, spaces collapsed) is kept canonical.
        service.subscribe(new SubscriptionService.Request(email, List.of(), List.of(), "zh", List.of(),
                List.of("issuer:广东省科技厅")), TestStack.BASE_URL);
        Subscriber s = service.confirm(TestStack.confirmToken(email)).orElseThrow().subscriber();
        assertEquals(List.of(), s.topicIds());
        assertEquals(List.of("issuer:广东省科技厅"), service.followRules(s));

        Notice guangdong = Project.shippedNotice(GUANGDONG);
        assertEquals(1, ingestion.ingest(guangdong).follow().followers());
        assertEquals(guangdong.topics().stream().map(t -> t.id()).toList(), topicsOf(stack, s.id()));
        assertEquals(FollowExpansion.Report.NONE, ingestion.ingest(guangdong).follow(), "again: nothing");

        // Dropped on the preferences page: the next call of the issuer is not given.
        Subscriber now = stack.subscribers.byId(s.id()).orElseThrow();
        service.update(now, service.validate(now.topicIds(), List.of(), List.of("all"), "zh", List.of()));
        assertEquals(List.of("all"), service.followRules(now));
        assertTrue(stack.wiring().follows().followerIds("issuer:广东省科技厅").isEmpty());
        assertEquals(List.of(s.id()), stack.wiring().follows().followerIds("all"));

        service.unsubscribe(stack.subscribers.byId(s.id()).orElseThrow());
        assertEquals(List.of(), service.followRules(s), "leaving drops the rules");
        assertTrue(stack.wiring().follows().followerIds("all").isEmpty());

        cutoff.subscription.InvalidRequestException bad = org.junit.jupiter.api.Assertions.assertThrows(
                cutoff.subscription.InvalidRequestException.class, () -> service.validate(List.of(), List.of(), List.of("everything"),
                        "zh", List.of()));
        assertEquals("follow", bad.field());
    }
}
