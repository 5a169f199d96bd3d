package cutoff.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The call's further deadlines (issue 8) and date-only cutoffs as deadlines: one event each, stable
 * UIDs, SUMMARY naming the kind, and the ingest rule (moved, withdrawn) applied to them. The dates are
 * those of the 2013 广东省对外科技合作专项 call as a university 科技处 relayed it.
 */
class CallDeadlinesTest {
    private static final Instant STAMP = Instant.parse("2026-11-02T03:04:05Z");
    private static final String TOPIC = "x-gd2013-t1";

    private static DateOrDateTime at(String isoBeijing) {
        return DateOrDateTime.of(OffsetDateTime.parse(isoBeijing + "+08:00"));
    }

    private static Notice notice(DateOrDateTime closes, List<CallDeadline> steps) {
        Topic topic = new Topic(TOPIC, null, null, "第二批2013年广东省对外科技合作专项", List.of(), Window.closing(closes),
                List.of(), steps, null, null, List.of());
        return new Notice("x-gd2013", null, "广东省科学技术厅", "科技处", "关于组织申报第二批2013年广东省对外科技合作专项的通知",
                null, "http://pro.gdstc.gov.cn", List.of(topic), List.of(), null, null);
    }

    private static final List<CallDeadline> GUANGDONG = List.of(
            new CallDeadline(DeadlineKind.RECOMMENDATION, at("2013-06-03T17:00:00"), "2013年6月3日下午5:00", "各级科技主管部门"),
            new CallDeadline(DeadlineKind.PAPER_COPY, at("2013-06-07T17:00:00"), "2013年6月7日下午5点前", "科技处项目科"));

    private static Map<String, Deadline> byUid(List<Deadline> deadlines) {
        return deadlines.stream().collect(Collectors.toMap(Deadline::uid, Function.identity()));
    }

