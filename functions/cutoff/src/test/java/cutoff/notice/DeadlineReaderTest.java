package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deadline sentences generated from the notice grammar (who × what × how the date is introduced ×
 * how it is written), not only the sentences of the real notices: each must give its kind and instant.
 */
class DeadlineReaderTest {
    private static final Years SIGNED_2013_01 = new Years(LocalDate.of(2013, 1, 21), null, null);

    private static DeadlineReader.Reading read(String... lines) {
        return DeadlineReader.read(List.of(lines), List.of(), SIGNED_2013_01);
    }

    private static final Map<String, DeadlineKind> WHAT = Map.of(
            "各级科技主管部门网上审核推荐", DeadlineKind.RECOMMENDATION,
            "推荐单位审核", DeadlineKind.RECOMMENDATION,
            "书面申报材料寄送", DeadlineKind.PAPER_COPY,
            "纸质材料报送", DeadlineKind.PAPER_COPY,
            "预申请提交", DeadlineKind.PRE_PROPOSAL,
            "正式申请提交", DeadlineKind.FULL_PROPOSAL,
            "申报材料报送科研处", DeadlineKind.RELAY,
            "申请书报送市科技局", DeadlineKind.RELAY);

    private static final List<String> INTRO = List.of("%s截止时间为%s", "%s截止日期：%s", "%s须于%s前完成", "请%s于%s之前完成");

    @Test
    void everyKindPhrase_withEveryIntroduction_andEveryTimeForm() {
        Map<String, DateOrDateTime> when = Map.of(
                "2013年6月3日下午5:00", DateOrDateTime.of(OffsetDateTime.parse("2013-06-03T17:00:00+08:00")),
                "6月3日17时", DateOrDateTime.of(OffsetDateTime.parse("2013-06-03T17:00:00+08:00")),
                "6月3号16:30", DateOrDateTime.of(OffsetDateTime.parse("2013-06-03T16:30:00+08:00")),
                "2013年6月3日", DateOrDateTime.ofDate(LocalDate.of(2013, 6, 3)),
                "6月3日24:00", DateOrDateTime.of(OffsetDateTime.parse("2013-06-04T00:00:00+08:00")));
        for (Map.Entry<String, DeadlineKind> what : WHAT.entrySet()) {
            for (String intro : INTRO) {
                for (Map.Entry<String, DateOrDateTime> w : when.entrySet()) {
                    String sentence = "申报单位网上申报截止时间为2013年5月30日16:30，" + intro.formatted(what.getKey(), w.getKey()) + "。";
                    DeadlineReader.Reading r = read(sentence);
                    assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2013-05-30T16:30:00+08:00")), r.window().closes(), sentence);
                    assertEquals(1, r.deadlines().size(), sentence + " → " + r.deadlines());
                    assertEquals(what.getValue(), r.deadlines().get(0).kind(), sentence);
                    assertEquals(w.getValue(), r.deadlines().get(0).closes(), sentence);
                }
            }
        }
    }

