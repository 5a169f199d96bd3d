package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Programme tables generated from the row grammar ({@link ProgrammeTable}): rows × how the range is written ×
 * cell separators × traditional and simplified script. Each row must become a topic with its own window,
 * its row quoted as the source, and {@code sure} unless the cutoff's year had to be inferred.
 */
class ProgrammeTableTest {
    /** Programme names, simplified and traditional: made up, not taken from a notice. */
    private static final List<String> SIMPLIFIED = List.of("青年学者资助类", "产学研合作类", "国际联合研究类", "平台建设资助类");
    private static final List<String> TRADITIONAL = List.of("青年學者資助類", "產學研合作類", "國際聯合研究類", "平台建設資助類");
    private static final List<String> SEPARATORS = List.of("\t", "  ", "    ", " \t ", "\u3000\u3000");
    /** How a range is written: {@code %1$d} year, {@code %2$d}/{@code %3$d} opening month/day, {@code %4$d}/{@code %5$d} cutoff. */
    private static final List<String> RANGES = List.of(
            "%1$d年%2$d月%3$d日至%4$d月%5$d日",
            "%1$d年%2$d月%3$d日至%1$d年%4$d月%5$d日",
            "%1$d年%2$d月%3$d日－%4$d月%5$d日",
            "%1$d年%2$d月%3$d日~%4$d月%5$d日",
            "%1$d年%2$d月%3$d日 到 %4$d月%5$d日");

