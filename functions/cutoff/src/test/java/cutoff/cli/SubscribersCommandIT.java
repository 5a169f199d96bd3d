package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.handler.Routes;
import cutoff.handler.SubscriptionHandler;
import cutoff.subscription.SubscriberCheck;
import cutoff.reminder.Reminder;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalDynamo;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./cutoff subscribers check [--fix]} against DynamoDB Local, on subscribers stored for one address as the
 * race before the address's own item was the arbiter left them (written here item by item, since the service no
 * longer can): found without printing the address, merged into one, and one unsubscribe then ends everything.
 */
class SubscribersCommandIT {
    private static final String T1 = "2026-8-304af3-t1";
    private static final String T2 = "2026-8-304af3-t2";
    private TestStack stack;
    private SubscriptionHandler api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = stack.subscriptionApi();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", stack.table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"));
        return Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void put(Map<String, AttributeValue> item) {
        stack.dynamo.putItem(b -> b.tableName(stack.table).item(item));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return new HashMap<>(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)));
    }

    /** Subscribes and confirms through the API: the subscriber the address's item names. */
    private Subscriber confirmed(String email) {
        api.handleRequest(TestStack.fromNewSource(Routes.event("POST", "/subscriptions", Map.of("content-type", "application/json"),
                "{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}")), null);
        api.handleRequest(TestStack.fromNewSource(Routes.event("GET", "/subscriptions/confirm?token=" + TestStack.confirmToken(email),
                Map.of(), null)), null);
        return stack.subscribers.byEmail(email).orElseThrow();
    }

    /** A second subscriber for the same address, confirmed later, as the race stored it: its item, memberships, reminders. */
    private Subscriber duplicate(Subscriber of, String id, Subscriber.Status status, String... topics) {
        stack.advance(Duration.ofMinutes(1));
        Subscriber d = new Subscriber(id, of.email(), of.language(), List.of(topics), of.leadTimes(), status, of.createdAt(),
                stack.clock.instant(), of.confirmationSentAt(), null);
        put(SubscriberStore.item(d));
        if (status == Subscriber.Status.CONFIRMED) {
            for (String t : topics) {
                Map<String, AttributeValue> m = key("TOPIC#" + t, "SUB#" + id);
                m.put("subscriberId", AttributeValue.fromS(id));
                put(m);
            }
            stack.planner.planSubscriber(d);
        }
        return d;
    }

    private List<Reminder> pending(String subscriberId) {
        return stack.reminders.ofSubscriber(subscriberId).stream().filter(r -> r.status() == Reminder.Status.PENDING).toList();
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoConfirmedSubscribersOfOneAddress_areFoundWithoutTheAddress_mergedIntoTheFirst_andOneUnsubscribeEndsAll()
            throws Exception {
        String email = TestStack.address("twice");
        Subscriber first = confirmed(email);
        Subscriber second = duplicate(first, "dup-second-000000000001", Subscriber.Status.CONFIRMED, T1, T2);
        // The same address registered by an office is its own subscriber: not a duplicate.
        Subscriber staff = duplicate(first, "dup-staff-0000000000001", Subscriber.Status.CONFIRMED, T1);
        Map<String, AttributeValue> office = key("SUB#" + staff.id(), "#ORG");
        office.put("orgId", AttributeValue.fromS("org_00000000000000000001"));
        put(office);
        String secondsLink = stack.wiring().tokens().issueManageToken(second.id(), stack.clock.instant(), Duration.ofDays(180));
        assertFalse(pending(second.id()).isEmpty());

        assertEquals(1, run("subscribers", "check"), err.toString(StandardCharsets.UTF_8));
        String hash = cutoff.util.Sha256.hex(email).substring(0, 16);
        assertTrue(printed().contains("EMAIL#" + hash + ": 2 subscribers (" + first.id() + " CONFIRMED, " + second.id()
                + " CONFIRMED); would: merged into the one confirmed first, kept " + first.id()), printed());
        assertTrue(printed().contains("1 has more than one; run again with --fix"), printed());
        assertFalse(printed().contains(email) || printed().contains(email.substring(0, email.indexOf('@'))), "no address printed");
        assertEquals(Subscriber.Status.CONFIRMED, stack.subscribers.byId(second.id()).orElseThrow().status(), "a check changes nothing");

        SubscriberCheck.Report fixed = stack.wiring().subscriberCheck().run(true);
        assertEquals(1, fixed.duplicates().size());
        assertEquals(1, fixed.duplicates().get(0).moved(), "the second's manage link moved");
        Subscriber kept = stack.subscribers.byEmail(email).orElseThrow();
        assertEquals(first.id(), kept.id());
        assertEquals(List.of(T1, T2), kept.topicIds(), "the kept one gains the other's topics");
        assertEquals(List.of(first.id()), stack.subscribers.subscriberIdsOf(T2).stream().filter(id -> !id.equals(staff.id())).toList());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byId(second.id()).orElseThrow().status());
        assertEquals(List.of(), pending(second.id()));
        assertFalse(pending(first.id()).stream().noneMatch(r -> r.topicId().equals(T2)), "T2's reminders planned for the kept one");
        assertEquals(0, run("subscribers", "check"));
        assertTrue(printed().contains("0 have more than one"), printed());

        // The one-click link in the merged-away subscriber's emails ends the kept one: nothing more is sent.
        assertEquals(200, api.handleRequest(TestStack.fromNewSource(Routes.event("POST", "/subscriptions/unsubscribe?token="
                + secondsLink, Map.of("content-type", "application/x-www-form-urlencoded"), "List-Unsubscribe=One-Click")), null)
                .getStatusCode());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byId(first.id()).orElseThrow().status());
        Instant due = pending(staff.id()).stream().map(Reminder::dueAt).min(Comparator.naturalOrder()).orElseThrow();
        stack.clock.set(due.plusSeconds(60));
        int before = LocalSes.sentTo(email).size();
        stack.dispatcher().run("after-merge", () -> true);
        assertEquals(before + 1, LocalSes.sentTo(email).size(), "only the office's registration still sends: one email");
    }

    @Test
    void aConfirmedSubscriberBesideOneThatLeft_isEnded_asThePersonAsked() throws Exception {
        String email = TestStack.address("left");
        Subscriber first = confirmed(email);
        Subscriber second = duplicate(first, "dup-left-00000000000001", Subscriber.Status.CONFIRMED, T1);
        // Left as a leave did before an unsubscribe ended every way in of its address (SubscriptionService.unsubscribe now
        // ends the one the address item names too): only this subscriber.
        stack.subscribers.leave(second, Subscriber.Status.UNSUBSCRIBED);
        stack.planner.cancelAll(second.id(), "unsubscribed");
        assertFalse(pending(first.id()).isEmpty(), "the race left the other one sending");

        assertEquals(0, run("subscribers", "check", "--fix"), err.toString(StandardCharsets.UTF_8));
        assertTrue(printed().contains("unsubscribed through one of its emails: every one ends, ended " + first.id()), printed());
        assertTrue(printed().contains("1 has more than one; merged"), printed());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byId(first.id()).orElseThrow().status());
        assertEquals(List.of(), pending(first.id()));
        assertEquals(0, run("subscribers", "check"));
    }

    @Test
    void badUsage_exits2() {
        assertEquals(2, run("subscribers"));
        assertEquals(2, run("subscribers", "merge"));
        assertEquals(2, run("subscribers", "check", "--dry-run"));
        assertEquals(2, run("reminders", "redrive", "--since", "2026-05-01", "--fix"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--fix is an option of subscribers check only"));
    }
}
