package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a year-less date takes its year: generated page headers and months around the publication date. */
class YearsTest {
    private static final List<String> LABELS = List.of("发布日期", "发布时间", "日期", "时间", "发表日期");
    private static final List<String> COLONS = List.of(":", "：", ": ", "： ");
    private static final List<String> DATES = List.of("2023-04-10", "2023/4/10", "2023.04.10", "2023年4月10日");

    @Test
    void aPagesPublicationDate_inItsHeader_isReadInEveryForm() {
        for (String label : LABELS) {
            for (String colon : COLONS) {
                for (String date : DATES) {
                    String header = "发布者:某某 " + label + colon + date + " 浏览次数:15";
                    List<String> lines = List.of("关于转发《2023年度某项目申报公告》的通知", header, "各院部：");
                    assertEquals(LocalDate.of(2023, 4, 10), NoticeHeader.published(lines, 0), header);
                }
            }
        }
    }

    @Test
    void aDateInTheBody_orBelowTheHeader_isNoPublicationDate() {
        List<String> lines = new java.util.ArrayList<>(java.util.Collections.nCopies(12, "各院部："));
        lines.add("发布日期：2023-04-10");
        assertNull(NoticeHeader.published(lines, 0));
        assertNull(NoticeHeader.published(List.of("请于2023年4月10日前报送。"), 0));
        assertNull(NoticeHeader.published(List.of("发布日期：2023-02-30"), 0));
        // A label that is part of a longer word names something else: a call's own dates, never the page's.
        for (String label : List.of("申报时间", "截止日期", "受理时间")) {
            assertNull(NoticeHeader.published(List.of("某某通知", label + "：2023-04-10", "各院部："), 1), label);
        }
    }

    @Test
    void theMonthOfAYearlessDate_placesItAroundThePublicationDate_asASignatureDoes() {
        Years published = new Years(null, null, null, LocalDate.of(2023, 11, 20), null, null);
        Years signed = new Years(LocalDate.of(2023, 11, 20), null, null);
        for (int month = 1; month <= 12; month++) {
            assertEquals(signed.forMonth(month), published.forMonth(month), "month " + month);
            assertNull(published.doubt(month), "a publication date is no guess");
        }
        assertEquals(2024, published.forMonth(1));
        assertEquals(2023, published.forMonth(12));
        // The signature and --year come first; the document number only after the page's date.
        assertEquals(2022, new Years(LocalDate.of(2022, 3, 1), null, null, LocalDate.of(2023, 4, 10), null, null).forMonth(5));
        assertEquals(2021, new Years(null, 2021, null, LocalDate.of(2023, 4, 10), null, null).forMonth(5));
        assertEquals(2023, new Years(null, null, 2020, LocalDate.of(2023, 4, 10), null, null).forMonth(5));
    }

    @Test
    void aPastYearsProjects_areNoProgrammeYear_butTheCallsOwnIs() {
        for (int year : List.of(2016, 2022, 2031)) {
            String call = year + "年度国家外国专家项目已开始申报，";
            for (String past : List.of("已立项且按时完成经费核销的单位优先推荐", "获批项目须按时结题", "获资助的项目负责人", "立项项目",
                    "结题验收工作另行通知", " 已结题的项目")) {
                String pastYear = (year - 1) + "年度" + past;
                assertEquals(year, Years.programmeIn(List.of(call + pastYear + "。")), call + pastYear);
                assertEquals(year, Years.programmeIn(List.of(pastYear + "。", call)), pastYear + call);
                // Alone, a past year's projects name no programme year.
                assertNull(Years.programmeIn(List.of(pastYear + "。")), pastYear);
            }
            // Two programme years the call runs: none is the one.
            assertNull(Years.programmeIn(List.of(call, (year + 1) + "年度专项项目申报指南")));
        }
    }
}