    private static String parsedRows(List<String> names, String separator, String range, String tail, String header) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 0; i < names.size(); i++) {
            text.append(names.get(i)).append(separator)
                    .append(String.format(range, 2031, i + 2, 3 + i, i + 3, 10 + i))
                    .append(tail.isEmpty() ? "" : separator + tail).append('\n');
        }
        return text.toString();
    }

    private static Notice parse(String text) throws Exception {
        return new NoticeParser().parse(text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void everyRow_becomesATopicWithItsOwnWindow_forEverySeparatorRangeFormAndScript() throws Exception {
        for (List<String> script : List.of(SIMPLIFIED, TRADITIONAL)) {
            for (int rows = 2; rows <= script.size(); rows++) {
                List<String> names = script.subList(0, rows);
                for (String separator : SEPARATORS) {
                    for (String range : RANGES) {
                        for (String tail : List.of("", "网上申请系统", "網上申請系統")) {
                            String text = parsedRows(names, separator, range, tail, "资助计划申请时间表");
                            String what = text.replace("\t", "<TAB>");
                            Notice notice = parse(text);
                            assertEquals(rows, notice.topics().size(), what);
                            for (int i = 0; i < rows; i++) {
                                Topic t = notice.topics().get(i);
                                assertEquals(names.get(i), t.title(), what);
                                assertEquals(DateOrDateTime.ofDate(LocalDate.of(2031, i + 2, 3 + i)), t.window().opens(), what);
                                assertEquals(DateOrDateTime.ofDate(LocalDate.of(2031, i + 3, 10 + i)), t.window().closes(), what);
                                assertTrue(t.window().sure(), what);
                                assertTrue(t.window().source().text().startsWith(names.get(i)), what);
                                assertEquals(LocalDate.of(2031, i + 3, 10 + i).getMonthValue() + "月" + (10 + i) + "日",
                                        t.window().source().span().replaceAll(".*[至到－~]\\s*(?:\\d{4}年)?", ""), what);
                                assertEquals(i + 2, t.window().source().line(), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPeriodLabel_takesTheNameAboveIt_andNamesEachPeriod() throws Exception {
        for (String[] script : new String[][] {{"青年学者资助类", "申请期", "第一期", "第二期"}, {"青年學者資助類", "申請期", "第一期", "第二期"}}) {
            for (String colon : List.of(":", "：")) {
                String text = "时间表\n" + script[0] + "\n"
                        + script[2] + colon + "2031年1月13日至2月13日\n"
                        + script[3] + colon + "2031年7月29日至8月29日\n"
                        + "产学研合作类" + script[1] + colon + "2031年4月1日至4月30日\n";
                Notice notice = parse(text);
                assertEquals(List.of(script[0] + " 第一期", script[0] + " 第二期", "产学研合作类 " + script[1]),
                        notice.topics().stream().map(Topic::title).toList(), text);
                assertEquals(List.of("2031-02-13", "2031-08-29", "2031-04-30"),
                        notice.topics().stream().map(t -> t.window().closes().toString()).toList(), text);
            }
        }
    }

    @Test
    void aCollectionPeriod_isNoApplicationWindow() throws Exception {
        for (String collect : List.of("需求征集期", "需求徵集期", "指南方向征集期")) {
            String text = "时间表\n青年学者资助类  " + collect + ":2031年2月12日至2031年3月7日\n"
                    + "产学研合作类  2031年4月1日至4月30日\n国际联合研究类  2031年5月1日至5月30日\n";
            Notice notice = parse(text);
            assertEquals(List.of("2031-04-30", "2031-05-30"),
                    notice.topics().stream().map(t -> t.window().closes().toString()).toList(), text);
        }
    }

    @Test
    void aCutoffBeforeItsOpeningInTheSameYear_isTheNextYears_forReview() throws Exception {
        String text = "时间表\n青年学者资助类\t2031年12月13日至1月10日\n产学研合作类\t2031年4月1日至4月30日\n";
        Topic first = parse(text).topics().get(0);
        assertEquals("2032-01-10", first.window().closes().toString());
        assertEquals(Confidence.REVIEW, first.window().confidence());
        assertEquals(1, first.window().reasons().size());
    }

    @Test
    void aOneDayPeriod_isThatDay_andAYearThatCannotRollOver_isNoRow() throws Exception {
        String text = "时间表\n青年学者资助类\t2031年4月1日至4月1日\n产学研合作类\t9999年12月31日至1月1日\n"
                + "国际联合研究类\t2031年5月1日至5月2日\n";
        List<Topic> topics = parse(text).topics();
        assertEquals(List.of("青年学者资助类", "国际联合研究类"), topics.stream().map(Topic::title).toList());
        assertEquals("2031-04-01", topics.get(0).window().closes().toString());
        assertTrue(topics.get(0).window().sure());
    }

    @Test
    void oneRow_sentences_monthLevelAndDamagedRanges_areNoTable() throws Exception {
        List<String> notTables = new ArrayList<>();
        notTables.add("时间表\n青年学者资助类\t2031年4月1日至4月30日\n");
        notTables.add("时间表\n申报单位须于2031年4月1日至4月30日\t完成申报\n项目截止时间为\t2031年5月1日至5月30日\n");
        notTables.add("时间表\n青年学者资助类\t2031年11月至12月\n产学研合作类\t2031年10月至12月(待定)\n");
        notTables.add("时间表\n青年学者资助类\t2031年11月4至12月12\n产学研合作类\t2031年4月1日至4月30日\n");
        notTables.add("时间表\n青年学者资助类\t2031年2月30日至3月5日\n产学研合作类\t2031年13月1日至4月30日\n");
        for (String text : notTables) {
            Notice notice = parse(text);
            assertEquals(1, notice.topics().size(), text);
            assertTrue(notice.topics().get(0).window() == null || !notice.topics().get(0).window().closes().toString().equals("2031-04-30")
                    || text.contains("须于"), text);
        }
    }

    @Test
    void aRecurringWindow_isOneRowPerMonthListed_forEveryWayOfWritingIt() throws Exception {
        List<List<Integer>> monthLists = List.of(List.of(1, 4), List.of(1, 4, 7, 10), List.of(2, 5, 8));
        List<String> joins = List.of("、", "，", "和");
        List<String> days = List.of("%d至%d日", "%d日至%d日", "的%d至%d日", "的%d日-%d日", "之%d日～%d日");
        for (List<Integer> months : monthLists) {
            for (String join : joins) {
                for (String dayForm : days) {
                    for (int[] d : new int[][] {{1, 10}, {5, 25}}) {
                        StringBuilder written = new StringBuilder("2031年");
                        for (int i = 0; i < months.size(); i++) {
                            written.append(i == 0 ? "" : join).append(months.get(i)).append("月");
                        }
                        written.append(String.format(dayForm, d[0], d[1]));
                        String text = "时间表\n青年学者资助类  2031年1月13日至2月13日\n产学研合作类  " + written
                                + "  线上配对平台\n国际联合研究类  2031年4月1日至4月30日\n";
                        List<Topic> topics = parse(text).topics();
                        assertEquals(months.size() + 2, topics.size(), text);
                        for (int i = 0; i < months.size(); i++) {
                            Topic t = topics.get(i + 1);
                            assertEquals("产学研合作类 (" + months.get(i) + "月)", t.title(), text);
                            assertEquals(DateOrDateTime.ofDate(LocalDate.of(2031, months.get(i), d[0])), t.window().opens(), text);
                            assertEquals(DateOrDateTime.ofDate(LocalDate.of(2031, months.get(i), d[1])), t.window().closes(), text);
                            assertTrue(t.window().sure(), text);
                            assertEquals(written.toString(), t.window().source().span(), text);
                        }
                        assertEquals("2031-04-30", topics.get(topics.size() - 1).window().closes().toString(), text);
                    }
                }
            }
        }
    }

    @Test
    void aRangeThatLostItsDayMarks_isARowWithoutWindow_itsDigitsQuotedForAPerson() throws Exception {
        for (String damaged : List.of("2031年11月4至12月12", "2031年11月4日至12月12", "2031年11月4至12月12日",
                "2031年11月4-2032年1月12")) {
            String text = "时间表\n青年学者资助类  2031年1月13日至2月13日\n产学研合作类  2031年4月1日至4月30日\n"
                    + "平台建设资助类  国家级平台 " + damaged + "\n";
            Notice notice = parse(text);
            assertEquals(3, notice.topics().size(), text);
            Topic row = notice.topics().get(2);
            assertEquals("平台建设资助类 国家级平台", row.title(), text);
            assertEquals(null, row.window(), text);
            String quoted = damaged.split("[至-]")[0];
            assertTrue(notice.missing().stream().anyMatch(l -> l.startsWith("topics[2].window: ")
                    && l.contains("could not be read (" + quoted + ")")), text + notice.missing());
            assertTrue(notice.topics().stream().filter(t -> t.window() != null)
                    .noneMatch(t -> t.window().closes().date().getMonthValue() == 12), text);
        }
    }

    @Test
    void cells_areKeptApartByTabsAndRunsOfSpaces_notBySpacesInsideWords() {
        assertEquals("甲类\t2031年1月1日至2月1日\t系统", NoticeText.cells("甲类\t2031年1月1日至2月1日  系统"));
        assertEquals("甲类\t2031年1月1日至2月1日\t系统", NoticeText.cells("甲类 2031年1月1日至2月1日 系统"));
        assertEquals("FDCT and NSFC joint", NoticeText.cells("FDCT and NSFC joint"));
    }
}
