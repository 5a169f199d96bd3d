package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The date and time grammar, exhaustively: every day of a leap year in each way a notice writes a date,
 * every minute of the day in each way it writes a time, and the forms seen in real notices.
 */
class ChineseDatesTest {
    private static final String[] CN = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private static ChineseDates.Mention only(String text) {
        List<ChineseDates.Mention> found = ChineseDates.find(text);
        assertEquals(1, found.size(), text + " → " + found);
        return found.get(0);
    }

    private static DateOrDateTime value(String text, Integer year) {
        return ChineseDates.resolve(only(text), year);
    }

    private static DateOrDateTime beijing(String local) {
        return DateOrDateTime.of(OffsetDateTime.parse(local + "+08:00"));
    }

    /** 一 … 三十一 as written in dates. */
    private static String chinese(int n) {
        if (n <= 10) {
            return CN[n];
        }
        return (n >= 20 ? CN[n / 10] : "") + "十" + (n % 10 == 0 ? "" : CN[n % 10]);
    }

    @Test
    void everyDayOfALeapYear_inEveryDateForm() {
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() == 2024; d = d.plusDays(1)) {
            int m = d.getMonthValue();
            int day = d.getDayOfMonth();
            DateOrDateTime expected = DateOrDateTime.ofDate(d);
            String yearCn = "二〇二四";
            for (String written : List.of(
                    "2024年" + m + "月" + day + "日",
                    "2024 年 " + m + " 月 " + day + " 日",
                    "2024年" + m + "月" + day + "号",
                    yearCn + "年" + chinese(m) + "月" + chinese(day) + "日",
                    "2024-" + m + "-" + day,
                    "2024." + m + "." + day,
                    "2024/" + m + "/" + day,
                    "2024年" + m + "月" + day + "日（星期" + "一二三四五六日".charAt(d.getDayOfWeek().getValue() - 1) + "）")) {
                assertEquals(expected, value("截止日期为" + written + "。", null), written);
            }
            assertEquals(expected, value(m + "月" + day + "日", 2024), "the year comes from outside");
            assertNull(value(m + "月" + day + "日", null), "no year, none given: unresolved, not guessed");
        }
    }

    @Test
    void everyMinuteOfTheDay_inEveryTimeForm() {
        for (int h = 0; h < 24; h++) {
            for (int min = 0; min < 60; min++) {
                DateOrDateTime expected = beijing("2013-05-30T%02d:%02d:00".formatted(h, min));
                List<String> forms = new java.util.ArrayList<>(List.of(
                        h + ":" + "%02d".formatted(min),
                        h + "：" + "%02d".formatted(min),
                        "%02d:%02d".formatted(h, min),
                        h + "时" + min + "分",
                        h + "点" + min + "分"));
                if (min == 0) {
                    forms.addAll(List.of(h + "时", h + "点", chinese(h == 0 ? 0 : h) + "时"));
                }
                if (min == 30) {
                    forms.add(h + "点半");
                }
                if (h >= 13) {
                    forms.add("下午" + (h - 12) + ":" + "%02d".formatted(min));
                    forms.add("下午" + (h - 12) + "点" + (min == 0 ? "" : min + "分"));
                    forms.add("晚上" + (h - 12) + ":" + "%02d".formatted(min));
                } else if (h >= 1 && h < 12) {
                    forms.add("上午" + h + ":" + "%02d".formatted(min));
                }
                if (h == 12) {
                    forms.add("中午12:" + "%02d".formatted(min));
                    forms.add("下午12:" + "%02d".formatted(min));
                }
                for (String time : forms) {
                    if (time.startsWith("零")) {
                        continue;
                    }
                    assertEquals(expected, value("2013年5月30日" + time, null), time);
                    assertEquals(expected, value("2013年5月30日 " + time + "前", null), time + "前");
                }
            }
        }
    }

    @Test
    void midnight24_isTheEndOfTheDay() {
        for (String t : List.of("24:00", "24时", "24点", "晚上12点", "24：00")) {
            assertEquals(beijing("2013-05-31T00:00:00"), value("2013年5月30日" + t, null), t);
        }
        assertEquals(beijing("2014-01-01T00:00:00"), value("2013年12月31日24:00", null), "across the year end");
    }

    @Test
    void impossibleDatesAndTimes_areNotInvented() {
        assertNull(value("2023年2月29日", null), "2023 is no leap year");
        assertEquals(DateOrDateTime.ofDate(LocalDate.of(2024, 2, 29)), value("2024年2月29日", null));
        assertTrue(ChineseDates.find("2023年13月1日").isEmpty());
        assertTrue(ChineseDates.find("2023年4月32日").isEmpty());
        ChineseDates.Mention bad = only("2023年4月30日25:00");
        assertFalse(bad.hasTime(), "25:00 is no time; the date stands alone");
        assertEquals("2023年4月30日", bad.asWritten());
    }

    @Test
    void rangesAndTheirSecondEnds() {
        String nsfc = "申请书报送日期为2017年8月28日-9月1日16时。";
        List<ChineseDates.Mention> r = ChineseDates.find(nsfc);
        assertEquals(2, r.size());
        assertTrue(ChineseDates.isRange(nsfc, r.get(0), r.get(1)));
        assertNull(r.get(1).year());
        assertEquals(LocalTime.of(16, 0), r.get(1).time());

        String dayOnly = "申报时间为2024年5月10日至20日17:00。";
        List<ChineseDates.Mention> d = ChineseDates.find(dayOnly);
        assertEquals(2, d.size(), d.toString());
        assertEquals(5, d.get(1).month());
        assertEquals(20, d.get(1).day());
        assertEquals(2024, d.get(1).year());
        assertEquals(LocalTime.of(17, 0), d.get(1).time());
        assertTrue(ChineseDates.isRange(dayOnly, d.get(0), d.get(1)));

        String stcsm = "申报时间：2023年3月29日9:00至2023年4月18日16:30。";
        List<ChineseDates.Mention> s = ChineseDates.find(stcsm);
        assertTrue(ChineseDates.isRange(stcsm, s.get(0), s.get(1)));
        String two = "网上申报截止时间为2013年5月30日下午5:00,各级科技主管部门网上审核推荐截止时间为2013年6月3日下午5:00";
        List<ChineseDates.Mention> g = ChineseDates.find(two);
        assertEquals(2, g.size());
        assertFalse(ChineseDates.isRange(two, g.get(0), g.get(1)), "two deadlines, not a range");
    }

    @Test
    void everyJoiner_singleOrDoubled_joinsEverySecondEnd() {
        for (String joiner : List.of("至", "到", "-", "—", "——", "–", "－", "~", "～", "--", " 至 ", " —— ")) {
            for (String second : List.of("20日", "5月20日", "2024年5月20日", "20日17:00", "5月20日下午5点")) {
                String text = "请申报人于2024年5月10日" + joiner + second + "完成网上填报。";
                List<ChineseDates.Mention> m = ChineseDates.find(text);
                assertEquals(2, m.size(), text + " → " + m);
                assertTrue(ChineseDates.isRange(text, m.get(0), m.get(1)), text);
                assertEquals(20, m.get(1).day(), text);
                assertEquals(5, m.get(1).month(), text);
            }
        }
    }

    @Test
    void by_isRecognisedAfterTheDate() {
        assertTrue(only("请于2013年4月10日之前报送").by());
        assertTrue(only("2023年9月8日16:00前").by());
        assertTrue(only("截止日期（2017年9月1日16时）前提交").by());
        assertFalse(only("截止时间为2013年4月30日。").by());
        for (String closes : List.of("关闭", "正式关闭", "截止", "止")) {
            assertTrue(only("申报系统将于2010年3月1日24时" + closes).by(), closes);
        }
        for (String office : List.of("下班前", "下班之前", "下班时间前", "工作时间内", "办公时间内", "工作时间结束前")) {
            for (String date : List.of("11月3日", "2017年11月3日", "11月3号", "2017-11-03")) {
                ChineseDates.Mention m = only("请于" + date + office + "将材料交科研处");
                assertTrue(m.by(), date + office);
                assertFalse(m.hasTime(), date + office + ": a day, no clock time");
            }
        }
    }

    @Test
    void signatureLines() {
        assertEquals(LocalDate.of(2013, 1, 21), ChineseDates.dateLine("二〇一三年一月二十一日"));
        assertEquals(LocalDate.of(2013, 1, 21), ChineseDates.dateLine("二○一三年一月二十一日"));
        assertEquals(LocalDate.of(2026, 5, 8), ChineseDates.dateLine("2026 年 5 月 8 日"));
        assertEquals(LocalDate.of(2008, 8, 5), ChineseDates.dateLine("二OO八年八月五日"), "the letter O typed for 〇");
        assertEquals(LocalDate.of(2017, 8, 3), ChineseDates.dateLine("2017.8.3"));
        assertNull(ChineseDates.dateLine("2026年5月8日印发"));
        assertNull(ChineseDates.dateLine("2023年2月30日"));
    }
}
