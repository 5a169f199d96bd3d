package cutoff.handler;

import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Subscribing, confirming, the personal feed and leaving, through the API, DynamoDB Local and the SES stand-in. */
class SubscriptionsIT {
    private static final Pattern CONFIRM = TestStack.CONFIRM;
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private TestStack stack;
    private SubscriptionHandler api;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = stack.subscriptionApi();
    }

    static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, String body, String contentType) {
        return TestStack.fromNewSource(cutoff.handler.Routes.event(method, pathAndQuery,
                contentType == null ? Map.of() : Map.of("content-type", contentType), body));
    }

    APIGatewayV2HTTPResponse subscribe(String email, String topicsJson, String extra) {
        return api.handleRequest(request("POST", "/subscriptions",
                "{\"email\":\"" + email + "\",\"topics\":" + topicsJson + (extra == null ? "" : "," + extra) + "}",
                "application/json"), null);
    }

    static String confirmToken(String email) {
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        assertFalse(mail.isEmpty(), "no confirmation email to " + email);
        Matcher m = CONFIRM.matcher(mail.get(mail.size() - 1).text());
        assertTrue(m.find(), mail.get(mail.size() - 1).text());
        return m.group(1);
    }

    @Test
    void subscribe_sendsOneConfirmation_andConfirmingShowsThePersonalFeed() {
        String email = TestStack.address("li.wei");
        APIGatewayV2HTTPResponse accepted = subscribe(email, "[\"2026-8-304af3-t1\",\"2026-8-304af3-t3\"]", "\"language\":\"zh\"");
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        assertTrue(accepted.getBody().contains("\"status\":\"pending\""));
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        assertEquals(1, mail.size());
        assertEquals("请确认订阅 Confirm your Cutoff subscription", mail.get(0).subject());
        assertTrue(mail.get(0).html().contains("沪科指南〔2026〕8号 · 专题三 外资研发机构协同创新"), mail.get(0).html());
        assertTrue(mail.get(0).text().contains(TestStack.BASE_URL + "/subscriptions/confirm?token="), mail.get(0).text());

        APIGatewayV2HTTPResponse page = api.handleRequest(request("GET", "/subscriptions/confirm?token=" + confirmToken(email),
                null, null), null);
        assertEquals(200, page.getStatusCode());
        assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"));
        Matcher feed = FEED.matcher(page.getBody());
        assertTrue(feed.find(), page.getBody());
        assertEquals(1, LocalSes.sentTo(email).size(), "confirming sends nothing more");

        var personal = stack.feeds().handleRequest(request("GET", "/feeds/personal/" + feed.group(1) + ".ics", null, null), null);
        assertEquals(200, personal.getStatusCode());
        String ics = personal.getBody().replaceAll("\r\n[ \t]", "");
        assertTrue(ics.contains("UID:2026-8-304af3-t1-closes@cutoff"), ics);
        assertTrue(ics.contains("UID:2026-8-304af3-t3-closes@cutoff"), ics);
        assertFalse(ics.contains("UID:2026-8-304af3-t2-closes@cutoff"), "only the topics subscribed to");
        assertEquals("private, max-age=3600", personal.getHeaders().get("Cache-Control"));
    }

    @Test
    void aConfirmationLinkWorksOnce() {
        String email = TestStack.address("once");
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        String token = confirmToken(email);
        assertEquals(200, api.handleRequest(request("GET", "/subscriptions/confirm?token=" + token, null, null), null).getStatusCode());
        APIGatewayV2HTTPResponse again = api.handleRequest(request("GET", "/subscriptions/confirm?token=" + token, null, null), null);
        assertEquals(404, again.getStatusCode());
        assertTrue(again.getBody().contains("This link has expired"));
    }

    @Test
    void aConfirmationLinkExpiresAfter48Hours() {
        String email = TestStack.address("late");
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        stack.advance(Duration.ofHours(48).plusMinutes(1));
        assertEquals(404, api.handleRequest(request("GET", "/subscriptions/confirm?token=" + confirmToken(email), null, null),
                null).getStatusCode());
    }

    @Test
    void anUnconfirmedAddressGetsAtMostOneConfirmationAnHour() {
        String email = TestStack.address("impatient");
        for (int i = 0; i < 3; i++) {
            assertEquals(202, subscribe(email, "[\"2026-8-304af3-t1\"]", null).getStatusCode());
            stack.advance(Duration.ofMinutes(20));
        }
        assertEquals(1, LocalSes.sentTo(email).size());
        stack.advance(Duration.ofMinutes(1));
        subscribe(email, "[\"2026-8-304af3-t2\"]", null);
        assertEquals(2, LocalSes.sentTo(email).size(), "an hour after the first, a new confirmation");
        assertTrue(LocalSes.sentTo(email).get(1).text().contains("专题二"), "with the latest topics");
    }

    @Test
    void aConfirmedAddressAskingAgain_getsAManageLink_notASecondSubscription() {
        String email = TestStack.address("again");
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        api.handleRequest(request("GET", "/subscriptions/confirm?token=" + confirmToken(email), null, null), null);
        stack.advance(Duration.ofHours(2));
        assertEquals(202, subscribe(email, "[\"2026-8-304af3-t2\"]", null).getStatusCode());
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        assertEquals(2, mail.size());
        assertTrue(mail.get(1).text().contains("/subscriptions/manage?token="), mail.get(1).text());
        assertEquals(List.of("2026-8-304af3-t1"), stack.subscribers.byEmail(email).orElseThrow().topicIds());
    }

    @Test
    void badRequests_sayWhichFieldAndWhy() {
        APIGatewayV2HTTPResponse r = subscribe("not-an-address", "[\"2026-8-304af3-t1\"]", null);
        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("\"field\":\"email\""), r.getBody());
        r = subscribe(TestStack.address("x"), "[\"2099-1-000000-t9\"]", null);
        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("no topic 2099-1-000000-t9"), r.getBody());
        r = subscribe(TestStack.address("x"), "[\"2026-8-304af3-t1\"]", "\"leadTimes\":[\"P2M\"]");
        assertTrue(r.getBody().contains("\"field\":\"leadTimes\""), r.getBody());
        r = subscribe(TestStack.address("x"), "[\"2026-8-304af3-t1\"]", "\"language\":\"fr\"");
        assertTrue(r.getBody().contains("\"field\":\"language\""), r.getBody());
        r = api.handleRequest(request("POST", "/subscriptions", "{not json", "application/json"), null);
        assertEquals(400, r.getStatusCode());
        assertTrue(r.getBody().contains("\"field\":\"body\""), r.getBody());
    }

    @Test
    void aWholeNotice_expandsToItsTopics_andFormsWorkLikeJson() {
        String email = TestStack.address("form");
        APIGatewayV2HTTPResponse r = api.handleRequest(request("POST", "/subscriptions",
                "email=" + email.replace("@", "%40") + "&notices=2023-4-82277d&language=en&leadTimes=P1D",
                "application/x-www-form-urlencoded"), null);
        assertEquals(202, r.getStatusCode(), r.getBody());
        Subscriber s = stack.subscribers.byEmail(email).orElseThrow();
        assertEquals(6, s.topicIds().size());
        assertEquals("en", s.language());
        assertEquals(List.of(new LeadTime("P1D")), s.leadTimes());
        assertEquals("Confirm your Cutoff subscription", LocalSes.sentTo(email).get(0).subject());
    }

    @Test
    void rotatingTheFeedToken_retiresTheOldUrl() {
        String email = TestStack.address("rotate");
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        Matcher old = FEED.matcher(api.handleRequest(request("GET", "/subscriptions/confirm?token=" + confirmToken(email),
                null, null), null).getBody());
        assertTrue(old.find());
        Subscriber s = stack.subscribers.byEmail(email).orElseThrow();
        String manage = manageToken(s);
        APIGatewayV2HTTPResponse page = api.handleRequest(request("POST", "/subscriptions/manage?token=" + manage,
                "action=rotate", "application/x-www-form-urlencoded"), null);
        Matcher fresh = FEED.matcher(page.getBody());
        assertTrue(fresh.find(), page.getBody());
        assertEquals(404, stack.feeds().handleRequest(request("GET", "/feeds/personal/" + old.group(1) + ".ics", null, null), null)
                .getStatusCode());
        assertEquals(200, stack.feeds().handleRequest(request("GET", "/feeds/personal/" + fresh.group(1) + ".ics", null, null), null)
                .getStatusCode());
    }

    /** Subscribes to 专题一 of 沪科指南〔2026〕8号 and confirms through the API, as a person would. */
    Subscriber confirmed(String email) {
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        api.handleRequest(request("GET", "/subscriptions/confirm?token=" + confirmToken(email), null, null), null);
        return stack.subscribers.byEmail(email).orElseThrow();
    }

    /** A MANAGE token, as one reminder email would carry. */
    String manageToken(Subscriber s) {
        return stack.wiring().tokens().issueManageToken(s.id(), stack.clock.instant(), Duration.ofDays(1));
    }

    @Test
    void theManagePage_addsAndDropsTopics_changesLeadTimesAndLanguage_andReplans() {
        Subscriber s = confirmed(TestStack.address("manager"));
        String token = manageToken(s);
        APIGatewayV2HTTPResponse page = api.handleRequest(request("GET", "/subscriptions/manage?token=" + token, null, null), null);
        assertTrue(page.getBody().contains("value=\"2026-8-304af3-t1\" checked"), page.getBody());
        assertTrue(page.getBody().contains("value=\"2026-8-304af3-t2\" >"), "an open topic to add: " + page.getBody());
        api.handleRequest(request("POST", "/subscriptions/manage?token=" + token,
                "action=update&topics=2026-8-304af3-t2&leadTimes=P1D&language=en", "application/x-www-form-urlencoded"), null);
        Subscriber after = stack.subscribers.byId(s.id()).orElseThrow();
        assertEquals(List.of("2026-8-304af3-t2"), after.topicIds());
        assertEquals(List.of(new LeadTime("P1D")), after.leadTimes());
        assertEquals("en", after.language());
        var pending = stack.reminders.ofSubscriber(s.id()).stream()
                .filter(r -> r.status() == cutoff.reminder.Reminder.Status.PENDING).toList();
        assertEquals(List.of("2026-8-304af3-t2-closes@cutoff#P1D"), pending.stream().map(r -> r.deadlineUid() + "#" + r.lead()).toList());
        assertEquals(List.of(), stack.subscribers.subscriberIdsOf("2026-8-304af3-t1"));
        assertEquals(List.of(s.id()), stack.subscribers.subscriberIdsOf("2026-8-304af3-t2"));
    }

    @Test
    void unsubscribeGet_showsAButtonAndChangesNothing_postUnsubscribesAtOnce() {
        Subscriber s = confirmed(TestStack.address("leaver"));
        assertFalse(stack.reminders.ofSubscriber(s.id()).isEmpty(), "confirming planned reminders");
        String token = manageToken(s);

        APIGatewayV2HTTPResponse get = api.handleRequest(request("GET", "/subscriptions/unsubscribe?token=" + token, null, null), null);
        assertEquals(200, get.getStatusCode());
        assertTrue(get.getBody().contains("<form method=\"post\""), get.getBody());
        assertEquals(Subscriber.Status.CONFIRMED, stack.subscribers.byId(s.id()).orElseThrow().status());

        APIGatewayV2HTTPResponse post = api.handleRequest(request("POST", "/subscriptions/unsubscribe?token=" + token,
                "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), null);
        assertEquals(200, post.getStatusCode());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byId(s.id()).orElseThrow().status());
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream()
                .allMatch(r -> r.status() == cutoff.reminder.Reminder.Status.CANCELLED));
    }

    @Test
    void tokensAndAddresses_areNeverStoredInClearInKeys_andTokensAreStoredHashed() {
        String email = TestStack.address("privacy");
        subscribe(email, "[\"2026-8-304af3-t1\"]", null);
        String token = confirmToken(email);
        // A test may scan; the product never does.
        List<Map<String, AttributeValue>> items = stack.dynamo.scan(b -> b.tableName(stack.table)).items();
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get("PK").s();
            assertFalse(pk.contains(email), pk);
            for (AttributeValue v : item.values()) {
                assertFalse(token.equals(v.s()), "a token in clear in " + pk);
            }
        }
        assertTrue(items.stream().anyMatch(i -> i.get("PK").s().equals("TOKEN#" + Tokens.hash(token))));
        assertNotNull(stack.subscribers.byEmail(email).orElseThrow().id());
        assertNull(stack.subscribers.byEmail(email).orElseThrow().feedTokenHash(), "no feed token before confirming");
    }
}