    @Test
    void theCutoffIncludingReview_isTheApplicantsCutoff_notARecommendation() {
        DeadlineReader.Reading r = read("项目网上填报起始时间为2026年5月15日9:00，截止时间（含申报单位网上审核提交）为2026年6月3日16:30。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2026-05-15T09:00:00+08:00")), r.window().opens());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2026-06-03T16:30:00+08:00")), r.window().closes());
        assertEquals(List.of(), r.deadlines());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2023-09-08T16:00:00+08:00")),
                read("申请提交及推荐截止时间：2023年9月8日16:00前。").window().closes());
    }

    @Test
    void datesThatAreNotDeadlines_areIgnored() {
        for (String s : List.of("执行期限：2023年10月1日至2026年9月30日。", "两国政府于2010年5月12日签署协定。",
                "申请人应为1983年1月1日以后出生。", "申请书中研究期限应填写“2018年1月1日-2020年12月31日”。",
                "依据《2023年3月1日印发的管理办法》执行。", "项目须于2025年12月31日前通过验收。")) {
            DeadlineReader.Reading r = read(s);
            assertNull(r.window(), s);
            assertEquals(List.of(), r.deadlines(), s);
        }
    }

    @Test
    void a申报起止时间Range_isTheWindow() {
        DeadlineReader.Reading r = read("申报起止时间：2024年3月1日9:00至2024年3月20日16:30。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2024-03-01T09:00:00+08:00")), r.window().opens());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2024-03-20T16:30:00+08:00")), r.window().closes());
    }

    @Test
    void foreignSideDates_areLeftToTheForeignReader() {
        DeadlineReader.Reading r = read("外方截止时间为2013年9月30日。", "（英方）9月29号提交预申请。", "以方截止日期为2013年4月1日。");
        assertNull(r.window());
        assertEquals(List.of(), r.deadlines());
    }

    @Test
    void aYearlessDateWithoutSignatureOrYear_isNotedNotGuessed() {
        DeadlineReader.Reading r = DeadlineReader.read(List.of("截止时间为4月30日。"), List.of(), new Years(null, null, null));
        assertNull(r.window());
        assertTrue(r.notes().get(0).contains("--year"), r.notes().toString());
    }

    @Test
    void aMonthBeforeTheSignatureMonth_isNextYear() {
        DeadlineReader.Reading r = DeadlineReader.read(List.of("截止时间为1月12日17:00。"), List.of(),
                new Years(LocalDate.of(2024, 12, 20), 2030, 2024));
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2025-01-12T17:00:00+08:00")), r.window().closes());
    }

    @Test
    void aUniversityRelay_theCampusDeadlineIsRelay_theIssuersIsTheWindow() {
        DeadlineReader.Reading r = read("请申请人于2013年5月10日前将申请书电子版发送至科研处邮箱。",
                "校内截止时间：2013年5月12日17:00。", "省科技厅网上申报截止时间为2013年5月30日17:00。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2013-05-30T17:00:00+08:00")), r.window().closes());
        assertEquals(List.of(DeadlineKind.RELAY, DeadlineKind.RELAY), r.deadlines().stream().map(CallDeadline::kind).toList());
    }

    @Test
    void anOpenSystemRange_isTheWindow() {
        DeadlineReader.Reading r = read("申报系统开放时间：2024年8月1日9:00—8月31日17:00。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2024-08-01T09:00:00+08:00")), r.window().opens());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2024-08-31T17:00:00+08:00")), r.window().closes());
    }

    @Test
    void twoDeadlinesJoinedByAComma_eachTakeTheirOwnKind() {
        DeadlineReader.Reading r = read("请各单位于2006年1月12日17时前将申请材料报送我司，纸质材料请于1月20日中午12点前寄达。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2006-01-12T17:00:00+08:00")), r.window().closes());
        assertEquals(List.of(DeadlineKind.PAPER_COPY), r.deadlines().stream().map(CallDeadline::kind).toList());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2006-01-20T12:00:00+08:00")), r.deadlines().get(0).closes());
        DeadlineReader.Reading staged = read("申报截止时间为2017年12月1日17:00，（英方）9月29号提交预申请，正式申请截止时间为2017年11月15日17:00。");
        assertEquals(List.of(DeadlineKind.FULL_PROPOSAL), staged.deadlines().stream().map(CallDeadline::kind).toList());
    }

    @Test
    void aTimeWrittenInAnotherZone_isThatZonesInstant() {
        DeadlineReader.Reading r = read("申请截止时间为2017年11月15日17:00（英国时间）。");
        assertEquals("2017-11-15T17:00:00Z", r.window().closes().dateTime().toInstant().toString());
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2017-11-15T17:00:00+08:00")),
                read("申请截止时间为2017年11月15日17:00（北京时间）。").window().closes());
        assertEquals("2017-06-15T16:00:00Z", read("截止时间为2017年6月15日16:00 GMT。").window().closes().dateTime().toInstant().toString());
    }

    @Test
    void aForeignSideAsTheSubject_isNotOurDeadline() {
        DeadlineReader.Reading r = read("中方申报截止时间为2024年2月20日16:30，俄方合作单位须于1月30号前向俄方主管部门提交申请。");
        assertEquals(DateOrDateTime.of(OffsetDateTime.parse("2024-02-20T16:30:00+08:00")), r.window().closes());
        assertEquals(List.of(), r.deadlines());
    }

    @Test
    void phrasingsFromRelaysAndProvinces() {
        Years none = new Years(null, null, null);
        assertEquals(DateOrDateTime.parse("2021-11-20T00:00:00+08:00"),
                DeadlineReader.read(List.of("申请时间：2021年9月20日至11月19日(截止至24:00)。"), List.of(), none).window().closes());
        assertEquals(DateOrDateTime.parse("2018-11-27T17:00:00+08:00"),
                DeadlineReader.read(List.of("自即日起,到2018年11月27日17:00时截止。"), List.of(), none).window().closes());
        DeadlineReader.Reading noBefore = DeadlineReader.read(List.of("申报截止时间为2018年1月19日。请各申报单位于2018年1月22日将纸本材料报送科技处。"),
                List.of(), none);
        assertEquals(List.of(new CallDeadline(DeadlineKind.PAPER_COPY, DateOrDateTime.parse("2018-01-22"), "2018年1月22日", "各申报单位")),
                Sources.dropped(noBefore.deadlines()));
        DeadlineReader.Reading paragraph = DeadlineReader.read(List.of(
                "网上申报截止时间为2023年2月26日。纸质申报材料请于3月7日前送至市科技局窗口。"), List.of(), none);
        assertEquals(DateOrDateTime.parse("2023-03-07"), paragraph.deadlines().get(0).closes(), "the paragraph's year");
    }
}
