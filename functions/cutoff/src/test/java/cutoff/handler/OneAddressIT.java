package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import cutoff.officeservice.Offices;
import cutoff.reminder.Reminder;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One address that came in several ways (its own subscription and two research offices' registrations), through the
 * handlers against DynamoDB Local and the SES stand-in: one reminder per deadline and lead, and one unsubscribe ends
 * them all; each office still sees only its own row.
 */
class OneAddressIT {
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/subscriptions/unsubscribe\\?token=([A-Za-z0-9_-]{43})");
    private final TestStack stack;
    private final OfficeHandler api;
    private final Offices.Created first;
    private final Offices.Created second;

    OneAddressIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new OfficeHandler(stack.wiring());
        first = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        second = stack.wiring().offices().create("某某大学物理学院", List.of("example.edu.cn"));
    }

    private void upload(Offices.Created o, String csv) throws Exception {
        APIGatewayV2HTTPResponse r = api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + o.office().id() + "/staff", o.apiKey(),
                "text/csv", csv), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
    }

    private Map<String, Object> dispatch() {
        return new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
    }

    private JsonNode listed(Offices.Created o) throws Exception {
        return OfficeApiIT.json(api.handleRequest(OfficeApiIT.request("GET", "/orgs/" + o.office().id() + "/staff", o.apiKey(), null, null),
                null)).get("staff");
    }

    private static List<LocalSes.Sent> reminders(String a) {
        // Not the welcomes, not the confirmation.
        return LocalSes.sentTo(a).stream().filter(m -> !m.subject().contains("registered you")
                && !TestStack.CONFIRM.matcher(m.text()).find()).toList();
    }

    @Test
    void anAddressOfItsOwnAndOfTwoOffices_getsOneReminderPerDeadlineAndLead_andOneUnsubscribeEndsThemAll() throws Exception {
        String a = TestStack.address("threeways");
        Subscriber own = TestStack.subscribed(stack.subscriptions(stack.ses), a, "zh", OfficeApiIT.T1);
        upload(first, OfficeApiIT.HEADER + a + ",王五,物理系," + OfficeApiIT.T1 + ",zh,\r\n");
        upload(second, OfficeApiIT.HEADER + a + ",王五,物理学院," + OfficeApiIT.T1 + ";" + OfficeApiIT.T2 + ",en,P7D\r\n");
        dispatch();
        List<String> ids = List.of(own.id(), stack.wiring().staffStore().staffRow(first.office().id(), a).orElseThrow().subscriberId(),
                stack.wiring().staffStore().staffRow(second.office().id(), a).orElseThrow().subscriberId());
        assertEquals(3, new TreeSet<>(ids).size(), "three subscribers: offices keep their data apart");

        // Every moment something is due, up to the third: a dispatch.
        TreeSet<Instant> due = new TreeSet<>();
        for (String id : ids) {
            stack.reminders.ofSubscriber(id).stream().filter(r -> r.status() == Reminder.Status.PENDING).forEach(r -> due.add(r.dueAt()));
        }
        List<Instant> moments = new ArrayList<>(due).subList(0, 3);
        for (Instant t : moments) {
            stack.clock.set(t);
            dispatch();
        }
        Map<String, List<Reminder.Status>> byDeadlineAndLead = new HashMap<>();
        TreeSet<String> messages = new TreeSet<>();
        for (String id : ids) {
            for (Reminder r : stack.reminders.ofSubscriber(id)) {
                if (!r.dueAt().isAfter(moments.get(2))) {
                    byDeadlineAndLead.computeIfAbsent(r.deadlineUid() + "#" + r.lead(), k -> new ArrayList<>()).add(r.status());
                }
            }
        }
        assertFalse(byDeadlineAndLead.isEmpty());
        byDeadlineAndLead.forEach((key, statuses) -> {
            assertEquals(1, statuses.stream().filter(s -> s == Reminder.Status.SENT).count(), key + ": " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == Reminder.Status.SENT || s == Reminder.Status.COVERED), key + ": " + statuses);
        });
        assertTrue(byDeadlineAndLead.values().stream().anyMatch(s -> s.size() > 1), "some reminder was due for several ways in");
        List<LocalSes.Sent> got = reminders(a);
        for (LocalSes.Sent m : got) {
            messages.add(m.messageId());
        }
        assertEquals(messages.size(), got.size());
        assertTrue(got.size() <= byDeadlineAndLead.size(), "at most one email per deadline and lead: " + got.size());
        assertTrue(got.get(got.size() - 1).text().contains("more than one way"), "the email says why it is one");

        // One click on the latest reminder: every way in ends, and both offices see the person opted out.
        Matcher unsubscribe = UNSUBSCRIBE.matcher(got.get(got.size() - 1).text());
        assertTrue(unsubscribe.find());
        assertEquals(200, stack.subscriptionApi().handleRequest(TestStack.fromNewSource(Routes.event("POST",
                "/subscriptions/unsubscribe?token=" + unsubscribe.group(1), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click")), null).getStatusCode());
        for (String id : ids) {
            assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byId(id).orElseThrow().status());
            assertTrue(stack.reminders.ofSubscriber(id).stream().noneMatch(r -> r.status() == Reminder.Status.PENDING));
        }
        assertEquals("opted_out", listed(first).get(0).get("status").asText());
        assertEquals("opted_out", listed(second).get(0).get("status").asText());
        assertEquals(1, listed(first).size(), "each office lists its own row only");
        int before = LocalSes.sentTo(a).size();
        stack.clock.set(due.last());
        dispatch();
        assertEquals(before, LocalSes.sentTo(a).size(), "nothing after unsubscribing");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} offices, {0} dispatcher runs at once")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4, 8})
    void anAddressRegisteredByNOffices_getsOneReminder_evenFromNRunsAtOnce(int n) throws Exception {
        String a = TestStack.address("offices" + n);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Offices.Created o = stack.wiring().offices().create("办公室" + i, List.of("example.edu.cn"));
            upload(o, OfficeApiIT.HEADER + a + ",,," + OfficeApiIT.T1 + ",zh,P7D\r\n");
            dispatch();
            ids.add(stack.wiring().staffStore().staffRow(o.office().id(), a).orElseThrow().subscriberId());
        }
        int welcomes = LocalSes.sentTo(a).size();
        Reminder first = stack.reminders.ofSubscriber(ids.get(0)).stream().filter(r -> r.status() == Reminder.Status.PENDING)
                .min(java.util.Comparator.comparing(Reminder::dueAt)).orElseThrow();
        stack.clock.set(first.dueAt());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return stack.dispatcher().run(java.util.UUID.randomUUID().toString(), () -> true);
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Reminder.Status> statuses = new ArrayList<>();
        for (String id : ids) {
            stack.reminders.ofSubscriber(id).stream().filter(r -> r.deadlineUid().equals(first.deadlineUid()) && r.lead().equals(first.lead()))
                    .forEach(r -> statuses.add(r.status()));
        }
        assertEquals(n, statuses.size(), statuses.toString());
        assertEquals(1, statuses.stream().filter(st -> st == Reminder.Status.SENT).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(st -> st == Reminder.Status.COVERED).count(), statuses.toString());
        assertEquals(welcomes + 1, LocalSes.sentTo(a).size(), "one reminder email");
    }
}
