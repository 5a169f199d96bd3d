package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Openings written apart from the cutoff ({@link Openings}), generated from the opening forms × how the date is
 * written × where the cutoff is stated: each must give the window's opening; dates that are not openings must not.
 */
class OpeningsTest {
    private static Notice parse(String body) throws Exception {
        return new NoticeParser().parse(("关于组织申报2031年度合作项目的通知\n各有关单位：\n" + body + "\n某市科学技术局\n2031年2月10日\n")
                .getBytes(StandardCharsets.UTF_8), null);
    }

    private static final List<String> OPENING_FORMS = List.of(
            "项目集中接收工作自%s开始。", "申报系统自%s起开放。", "申请人可于%s起通过系统申报。", "系统于%s开始受理申报。",
            "请申请人于%s后登录系统填写申请书。", "网上申报系统将于%s开通。", "从%s起接受申请。");
    private static final List<String> CUTOFFS = List.of("申报截止时间为2031年3月20日16时。", "请于3月20日前完成网上申报。");

    @Test
    void anOpeningWrittenApart_opensTheWindow_forEveryFormAndDate() throws Exception {
        for (String form : OPENING_FORMS) {
            for (String[] date : new String[][] {{"2031年3月1日", "2031-03-01"}, {"3月1日", "2031-03-01"},
                    {"2031年3月1日9:00", "2031-03-01T09:00:00+08:00"}}) {
                for (String cutoff : CUTOFFS) {
                    for (boolean openingFirst : new boolean[] {true, false}) {
                        String opening = String.format(form, date[0]);
                        String body = openingFirst ? opening + cutoff : cutoff + opening;
                        Window w = parse(body).topics().get(0).window();
                        assertEquals(date[1], String.valueOf(w.opens()), body);
                        assertEquals("2031-03-20", w.closes().date().toString(), body);
                    }
                }
            }
        }
    }

    @Test
    void aDateFollowedBy后_isNoCutoff_unlessNothingIsReceivedAfterIt() throws Exception {
        for (String after : List.of("后登录系统", "之后登录系统填写", "以后开始填报")) {
            String body = "请申请人于2031年3月1日" + after + "。申报截止时间为2031年3月20日16时。";
            assertEquals("2031-03-20T16:00:00+08:00", parse(body).topics().get(0).window().closes().toString(), body);
        }
        for (String refused : List.of("后不再受理", "后提交的申请不予受理", "之后不再接收")) {
            String body = "2031年3月20日" + refused + "。";
            assertEquals("2031-03-20", parse(body).topics().get(0).window().closes().toString(), body);
        }
    }

    @Test
    void openingToday_isTheDayTheReportIsDated_whenTheBracketedDayAgrees() throws Exception {
        for (String today : List.of("自今日(10日)起至3月20日接受申请。", "今天起至3月20日接受申请。", "自今日（10日）开始至3月20日接受申请。")) {
            for (String dateline : List.of("2031年2月10日", "时间:2031-02-10 15:18:06来源:某报")) {
                String text = "联合资助计划接受申请\n" + dateline + "\n某署今日宣布，" + today + "\n";
                Window w = new NoticeParser().parse(text.getBytes(StandardCharsets.UTF_8), null).topics().get(0).window();
                assertEquals("2031-02-10", String.valueOf(w.opens()), text);
                assertEquals("2031-03-20", w.closes().toString(), text);
            }
        }
        String otherDay = "联合资助计划接受申请\n2031年2月10日\n某署宣布，自今日(12日)起至3月20日接受申请。\n";
        assertNull(new NoticeParser().parse(otherDay.getBytes(StandardCharsets.UTF_8), null).topics().get(0).window().opens());
    }

    @Test
    void datesThatOpenNoWindow_areNoOpening() throws Exception {
        for (String other : List.of("项目执行期自2031年1月1日起三年。", "3月25日后提交的申请不予受理。", "申报单位应于2030年1月1日起成立。",
                "合作期限自2031年4月1日开始。", "申报系统自2029年3月1日起开放。")) {
            Window w = parse(other + "申报截止时间为2031年3月20日16时。").topics().get(0).window();
            assertNull(w.opens(), other);
        }
    }
}
