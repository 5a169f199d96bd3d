package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forms of a window generated from the notice grammar: a window open from now ({@code 自即日起至Y}), years of the
 * Republic ({@code 民國107年}), each with every way of writing the date.
 */
class WindowFormsTest {
    private static final Years SIGNED_2031_04 = new Years(LocalDate.of(2031, 4, 2), null, null);

    private static DeadlineReader.Reading read(String... lines) {
        return DeadlineReader.read(List.of(lines), List.of(), SIGNED_2031_04);
    }

    @Test
    void aWindowOpenFromNow_endsOnItsDate_theCutoff() {
        for (String from : List.of("自即日起至", "即日起至", "自今日起至", "今日(2日)起至", "自本通知发布之日起至", "即日开始至", "自今天起到")) {
            for (String date : List.of("5月20日", "2031年5月20日", "5月20日17:00")) {
                for (String end : List.of("止接受申请", "接受申请", "，逾期不予受理")) {
                    String sentence = "本计划" + from + date + end + "。";
                    DeadlineReader.Reading r = read(sentence);
                    assertTrue(r.window() != null, sentence + " → " + r);
                    assertEquals(LocalDate.of(2031, 5, 20), r.window().closes().date(), sentence);
                    assertTrue(r.window().sure(), sentence + " → " + r.window().reasons());
                }
            }
        }
        // A date after 至 with no opening word is not a window end: 由北京至上海.
        assertEquals(null, read("专家将于会后返回，行程由北京至5月20日的会议安排另行通知。").window());
    }

    @Test
    void aYearOfTheRepublic_isItsGregorianYear() {
        for (int republic : List.of(100, 107, 112, 120)) {
            for (String era : List.of("", "民国", "民國", "中华民国", "中華民國")) {
                for (String form : List.of("%s%d年%d月%d日", "%s%d 年 %d 月 %d 日")) {
                    String date = String.format(form, era, republic, 1, 8);
                    List<ChineseDates.Mention> found = ChineseDates.find("申请截止日期为" + date + "止");
                    assertEquals(1, found.size(), date);
                    assertEquals(1911 + republic, found.get(0).year(), date);
                    assertEquals(1, found.get(0).month(), date);
                    assertEquals(8, found.get(0).day(), date);
                }
            }
        }
        for (int republic : List.of(1, 38, 99)) {
            List<ChineseDates.Mention> found = ChineseDates.find("民國" + republic + "年3月5日");
            assertEquals(1911 + republic, found.get(0).year(), "民國" + republic);
            // Without its era word, a one- or two-digit number is no year: the date has none.
            assertEquals(null, ChineseDates.find("第" + republic + "年3月5日").get(0).year(), republic + "年");
        }
        assertEquals(2018, ChineseDates.find("2018年1月8日").get(0).year());
        assertEquals(LocalDate.of(2018, 1, 8), ChineseDates.dateLine("中華民國107年1月8日"));
    }
    @Test
    void aSentenceOpeningWithItsYear_givesTheYear_butAProgrammeYearOrTwoYearsDoNot() throws Exception {
        for (String opening : List.of("一、2031年，本项目继续实行集中受理。", "2031年,本项目继续实行集中受理。", "通知如下：2031年，本项目继续受理。")) {
            for (String due : List.of("我省申报截止时间为5月18日，逾期不予受理。", "请于5月18日前报送。")) {
                Notice n = parseBody(opening + due);
                assertEquals("2031-05-18", n.topics().get(0).window().closes().toString(), opening + due);
            }
        }
        for (String none : List.of("2030年，本项目试行；2031年，继续实行。", "本项目2031年，继续受理。")) {
            Notice n = parseBody(none + "我省申报截止时间为5月18日。");
            assertTrue(n.missing().stream().anyMatch(l -> l.contains("5月18日 is written without a year")), none + n.missing());
        }
    }

    @Test
    void aProgrammeYear_givesTheYearOnlyForReview_andNeverOverASoundYear() throws Exception {
        for (String programme : List.of("2031年度国家外国专家项目已开始申报。", "现组织申报2031年度合作项目。")) {
            for (String due : List.of("申报截止时间为4月7日。", "请于4月7日前报送。")) {
                Window w = parseBody(programme + due).topics().get(0).window();
                assertEquals("2031-04-07", w.closes().toString(), programme + due);
                assertEquals(Confidence.REVIEW, w.confidence(), programme + due);
                assertTrue(w.reasons().stream().anyMatch(r -> r.contains("programme year (2031年度)")), w.reasons().toString());
            }
        }
        Notice signed = new NoticeParser().parse(("关于申报项目的通知\n各有关单位：\n现组织申报2032年度合作项目。请于4月7日前报送。\n某局\n2031年3月1日\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals("2031-04-07", signed.topics().get(0).window().closes().toString());
        assertTrue(signed.topics().get(0).window().sure());
        Notice two = parseBody("2031年度和2032年度项目均可申报。请于4月7日前报送。");
        assertTrue(two.missing().stream().anyMatch(l -> l.contains("4月7日 is written without a year")), two.missing().toString());
    }

    private static Notice parseBody(String body) throws Exception {
        return new NoticeParser().parse(("关于申报后期资助项目的通知\n各有关单位：\n" + body + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    }
}
