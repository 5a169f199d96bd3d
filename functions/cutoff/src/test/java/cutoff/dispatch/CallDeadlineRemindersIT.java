package cutoff.dispatch;

import cutoff.notice.DeadlineKind;
import cutoff.reminder.Reminder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.subscription.SubscriptionService;
import cutoff.notice.CallDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders of the call's further deadlines and of date-only cutoffs, end to end: the shipped relayed
 * calls ingested into DynamoDB Local, a subscriber confirmed, the clock moved, the dispatcher run, the
 * emails read back from the SES stand-in.
 * <ul>
 *   <li>科技部国际合作司 2013 中以 ({@value #ISRAEL}): cutoff 2013-04-30 and the relaying bureau's own
 *       deadline 2013-04-10, both without a time of day, so reminded from 00:00 Beijing (16:00Z the day before);</li>
 *   <li>广东 2013 ({@value #GUANGDONG}): applicants by 2013-05-30 17:00, the recommending authorities by
 *       2013-06-03 17:00 (09:00Z), paper copies by 2013-06-07 17:00 Beijing time.</li>
 * </ul>
 */
class CallDeadlineRemindersIT {
    static final String ISRAEL = "x-c8b0077121-t1";
    static final String GUANGDONG = "x-3561b9dd55-t1";
    private TestStack stack;
    private SubscriptionService service;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2013-03-01T00:00:00Z")).withShippedNotices();
        service = stack.subscriptions(stack.ses);
    }

    private static List<LocalSes.Sent> reminders(String email) {
        return LocalSes.sentTo(email).stream().filter(s -> !s.subject().contains("Confirm")).toList();
    }

    private Dispatcher.Report dispatch() throws InterruptedException {
        return stack.dispatcher().run("run-" + System.nanoTime(), () -> true);
    }

    @Test
    void theRelayingBureausDateOnlyDeadline_isRemindedSevenDaysBeforeItsDayInBeijing_namingTheKind() throws Exception {
        String email = TestStack.address("relay");
        TestStack.subscribed(service, email, "zh", ISRAEL);
        stack.clock.set(Instant.parse("2013-04-02T15:59:00Z"));
        assertEquals(0, dispatch().emails(), "not before 00:00 Beijing on 3 April");
        stack.clock.set(Instant.parse("2013-04-02T16:00:30Z"));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size());
        assertEquals("【申报截止提醒】转发单位截止 Relaying office's deadline · 关于征集2014年度中国以色列产业技术研发合作项目及对以科技合作需求的通知 — "
                + "2013-04-10 (Beijing time，未写明具体时间 no time of day stated)", mail.get(0).subject());
        String text = mail.get(0).text();
        assertTrue(text.contains("转发单位截止 Relaying office's deadline: 转发单位自己的截止时间，早于发布单位的截止"), text);
        assertTrue(text.contains("通知未写明具体时间：按北京时间当天开始计算"), text);
        assertTrue(text.contains("剩余7天 7 days left · 提前7天"), text);
        assertFalse(text.contains("Leave time for your institution's review"), "that note is the cutoff's: " + text);
        assertTrue(mail.get(0).html().contains(TestStack.BASE_URL + "/feeds/topics/" + ISRAEL + ".ics"), mail.get(0).html());
    }

    @Test
    void aDateOnlyCutoff_isRemindedTheDayBefore_inEnglish_andHasNoMorningOfReminder() throws Exception {
        String email = TestStack.address("dateonly");
        Subscriber s = TestStack.subscribed(service, email, "en", ISRAEL);
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream().noneMatch(r -> r.lead().equals("MORNING")),
                "09:00 on the day is after a date-only deadline's start");
        stack.clock.set(Instant.parse("2013-04-28T16:00:30Z"));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size(), "the cutoff's P1D; the relay deadline's reminders were found after it passed");
        assertTrue(mail.get(0).subject().startsWith("申报截止 Cutoff · 关于征集2014年度中国以色列产业技术研发合作项目及对以科技合作需求的通知 — 2013-04-30 (Beijing time, "
                + "no time of day stated)"), mail.get(0).subject());
        String text = mail.get(0).text();
        assertTrue(text.contains("2013-04-30 (Beijing time, no time of day stated)"), text);
        assertTrue(text.contains("24 hours left · 1 day before"), text);
        assertTrue(text.contains("The notice states no time of day: reminders count from the start of that day, Beijing time"), text);
        assertTrue(text.contains("Leave time for your institution's review"), text);
    }

    @Test
    void theRecommendingBodysDeadline_getsTheMorningOfReminder_andPaperCopiesTheirOwn() throws Exception {
        String email = TestStack.address("recommend");
        TestStack.subscribed(service, email, "zh", GUANGDONG);
        stack.clock.set(Instant.parse("2013-06-03T01:00:30Z"));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        // Found together: the recommendation's MORNING and the paper copies' P7D (2013-05-31 17:00 Beijing) due earlier.
        LocalSes.Sent last = mail.get(mail.size() - 1);
        String text = last.text();
        assertTrue(text.contains("推荐审核截止 Recommendation deadline · 关于组织申报第二批2013年广东省对外科技合作专项的通知\n  2013-06-03 17:00 Beijing time (UTC+08:00)"),
                text);
        assertTrue(text.contains("当天上午9:00（北京时间）"), text);
        assertTrue(text.contains("推荐审核截止 Recommendation deadline: 推荐单位/主管部门审核推荐的截止，不是申报人的截止。"), text);
        assertFalse(text.contains("未写明具体时间"), text);

        stack.clock.set(Instant.parse("2013-06-04T09:00:30Z"));
        dispatch();
        LocalSes.Sent paper = reminders(email).get(reminders(email).size() - 1);
        assertEquals("【申报截止提醒】纸质材料截止 Paper copies due · 关于组织申报第二批2013年广东省对外科技合作专项的通知 — 2013-06-07 17:00 Beijing time (UTC+08:00)",
                paper.subject());
        assertTrue(paper.text().contains("剩余3天 3 days left · 提前3天"), paper.text());
        assertTrue(paper.text().contains("书面（纸质）申报材料须在此之前送达。"), paper.text());
    }

    @Test
    void aMovedRecommendationDeadline_andADroppedPaperCopyDeadline_areToldInOneEmail_andTheDroppedOneIsNotReminded() throws Exception {
        String email = TestStack.address("moved");
        Subscriber s = TestStack.subscribed(service, email, "zh", GUANGDONG);
        stack.clock.set(Instant.parse("2013-05-20T00:00:00Z"));
        Notice gd = Project.shippedNotice("x-3561b9dd55");
        Topic t = gd.topics().get(0);
        CallDeadline later = new CallDeadline(DeadlineKind.RECOMMENDATION, t.deadlines().get(0).closes().plusDays(2),
                "2013年6月5日下午5:00", "各级科技主管部门");
        stack.wiring().ingestion().ingest(gd.withTopics(List.of(t.withDeadlines(List.of(later)))));
        dispatch();
        List<LocalSes.Sent> mail = reminders(email);
        assertEquals(1, mail.size());
        assertEquals("【截止时间变更】1项撤回，1项变更 1 withdrawn, 1 moved", mail.get(0).subject());
        assertTrue(mail.get(0).text().contains(
                "时间变更 Moved: 2013-06-03 17:00 Beijing time (UTC+08:00) -> 2013-06-05 17:00 Beijing time (UTC+08:00)"),
                mail.get(0).text());
        assertTrue(mail.get(0).text().contains("已撤回 Withdrawn (was 2013-06-"), mail.get(0).text());
        assertTrue(stack.reminders.ofSubscriber(s.id()).stream()
                .filter(r -> r.deadlineUid().equals(GUANGDONG + "-paper-copy@cutoff") && r.kind() == Reminder.Kind.REMINDER)
                .allMatch(r -> r.status() == Reminder.Status.CANCELLED), "the withdrawn deadline's reminders are cancelled");
        stack.clock.set(Instant.parse("2013-06-04T09:00:30Z"));
        dispatch();
        assertTrue(reminders(email).stream().skip(1).noneMatch(m -> m.text().contains("纸质材料截止")), "no paper-copy reminder");
    }
}
