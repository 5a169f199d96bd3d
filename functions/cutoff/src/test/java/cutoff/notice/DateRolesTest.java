package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who each date binds, by actor and verb, not by order ({@link DateRoles}): timetables of steps generated in
 * their layouts (a flattened table of {@code date | step |} cells, a numbered list run on in one line, one item a
 * line) × date forms × orders, and sentences generated from actors × verbs × recipients.
 */
class DateRolesTest {
    private static final Years SIGNED = new Years(LocalDate.of(2023, 3, 1), null, null);

    /** A step of a relaying institution's timetable, and what its date is: a kind, the applicants' cutoff, or none. */
    private record Step(String action, DeadlineKind kind, boolean cutoff, boolean bindsWithoutBy) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("申请人完成申报书初稿，将电子版及纸质版一份交到所属二级部门", DeadlineKind.RELAY, false, true),
            new Step("各二级部门将本部门的申报书及汇总表交到科技处", DeadlineKind.RELAY, false, true),
            new Step("科技处集中受理申请书，进行形式审查", DeadlineKind.OTHER, false, false),
            new Step("相关学院完成申报书的修改论证", DeadlineKind.OTHER, false, false),
            new Step("请科研秘书提交本学院的申请书电子版", DeadlineKind.RELAY, false, true),
            new Step("申请人提交申报材料至学院", DeadlineKind.RELAY, false, true),
            new Step("最终推荐申报项目负责人完成系统填报并提交申请书", null, true, true));

    private static final List<String> DAYS = List.of("4月10日", "4月12日", "4月14日", "4月17日", "4月19日", "4月21日", "4月25日");

    /** The timetable's lines in one layout; {@code by} is written after each date (前, 以前, or nothing). */
    private static List<String> layout(String form, List<Step> steps, List<String> days, String by) {
        List<String> physical = new ArrayList<>();
        StringBuilder run = new StringBuilder("申报时间安排:");
        for (int i = 0; i < steps.size(); i++) {
            String day = days.get(i) + by;
            String action = steps.get(i).action();
            switch (form) {
                case "table" -> {
                    physical.add(day + " |");
                    physical.add(action + "。 |");
                }
                case "run-on" -> run.append("(").append(i + 1).append(")").append(day).append(":").append(action).append("；");
                case "items" -> physical.add((i + 1) + "." + day + action + "。");
                default -> throw new IllegalArgumentException(form);
            }
        }
        if (form.equals("table")) {
            physical.add(0, "申报工作时间节点");
            physical.add(1, "时间 |");
            physical.add(2, "工作内容 |");
            return NoticeText.logical(physical);
        }
        return form.equals("run-on") ? List.of(run.toString()) : physical;
    }

    @Test
    void aTimetableOfSteps_givesOneDeadlinePerRow_byItsActor_andTheApplicantsFinalSubmissionIsTheCutoff() {
        for (String form : List.of("table", "run-on", "items")) {
            for (String by : List.of("前", "以前", "")) {
                if (by.isEmpty() && !form.equals("table")) {
                    continue; // outside a table, a date with nothing after it is no step
                }
                for (List<Step> steps : List.of(STEPS, reversed(STEPS))) {
                    List<String> lines = layout(form, steps, DAYS, by);
                    DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), SIGNED);
                    String what = form + "/" + by + " " + lines;
                    for (int i = 0; i < steps.size(); i++) {
                        Step step = steps.get(i);
                        LocalDate day = LocalDate.of(2023, 4, Integer.parseInt(DAYS.get(i).replaceAll("\\D+", " ").trim().split(" ")[1]));
                        if (step.cutoff()) {
                            assertNotNull(r.window(), what);
                            assertEquals(day, r.window().closes().date(), "the applicants' final submission is the cutoff: " + what);
                            continue;
                        }
                        List<CallDeadline> onDay = r.deadlines().stream().filter(d -> d.closes().date().equals(day)).toList();
                        if (by.isEmpty() && !step.bindsWithoutBy()) {
                            assertEquals(List.of(), onDay, "the office's own work is no deadline: " + step + " " + what);
                            continue;
                        }
                        assertEquals(1, onDay.size(), step + " " + what + " → " + r.deadlines());
                        assertEquals(step.kind(), onDay.get(0).kind(), step + " " + what);
                    }
                }
            }
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void twoRowsOnOneDay_byTwoActors_areTwoDeadlines() {
        List<Step> steps = List.of(STEPS.get(0), STEPS.get(1));
        for (String by : List.of("以前", "")) {
            List<String> lines = layout("table", steps, List.of("1月15日", "1月15日"), by);
            DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), new Years(LocalDate.of(2018, 1, 2), null, null));
            assertEquals(2, r.deadlines().stream().filter(d -> d.kind() == DeadlineKind.RELAY
                    && d.closes().date().equals(LocalDate.of(2018, 1, 15))).count(), lines + " → " + r.deadlines());
        }
    }

    @Test
    void aTimetableUnderItsYearHeading_takesThatYear_whenTheNoticeGivesNoOther() {
        Years none = new Years(null, null, null);
        for (int year : List.of(2016, 2018, 2024)) {
            List<String> physical = new ArrayList<>(List.of("申报工作时间节点", year + "年 |", "|"));
            physical.add("3月2日以前 |");
            physical.add("申请人完成系统提交，纸质版一式两份交二级部门。 |");
            DeadlineReader.Reading r = DeadlineReader.read(NoticeText.logical(physical), List.of(), none);
            assertEquals(List.of(LocalDate.of(year, 3, 2)), r.deadlines().stream().map(d -> d.closes().date()).toList(),
                    physical + " → " + r.deadlines() + " " + r.notes());
            assertTrue(r.deadlines().get(0).sure());
        }
    }

    @Test
    void aYearlessDate_takesTheYearTheTextLastStated_notAProjectPeriodsNorACitedDocuments() {
        Years none = new Years(null, null, null);
        for (String dated : List.of("于2019年1月15日后登录系统撰写申请书。", "2019年1月6日，基金委发布了申报公告。")) {
            for (String noise : List.of("", "项目执行期为2020年1月1日至2022年12月31日。", "依据《2017年5月10日印发的管理办法》。")) {
                List<String> lines = List.of(dated, noise, "3.各学院于2月26日前将汇总表交科研处。");
                DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), none);
                assertEquals(List.of(LocalDate.of(2019, 2, 26)), r.deadlines().stream().map(d -> d.closes().date()).toList(),
                        lines + " → " + r.deadlines());
            }
        }
        // With nothing stated before it, the year stays unread and is said in the notes.
        DeadlineReader.Reading alone = DeadlineReader.read(List.of("3.各学院于2月26日前将汇总表交科研处。"), List.of(), none);
        assertEquals(List.of(), alone.deadlines());
        assertTrue(alone.notes().stream().anyMatch(n -> n.contains("2月26日 is written without a year")), alone.notes().toString());
        // A December date then a January one: the next year, as after a signature.
        DeadlineReader.Reading rolled = DeadlineReader.read(List.of("2020年12月20日起开放系统。", "请申请人于1月10日前提交申请书。"),
                List.of(), none);
        assertEquals(LocalDate.of(2021, 1, 10), rolled.window().closes().date());
    }

    @Test
    void aYearTheTextStates_beatsAGuessedYear_andIsSure() {
        // Guessed years (the document number's, the one programme year named) differ from the year the text states.
        for (Years guessed : List.of(new Years(null, null, 2030), new Years(null, null, null, null, null, 2031),
                new Years(null, null, 2029, null, null, 2031))) {
            for (int year : List.of(2016, 2019, 2024)) {
                List<List<String>> texts = List.of(
                        NoticeText.logical(List.of("申报工作时间节点", year + "年 |", "|", "3月2日以前 |",
                                "申请人完成系统提交，纸质版一式两份交二级部门。 |")),
                        List.of("于" + year + "年1月15日后登录系统撰写申请书。", "3.各学院于3月2日前将汇总表交科研处。"),
                        List.of(year - 1 + "年12月20日起开放系统。", "3.各学院于3月2日前将汇总表交科研处。"));
                for (List<String> lines : texts) {
                    DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), guessed);
                    assertEquals(List.of(LocalDate.of(year, 3, 2)), r.deadlines().stream().map(d -> d.closes().date()).toList(),
                            guessed + " " + lines + " → " + r.deadlines() + " " + r.notes());
                    assertTrue(r.deadlines().get(0).sure(), lines + " → " + r.deadlines());
                }
            }
            // Nothing stated: the guess is taken, for review.
            DeadlineReader.Reading alone = DeadlineReader.read(List.of("3.各学院于3月2日前将汇总表交科研处。"), List.of(), guessed);
            assertTrue(!alone.deadlines().isEmpty() && !alone.deadlines().get(0).sure(), guessed + " → " + alone.deadlines());
        }
    }

    @Test
    void aRowOpeningWithItsDate_thenACommaAndWhoHandsWhatOver_bindsThatActor() {
        for (String heading : List.of("三、时间安排：", "时间安排:", "")) {
            for (String dates : List.of("7月2日至7月23日", "7月2日-7月23日", "7月23日前", "7月23日之前")) {
                for (String who : List.of("个人申报", "申请人填写申报书", "各学院审核", "项目负责人在线填写")) {
                    for (String hands : List.of("并向科研处报送申报材料", "纸质材料交科研处", "将申报书上传至系统")) {
                        String line = heading + dates + "，" + who + "，" + hands + "。";
                        DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                        List<LocalDate> read = new ArrayList<>(r.deadlines().stream().map(d -> d.closes().date()).toList());
                        if (r.window() != null) {
                            read.add(r.window().closes().date());
                        }
                        assertTrue(read.contains(LocalDate.of(2023, 7, 23)), line + " → " + r.deadlines() + " " + r.window());
                    }
                }
                // A range for the office's own work, or with nothing handed over: no deadline.
                for (String rest : List.of("科研处组织专家评审。", "申请人认真阅读指南。")) {
                    String line = heading + dates + "，" + rest;
                    DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                    assertTrue(dates.contains("前") || r.deadlines().isEmpty() && r.window() == null,
                            line + " → " + r.deadlines() + " " + r.window());
                }
            }
        }
    }

    private static final List<String> UNITS = List.of("各学院", "各二级单位", "各院系", "相关学院", "各二级部门");
    private static final List<String> OFFICES = List.of("科研处", "科技处", "社科处");
    private static final List<String> MATERIALS = List.of("申报材料", "纸质材料", "推荐名单及申报书", "申请书电子版");

    @Test
    void aRelayingInstitutionsUnit_handingMaterialsToTheOffice_keepsTheOfficesOwnDeadline_paperOrNot() {
        for (String unit : UNITS) {
            for (String office : OFFICES) {
                for (String materials : MATERIALS) {
                    for (String form : List.of("%s请于%s前将%s报送至%s", "%s须于%s前将%s统一交到%s", "%s于%s前将%s报%s")) {
                        String step = form.formatted(unit, "4月20日", materials, office) + "。";
                        String applicants = "申请人于4月26日前完成申请书修改及系统提交。";
                        for (List<String> lines : List.of(List.of(step, applicants), List.of(applicants, step))) {
                            DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), SIGNED);
                            assertEquals(LocalDate.of(2023, 4, 26), r.window().closes().date(), lines.toString());
                            assertEquals(List.of(DeadlineKind.RELAY), r.deadlines().stream().map(CallDeadline::kind).toList(),
                                    lines + " → " + r.deadlines());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aUnitsOwnWork_isOther_andNeverTheApplicantsCutoff() {
        for (String unit : UNITS) {
            for (String work : List.of("完成两轮申报书的修改论证", "对照形式审查表对每份申报书进行审核", "组织校内遴选")) {
                for (String form : List.of("%s前%s%s。", "%2$s于%1$s前%3$s。")) {
                    String line = "3." + form.formatted("2月22日", unit, work);
                    DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                    assertNull(r.window(), line);
                    assertEquals(List.of(DeadlineKind.OTHER), r.deadlines().stream().map(CallDeadline::kind).toList(), line);
                }
            }
        }
    }

    @Test
    void aRecommendingBody_isARecommendation_butApplicantsNamedByTheirRecommendation_areApplicants() {
        for (String body : List.of("各推荐单位", "各主管部门", "各地科技局")) {
            for (String verb : List.of("完成审核推荐", "完成网上推荐", "将推荐函报送我厅")) {
                String line = "申报截止时间为2023年4月20日17:00，" + body + "须于2023年4月25日前" + verb + "。";
                DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                assertEquals(LocalDate.of(2023, 4, 20), r.window().closes().date(), line);
                assertEquals(List.of(DeadlineKind.RECOMMENDATION), r.deadlines().stream().map(CallDeadline::kind).toList(), line);
            }
        }
        for (String applicants : List.of("最终推荐申报项目负责人", "经推荐的申请人", "推荐申报的项目负责人")) {
            for (String verb : List.of("完成系统注册及线上填报", "提交申请书")) {
                String line = "(4)5月3日前:" + applicants + verb + "。";
                DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), SIGNED);
                assertNotNull(r.window(), line + " → " + r.deadlines());
                assertEquals(LocalDate.of(2023, 5, 3), r.window().closes().date(), line);
            }
        }
    }

    private static final List<String> RECOMMENDERS = List.of("各科技主管部门", "各区（市）科技主管部门", "推荐单位", "各地科技局", "省科技厅", "我局");

    @Test
    void aRecommendingBody_asTheSubjectOfItsStep_isARecommendation_inASentenceOrATimetableRow() {
        for (String body : RECOMMENDERS) {
            for (String verb : List.of("完成申报材料初审，填写推荐汇总表", "进行集中审核", "将推荐汇总表报至市科技局")) {
                String cutoff = "1.申请单位请于2023年10月26日12:00前在线完成申请材料填写和提交。";
                for (String step : List.of("2." + body + "于2023年10月27日15:00前，" + verb + "。",
                        "2023年10月27日前:" + body + verb + "。", "(2)2023年10月27日前" + body + verb + "。")) {
                    DeadlineReader.Reading r = DeadlineReader.read(List.of(cutoff, step), List.of(), SIGNED);
                    assertEquals(LocalDate.of(2023, 10, 26), r.window().closes().date(), step);
                    assertEquals(List.of(DeadlineKind.RECOMMENDATION), r.deadlines().stream().map(CallDeadline::kind).toList(),
                            step + " → " + r.deadlines());
                }
            }
        }
        // A body named as the recipient is no subject: the applicants' materials sent to it are the office's deadline.
        DeadlineReader.Reading r = DeadlineReader.read(List.of("申报截止时间为2023年10月26日，申请书报送市科技局截止时间为2023年10月28日。"),
                List.of(), SIGNED);
        assertEquals(List.of(DeadlineKind.RELAY), r.deadlines().stream().map(CallDeadline::kind).toList());
    }

    @Test
    void materialsSentUnitByUnit_areTheOfficesDeadline() {
        for (String unit : List.of("学院", "院系", "二级单位")) {
            for (String verb : List.of("提交OA申请", "报送纸质材料", "统一提交")) {
                String line = "网上申报截止时间为2021年12月17日17时；盖章以" + unit + "为单位" + verb + "（于12月16日12时之前受理）。";
                DeadlineReader.Reading r = DeadlineReader.read(List.of(line), List.of(), new Years(LocalDate.of(2021, 12, 1), null, null));
                assertEquals(List.of(DeadlineKind.RELAY), r.deadlines().stream().map(CallDeadline::kind).toList(), line);
            }
        }
    }

    @Test
    void unreadableDigits_inAnotherBodysStep_castNoDoubtOnTheApplicantsCutoff() {
        String cutoff = "4.申报人网络受理时间：2024年5月24日至6月21日17:00。";
        for (String digits : List.of("2023624日11:00", "2024624日", "20240624日17时")) {
            for (String step : List.of("5.各县科技管理部门汇总符合要求的项目，于%s之前，将《拟推荐项目汇总表》发送到市科技局。",
                    "5.各推荐单位须于%s前完成审核推荐。", "纸质材料请于%s前寄送科技处。")) {
                String line = step.formatted(digits);
                DeadlineReader.Reading r = DeadlineReader.read(List.of(cutoff, line), List.of(), SIGNED);
                assertTrue(r.window().sure(), line + " → " + r.window().reasons());
                assertTrue(r.notes().stream().anyMatch(n -> n.contains("could not be read")), line);
            }
            // Digits where the applicants' own date would be: the cutoff read is for review.
            String own = "申报人须于" + digits + "前提交申请书。";
            DeadlineReader.Reading r = DeadlineReader.read(List.of(cutoff, own), List.of(), SIGNED);
            assertTrue(!r.window().sure(), own);
        }
    }

    @Test
    void aGroupOfApplicantsWithItsOwnDate_isATopicOfItsOwn_andTheCallsCutoffStays() throws Exception {
        for (String group : List.of("港澳台项目", "企业攻关难题招贤专项", "青年科学家项目", "国际合作专项")) {
            for (String form : List.of("%s网上申报截止时间%s", "%s申报截止时间为%s", "%s请于%s前提交申请书", "%s申请人须于%s前完成网上申报")) {
                String own = form.formatted(group, "7月4日下午5时");
                for (String order : List.of("A，B。", "B。A。")) {
                    String body = order.replace("A", "网上申报截止时间为2031年6月14日下午5时").replace("B", own);
                    Notice n = new NoticeParser().parse(("关于组织申报2031年度科技计划项目的通知\n各有关单位：\n" + body
                            + "\n某市科学技术局\n2031年5月17日\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
                    assertEquals(2, n.topics().size(), body);
                    assertEquals(DateOrDateTime.parse("2031-06-14T17:00:00+08:00"), n.topics().get(0).window().closes(), body);
                    assertEquals(group, n.topics().get(1).title(), body);
                    assertEquals(DateOrDateTime.parse("2031-07-04T17:00:00+08:00"), n.topics().get(1).window().closes(), body);
                }
            }
        }
        // The call's projects in general are no group: one topic, the later date another deadline.
        for (String general : List.of("申报项目", "本项目", "各类项目", "完成申报项目", "其他项目", "通过审核的项目", "获批的专项")) {
            String body = "网上申报截止时间为2031年6月14日下午5时，" + general + "纸质材料截止时间为7月4日下午5时。";
            Notice n = new NoticeParser().parse(("关于组织申报2031年度科技计划项目的通知\n各有关单位：\n" + body
                    + "\n某市科学技术局\n2031年5月17日\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
            assertEquals(1, n.topics().size(), body);
        }
    }
}
