package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which date is the applicants' cutoff, decided by how each is named, not by which comes first: generated
 * from actors × steps × named-window forms × date forms, in both orders.
 */
class CutoffDecisionTest {
    private static final Years SIGNED = new Years(LocalDate.of(2017, 9, 1), null, null);

    private static final List<String> STEPS = List.of(
            "首次使用平台的%s请于%s前将工号和姓名交各学院",
            "请%s于%s前将账号申请表交科研处",
            "%s须于%s前完成注册");
    private static final List<String> ACTORS = List.of("教师", "申报人", "项目负责人");
    private static final List<String> NAMED = List.of(
            "网上填报时间为2017年9月30日17:00~%s",
            "申报时间：2017年9月30日至%s",
            "网上申报截止时间为%s",
            "申请截止日期：%s");
    private static final List<String> CUTOFFS = List.of("2017年12月10日17:00", "12月10日17时", "12月10日下午5点");
    private static final List<String> STEP_DATES = List.of("11月3日", "2017年11月3日", "11月3日下班");

    @Test
    void aNamedWindow_isTheCutoff_andAnEarlierOrLaterStepIsNot() {
        DateOrDateTime cutoff = DateOrDateTime.parse("2017-12-10T17:00:00+08:00");
        for (String step : STEPS) {
            for (String actor : ACTORS) {
                for (String named : NAMED) {
                    for (String at : CUTOFFS) {
                        for (String stepDate : STEP_DATES) {
                            String s = String.format(step, actor, stepDate) + "。";
                            String w = String.format(named, at) + "。";
                            for (List<String> lines : List.of(List.of(s, w), List.of(w, s))) {
                                DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), SIGNED);
                                assertEquals(cutoff, r.window().closes(), lines.toString());
                                assertTrue(r.deadlines().stream().anyMatch(d -> d.closes().date().equals(LocalDate.of(2017, 11, 3))),
                                        "the step is kept as a further deadline: " + lines + " → " + r.deadlines());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aNoticeAboutPaperMaterials_givesPaperCopyDates_andNoApplicantCutoff() throws Exception {
        for (String title : List.of("关于2020年科技计划项目纸质材料受理的通知", "关于报送书面申报材料的通知", "关于做好纸本材料接收工作的通知")) {
            for (String when : List.of("材料受理时间：2020年4月9日-2020年4月20日。", "请于2020年4月20日前报送。", "受理截止时间为2020年4月20日17:00。")) {
                Notice n = new NoticeParser().parse(("某市科学技术局" + title + "\n各有关单位：\n" + when + "\n某市科学技术局\n2020年4月9日\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
                Topic t = n.topics().get(0);
                assertEquals(null, t.window(), title + when);
                assertEquals(List.of(DeadlineKind.PAPER_COPY), t.deadlines().stream().map(CallDeadline::kind).toList(), title + when);
                assertEquals(LocalDate.of(2020, 4, 20), t.deadlines().get(0).closes().date());
            }
        }
        Notice both = new NoticeParser().parse(("关于组织网上申报及纸质材料报送的通知\n各有关单位：\n申报截止时间为2020年4月20日17:00。\n"
                + "某市科学技术局\n2020年4月9日\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals(DateOrDateTime.parse("2020-04-20T17:00:00+08:00"), both.topics().get(0).window().closes(),
                "a call that also asks for paper copies keeps its cutoff");
    }

    @Test
    void withoutAnApplicantCutoff_materialsToTheRelayingOffice_areItsOwnDeadline_andWithOneTheyKeepTheirKind() {
        for (String what : List.of("纸质材料一式两份", "推荐表", "书面申报材料", "预申报书")) {
            for (String verb : List.of("报送", "报", "交", "送交", "提交至")) {
                for (String office : List.of("科技处", "科研处", "学院科技处", "我厅")) {
                    String step = "请拟申报项目组于4月1日17:00之前将" + what + verb + office + "。";
                    DeadlineReader.Reading alone = DeadlineReader.read(List.of(step), List.of(), SIGNED);
                    assertEquals(null, alone.window(), step);
                    assertEquals(List.of(DeadlineKind.RELAY), alone.deadlines().stream().map(CallDeadline::kind).toList(), step);
                    DeadlineReader.Reading withCutoff = DeadlineReader.read(List.of("网上申报截止时间为2018年4月20日17:00。", step),
                            List.of(), SIGNED);
                    assertEquals(DateOrDateTime.parse("2018-04-20T17:00:00+08:00"), withCutoff.window().closes(), step);
                }
            }
        }
    }

    @Test
    void theClauseWithTheDatesOwnYu_saysWhatItIs_notTheStepBeforeIt() {
        for (String step : List.of("纸质材料请于2010年2月25日至27日报送科技处", "请各学院于2月27日前将汇总表交科研处")) {
            for (String subject : List.of("“项目申报系统”将于", "申报系统于", "网上申报将于")) {
                for (String end : List.of("关闭", "截止", "24时关闭")) {
                    String s = step + "，" + subject + "2010年3月1日" + ("24时关闭".equals(end) ? end : "17:00" + end) + "。";
                    DeadlineReader.Reading r = DeadlineReader.read(List.of(s), List.of(), SIGNED);
                    assertEquals(LocalDate.of(2010, 3, "24时关闭".equals(end) ? 2 : 1), r.window() == null ? null
                            : r.window().closes().date(), s + " → " + r);
                }
            }
        }
    }

    @Test
    void runTogetherDigits_areReportedQuoted_andMakeACutoffBesideThemAReviewNeverAGuess() {
        for (String damaged : List.of("32016时", "32016時", "2021119日", "10186时", "2021年3月24，", "2025年11月4至12月12")) {
            for (String intro : List.of("申报截止时间为", "请于", "材料报送截止日期：")) {
                String line = intro + damaged + ("请于".equals(intro) ? "前报送。" : "截止。");
                DeadlineReader.Reading alone = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                String digits = damaged.replaceAll("[，。至].*$", "");
                assertTrue(alone.notes().stream().anyMatch(n -> n.contains("could not be read (" + digits)), line + " → " + alone.notes());
                DeadlineReader.Reading beside = DeadlineReader.read(List.of("网上申报截止时间为2017年12月10日17:00。", line), List.of(), SIGNED);
                assertEquals(Confidence.REVIEW, beside.window().confidence(), line);
                assertTrue(beside.window().reasons().stream().anyMatch(r -> r.contains(digits)), line);
            }
        }
        for (String fine : List.of("国科金发计〔2014〕86号", "电话：0471-63285682", "共计120000元", "2017年12月10日17:00前", "4月1-3日")) {
            assertEquals(List.of(), DateCandidates.unreadable(fine), fine);
        }
    }

    @Test
    void aChangedDeadline_theNewDateIsTheCutoff_andTheOldIsNeverPublished() {
        DateOrDateTime now = DateOrDateTime.parse("2017-12-20T17:00:00+08:00");
        for (String verb : List.of("延长至", "延期至", "推迟至", "顺延至", "延后至", "调整为", "改为")) {
            for (String old : List.of("12月10日", "2017年12月10日", "12月10日17:00")) {
                for (String form : List.of("申报截止时间由%1$s%2$s%3$s", "原定%1$s截止的网上申报，现%2$s%3$s", "原截止时间为%1$s，现%2$s%3$s",
                        "网上申报截止时间%2$s%3$s")) {
                    for (String at : List.of("2017年12月20日17:00", "12月20日17时", "12月20日下午5点")) {
                        String s = String.format(form, old, verb, at) + "。";
                        DeadlineReader.Reading r = DeadlineReader.read(List.of(s), List.of(), SIGNED);
                        assertEquals(now, r.window() == null ? null : r.window().closes(), s + " → " + r);
                        assertTrue(r.deadlines().stream().noneMatch(d -> d.closes().date().equals(LocalDate.of(2017, 12, 10))),
                                "the old date is never published: " + s + " → " + r.deadlines());
                    }
                }
            }
        }
    }

    @Test
    void aSignatureGluedToTheLastSentence_isNeverADeadline() {
        for (String body : List.of("某自治区科学技术厅", "某市科学技术局", "某大学科研处", "某省科技厅办公室", "国家自然科学基金委员会")) {
            for (String date : List.of("2017年11月20日", "二〇一七年十一月二十日", "2017-11-20")) {
                for (String tail : List.of("", "附件：申报书（格式）", "附件:项目清单", "。")) {
                    for (String lead : List.of("请申报单位于2017年12月10日前将申报材料报送。", "申报截止时间为12月10日17:00，逾期不予受理。")) {
                        String line = lead + body + date + tail;
                        DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                        assertEquals(LocalDate.of(2017, 12, 10), r.window().closes().date(), line);
                        assertTrue(r.deadlines().stream().noneMatch(d -> d.closes().date().equals(LocalDate.of(2017, 11, 20))), line + " → " + r);
                        assertEquals(Confidence.SURE, r.window().confidence(), line + " → " + r.window().reasons());
                    }
                }
            }
        }
    }

    @Test
    void aWeekdayChecksTheDate_andPicksTheYearWhereNoneIsWritten() {
        String[] names = {"一", "二", "三", "四", "五", "六", "日"};
        Years fromNumber = new Years(null, null, 2023);
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() == 2024; d = d.plusDays(1)) {
            String right = names[d.getDayOfWeek().getValue() - 1];
            String wrong = names[d.getDayOfWeek().getValue() % 7];
            for (String form : List.of("（周%s）", "(星期%s)", "（礼拜%s）")) {
                String written = d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日" + String.format(form, right);
                Window sure = DeadlineReader.read(List.of("申报截止时间为" + written + "17:00。"), List.of(), SIGNED).window();
                assertEquals(Confidence.SURE, sure.confidence(), written);
                String bad = d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日" + String.format(form, wrong);
                Window review = DeadlineReader.read(List.of("申报截止时间为" + bad + "17:00。"), List.of(), SIGNED).window();
                assertEquals(d, review.closes().date(), bad + ": the date as written stands");
                assertTrue(review.reasons().stream().anyMatch(r -> r.contains("does not match the date")), bad + " → " + review.reasons());
                String noYear = d.getMonthValue() + "月" + d.getDayOfMonth() + "日" + String.format(form, right);
                Window picked = DeadlineReader.read(List.of("申报截止时间为" + noYear + "17:00。"), List.of(), fromNumber).window();
                assertEquals(d, picked.closes().date(), noYear + ": the year whose weekday fits, not the document number's 2023");
                assertEquals(Confidence.SURE, picked.confidence(), noYear + " → " + picked.reasons());
            }
        }
    }

    @Test
    void cutoffsWrittenWithout截止_byTheirVerb_lateRefusal_orPostmark() {
        DateOrDateTime at = DateOrDateTime.parse("2017-12-10T17:00:00+08:00");
        for (String actor : List.of("申报人", "项目负责人", "各申报单位")) {
            for (String verb : List.of("报送申报书", "提交申请材料", "完成网上申报", "将申报书交到受理窗口")) {
                for (String date : List.of("2017年12月10日17:00", "12月10日下午5点", "12月10日17时")) {
                    String byForm = actor + "于" + date + "前" + verb + "。";
                    assertEquals(at, DeadlineReader.read(List.of(byForm), List.of(), SIGNED).window().closes(), byForm);
                    String late = actor + "申报材料受理至" + date + "，逾期不予受理。";
                    assertEquals(at, DeadlineReader.read(List.of(late), List.of(), SIGNED).window().closes(), late);
                }
            }
        }
        for (String post : List.of("纸质材料请于2017年12月15日前寄出（以邮戳为准）。", "书面材料于12月15日前寄达，以邮戳为准。")) {
            DeadlineReader.Reading r = DeadlineReader.read(List.of("网上申报截止时间为2017年12月10日17:00。", post), List.of(), SIGNED);
            assertEquals(List.of(DeadlineKind.PAPER_COPY), r.deadlines().stream().map(CallDeadline::kind).toList(), post);
            assertEquals(LocalDate.of(2017, 12, 15), r.deadlines().get(0).closes().date(), post);
        }
    }

    @Test
    void aDeadlineCountedFromTheNotice_isComputedFromTheSignature_forReview_orMissingWithTheRule() {
        for (String from : List.of("印发", "发布", "下发")) {
            for (String n : List.of("15", "十五")) {
                String s = "请于本通知" + from + "后" + n + "日内报送申报材料。";
                DeadlineReader.Reading signed = DeadlineReader.read(List.of(s), List.of(), SIGNED);
                assertEquals(DateOrDateTime.parse("2017-09-16"), signed.window().closes(), s);
                assertEquals(Confidence.REVIEW, signed.window().confidence(), s);
                DeadlineReader.Reading unsigned = DeadlineReader.read(List.of(s), List.of(), new Years(null, null, 2017));
                assertEquals(null, unsigned.window(), s);
                assertTrue(unsigned.notes().stream().anyMatch(x -> x.contains(from + "后" + n + "日内")), s + " → " + unsigned.notes());
                String working = "请于本通知" + from + "后" + n + "个工作日内报送申报材料。";
                DeadlineReader.Reading w = DeadlineReader.read(List.of(working), List.of(), SIGNED);
                assertEquals(null, w.window(), working);
                assertTrue(w.notes().stream().anyMatch(x -> x.contains("working days")), working);
            }
        }
    }
}
