package cutoff.dispatch;

import cutoff.reminder.Reminder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.handler.DispatchHandler;
import cutoff.subscription.SubscriptionService;
import cutoff.cli.Main;
import cutoff.mail.MailSender;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalDynamo;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures someone has to see: the SES account refusing to send (a stop, not FAILED), the re-drive of
 * FAILED and stuck reminders, and the send rate read at every run. SES's account errors are stubbed at
 * the {@link MailSender} seam (the stand-in cannot pause an account); everything else is DynamoDB Local
 * and the SES stand-in.
 */
class FailuresIT {
    private static final String T1 = "2026-8-304af3-t1";
    private TestStack stack;
    private SubscriptionService service;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        service = stack.subscriptions(stack.ses);
    }

    private Subscriber subscribed(String email) throws Exception {
        return TestStack.subscribed(service, email, "zh", T1);
    }

    private long pending(Subscriber s) {
        return stack.reminders.ofSubscriber(s.id()).stream().filter(r -> r.status() == Reminder.Status.PENDING).count();
    }

    private List<LocalSes.Sent> reminders(String email) {
        return LocalSes.sentTo(email).stream().filter(m -> !m.subject().contains("Confirm")).toList();
    }

    @Test
    void anAccountThatCannotSend_stopsTheRun_leavesEverythingPending_andTheNextRunSends() throws Exception {
        String a = TestStack.address("paused-a");
        String b = TestStack.address("paused-b");
        Subscriber sa = subscribed(a);
        Subscriber sb = subscribed(b);
        long before = pending(sa) + pending(sb);
        stack.clock.set(RemindersIT.SEVEN_DAYS_BEFORE.plusSeconds(30));
        AtomicInteger attempts = new AtomicInteger();
        MailSender paused = email -> {
            attempts.incrementAndGet();
            throw new MailSender.AccountStoppedException("SendingPausedException", "SES sends nothing for this account", null);
        };
        Dispatcher.Report stopped = stack.dispatcher(paused, 1000).run("paused", () -> true);
        assertEquals("SendingPausedException", stopped.accountStopped());
        assertEquals(0, stopped.failed(), "nothing is FAILED for an account error");
        // The two recipients may be in flight at once; no further send starts after the account error.
        assertTrue(attempts.get() >= 1 && attempts.get() <= 2, "attempts: " + attempts.get());
        assertEquals(2, stopped.leftForLater());
        assertEquals(before, pending(sa) + pending(sb), "every reminder is pending again");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new DispatchHandler(stack.dispatcher(paused, 1000)).handleRequest(Map.of(), null));
        assertTrue(error.getMessage().contains("SendingPausedException"), "an invocation error the alarm sees: " + error.getMessage());

        Dispatcher.Report resumed = stack.dispatcher().run("resumed", () -> true);
        assertNull(resumed.accountStopped());
        assertEquals(2, resumed.emails());
        assertEquals(1, reminders(a).size());
        assertEquals(1, reminders(b).size());
    }

    @Test
    void failedReminders_areRedriven_andSentByTheNextRun_butNotAfterTheirDeadline() throws Exception {
        String email = TestStack.address("redrive");
        Subscriber s = subscribed(email);
        stack.clock.set(RemindersIT.SEVEN_DAYS_BEFORE.plusSeconds(30));
        MailSender rejects = mail -> {
            throw new MailSender.RejectedException("SES MessageRejected: Illegal header", null);
        };
        assertEquals(1, stack.dispatcher(rejects, 1000).run("rejecting", () -> true).failed());
        assertEquals(0, stack.dispatcher().run("again", () -> true).emails(), "FAILED is not retried by itself");

        Redrive redrive = stack.wiring().redrive();
        Redrive.Result dry = redrive.run(RemindersIT.SEVEN_DAYS_BEFORE.minusSeconds(86_400), true);
        assertEquals(1, dry.failed());
        assertEquals(1, dry.redriven());
        assertEquals(0, stack.dispatcher().run("after-dry-run", () -> true).emails(), "a dry run changes nothing");

        Redrive.Result done = redrive.run(RemindersIT.SEVEN_DAYS_BEFORE, false);
        assertEquals(1, done.redriven(), done.summary(false));
        assertEquals(1, stack.dispatcher().run("redriven", () -> true).emails());
        assertEquals(1, reminders(email).size());
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().noneMatch(r -> r.status() == Reminder.Status.FAILED));
        assertEquals(0, redrive.run(RemindersIT.SEVEN_DAYS_BEFORE, false).failed(), "sent: off the failed index");
    }

    @Test
    void aFailedReminderWhoseDeadlinePassed_isLeftAlone() throws Exception {
        subscribed(TestStack.address("too-late"));
        stack.clock.set(RemindersIT.SEVEN_DAYS_BEFORE.plusSeconds(30));
        MailSender rejects = mail -> {
            throw new MailSender.RejectedException("SES MessageRejected: Illegal header", null);
        };
        stack.dispatcher(rejects, 1000).run("rejecting", () -> true);
        stack.clock.set(RemindersIT.CUTOFF.plusSeconds(60));
        Redrive.Result r = stack.wiring().redrive().run(RemindersIT.SEVEN_DAYS_BEFORE, false);
        assertEquals(1, r.pastDeadline());
        assertEquals(0, r.redriven());
    }

    @Test
    void theCommandLine_redrivesAStuckReminder() throws Exception {
        String email = TestStack.address("stuck");
        subscribed(email);
        stack.clock.set(RemindersIT.SEVEN_DAYS_BEFORE.plusSeconds(30));
        MailSender dies = mail -> {
            throw new IllegalStateException("killed after claiming");
        };
        assertThrows(IllegalStateException.class, () -> stack.dispatcher(dies, 1000).run("dies", () -> true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The CLI runs on the system clock, long after this test's 2026-05-27: the lease has run out there,
        // and the deadline has passed, so the command finds the stuck reminder and leaves it alone.
        int exit = Main.run(new String[] {"reminders", "redrive", "--since", "2026-05-27", "--dry-run", "--table", stack.table,
                "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String said = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, said);
        assertTrue(said.startsWith("0 failed and 1 stuck reminders found"), said);

        stack.advance(Dispatcher.Settings.DEFAULT.lease().plusMinutes(1));
        Redrive.Result r = stack.wiring().redrive().run(RemindersIT.SEVEN_DAYS_BEFORE, false);
        assertEquals(1, r.stuck());
        assertEquals(1, r.redriven());
        assertEquals(1, stack.dispatcher().run("after", () -> true).emails());
        assertEquals(1, reminders(email).size());
    }

    @Test
    void theSendRate_isAskedForAtEveryRun_notFrozenAtStartUp() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Dispatcher dispatcher = stack.wiring().dispatcher(() -> {
            asked.incrementAndGet();
            return 14.0;
        });
        assertEquals(0, asked.get(), "building the dispatcher (a SnapStart snapshot) asks nothing");
        dispatcher.run("one", () -> true);
        dispatcher.run("two", () -> true);
        assertEquals(2, asked.get());
    }

    @Test
    void theStatusRoute_saysWhetherTheDispatcherRanRecently() throws Exception {
        cutoff.handler.FeedHandler handler = stack.feeds();
        var never = handler.handleRequest(Project.event("status.json"), null);
        assertEquals(503, never.getStatusCode(), never.getBody());
        assertTrue(never.getBody().contains("\"late\":true"), never.getBody());
        stack.dispatcher().run("status", () -> true);
        var fresh = handler.handleRequest(Project.event("status.json"), null);
        assertEquals(200, fresh.getStatusCode(), fresh.getBody());
        assertTrue(fresh.getBody().contains("\"lastRunAt\":\"" + stack.clock.instant()), fresh.getBody());
        stack.advance(cutoff.dispatch.Status.DISPATCHER_LATE.plusMinutes(1));
        assertEquals(503, handler.handleRequest(Project.event("status.json"), null).getStatusCode(),
                "three missed runs: late");
        assertEquals(405, handler.handleRequest(cutoff.handler.Routes.event("POST", "/status", Map.of(), "x"), null).getStatusCode());
    }

    @Test
    void aRun_reportsItsFiguresAndLateness_toMetrics_andConfirmationsAreCounted() throws Exception {
        List<cutoff.metrics.Metrics.DispatchRun> runs = new java.util.ArrayList<>();
        AtomicInteger confirmations = new AtomicInteger();
        cutoff.metrics.Metrics recorder = new cutoff.metrics.Metrics() {
            @Override
            public void dispatchRun(DispatchRun run) {
                runs.add(run);
            }

            @Override
            public void confirmationSent() {
                confirmations.incrementAndGet();
            }
        };
        var wiring = stack.wiring(stack.ses).withMetrics(recorder);
        wiring.subscriptions().subscribe(new SubscriptionService.Request(TestStack.address("counted"), List.of(T1), List.of(), "zh",
                List.of()), TestStack.BASE_URL);
        assertEquals(1, confirmations.get());
        subscribed(TestStack.address("m1"));
        subscribed(TestStack.address("m2"));
        stack.clock.set(RemindersIT.SEVEN_DAYS_BEFORE.plusSeconds(90));
        wiring.dispatcher(1000).run("measured", () -> true);
        cutoff.metrics.Metrics.DispatchRun run = runs.get(0);
        assertEquals(2, run.emails());
        assertEquals(2, run.remindersSent());
        assertEquals(0, run.backlog());
        assertEquals(2, run.lateness().size());
        run.lateness().forEach(l -> assertTrue(l.toSeconds() >= 90 && l.toSeconds() < 100, "found 90 s after due: " + l));
    }

    @Test
    void redrive_refusesAFutureSince() {
        assertThrows(IllegalArgumentException.class, () -> stack.wiring().redrive().run(Instant.parse("2026-05-11T00:00:00Z"), true));
    }
}
