package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deadlines counted from the cutoff ({@code 截止前2小时}, {@code 截止后3个工作日内}): generated from how the cutoff is named ×
 * before/after × counts × units × what is due, placed from the cutoff read, or said in the notes where it cannot be.
 */
class DeadlinesFromCutoffTest {
    private static final Years SIGNED = new Years(LocalDate.of(2024, 5, 1), null, null);
    /** A Friday, 16:30. */
    private static final String CUTOFF = "网上申报截止时间为2024年6月7日16:30。";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-06-07T16:30:00+08:00");

    private static final List<String> NAMED = List.of("截止", "申报截止", "网上申报截止时间", "申报截止日期", "网上提交截止");
    private static final Map<String, Integer> COUNTS = Map.of("2", 2, "5", 5, "三", 3, "十", 10);
    private static final Map<String, DeadlineKind> DUE = Map.of(
            "将纸质申报书一式3份报送科研处", DeadlineKind.PAPER_COPY,
            "项目负责人须将申报书（A4幅面，双面打印，一式7份）报送至科技处", DeadlineKind.PAPER_COPY,
            "申请人完成网上提交", DeadlineKind.OTHER,
            "各学院将汇总表报送科研处", DeadlineKind.RELAY);

    private static String sentence(String named, String side, String count, String unit, String due) {
        return side.equals("前") ? "请于" + named + "前" + count + unit + due + "。" : named + "后" + count + unit + "内，" + due + "。";
    }

    @Test
    void daysAndHours_areCountedFromTheCutoff_forReview() {
        for (String named : NAMED) {
            for (String side : List.of("前", "后")) {
                for (Map.Entry<String, Integer> count : COUNTS.entrySet()) {
                    for (Map.Entry<String, DeadlineKind> due : DUE.entrySet()) {
                        int sign = side.equals("前") ? -1 : 1;
                        Map<String, DateOrDateTime> units = Map.of(
                                "天", DateOrDateTime.ofDate(AT.toLocalDate().plusDays((long) sign * count.getValue())),
                                "个自然日", DateOrDateTime.ofDate(AT.toLocalDate().plusDays((long) sign * count.getValue())),
                                "小时", DateOrDateTime.of(AT.plusHours((long) sign * count.getValue())),
                                "个小时", DateOrDateTime.of(AT.plusHours((long) sign * count.getValue())));
                        for (Map.Entry<String, DateOrDateTime> unit : units.entrySet()) {
                            String s = sentence(named, side, count.getKey(), unit.getKey(), due.getKey());
                            for (List<String> lines : List.of(List.of(CUTOFF, s), List.of(s, CUTOFF))) {
                                DeadlineReader.Reading r = DeadlineReader.read(lines, List.of(), SIGNED);
                                assertEquals(DateOrDateTime.of(AT), r.window().closes(), lines.toString());
                                List<CallDeadline> counted = r.deadlines().stream().filter(d -> d.asWritten().contains("截止")).toList();
                                assertEquals(1, counted.size(), lines + " → " + r.deadlines());
                                assertEquals(unit.getValue(), counted.get(0).closes(), lines.toString());
                                assertEquals(due.getValue(), counted.get(0).kind(), lines.toString());
                                assertTrue(!counted.get(0).sure() && counted.get(0).reasons().get(0).contains("counted from the cutoff"),
                                        lines.toString());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void workingDays_skipTheWeekend() {
        // The cutoff is a Friday: one working day before is Thursday, five before is the Friday before, one after is Monday.
        Map<String, LocalDate> expected = Map.of(
                "前1个工作日", LocalDate.of(2024, 6, 6), "前5个工作日", LocalDate.of(2024, 5, 31),
                "后1个工作日", LocalDate.of(2024, 6, 10), "后3个工作日", LocalDate.of(2024, 6, 12),
                "前三个工作日", LocalDate.of(2024, 6, 4), "后十个工作日", LocalDate.of(2024, 6, 21));
        for (String named : NAMED) {
            for (Map.Entry<String, LocalDate> e : expected.entrySet()) {
                String s = "请于" + named + e.getKey() + "内将纸质材料寄送科研处。";
                DeadlineReader.Reading r = DeadlineReader.read(List.of(CUTOFF, s), List.of(), SIGNED);
                CallDeadline d = r.deadlines().get(0);
                assertEquals(DateOrDateTime.ofDate(e.getValue()), d.closes(), s);
                assertTrue(d.reasons().get(0).contains("public holidays"), d.reasons().toString());
            }
        }
    }

    @Test
    void withoutACutoff_orHoursFromADay_theRuleIsSaidInTheNotes() {
        for (String named : NAMED) {
            String s = "请于" + named + "前3个工作日完成提交。";
            DeadlineReader.Reading none = DeadlineReader.read(List.of(s), List.of(), SIGNED);
            assertEquals(List.of(), none.deadlines(), s);
            assertTrue(none.notes().stream().anyMatch(n -> n.contains(named.endsWith("截止") ? "截止前3个工作日" : "前3个工作日")
                    && n.contains("no cutoff to count from")), none.notes().toString());
            String hours = "请于" + named + "前2小时完成提交。";
            DeadlineReader.Reading day = DeadlineReader.read(List.of("网上申报截止日期为2024年6月7日。", hours), List.of(), SIGNED);
            assertTrue(day.deadlines().stream().noneMatch(d -> d.asWritten().contains("小时")), hours);
            assertTrue(day.notes().stream().anyMatch(n -> n.contains("no time of day")), day.notes().toString());
        }
    }
}
