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
}
