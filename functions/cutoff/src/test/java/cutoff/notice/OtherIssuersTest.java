package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Guidelines;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notices from other issuers in {@code shared/guidelines/more} (a ministry department, two
 * provinces, a university relay, NSFC): each stated deadline to the minute, or to the day where no time
 * is written; nothing rejected, nothing invented.
 */
class OtherIssuersTest {
    private final NoticeParser parser = new NoticeParser();

    private Notice parse(String file) throws NotANoticeException {
        return parser.parse(Guidelines.bytes(file), null);
    }

    private static DateOrDateTime beijing(String local) {
        return DateOrDateTime.of(OffsetDateTime.parse(local + "+08:00"));
    }

    private static DateOrDateTime day(String date) {
        return DateOrDateTime.ofDate(LocalDate.parse(date));
    }

    @Test
    void ministry2013_yearlessDateOnlyCutoff_takesTheSignatureYear_notTheProgrammeYear() throws Exception {
        Notice n = parse(Guidelines.MOST_2013_ISRAEL);
        assertEquals("科技部国际合作司", n.issuer());
        assertEquals(LocalDate.of(2013, 1, 21), n.signedOn());
        assertTrue(n.title().startsWith("关于征集2014年度中国以色列") && n.title().endsWith("的通知"), n.title());
        assertNull(n.documentNumber());
        Topic t = n.topics().get(0);
        assertEquals(day("2013-04-30"), t.window().closes(), "截止时间为4月30日, signed 2013年1月21日: 2013, not 2014");
        assertTrue(n.missing().contains("topics[0].window.closes: the notice gives the cutoff's day (4月30日) but no time of day"),
                n.missing().toString());
        // The relaying bureau's note under the signature: its own earlier deadline.
        assertEquals(List.of(new CallDeadline(DeadlineKind.RELAY, day("2013-04-10"), "2013年4月10日之前", null)),
                Sources.dropped(t.deadlines()));
        // The named foreign agency is kept, without a date.
        ForeignDeadline israel = t.foreignDeadlines().get(0);
        assertEquals("Israel", israel.partner());
        assertEquals("Asia/Jerusalem", israel.zone().getId());
        assertNull(israel.date());
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("topics[0].foreignDeadlines[0].date:")), n.missing().toString());
    }

    @Test
    void guangdongRelay_threeDeadlinesInOneSentence_eachWithItsKind() throws Exception {
        Notice n = parse(Guidelines.GUANGDONG_2013_RELAY);
        assertEquals("广东省科技厅", n.issuer(), "the original issuer, named where the relay cites it");
        assertEquals("科技处", n.relayedBy(), "the office materials go to");
        assertEquals("关于组织申报第二批2013年广东省对外科技合作专项的通知", n.title());
        assertEquals("http://pro.gdstc.gov.cn", n.applicationSite());
        assertEquals(1, n.topics().size());
        Topic t = n.topics().get(0);
        assertEquals(beijing("2013-05-30T17:00:00"), t.window().closes(), "下午5:00");
        assertEquals(List.of(
                new CallDeadline(DeadlineKind.RECOMMENDATION, beijing("2013-06-03T17:00:00"), "2013年6月3日下午5:00",
                        "各级科技主管部门"),
                new CallDeadline(DeadlineKind.PAPER_COPY, beijing("2013-06-07T17:00:00"), "2013年6月7日下午5点前", null)),
                Sources.dropped(t.deadlines()));
        assertTrue(t.foreignDeadlines().isEmpty(), "Fraunhofer and Israel are partners of agreements, not agencies with dates");
    }

    @Test
    void jiangsuRelay_ownNumberMidText_citedNumberIgnored_dateBrokenAcrossLines() throws Exception {
        Notice n = parse(Guidelines.JIANGSU_2023_119);
        assertEquals("苏科外发〔2023〕119号", n.documentNumber(), "not the cited 国科发资〔2023〕122号");
        assertEquals("科技部", n.issuer());
        assertEquals("江苏省科学技术厅", n.relayedBy());
        assertTrue(n.title().startsWith("关于转发国家重点研发计划") && n.title().endsWith("申报指南的通知"), n.title());
        assertEquals(LocalDate.of(2023, 7, 21), n.signedOn());
        assertEquals("https://service.most.gov.cn/", n.applicationSite());
        Topic t = n.topics().get(0);
        assertEquals(beijing("2023-09-08T16:00:00"), t.window().closes(), "2023年9 / 月8日16:00前");
        assertEquals(List.of(), t.deadlines());
    }

    @Test
    void nsfc2017_oneLongLine_rangeAcrossMonths_researchPeriodsAreNotDeadlines() throws Exception {
        Notice n = parse(Guidelines.NSFC_2017);
        assertEquals("碳基能源转化利用的催化科学重大研究计划2017年度项目指南", n.title());
        assertEquals("https://isisn.nsfc.gov.cn/", n.applicationSite());
        Topic t = n.topics().get(0);
        assertEquals(day("2017-08-28"), t.window().opens());
        assertEquals(beijing("2017-09-01T16:00:00"), t.window().closes(), "2017年8月28日-9月1日16时");
        assertEquals(List.of(), t.deadlines(), "the repeated cutoff (2017年9月1日16时) is the same deadline; "
                + "研究期限 2018年1月1日-2020年12月31日 is a project period");
        assertEquals(400, t.fundingCapWan(), "重点支持项目 300-400万元／项");
        assertNull(n.documentNumber(), "财科教〔2016〕19号 is cited, not NSFC's own");
        assertEquals(List.of("（一）", "（二）", "（三）", "（四）"), t.directions().stream().map(Direction::key).toList(),
                "the items of 三、2017年度重点资助研究方向");
        assertEquals("3年", t.projectPeriod().asWritten(), "资助期限为3年, the first stated");
    }

    @Test
    void noNoticeFromAnyIssuer_isRejected() throws Exception {
        for (String file : List.of(Guidelines.MOST_2013_ISRAEL, Guidelines.GUANGDONG_2013_RELAY, Guidelines.JIANGSU_2023_119,
                Guidelines.NSFC_2017, Guidelines.STCSM_2023_4, Guidelines.STCSM_2026_8, Guidelines.ZHEJIANG_BILATERAL)) {
            Notice n = parse(file);
            assertTrue(n.topics().size() >= 1, file);
            for (String m : n.missing()) {
                assertTrue(m.matches("^[a-zA-Z]+(\\[\\d+\\])?[.:a-zA-Z\\[\\]0-9]*:? .+"), "missing names its field: " + m);
            }
        }
    }
}
