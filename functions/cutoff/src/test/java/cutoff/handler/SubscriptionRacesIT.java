package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.reminder.Reminder;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Identical requests at the same moment, through {@link SubscriptionHandler} against DynamoDB Local and the SES
 * stand-in: one address is one subscriber however its subscription requests interleave (one confirmation, one
 * unsubscribe ends everything), and after concurrent feed rotations exactly one personal feed URL answers (a settings
 * change saved from a page read before a rotation keeps it).
 */
class SubscriptionRacesIT {
    private static final String T1 = "2026-8-304af3-t1";
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");

    private static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, String body, String contentType) {
        return TestStack.fromNewSource(Routes.event(method, pathAndQuery,
                contentType == null ? Map.of() : Map.of("content-type", contentType), body));
    }

    private static APIGatewayV2HTTPEvent subscription(String email) {
        return request("POST", "/subscriptions", "{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}", "application/json");
    }

    /** {@code n} requests released together on {@code n} threads; their answers in the order submitted. */
    private static List<APIGatewayV2HTTPResponse> atOnce(int n, SubscriptionHandler api, IntFunction<APIGatewayV2HTTPEvent> event)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                APIGatewayV2HTTPEvent e = event.apply(i);
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return api.handleRequest(e, null);
                }));
            }
            ready.await();
            go.countDown();
            List<APIGatewayV2HTTPResponse> result = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> a : answers) {
                result.add(a.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The individual subscribers at {@code email} that follow {@link #T1} (membership Query, no Scan). */
    private static List<Subscriber> following(TestStack stack, String email) {
        return stack.subscribers.byIds(stack.subscribers.subscriberIdsOf(T1)).values().stream()
                .filter(s -> s.email().equals(email)).toList();
    }

    private static int feedStatus(TestStack stack, String token) {
        return stack.feeds().handleRequest(request("GET", "/feeds/personal/" + token + ".ics", null, null), null).getStatusCode();
    }

    @ParameterizedTest(name = "{0} identical requests at once")
    @ValueSource(ints = {2, 8, 32})
    void concurrentSubscriptions_makeOneSubscriber_oneConfirmation_andOneUnsubscribeEndsEverything(int n) throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        String email = TestStack.address("race");
        String control = TestStack.address("control");

        for (APIGatewayV2HTTPResponse r : atOnce(n, api, i -> subscription(email))) {
            assertEquals(202, r.getStatusCode(), r.getBody());
        }
        List<LocalSes.Sent> confirmations = LocalSes.sentTo(email);
        assertEquals(1, confirmations.size(), n + " requests at once: one confirmation email, not " + confirmations.size());

        // Every link the address received is followed, as a person with several emails would.
        for (LocalSes.Sent sent : confirmations) {
            Matcher m = TestStack.CONFIRM.matcher(sent.text());
            assertTrue(m.find(), sent.text());
            api.handleRequest(request("GET", "/subscriptions/confirm?token=" + m.group(1), null, null), null);
        }
        List<Subscriber> subscribers = following(stack, email);
        assertEquals(1, subscribers.size(), "one subscriber for one address: " + subscribers);
        Subscriber s = subscribers.get(0);
        assertEquals(Subscriber.Status.CONFIRMED, s.status());
        assertEquals(s.id(), stack.subscribers.byEmail(email).orElseThrow().id(), "the address names its subscriber");

        // A control address, subscribed the ordinary way, shows that the dispatch below does send.
        assertEquals(202, api.handleRequest(subscription(control), null).getStatusCode());
        assertEquals(200, api.handleRequest(request("GET", "/subscriptions/confirm?token=" + TestStack.confirmToken(control),
                null, null), null).getStatusCode());

        // One-click unsubscribe through the manage token a reminder email would carry.
        String manage = stack.wiring().tokens().issueManageToken(s.id(), stack.clock.instant(), Duration.ofDays(180));
        assertEquals(200, api.handleRequest(request("POST", "/subscriptions/unsubscribe?token=" + manage,
                "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), null).getStatusCode());

        Instant due = stack.reminders.ofSubscriber(following(stack, control).get(0).id()).stream()
                .filter(r -> r.status() == Reminder.Status.PENDING).map(Reminder::dueAt).min(Comparator.naturalOrder())
                .orElseThrow();
        stack.clock.set(due.plusSeconds(60));
        int before = LocalSes.sentTo(email).size();
        stack.dispatcher().run("race-" + n, () -> true);
        assertFalse(LocalSes.sentTo(control).size() < 2, "the control address got its reminder");
        assertEquals(before, LocalSes.sentTo(email).size(), "nothing is sent to an address after it unsubscribed");
    }

    @org.junit.jupiter.api.Test
    void aSettingsChangeSavedFromAPageReadBeforeARotation_keepsTheRotatedFeedUrl() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        String email = TestStack.address("save-and-rotate");
        api.handleRequest(subscription(email), null);
        api.handleRequest(request("GET", "/subscriptions/confirm?token=" + TestStack.confirmToken(email), null, null), null);
        Subscriber read = stack.subscribers.byEmail(email).orElseThrow(); // the "save" request's read
        String manage = stack.wiring().tokens().issueManageToken(read.id(), stack.clock.instant(), Duration.ofDays(1));
        Matcher rotated = FEED.matcher(api.handleRequest(request("POST", "/subscriptions/manage?token=" + manage,
                "action=rotate", "application/x-www-form-urlencoded"), null).getBody());
        assertTrue(rotated.find());

        var service = stack.wiring().subscriptions();
        service.update(read, service.validate(List.of(T1, "2026-8-304af3-t2"), List.of(), "en", List.of()));
        assertEquals(200, feedStatus(stack, rotated.group(1)), "the rotated URL still answers after the save");
        Subscriber after = stack.subscribers.byId(read.id()).orElseThrow();
        assertEquals(List.of(T1, "2026-8-304af3-t2"), after.topicIds());
        assertEquals("en", after.language());
    }

    @ParameterizedTest(name = "{0} rotations at once")
    @ValueSource(ints = {2, 6, 16})
    void concurrentFeedRotations_leaveExactlyOneFeedUrlAlive_andNoneAnswers500(int n) throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        SubscriptionHandler api = stack.subscriptionApi();
        String email = TestStack.address("rotate");
        api.handleRequest(subscription(email), null);
        Matcher first = FEED.matcher(api.handleRequest(request("GET", "/subscriptions/confirm?token="
                + TestStack.confirmToken(email), null, null), null).getBody());
        assertTrue(first.find());
        Subscriber s = stack.subscribers.byEmail(email).orElseThrow();
        String manage = stack.wiring().tokens().issueManageToken(s.id(), stack.clock.instant(), Duration.ofDays(1));

        List<String> issued = new ArrayList<>();
        int conflicts = 0;
        for (APIGatewayV2HTTPResponse r : atOnce(n, api, i -> request("POST", "/subscriptions/manage?token=" + manage,
                "action=rotate", "application/x-www-form-urlencoded"))) {
            assertTrue(r.getStatusCode() == 200 || r.getStatusCode() == 409, r.getStatusCode() + ": " + r.getBody());
            Matcher m = FEED.matcher(r.getBody());
            if (r.getStatusCode() == 200) {
                assertTrue(m.find(), r.getBody());
                issued.add(m.group(1));
            } else {
                conflicts++;
                assertFalse(m.find(), "a rotation that lost shows no feed URL: " + r.getBody());
            }
        }
        assertFalse(issued.isEmpty(), "at least one of " + n + " rotations completes");
        assertEquals(n, issued.size() + conflicts);
        assertEquals(404, feedStatus(stack, first.group(1)), "the URL from before the rotations");
        long alive = issued.stream().filter(t -> feedStatus(stack, t) == 200).count();
        assertEquals(1, alive, "of " + issued.size() + " URLs shown, exactly one answers");
        for (String t : issued) {
            int status = feedStatus(stack, t);
            assertTrue(status == 200 || status == 404, "status " + status);
        }

        // A token the old race left behind (stored, naming the subscriber, but not the one its item names) finds nothing.
        String stray = cutoff.subscriber.Tokens.newToken();
        String hash = cutoff.subscriber.Tokens.hash(stray);
        stack.dynamo.putItem(b -> b.tableName(stack.table).item(Map.of("PK", AttributeValue.fromS("TOKEN#" + hash),
                "SK", AttributeValue.fromS("#TOKEN"), "tokenHash", AttributeValue.fromS(hash), "kind", AttributeValue.fromS("FEED"),
                "subscriberId", AttributeValue.fromS(s.id()), "issuedAt", AttributeValue.fromS(stack.clock.instant().toString()))));
        assertEquals(404, feedStatus(stack, stray), "a left-over feed token");

        // A later rotation ends that one too: again exactly one.
        Matcher later = FEED.matcher(api.handleRequest(request("POST", "/subscriptions/manage?token=" + manage,
                "action=rotate", "application/x-www-form-urlencoded"), null).getBody());
        assertTrue(later.find());
        assertEquals(200, feedStatus(stack, later.group(1)));
        for (String t : issued) {
            assertEquals(404, feedStatus(stack, t));
        }
    }
}
