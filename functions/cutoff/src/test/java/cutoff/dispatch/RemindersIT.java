package cutoff.dispatch;

import cutoff.reminder.Reminder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import cutoff.handler.SesNotificationHandler;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.subscriber.Subscriber;
import cutoff.subscription.SubscriptionService;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end: subscribe and confirm, move the clock, run the dispatcher, read the emails back
 * from the SES stand-in. 沪科指南〔2026〕8号 closes every topic at 2026-06-03 16:30 Beijing time (08:30Z).
 */
class RemindersIT {
    static final Instant CUTOFF = Instant.parse("2026-06-03T08:30:00Z");
    static final Instant SEVEN_DAYS_BEFORE = Instant.parse("2026-05-27T08:30:00Z");
    private TestStack stack;
    private SubscriptionService service;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        service = stack.subscriptions(stack.ses);
    }

    /** Subscribes and confirms through the service, as a person following the email would. */
    Subscriber subscribed(String email, String language, String... topics) throws Exception {
        return TestStack.subscribed(service, email, language, topics);
    }

    /** Reminder and change emails to an address (the confirmation left out). */
    static List<LocalSes.Sent> reminders(String email) {
        return LocalSes.sentTo(email).stream().filter(s -> !s.subject().contains("Confirm")).toList();
    }

    Dispatcher.Report dispatch() throws InterruptedException {
        return stack.dispatcher().run("run-" + System.nanoTime(), () -> true);
    }

    @Test
    void sevenDaysBefore_oneEmailInTheSubscribersLanguage_withTheCutoffInBeijingTime_andOneClickUnsubscribe() throws Exception {
        String zh = TestStack.address("zhang");
        String en = TestStack.address("smith");
        subscribed(zh, "zh", "2026-8-304af3-t1");
        subscribed(en, "en", "2026-8-304af3-t3");
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        Dispatcher.Report report = dispatch();
        assertTrue(report.emails() >= 2, report.toString());

        List<LocalSes.Sent> toZh = reminders(zh);
        assertEquals(1, toZh.size());
        LocalSes.Sent mail = toZh.get(0);
        assertEquals("【申报截止提醒】申报截止 Cutoff · 专题一 国际联合研究重点项目 — 2026-06-03 16:30 Beijing time (UTC+08:00)",
                mail.subject());
        assertTrue(mail.text().contains("请为单位审核和提交预留时间"), mail.text());
        assertTrue(mail.text().contains("剩余7天 7 days left · 提前7天"), mail.text());
        assertTrue(mail.html().contains(TestStack.BASE_URL + "/feeds/topics/2026-8-304af3-t1.ics"), mail.html());
        String unsubscribe = mail.header("List-Unsubscribe");
        assertTrue(unsubscribe.matches("<" + Pattern.quote(TestStack.BASE_URL) + "/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]{43}>"),
                unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", mail.header("List-Unsubscribe-Post"));

        LocalSes.Sent english = reminders(en).get(0);
        assertEquals("Cutoff · 专题三 外资研发机构协同创新 — 2026-06-03 16:30 Beijing time (UTC+08:00)",
                english.subject().replace("申报截止 ", ""));
        assertFalse(english.text().contains("剩余"), english.text());
        assertTrue(english.text().contains("Leave time for your institution's review"), english.text());

        assertEquals(0, dispatch().emails(), "nothing is due twice");
        assertEquals(1, reminders(zh).size());
    }

    @Test
    void everythingDueForOneRecipient_comesInOneEmail() throws Exception {
        String email = TestStack.address("busy");
        subscribed(email, "zh", "2026-8-304af3-t1", "2026-8-304af3-t2", "2026-8-304af3-t3");
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(10));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size());
        assertEquals("【申报截止提醒】3项截止 Deadlines coming up", mail.get(0).subject());
        for (String topic : List.of("专题一 国际联合研究重点项目", "专题二 政府（机构）间合作项目", "专题三 外资研发机构协同创新")) {
            assertTrue(mail.get(0).text().contains(topic), topic);
        }
    }

    @Test
    void theSameScheduleTwiceAtOnce_sendsOneEmailPerRecipient() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            addresses.add(TestStack.address("twin" + i));
            subscribed(addresses.get(i), i % 2 == 0 ? "zh" : "en", "2026-8-304af3-t2");
        }
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Dispatcher.Report>> runs = new ArrayList<>();
        for (String run : List.of("event-delivery-1", "event-delivery-2")) {
            runs.add(pool.submit(() -> stack.dispatcher().run(run, () -> true)));
        }
        int emails = 0;
        for (Future<Dispatcher.Report> r : runs) {
            emails += r.get().emails();
        }
        pool.shutdown();
        assertEquals(12, emails);
        for (String a : addresses) {
            assertEquals(1, reminders(a).size(), a);
        }
    }

    @Test
    void aDispatcherKilledMidBatch_leavesNobodyUnsent_andDuplicatesOnlyTheInFlightMessage() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            addresses.add(TestStack.address("crash" + i));
            subscribed(addresses.get(i), "zh", "2026-8-304af3-t1");
        }
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(5));
        AtomicInteger sends = new AtomicInteger();
        MailSender diesAfterThirdSend = email -> {
            String id = stack.ses.send(email);
            if (sends.incrementAndGet() == 3) {
                // SES took the message; the function dies before recording it.
                throw new IllegalStateException("killed");
            }
            return id;
        };
        assertThrows(IllegalStateException.class, () -> stack.dispatcher(diesAfterThirdSend, 1000).run("dies", () -> true));
        // Sends already in flight on other threads when the third died finish and are recorded; the rest
        // were never handed to SES and go at once.
        int acceptedByDeadRun = sends.get();
        assertTrue(acceptedByDeadRun >= 3, "sends: " + acceptedByDeadRun);
        Dispatcher.Report second = dispatch();
        assertEquals(6 - acceptedByDeadRun, second.emails(), "those not sent by the dead run go at once: " + second);
        stack.advance(Dispatcher.Settings.DEFAULT.lease().plusMinutes(1));
        Dispatcher.Report third = dispatch();
        assertEquals(1, third.emails(), "the in-flight one, once its lease ends: " + third);
        Map<Integer, Integer> histogram = new HashMap<>();
        for (String a : addresses) {
            histogram.merge(reminders(a).size(), 1, Integer::sum);
        }
        assertEquals(Map.of(1, 5, 2, 1), histogram, "everyone got it; exactly one got it twice");
        assertEquals(0, dispatch().emails());
    }

    @Test
    void afterAnOutage_dueRemindersGoWhileTheDeadlineIsAhead() throws Exception {
        String early = TestStack.address("outage");
        subscribed(early, "zh", "2026-8-304af3-t1");
        stack.clock.set(Instant.parse("2026-06-02T20:00:00Z"));
        Dispatcher.Report late = dispatch();
        List<LocalSes.Sent> mail = reminders(early);
        assertEquals(1, mail.size(), "P7D, P3D and P1D found together: one email");
        assertEquals(1, mail.get(0).text().split("申报截止 Cutoff · 专题一", -1).length - 1, "the deadline listed once");
        assertEquals(3, late.remindersSent());
    }

    @Test
    void remindersFoundAfterTheDeadline_areRecordedSkipped_notSent() throws Exception {
        String missed = TestStack.address("missed");
        Subscriber s = subscribed(missed, "zh", "2026-8-304af3-t2");
        stack.clock.set(CUTOFF.plusSeconds(60));
        Dispatcher.Report afterDeadline = dispatch();
        assertEquals(List.of(), reminders(missed));
        assertEquals(4, afterDeadline.skipped(), afterDeadline.toString());
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().allMatch(r -> r.status() == Reminder.Status.SKIPPED));
    }

    @Test
    void aDateOnlyForeignDeadline_isRemindedInTheAgencysZone_againstTheStartOfItsDay() throws Exception {
        stack.clock.set(Instant.parse("2024-09-01T00:00:00Z"));
        String email = TestStack.address("virtanen");
        subscribed(email, "en", "x-e9e38a483d-p1-t1");
        // Business Finland, 2024-09-30, no time: from 00:00 Helsinki (EEST, UTC+3) = 2024-09-29T21:00Z.
        stack.clock.set(Instant.parse("2024-09-22T21:00:10Z"));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size());
        String text = mail.get(0).text();
        assertTrue(text.contains("Foreign-side deadline (Business Finland)"), text);
        assertTrue(text.contains("2024-09-30 (Europe/Helsinki, no time of day stated)"), text);
        assertTrue(text.contains("In Beijing time: from 2024-09-30 05:00 Beijing time (UTC+08:00)"), text);
        assertTrue(text.contains("The foreign partner applies to its own agency"), text);
    }

    @Test
    void aMovedDeadline_sendsOneChangedEmail_andRePlansTheReminders() throws Exception {
        String email = TestStack.address("moved");
        Subscriber s = subscribed(email, "zh", "2026-8-304af3-t1");
        stack.clock.set(Instant.parse("2026-05-20T00:00:00Z"));
        Notice notice = Project.shippedNotice("2026-8-304af3");
        List<Topic> topics = new ArrayList<>(notice.topics());
        Topic t1 = topics.get(0);
        topics.set(0, t1.withWindow(new Window(t1.window().opens(), cutoff.notice.DateOrDateTime.of(OffsetDateTime.parse("2026-06-10T16:30:00+08:00")), Window.BEIJING)));
        stack.planner.afterIngest(stack.notices.ingest(notice.withTopics(topics)));

        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size());
        assertTrue(mail.get(0).subject().startsWith("【截止时间变更】"), mail.get(0).subject());
        String text = mail.get(0).text();
        assertTrue(text.contains("时间变更 Moved: 2026-06-03 16:30 Beijing time (UTC+08:00) -> 2026-06-10 16:30 Beijing time (UTC+08:00)"), text);

        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        dispatch();
        assertEquals(1, reminders(email).size(), "the old 7-day reminder was re-planned");
        stack.clock.set(Instant.parse("2026-06-03T08:30:30Z"));
        dispatch();
        assertEquals(2, reminders(email).size(), "7 days before the new cutoff");
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().anyMatch(r -> r.kind() == Reminder.Kind.CHANGE
                && r.status() == Reminder.Status.SENT));
    }

    @Test
    void aChangeAndAReminderDueTogether_comeInOneEmail() throws Exception {
        String email = TestStack.address("both");
        subscribed(email, "zh", "2026-8-304af3-t1", "2026-8-304af3-t2");
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        Notice notice = Project.shippedNotice("2026-8-304af3");
        List<Topic> topics = new ArrayList<>(notice.topics());
        Topic t1 = topics.get(0);
        topics.set(0, t1.withWindow(new Window(t1.window().opens(), cutoff.notice.DateOrDateTime.of(OffsetDateTime.parse("2026-06-12T16:30:00+08:00")), Window.BEIJING)));
        stack.planner.afterIngest(stack.notices.ingest(notice.withTopics(topics)));
        Dispatcher.Report report = dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size(), report.toString());
        assertEquals("【截止时间变更】1项截止时间变更，1项即将截止 Deadlines moved and coming up", mail.get(0).subject());
        String text = mail.get(0).text();
        assertTrue(text.contains("-> 2026-06-12 16:30 Beijing time"), text);
        assertTrue(text.contains("专题二 政府（机构）间合作项目\n  2026-06-03 16:30 Beijing time"), text);
    }

    @Test
    void aWithdrawnTopic_cancelsItsReminders_andSaysSoInOneEmail() throws Exception {
        String email = TestStack.address("withdrawn");
        Subscriber s = subscribed(email, "zh", "2026-8-304af3-t1");
        Notice notice = Project.shippedNotice("2026-8-304af3");
        stack.planner.afterIngest(stack.notices.ingest(notice.withTopics(notice.topics().subList(1, 3))));
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().filter(r -> r.kind() == Reminder.Kind.REMINDER)
                .allMatch(r -> r.status() == Reminder.Status.CANCELLED));
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size(), "the withdrawal, and no reminder");
        assertTrue(mail.get(0).subject().startsWith("【截止时间撤回】"), mail.get(0).subject());
        stack.clock.set(Instant.parse("2026-06-02T08:30:30Z"));
        dispatch();
        assertEquals(1, reminders(email).size(), "nor a day before");
    }

    @Test
    void sesThrottling_isRetriedWithBackoff_andNothingIsDropped() throws Exception {
        String email = TestStack.address("throttled");
        subscribed(email, "zh", "2026-8-304af3-t1");
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        AtomicInteger attempts = new AtomicInteger();
        MailSender throttlesThrice = mail -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new MailSender.ThrottledException("Maximum sending rate exceeded.", null);
            }
            return stack.ses.send(mail);
        };
        Instant before = stack.clock.instant();
        Dispatcher.Report report = stack.dispatcher(throttlesThrice, 1000).run("throttled", () -> true);
        assertEquals(3, report.throttles());
        assertEquals(1, report.emails());
        assertEquals(1, reminders(email).size());
        assertTrue(stack.clock.instant().isAfter(before), "it backed off before retrying");
    }

    @Test
    void aMessageSesRejects_isRecordedFailed_andNotRetried() throws Exception {
        String email = TestStack.address("rejected");
        Subscriber s = subscribed(email, "zh", "2026-8-304af3-t1");
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        MailSender rejects = mail -> {
            throw new MailSender.RejectedException("SES MessageRejected: Illegal header in message.", null);
        };
        Dispatcher.Report report = stack.dispatcher(rejects, 1000).run("rejecting", () -> true);
        assertEquals(1, report.failed());
        assertEquals(0, dispatch().emails());
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().anyMatch(r -> r.status() == Reminder.Status.FAILED));
    }

    @Test
    void aPermanentBounceOrAComplaint_suppressesTheAddress_aTransientBounceDoesNot() throws Exception {
        Subscriber s = subscribed("bounce@example.edu.cn", "zh", "2026-8-304af3-t1");
        SesNotificationHandler bounces = new SesNotificationHandler(stack.subscribers, stack.planner, stack.clock);
        assertEquals("0 suppressed, 1 ignored",
                bounces.handleRequest(EventLoader.loadSNSEvent(Project.root().resolve("events/ses-bounce-transient.json").toString()), null));
        assertEquals(Subscriber.Status.CONFIRMED, stack.subscribers.byId(s.id()).orElseThrow().status());
        SNSEvent permanent = EventLoader.loadSNSEvent(Project.root().resolve("events/ses-bounce-permanent.json").toString());
        assertEquals("1 suppressed, 0 ignored", bounces.handleRequest(permanent, null));
        assertEquals(Subscriber.Status.SUPPRESSED, stack.subscribers.byId(s.id()).orElseThrow().status());
        assertTrue(stack.subscribers.suppressed("Bounce@Example.edu.cn"));
        int before = LocalSes.sentTo("bounce@example.edu.cn").size();
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        dispatch();
        service.subscribe(new SubscriptionService.Request("bounce@example.edu.cn", List.of("2026-8-304af3-t2"), List.of(), "zh",
                List.of()), TestStack.BASE_URL);
        assertEquals(before, LocalSes.sentTo("bounce@example.edu.cn").size(), "no email at all to a suppressed address");
        assertEquals("1 suppressed, 0 ignored", bounces.handleRequest(
                EventLoader.loadSNSEvent(Project.root().resolve("events/ses-complaint.json").toString()), null));
    }

    @Test
    void sendsArePacedAtTheConfiguredRate() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            addresses.add(TestStack.address("paced" + i));
            subscribed(addresses.get(i), "en", "2026-8-304af3-t3");
        }
        stack.clock.set(SEVEN_DAYS_BEFORE.plusSeconds(30));
        Instant start = stack.clock.instant();
        List<OutgoingEmail> sent = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        // One at a time, so each send's moment can be read off the test clock; PacerTest holds many threads
        // to the same spacing.
        Dispatcher.Report report = stack.dispatcher(mail -> {
            sent.add(mail);
            at.add(stack.clock.instant());
            return stack.ses.send(mail);
        }, 2.0, Dispatcher.Settings.DEFAULT.withConcurrency(1, Duration.ofMillis(100))).run("paced", () -> true);
        assertEquals(5, report.emails());
        for (int i = 1; i < at.size(); i++) {
            assertEquals(Duration.ofMillis(500), Duration.between(at.get(i - 1), at.get(i)), "2 per second");
        }
        assertEquals(start, at.get(0));
    }
}
