package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Guidelines;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeParserTest {
    private final NoticeParser parser = new NoticeParser();

    private Notice parse(String guideline, Integer year) throws NotANoticeException {
        return parser.parse(Guidelines.bytes(guideline), year);
    }

    private Notice parseText(String text) throws NotANoticeException {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static DateOrDateTime beijing(String local) {
        return DateOrDateTime.of(OffsetDateTime.parse(local + "+08:00"));
    }

    @Test
    void stcsm2023_hasSixTopicsEachWithItsOwnWindow_closingOnDifferentDays() throws Exception {
        Notice n = parse(Guidelines.STCSM_2023_4, null);
        assertEquals("沪科指南〔2023〕4号", n.documentNumber());
        assertEquals("上海市科学技术委员会", n.issuer());
        assertEquals(LocalDate.of(2023, 3, 21), n.signedOn());
        assertTrue(n.title().startsWith("关于发布上海市2023年度"), n.title());
        assertTrue(n.title().endsWith("申报指南的通知"), n.title());
        assertEquals(List.of("专题一", "专题二", "专题三", "专题四", "专题五", "专题六"),
                n.topics().stream().map(Topic::key).toList());
        assertEquals("政府间国际科技合作", n.topics().get(0).title());
        for (Topic t : n.topics()) {
            assertEquals(beijing("2023-03-29T09:00:00"), t.window().opens(), t.key());
        }
        assertEquals(List.of("2023-04-18", "2023-04-28", "2023-04-28", "2023-04-28", "2023-04-18", "2023-04-18"),
                n.topics().stream().map(t -> t.window().closes().date().toString()).toList());
        assertEquals(beijing("2023-04-18T16:30:00"), n.topics().get(0).window().closes());
        assertEquals(List.of(50, 100, 100, 100, 100, 200), n.topics().stream().map(Topic::fundingCapWan).toList());
        assertEquals(new ProjectPeriod(LocalDate.of(2023, 10, 1), LocalDate.of(2026, 9, 30), "2023年10月1日至2026年9月30日"),
                n.topics().get(1).projectPeriod());
    }

    @Test
    void stcsm2023_namesForeignAgenciesWithSitesAndContacts_butNoForeignDate_soTheDateIsMissing() throws Exception {
        Notice n = parse(Guidelines.STCSM_2023_4, null);
        ForeignDeadline israel = n.topics().get(1).foreignDeadlines().get(0);
        assertEquals("Israel Innovation Authority", israel.agency());
        assertEquals("Asia/Jerusalem", israel.zone().getId());
        assertEquals("https://www.innovationisrael.org.il/", israel.site());
        assertTrue(israel.contact().contains("APAC@innovationisrael.org.il"), israel.contact());
        assertNull(israel.date());
        assertFalse(israel.isDated());
        assertEquals("Enterprise Singapore", n.topics().get(2).foreignDeadlines().get(0).agency());
        ForeignDeadline finland = n.topics().get(3).foreignDeadlines().get(0);
        assertEquals("Business Finland", finland.agency());
        // The URL is broken across two lines in the extracted text.
        assertEquals("https://www.businessfinland.fi/en/locations/asia-india-and-oceania/china/china-innovation",
                finland.site());
        assertTrue(n.topics().get(0).foreignDeadlines().isEmpty());
        assertTrue(n.topics().get(4).foreignDeadlines().isEmpty(), "专题五 only excludes partners, names no agency");
        assertEquals(3, n.missing().stream().filter(m -> m.contains("foreignDeadlines") && m.contains(".date")).count(),
                n.missing().toString());
    }

    @Test
    void stcsm2026_oneNoticeWideWindowFrom申报方式_appliesToEveryTopic() throws Exception {
        Notice n = parse(Guidelines.STCSM_2026_8, null);
        assertEquals("沪科指南〔2026〕8号", n.documentNumber());
        assertEquals(LocalDate.of(2026, 5, 8), n.signedOn());
        assertEquals(3, n.topics().size());
        for (Topic t : n.topics()) {
            assertEquals(beijing("2026-05-15T09:00:00"), t.window().opens(), t.key());
            assertEquals(beijing("2026-06-03T16:30:00"), t.window().closes(), t.key());
        }
        assertEquals(List.of(), n.missing());
    }

    @Test
    void stcsm2026_directionsUnderTopicThree_andItsFundingAcrossAPageBreak() throws Exception {
        Topic three = parse(Guidelines.STCSM_2026_8, null).topics().get(2);
        assertEquals("外资研发机构协同创新", three.title());
        assertEquals(List.of(new Direction("方向一", "协同创新平台建设"), new Direction("方向二", "联合研究项目")),
                three.directions());
        // 方向一's 执行期限 and 经费额度 follow the "— 4 —" page line.
        assertEquals(200, three.fundingCapWan());
        assertEquals(LocalDate.of(2029, 7, 31), three.projectPeriod().to());
        assertTrue(parse(Guidelines.STCSM_2026_8, null).topics().get(0).directions().isEmpty());
    }

    @Test
    void zhejiang_programmesAndTopics_withoutWindowOrYear_sayWhatIsMissing() throws Exception {
        Notice n = parse(Guidelines.ZHEJIANG_BILATERAL, null);
        assertNull(n.documentNumber());
        assertNull(n.issuer());
        assertEquals("科技合作领域项目指南", n.title());
        assertEquals(List.of("双边产业联合研发计划项目", "政府间科技创新合作项目", "高端外资研发机构联合研发项目",
                "科技对口支援和东西部协作项目"), n.topics().stream().map(Topic::title).toList());
        assertEquals(List.of("国际科技合作项目", "国际科技合作项目", "国际科技合作项目", "对口支援与协作项目"),
                n.topics().stream().map(Topic::programme).toList());
        assertEquals(4, n.topics().stream().map(Topic::id).distinct().count());
        for (int i = 0; i < 4; i++) {
            assertNull(n.topics().get(i).window());
            String prefix = "topics[" + i + "].window:";
            assertTrue(n.missing().stream().anyMatch(m -> m.startsWith(prefix)), n.missing().toString());
        }
        assertEquals(List.of(150, 150, 150, 60), n.topics().stream().map(Topic::fundingCapWan).toList());
        List<ForeignDeadline> foreign = n.topics().get(0).foreignDeadlines();
        assertEquals(6, foreign.size());
        assertNull(foreign.get(0).date(), "9月30日 has no year and none was given");
        assertTrue(n.missing().stream().anyMatch(m -> m.contains("9月30日") && m.contains("--year")));
    }

    @Test
    void zhejiang_foreignDeadlines_takeTheGivenYear_inTheAgencysZone() throws Exception {
        List<ForeignDeadline> f = parse(Guidelines.ZHEJIANG_BILATERAL, 2024).topics().get(0).foreignDeadlines();
        assertEquals(List.of("Finland", "Israel", "Czech Republic", "Norway", "Belgium (West Flanders)", "Singapore"),
                f.stream().map(ForeignDeadline::partner).toList());
        assertEquals(List.of("Europe/Helsinki", "Asia/Jerusalem", "Europe/Prague", "Europe/Oslo", "Europe/Brussels",
                "Asia/Singapore"), f.stream().map(d -> d.zone().getId()).toList());
        assertEquals(LocalDate.of(2024, 9, 30), f.get(0).date());
        assertEquals("9月30日", f.get(0).asWritten());
        assertNull(f.get(0).time());
        assertEquals(LocalDate.of(2024, 9, 19), f.get(1).date());
        assertEquals(LocalDate.of(2024, 7, 13), f.get(2).date());
        assertTrue(f.get(2).condition().startsWith("合作外方已于该截止时间前"), f.get(2).condition());
        for (ForeignDeadline same : f.subList(3, 6)) {
            assertTrue(same.sameAsOurs(), same.partner());
            assertNull(same.date());
            assertEquals("与我省一致", same.asWritten());
        }
        assertEquals("Technology Agency of the Czech Republic (TA ČR)", f.get(2).agency());
        assertEquals("https://www.tacr.cz/en/4th-call-for-proposal/", f.get(2).site());
    }

    // ------------------------------------------------------------- notices like the real ones

    private static final String HEADER = "上海市科学技术委员会\n\n沪科指南%s\n\n关于发布测试项目\n\n申报指南的通知\n\n各有关单位：\n\n一、征集范围\n\n";

    @Test
    void straySpacesInDates_andFullWidthDigitsAndColons_readAsBeijingTimes() throws Exception {
        String text = HEADER.formatted("〔2025〕 12 号")
                + "专题一、测试专题\n\n申报时间：2025 年 10 月 10 日 ９：００ 至 2025 年 １０ 月 ３０ 日 16：30。\n\n"
                + "上海市科学技术委员会\n\n2025 年 9 月 30 日\n";
        Notice n = parseText(text);
        assertEquals("沪科指南〔2025〕12号", n.documentNumber());
        assertEquals(beijing("2025-10-10T09:00:00"), n.topics().get(0).window().opens());
        assertEquals(beijing("2025-10-30T16:30:00"), n.topics().get(0).window().closes());
        assertEquals(LocalDate.of(2025, 9, 30), n.signedOn());
    }

    @Test
    void bracketVariantsOfTheDocumentNumber_normaliseToTortoiseShellBrackets() throws Exception {
        for (String written : List.of("[2024]7 号", "【2024】7号", "„2024‟7 号", "〔 2024 〕 7号")) {
            Notice n = parseText(HEADER.formatted(written) + "专题一、测试\n\n申报时间：2024年3月1日9:00至2024年3月20日16:30。\n");
            assertEquals("沪科指南〔2024〕7号", n.documentNumber(), written);
        }
    }

    @Test
    void aSentenceBrokenByAPageNumberLine_isRejoined() throws Exception {
        String text = HEADER.formatted("〔2025〕3号")
                + "专题一、测试\n\n申报时间：2025年3月1日9:00至2025年\n\n\n— 7 —   \n\n3月20日16:30。\n";
        Topic t = parseText(text).topics().get(0);
        assertEquals(beijing("2025-03-20T16:30:00"), t.window().closes());
    }

    @Test
    void aNoticeWithoutTopicHeadings_isOneProgrammeAndOneTopic() throws Exception {
        String text = "某某省科学技术厅\n\n某科发〔2025〕9号\n\n关于组织申报2025年度测试计划的通知\n\n各有关单位：\n\n"
                + "一、支持方向\n\n支持领域：新材料、人工智能。\n\n经费额度：每项不超过80万元。\n\n"
                + "二、申报方式\n\n项目网上填报起始时间为2025年4月1日9:00，截止时间（含申报单位网上审核提交）为2025年4月30日16:30。\n";
        Notice n = parseText(text);
        assertEquals(1, n.topics().size());
        Topic t = n.topics().get(0);
        assertNull(t.key());
        assertEquals("关于组织申报2025年度测试计划的通知", t.title());
        assertEquals(beijing("2025-04-30T16:30:00"), t.window().closes());
        assertEquals(80, t.fundingCapWan());
        assertEquals("某某省科学技术厅", n.issuer());
    }

    @Test
    void theApplicationSite_comesFromTheApplicationMethodSection() throws Exception {
        assertEquals("https://czkj.sheic.org.cn/", parse(Guidelines.STCSM_2023_4, null).applicationSite(),
                "the direct address, not the portal http://www.sh.gov.cn before it");
        assertEquals("https://svc.stcsm.sh.gov.cn", parse(Guidelines.STCSM_2026_8, null).applicationSite());
        assertNull(parse(Guidelines.ZHEJIANG_BILATERAL, null).applicationSite());
    }

    @Test
    void directionsNumberedWithDigits_areRead() throws Exception {
        Topic t = parseText(HEADER.formatted("〔2025〕5号") + "专题一、测试\n\n方向1、智能机器人\n\n研究内容：略。\n\n"
                + "方向2：硅光技术\n\n申报时间：2025年3月1日9:00至2025年3月20日16:30。\n").topics().get(0);
        assertEquals(List.of(new Direction("方向1", "智能机器人"), new Direction("方向2", "硅光技术")), t.directions());
        assertEquals(beijing("2025-03-20T16:30:00"), t.window().closes());
    }

    @Test
    void aTopicsOwnCutoffLabel_andAnOpenFromNowWindow_giveTheCutoff() throws Exception {
        Notice n = parseText(HEADER.formatted("〔2025〕6号")
                + "专题一、甲\n\n申报截止时间：2025年4月30日下午4:30。\n\n"
                + "专题二、乙\n\n申报时间：即日起至2025年5月8日16时30分。\n");
        assertEquals(beijing("2025-04-30T16:30:00"), n.topics().get(0).window().closes());
        assertNull(n.topics().get(0).window().opens());
        assertEquals(beijing("2025-05-08T16:30:00"), n.topics().get(1).window().closes());
        assertTrue(n.missing().contains("topics[1].window.opens: the notice states the cutoff but no opening time"),
                n.missing().toString());
    }

    @Test
    void aCutoffWithoutATimeOfDay_isABareDate_andMissingSaysSo() throws Exception {
        Notice n = parseText(HEADER.formatted("〔2025〕4号") + "专题一、测试\n\n申报时间：2025年3月1日至2025年3月20日。\n");
        Window w = n.topics().get(0).window();
        assertEquals(DateOrDateTime.ofDate(LocalDate.of(2025, 3, 20)), w.closes());
        assertEquals("2025-03-20", w.closes().toString(), "JSON holds the bare ISO date");
        assertEquals(DateOrDateTime.ofDate(LocalDate.of(2025, 3, 1)), w.opens());
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("topics[0].window.closes:") && m.contains("no time of day")),
                n.missing().toString());
    }

    @Test
    void emptyFile_isNotANotice() {
        NotANoticeException e = assertThrows(NotANoticeException.class, () -> parser.parse(new byte[0], null));
        assertEquals("the file is empty", e.getMessage());
        assertThrows(NotANoticeException.class, () -> parseText(" \n\u3000\n"));
    }

    @Test
    void gbkBytes_areRefusedAsNotUtf8_withTheOffset() {
        byte[] gbk = "上海市科学技术委员会".getBytes(Charset.forName("GBK"));
        NotANoticeException e = assertThrows(NotANoticeException.class, () -> parser.parse(gbk, null));
        assertTrue(e.getMessage().startsWith("the file is not UTF-8: invalid byte sequence at byte offset 0"), e.getMessage());
    }

    @Test
    void proseWithoutNoticeStructure_isRefused() {
        NotANoticeException e = assertThrows(NotANoticeException.class,
                () -> parseText("今天天气很好。\n我们去公园散步。\nThe weather is fine.\n"));
        assertTrue(e.getMessage().startsWith("no notice structure"), e.getMessage());
    }
}
