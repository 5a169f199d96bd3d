package cutoff.dispatch;

import cutoff.reminder.Reminder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DeadlineKind;
import cutoff.mail.MailSender;
import cutoff.notice.Window;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst (an office's 09:00): many recipients due at once, sent concurrently. Against DynamoDB Local and
 * the SES stand-in; only what the stand-in cannot do (throttle, be slow, stop the account, die mid-send)
 * is put at the {@link MailSender} seam, in front of the stand-in. No assertion here is about time: the
 * rates reached are measured by {@code infra/bench/bench.sh dispatch}.
 */
class BurstIT {
    private static final Instant DUE = RemindersIT.SEVEN_DAYS_BEFORE;
    private TestStack stack;

    @BeforeEach
    void stack() {
        stack = new TestStack(DUE.plusSeconds(30));
    }

    /** A confirmed subscriber with one reminder due at {@link #DUE}; its address. */
    private record Recipient(String id, String email) {
    }

    /** {@code n} recipients written straight to the table, as many as an office's upload would plan. */
    private List<Recipient> recipients(int n) {
        List<Recipient> result = new ArrayList<>();
        Instant joined = DUE.minus(Duration.ofDays(10));
        Instant deadline = DUE.plus(Duration.ofDays(7));
        for (int i = 0; i < n; i++) {
            Recipient r = new Recipient(UUID.randomUUID().toString(), TestStack.address("burst" + i));
            String table = stack.table;
            stack.dynamo.putItem(b -> b.tableName(table).item(SubscriberStore.item(new Subscriber(r.id(), r.email(), "zh",
                    List.of("2026-8-304af3-t1"), LeadTime.DEFAULTS, Subscriber.Status.CONFIRMED, joined, joined, joined, null))));
            stack.dynamo.putItem(b -> b.tableName(table).item(ReminderStore.item(new Reminder(r.id(), "2026-8-304af3-t1-closes@cutoff",
                    "P7D", Reminder.Kind.REMINDER, DUE, Reminder.Status.PENDING, "2026-8-304af3", "2026-8-304af3-t1",
                    DeadlineKind.CLOSES, deadline, LocalDate.ofInstant(deadline, Window.BEIJING), Window.BEIJING,
                    "申报截止 Cutoff · 专题一 国际联合研究重点项目", null, null, null))));
            result.add(r);
        }
        return result;
    }

    /** How many emails the stand-in holds for each recipient. */
    private static Map<Recipient, Integer> emails(List<Recipient> recipients) {
        List<LocalSes.Sent> all = LocalSes.sent();
        Map<Recipient, Integer> count = new HashMap<>();
        for (Recipient r : recipients) {
            count.put(r, (int) all.stream().filter(s -> s.to().contains(r.email())).count());
        }
        return count;
    }

    private Reminder.Status status(Recipient r) {
        List<Reminder> of = stack.reminders.ofSubscriber(r.id());
        assertEquals(1, of.size());
        return of.get(0).status();
    }

    /** How many recipients got 0, 1, 2… emails. */
    private static Map<Integer, Integer> histogram(Map<Recipient, Integer> emails) {
        Map<Integer, Integer> h = new HashMap<>();
        emails.values().forEach(n -> h.merge(n, 1, Integer::sum));
        return h;
    }

    private static Dispatcher.Settings concurrency(int most, Duration firstLatency) {
        return Dispatcher.Settings.DEFAULT.withConcurrency(most, firstLatency);
    }

    @Test
    void nRecipients_eachGetExactlyOneEmail_withSeveralSendsInFlightAtOnce() throws Exception {
        List<Recipient> rs = recipients(40);
        // The first four sends wait for each other: they only get through if four are in flight at once.
        CountDownLatch four = new CountDownLatch(4);
        AtomicInteger inSes = new AtomicInteger();
        AtomicInteger mostInSes = new AtomicInteger();
        MailSender concurrent = email -> {
            mostInSes.accumulateAndGet(inSes.incrementAndGet(), Math::max);
            try {
                four.countDown();
                four.await(10, TimeUnit.SECONDS);
                return stack.ses.send(email);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inSes.decrementAndGet();
            }
        };
        Dispatcher.Report report = stack.dispatcher(concurrent, 1000, concurrency(8, Duration.ofMillis(100))).run("burst", () -> true);
        assertEquals(40, report.emails(), report.toString());
        assertEquals(40, report.remindersSent());
        assertEquals(0, report.leftForLater());
        assertTrue(mostInSes.get() >= 4, "sends in flight at once: " + mostInSes.get());
        assertTrue(report.mostInFlight() <= 8, "never more than the configured concurrency: " + report);
        assertEquals(Map.of(1, 40), histogram(emails(rs)), "one email each");
        rs.forEach(r -> assertEquals(Reminder.Status.SENT, status(r)));
        assertEquals(0, stack.dispatcher().run("again", () -> true).emails(), "nothing is due twice");
    }

    @Test
    void aSlowSender_isMetWithMoreInFlight_asRateTimesLatencyNeeds() throws Exception {
        List<Recipient> rs = recipients(60);
        // The first six sends take at least 50 ms (a sleep never ends early), so the latency measured is at
        // least that. Starting from a 1 ms estimate (2 in flight), the dispatcher must then let
        // 200/s × 0.05 s = 10 be in flight at once to keep the pacer's slots filled (Little's law). The next
        // ten wait for each other, with a bound: they only get through together if ten are in flight.
        int slow = 6;
        CountDownLatch ten = new CountDownLatch(10);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean waitedInVain = new AtomicBoolean();
        MailSender slowThenTogether = email -> {
            int n = calls.incrementAndGet();
            try {
                if (n <= slow) {
                    Thread.sleep(50);
                } else if (n <= slow + 10 && !waitedInVain.get()) {
                    ten.countDown();
                    if (!ten.await(20, TimeUnit.SECONDS)) {
                        waitedInVain.set(true);
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return stack.ses.send(email);
        };
        Dispatcher.Report report = stack.dispatcher(slowThenTogether, 200, concurrency(64, Duration.ofMillis(1)))
                .run("slow", () -> true);
        assertEquals(60, report.emails(), report.toString());
        assertFalse(waitedInVain.get(), "ten sends were never in flight at once: " + report);
        assertTrue(report.mostInFlight() >= 10, "in flight: " + report.mostInFlight());
        assertEquals(Map.of(1, 60), histogram(emails(rs)));
    }

    @Test
    void throttling_isRetried_noneLost_noneDoubled() throws Exception {
        List<Recipient> rs = recipients(30);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        MailSender throttlesEveryThird = email -> {
            if (calls.incrementAndGet() % 3 == 0) {
                throttled.incrementAndGet();
                throw new MailSender.ThrottledException("Throttling", "Maximum sending rate exceeded.", null);
            }
            return stack.ses.send(email);
        };
        Dispatcher.Report report = stack.dispatcher(throttlesEveryThird, 1000, concurrency(8, Duration.ofMillis(100)))
                .run("throttled", () -> true);
        assertEquals(30, report.emails(), report.toString());
        assertEquals(throttled.get(), report.throttles());
        assertTrue(report.throttles() >= 10, report.toString());
        assertEquals(Map.of(1, 30), histogram(emails(rs)), "every one once, none twice");
    }

    @Test
    void anAccountStopWithSendsInFlight_finishesThose_releasesTheRest_andNothingIsBothSentAndReleased() throws Exception {
        List<Recipient> rs = recipients(20);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        MailSender pausesAtTheFourth = email -> {
            int n = calls.incrementAndGet();
            if (n == 4) {
                stopped.countDown();
                throw new MailSender.AccountStoppedException("SendingPausedException", "sending paused", null);
            }
            if (n < 4) {
                // In flight when the account stops: SES answers after the stop.
                try {
                    stopped.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            String id = stack.ses.send(email);
            accepted.incrementAndGet();
            return id;
        };
        Dispatcher.Report report = stack.dispatcher(pausesAtTheFourth, 1000, concurrency(8, Duration.ofMillis(100)))
                .run("paused", () -> true);
        assertEquals("SendingPausedException", report.accountStopped());
        assertEquals(0, report.failed());
        assertTrue(accepted.get() >= 3, "the three in flight were finished: " + accepted.get());
        assertEquals(accepted.get(), report.emails(), report.toString());
        assertEquals(20 - accepted.get(), report.leftForLater());
        Map<Recipient, Integer> emails = emails(rs);
        for (Recipient r : rs) {
            Reminder.Status s = status(r);
            if (emails.get(r) == 1) {
                assertEquals(Reminder.Status.SENT, s, "accepted by SES, so SENT");
            } else {
                assertEquals(0, emails.get(r));
                assertEquals(Reminder.Status.PENDING, s, "never accepted, so PENDING (released or never claimed)");
            }
        }

        Dispatcher.Report resumed = stack.dispatcher().run("resumed", () -> true);
        assertNull(resumed.accountStopped());
        assertEquals(20 - accepted.get(), resumed.emails());
        assertEquals(Map.of(1, 20), histogram(emails(rs)));
    }

    @Test
    void aSendThatDiesAfterSesTookIt_leavesOnlyThatOneForTheLease_andNothingElseSentTwice() throws Exception {
        List<Recipient> rs = recipients(20);
        MailSender diesAtTheFifth = stack.diesAfterSesTook(5);
        assertThrows(IllegalStateException.class,
                () -> stack.dispatcher(diesAtTheFifth, 1000, concurrency(8, Duration.ofMillis(100))).run("dies", () -> true));
        Map<Recipient, Integer> afterCrash = emails(rs);
        int sending = 0;
        for (Recipient r : rs) {
            Reminder.Status s = status(r);
            if (s == Reminder.Status.SENT) {
                assertEquals(1, afterCrash.get(r), "SENT only what SES took");
            } else if (s == Reminder.Status.SENDING) {
                assertEquals(1, afterCrash.get(r), "the one that died after SES took it");
                sending++;
            } else {
                assertEquals(Reminder.Status.PENDING, s);
                assertEquals(0, afterCrash.get(r));
            }
        }
        assertEquals(1, sending, "only the send that died is left to its lease");

        stack.dispatcher().run("next", () -> true);
        stack.advance(Dispatcher.Settings.DEFAULT.lease().plusMinutes(1));
        stack.dispatcher().run("after-lease", () -> true);
        assertEquals(Map.of(1, 19, 2, 1), histogram(emails(rs)), "everyone got it; only the one that died got it twice");
    }

    @Test
    void anInterruptedRun_recordsWhatSesTook_releasesTheRest_andTheNextRunSendsThemOnce() throws Exception {
        List<Recipient> rs = recipients(20);
        AtomicReference<Thread> runThread = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        MailSender interruptsAtTheFifth = email -> {
            if (calls.incrementAndGet() == 5) {
                runThread.get().interrupt();
            }
            return stack.ses.send(email);
        };
        Dispatcher dispatcher = stack.dispatcher(interruptsAtTheFifth, 1000, concurrency(8, Duration.ofMillis(100)));
        runThread.set(Thread.currentThread());
        try {
            assertThrows(InterruptedException.class, () -> dispatcher.run("interrupted", () -> true));
        } finally {
            Thread.interrupted();
        }
        Map<Recipient, Integer> afterInterrupt = emails(rs);
        int sent = 0;
        for (Recipient r : rs) {
            Reminder.Status s = status(r);
            assertTrue(s == Reminder.Status.SENT || s == Reminder.Status.PENDING, "nothing left SENDING: " + s);
            assertEquals(s == Reminder.Status.SENT ? 1 : 0, afterInterrupt.get(r));
            sent += s == Reminder.Status.SENT ? 1 : 0;
        }
        assertTrue(sent >= 5 && sent < 20, "sent before the run stopped: " + sent);
        assertEquals(20 - sent, stack.dispatcher().run("next", () -> true).emails(), "the rest at once, no lease to wait for");
        assertEquals(Map.of(1, 20), histogram(emails(rs)));
    }

    @Test
    void outOfTimeMidRun_theUnsentArePendingForTheNextRun() throws Exception {
        List<Recipient> rs = recipients(20);
        AtomicInteger calls = new AtomicInteger();
        MailSender counting = email -> {
            calls.incrementAndGet();
            return stack.ses.send(email);
        };
        Dispatcher.Report report = stack.dispatcher(counting, 1000, concurrency(8, Duration.ofMillis(100)))
                .run("short", () -> calls.get() < 6);
        assertTrue(report.emails() >= 6 && report.emails() < 20, report.toString());
        assertEquals(20 - report.emails(), report.leftForLater());
        for (Recipient r : rs) {
            Reminder.Status s = status(r);
            assertTrue(s == Reminder.Status.SENT || s == Reminder.Status.PENDING, "nothing left SENDING: " + s);
        }
        assertEquals(20 - report.emails(), stack.dispatcher().run("next", () -> true).emails());
        assertEquals(Map.of(1, 20), histogram(emails(rs)));
    }
}