    @Test
    void aDateUnderReview_saysWhyInItsDescription_andASureOneSaysNothing() throws Exception {
        String reason = "two candidate applicant cutoffs in one sentence: 5月30日, 6月3日";
        Window review = new Window(null, at("2013-05-30T17:00:00"), Window.BEIJING, false, null, List.of(reason), null);
        CallDeadline other = new CallDeadline(DeadlineKind.OTHER, at("2013-06-03T17:00:00"), "6月3日", null, null,
                List.of(reason), null);
        Notice n = notice(at("2013-05-30T17:00:00"), List.of(other));
        n = n.withTopics(List.of(n.topics().get(0).withWindow(review)));
        Map<String, Deadline> d = byUid(Deadlines.of(n, STAMP));
        assertTrue(d.get(TOPIC + "-closes@cutoff").description().contains("\n待核实 Under review: " + reason + "\n"),
                d.get(TOPIC + "-closes@cutoff").description());
        assertTrue(d.get(TOPIC + "-other@cutoff").description().contains("待核实 Under review: " + reason));
        Map<String, Deadline> sure = byUid(Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP));
        assertFalse(sure.values().stream().anyMatch(x -> x.description().contains("Under review")));
    }

    @Test
    void eachFurtherDeadline_isItsOwnDeadline_namedByKind_inBeijingTime() throws Exception {
        Map<String, Deadline> d = byUid(Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP));
        assertEquals(3, d.size(), d.keySet().toString());
        Deadline recommendation = d.get(TOPIC + "-recommendation@cutoff");
        assertEquals(DeadlineKind.RECOMMENDATION, recommendation.kind());
        assertEquals(Instant.parse("2013-06-03T09:00:00Z"), recommendation.at());
        assertEquals(Window.BEIJING, recommendation.zone());
        assertEquals("推荐审核截止 Recommendation deadline · 第二批2013年广东省对外科技合作专项", recommendation.summary());
        assertTrue(recommendation.description().startsWith(
                "推荐审核截止 Recommendation deadline 2013-06-03 17:00 Beijing time (UTC+08:00)\n经办 Who: 各级科技主管部门\n"
                        + "原文 As written: 2013年6月3日下午5:00\n"), recommendation.description());
        assertTrue(recommendation.description().contains("the applicants' own cutoff is 2013-05-30 17:00 Beijing time"),
                recommendation.description());
        Deadline paper = d.get(TOPIC + "-paper-copy@cutoff");
        assertEquals(DeadlineKind.PAPER_COPY, paper.kind());
        assertEquals("纸质材料截止 Paper copies due · 第二批2013年广东省对外科技合作专项", paper.summary());
        assertTrue(paper.description().contains("经办 Who: 科技处项目科"), paper.description());
        assertEquals("http://pro.gdstc.gov.cn", paper.url());
    }

    @Test
    void everyEventsFacts_nameTheRelayingBody_andTheCallsOtherDeadlines() throws Exception {
        for (Deadline d : Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP)) {
            assertTrue(d.description().contains("\n发布 Issued by: 广东省科学技术厅\n转发 Relayed by: 科技处\n"), d.description());
            assertTrue(d.description().contains(
                    "\n纸质材料截止 Paper copies due: 2013-06-07 17:00 Beijing time (UTC+08:00), 科技处项目科"), d.description());
        }
    }

    @Test
    void aRelayDeadline_saysItIsTheRelayingOfficesOwn_earlierThanTheIssuers() throws Exception {
        // 科技部国际合作司 2013 中以 call: 截止时间为4月30日; the relaying bureau: 请务必于2013年4月10日之前…报送.
        Notice n = notice(DateOrDateTime.ofDate(LocalDate.parse("2013-04-30")),
                List.of(new CallDeadline(DeadlineKind.RELAY, DateOrDateTime.ofDate(LocalDate.parse("2013-04-10")),
                        "2013年4月10日之前", null)));
        Deadline relay = byUid(Deadlines.of(n, STAMP)).get(TOPIC + "-relay@cutoff");
        assertEquals(DeadlineKind.RELAY, relay.kind());
        assertEquals("转发单位截止 Relaying office's deadline · 第二批2013年广东省对外科技合作专项", relay.summary());
        assertFalse(relay.timed());
        assertEquals(LocalDate.parse("2013-04-10"), relay.date());
        assertEquals(Instant.parse("2013-04-09T16:00:00Z"), relay.earliest(), "the day's start, Beijing time");
        assertTrue(relay.description().contains("This is the relaying office's own deadline (科技处), earlier than the "
                + "issuer's cutoff (2013-04-30 (Beijing time; 通知未写具体时间 the notice states no time of day))"), relay.description());
        assertTrue(relay.description().contains("这是转发单位（科技处）自己的截止时间，早于发布单位的申报截止"), relay.description());
        assertTrue(relay.description().contains("No time of day is stated: reminders count back from the start of that day"),
                relay.description());
    }

    @Test
    void aDateOnlyCutoff_isADateOnlyDeadline_remindedFromTheStartOfItsDayInBeijing() throws Exception {
        Notice n = notice(DateOrDateTime.ofDate(LocalDate.parse("2013-04-30")), List.of());
        Deadline closes = Deadlines.of(n, STAMP).get(0);
        assertEquals(DeadlineKind.CLOSES, closes.kind());
        assertNull(closes.at());
        assertEquals(LocalDate.parse("2013-04-30"), closes.date());
        assertEquals(Instant.parse("2013-04-29T16:00:00Z"), closes.earliest());
        assertTrue(closes.description().startsWith("申报截止 Cutoff 2013-04-30 (Beijing time; 通知未写具体时间 the notice states no time of day)"),
                closes.description());
        assertTrue(closes.description().contains("No time of day is stated"), closes.description());
        assertEquals("2013-04-30 (Beijing time; 通知未写具体时间 the notice states no time of day)", Deadlines.wall(closes));
    }

    @Test
    void twoOfOneKind_areNumbered_andTheUidsHoldAcrossIngests() throws Exception {
        List<CallDeadline> staged = List.of(
                new CallDeadline(DeadlineKind.PRE_PROPOSAL, at("2026-05-15T16:00:00"), "5月15日16:00", null),
                new CallDeadline(DeadlineKind.OTHER, at("2026-05-20T12:00:00"), "5月20日中午12点", "申报单位"),
                new CallDeadline(DeadlineKind.OTHER, DateOrDateTime.ofDate(LocalDate.parse("2026-05-25")), "5月25日", null),
                new CallDeadline(DeadlineKind.FULL_PROPOSAL, at("2026-09-30T16:30:00"), "9月30日16:30", null));
        Notice n = notice(at("2026-09-30T16:30:00"), staged);
        List<String> uids = Deadlines.of(n, STAMP).stream().map(Deadline::uid).toList();
        assertEquals(List.of(TOPIC + "-closes@cutoff", TOPIC + "-pre-proposal@cutoff", TOPIC + "-other@cutoff",
                TOPIC + "-other--2@cutoff", TOPIC + "-full-proposal@cutoff"), uids);
        assertEquals(uids, Deadlines.of(n, STAMP.plusSeconds(86_400)).stream().map(Deadline::uid).toList());
        Map<String, Deadline> d = byUid(Deadlines.of(n, STAMP));
        assertEquals("预申请截止 Pre-proposal deadline · 第二批2013年广东省对外科技合作专项", d.get(TOPIC + "-pre-proposal@cutoff").summary());
        assertEquals("正式申请截止 Full-proposal deadline · 第二批2013年广东省对外科技合作专项", d.get(TOPIC + "-full-proposal@cutoff").summary());
        assertEquals("其他截止 Other deadline · 第二批2013年广东省对外科技合作专项", d.get(TOPIC + "-other--2@cutoff").summary());
        assertFalse(d.get(TOPIC + "-other--2@cutoff").timed());
    }

    @Test
    void aMovedFurtherDeadline_raisesItsSequence_andTheOthersStayUnchanged() throws Exception {
        List<Deadline> stored = Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP);
        List<CallDeadline> later = new ArrayList<>(GUANGDONG);
        later.set(1, new CallDeadline(DeadlineKind.PAPER_COPY, at("2013-06-14T17:00:00"), "2013年6月14日下午5点前", "科技处项目科"));
        DeadlineDiff diff = DeadlineDiff.between(stored, Deadlines.of(notice(at("2013-05-30T17:00:00"), later), STAMP), STAMP.plusSeconds(60));
        assertEquals(List.of(TOPIC + "-paper-copy@cutoff"), diff.moved());
        DeadlineChange c = diff.changes().stream().filter(DeadlineChange::moved).findFirst().orElseThrow();
        assertEquals(1, c.after().sequence(), "SEQUENCE goes up");
        assertEquals(Instant.parse("2013-06-14T09:00:00Z"), c.after().at());
        // The facts lines of the other events name the moved date, so they are re-worded, not moved.
        assertEquals(List.of(), diff.added());
        assertEquals(List.of(), diff.withdrawn());
        assertTrue(diff.updated().containsAll(List.of(TOPIC + "-closes@cutoff", TOPIC + "-recommendation@cutoff")), diff.toString());
    }

    @Test
    void aTimedDeadlineThatBecomesDateOnly_moves() throws Exception {
        List<Deadline> stored = Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP);
        List<CallDeadline> dateOnly = List.of(GUANGDONG.get(0), new CallDeadline(DeadlineKind.PAPER_COPY,
                DateOrDateTime.ofDate(LocalDate.parse("2013-06-07")), "2013年6月7日", "科技处项目科"));
        DeadlineDiff diff = DeadlineDiff.between(stored, Deadlines.of(notice(at("2013-05-30T17:00:00"), dateOnly), STAMP), STAMP);
        assertEquals(List.of(TOPIC + "-paper-copy@cutoff"), diff.moved());
    }

    @Test
    void aFurtherDeadlineNoLongerInTheNotice_isWithdrawn_asACancelledEvent() throws Exception {
        List<Deadline> stored = Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG), STAMP);
        DeadlineDiff diff = DeadlineDiff.between(stored,
                Deadlines.of(notice(at("2013-05-30T17:00:00"), GUANGDONG.subList(0, 1)), STAMP), STAMP.plusSeconds(60));
        assertEquals(List.of(TOPIC + "-paper-copy@cutoff"), diff.withdrawn());
        Deadline gone = diff.changes().stream().filter(c -> c.after().uid().equals(TOPIC + "-paper-copy@cutoff"))
                .findFirst().orElseThrow().after();
        assertTrue(gone.cancelled());
        assertEquals(1, gone.sequence());
        assertEquals(DeadlineKind.PAPER_COPY, gone.kind());
    }

    @Test
    void everyFurtherKind_isRemindedLikeACutoff_andACallDeadlineTakesNoOther() {
        java.util.Set<DeadlineKind> further = java.util.EnumSet.noneOf(DeadlineKind.class);
        for (DeadlineKind k : DeadlineKind.values()) {
            if (k.further()) {
                further.add(k);
                assertTrue(k.remindedLikeCutoff(), k.name());
            } else {
                assertThrows(IllegalArgumentException.class,
                        () -> new CallDeadline(k, DateOrDateTime.ofDate(LocalDate.of(2024, 6, 3)), "2024年6月3日", null), k.name());
            }
        }
        assertEquals(java.util.EnumSet.of(DeadlineKind.RECOMMENDATION, DeadlineKind.PAPER_COPY, DeadlineKind.PRE_PROPOSAL,
                DeadlineKind.FULL_PROPOSAL, DeadlineKind.RELAY, DeadlineKind.OTHER), further);
        assertTrue(DeadlineKind.CLOSES.remindedLikeCutoff());
        assertFalse(DeadlineKind.OPENS.remindedLikeCutoff());
        assertFalse(DeadlineKind.FOREIGN.remindedLikeCutoff());
    }}
