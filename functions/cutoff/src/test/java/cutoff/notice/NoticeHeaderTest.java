package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header shapes seen on real pages (relays, web furniture, titles with dates), each written here in
 * our own words around the phrase that matters.
 */
class NoticeHeaderTest {
    private static Notice parse(String text) throws NotANoticeException {
        return new NoticeParser().parse(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static final String BODY = "\n各有关单位：\n申报截止时间为2024年5月30日17:00。\n";

    @Test
    void relayPhrasings_nameTheOriginalIssuer() throws Exception {
        for (List<String> c : List.of(
                List.of("现将科技部《关于征集2024年度合作项目的通知》转发给你们，请遵照执行。", "科技部"),
                List.of("现对《山东省科学技术厅关于组织申报2024年度项目的通知》予以转发，请认真组织。", "山东省科学技术厅"),
                List.of("现将《广东省科学技术厅关于组织申报2024年度项目的通知》转发给你们。", "广东省科学技术厅"),
                List.of("科技部近日发布了2024年度指南，现转发申报指南，请组织申报。", "科技部"),
                List.of("接科技部国际合作司通知，现组织2024年度项目申报。", "科技部国际合作司"),
                List.of("英国医学科学院近日发布了《2024年度牛顿高级学者项目指南》，现予以转发。", "英国医学科学院"))) {
            Notice n = parse("关于组织申报2024年度项目的通知" + BODY + c.get(0) + "\n某市科学技术局\n2024年4月1日\n");
            assertEquals(c.get(1), n.issuer(), c.get(0));
            assertEquals("某市科学技术局", n.relayedBy(), c.get(0));
        }
    }

    @Test
    void aTitleStartingWith转发_givesTheIssuer_notThe转发Prefix() throws Exception {
        Notice n = parse("转发科技部国际合作司关于征集2024年度合作项目的通知" + BODY);
        assertEquals("科技部国际合作司", n.issuer());
        Notice m = parse("关于转发科技部国际合作司关于征集2024年度合作项目的通知" + BODY);
        assertEquals("科技部国际合作司", m.issuer());
    }

    @Test
    void webFurniture_isNeitherTitleNorDeadline() throws Exception {
        Notice n = parse("首页 > 通知公告\n通知公告\n关于组织申报2024年度合作项目的通知\n发布时间：2024-03-02  来源：科研处  点击数：120\n"
                + "附件：1.关于组织申报2024年度合作项目的通知\n" + BODY);
        assertEquals("关于组织申报2024年度合作项目的通知", n.title());
        assertEquals("2024-05-30T17:00:00+08:00", n.topics().get(0).window().closes().toString());
        assertTrue(n.topics().get(0).deadlines().isEmpty(), n.topics().get(0).deadlines().toString());
    }

    @Test
    void anEligibilityRange_isNoWindow() throws Exception {
        Notice n = parse("关于推荐2024年度科技进展项目的通知\n各有关单位：\n成果产生的时间范围应在2023年1月1日至2023年12月31日。\n"
                + "学校接收材料截止时间：2024年3月4日（周一）上午11:30。\n科学技术处\n2024年2月20日\n");
        Topic t = n.topics().get(0);
        assertNull(t.window(), "the eligibility range is not the application window");
        assertEquals(List.of(new CallDeadline(DeadlineKind.RELAY, DateOrDateTime.parse("2024-03-04T11:30:00+08:00"),
                "2024年3月4日（周一）上午11:30", null)), Sources.dropped(t.deadlines()));
    }

    @Test
    void aDeadlineInTheTitle_isRead() throws Exception {
        Notice n = parse("关于申报2024年度中德合作项目的通知（本校截止时间为3月7日16时）\n各学院：\n请按指南要求准备材料。\n"
                + "科技处\n2024年2月22日\n");
        assertEquals(List.of(new CallDeadline(DeadlineKind.RELAY, DateOrDateTime.parse("2024-03-07T16:00:00+08:00"),
                "3月7日16时", null)), Sources.dropped(n.topics().get(0).deadlines()));
    }

    @Test
    void signaturesWrittenOtherwise() throws Exception {
        assertEquals(LocalDate.of(2008, 8, 5), parse("关于推荐合作项目的通知" + BODY + "某省科技厅\n二OO八年八月五日\n").signedOn());
        assertEquals(LocalDate.of(2017, 8, 3), parse("关于推荐合作项目的通知" + BODY + "某学院\n2017.8.3\n").signedOn());
    }

    @Test
    void titleVariants_andNumberedContactHeadings() throws Exception {
        Notice n = parse("【湖北】省科技厅关於组织申报2020年度平台项目的通知" + BODY + "(四)学校学科与科技发展中心\n");
        assertEquals("省科技厅", n.issuer(), "关於 read as 关于, the 【湖北】 prefix is no part of the name");
        assertTrue(n.title().contains("关于组织申报"), n.title());
        Notice m = parse("关于组织申报2020年度平台项目的通知" + BODY + "项目金额为10-20万。\n(四)学校学科与科技发展中心\n");
        assertNull(m.issuer(), "a numbered contact heading does not sign the notice");
        assertEquals(20, m.topics().get(0).fundingCapWan());
    }
    @Test
    void aDatelineUnderTheHeadline_datesTheReport_andTheReportIsTheBody() throws Exception {
        for (String headline : List.of("某某资助计划接受申请", "联合资助计划现正接受申请")) {
            for (String dateline : List.of("2031年5月10日", "2031.5.10", "2031-05-10")) {
                for (String cutoff : List.of("6月30日截止", "截止日期为6月30日")) {
                    String text = headline + "\n" + dateline + "\n某署推出联合资助计划，现正接受申请，" + cutoff
                            + "。\n申请须由两地机构共同提出。\n";
                    Notice n = parse(text);
                    assertEquals(LocalDate.of(2031, 5, 10), n.signedOn(), text);
                    assertEquals("2031-06-30", n.topics().get(0).window().closes().toString(), text);
                    assertTrue(n.topics().get(0).deadlines().isEmpty(), text);
                }
            }
        }
        // A signature after the text stays a signature: what follows it is a note after the notice.
        Notice signed = parse("关于申报合作项目的通知" + BODY + "某市科学技术局\n2024年4月1日\n请于4月20日前报送科研处。\n");
        assertEquals(LocalDate.of(2024, 4, 1), signed.signedOn());
        assertEquals(DeadlineKind.RELAY, signed.topics().get(0).deadlines().get(0).kind());
    }

    @Test
    void aNumberedHeading_isNeverTheTitle() throws Exception {
        for (String heading : List.of("四、申报具体要求", "（二）申报要求", "3.申报材料要求", "五、联系方式及说明")) {
            String text = "某某合作项目征集\n一、申报程序\n科技部本次项目征集截止日期为2031年5月31日。\n" + heading + "\n";
            Notice n = parse(text);
            assertTrue(n.title() == null || !n.title().equals(heading), text);
            assertEquals("2031-05-31", n.topics().get(0).window().closes().toString(), text);
        }
    }
    @Test
    void aPagesPublicationDate_givesTheYear_whenNoSignatureDoes() throws Exception {
        for (String line : List.of("发布日期:2031-05-18", "发布时间：2031-05-18  浏览次数：12", "时间:2031-05-18 15:18:06来源:某报",
                "作者:某某    来源:  发布日期:2031/05/18  浏览次数:", "时间：2031年5月18日")) {
            for (String[] due : new String[][] {{"6月20日", "2031-06-20"}, {"1月10日", "2032-01-10"}}) {
                String text = "通知公告\n关于征集合作项目建议的通知\n" + line + "\n各有关单位：\n请各申报单位于" + due[0]
                        + "前将申报书报送项目受理单位。\n";
                Notice n = parse(text);
                assertEquals(due[1], n.topics().get(0).window().closes().toString(), text);
                assertTrue(n.topics().get(0).window().sure(), text);
            }
        }
        // A signature gives the year before the page's date does; a 申报时间： line is no publication line.
        Notice signed = parse("关于征集合作项目建议的通知\n发布日期:2031-05-18\n各有关单位：\n请于6月20日前报送。\n某局\n2030年12月1日\n");
        assertEquals("2031-06-20", signed.topics().get(0).window().closes().toString());
        Notice body = parse("关于征集合作项目建议的通知\n申报时间：2031-05-18\n各有关单位：\n请于6月20日前报送。\n");
        assertTrue(body.missing().stream().anyMatch(l -> l.contains("6月20日 is written without a year")), body.missing().toString());
    }

    @Test
    void aSignatureRunTogetherWithTheAttachmentLine_signs() throws Exception {
        for (String signer : List.of("科学技术发展研究院", "某市科学技术局", "")) {
            for (String attachment : List.of("附件:《推荐表》", "公告附件:附件:《推荐表》", "附件1.申请书")) {
                String text = "关于征集合作项目建议的通知\n各有关单位：\n请各单位于5月20日前将材料报送科研院。\n联系人：某某\n"
                        + signer + "         2031年5月14日      " + attachment + "\n";
                Notice n = parse(text);
                assertEquals(LocalDate.of(2031, 5, 14), n.signedOn(), text);
                assertEquals("2031-05-20", n.topics().get(0).deadlines().get(0).closes().toString(), text);
            }
        }
    }
}
