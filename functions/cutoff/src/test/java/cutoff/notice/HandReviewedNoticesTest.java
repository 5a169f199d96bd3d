package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Project;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped records of the notices in {@code ../shared/guidelines/more}: exactly the parser's reading,
 * checked by hand (each says so in {@code review} and names its source), and holding the facts of the
 * text: dates, times, names.
 */
class HandReviewedNoticesTest {
    private static Notice record(String file) throws Exception {
        return NoticeJson.read(Files.readAllBytes(Project.root().resolve("infra/local/notices").resolve(file)));
    }

    private static Notice unreviewed(Notice n) {
        return new Notice(n.id(), n.documentNumber(), n.issuer(), n.relayedBy(), n.title(), n.signedOn(), n.applicationSite(),
                n.topics(), n.missing(), null, null);
    }

    @Test
    void theRecords_areExactlyWhatTheParserReads() throws Exception {
        for (String[] pair : new String[][] {{"gzucm-2013-guangdong.json", cutoff.testing.Guidelines.GUANGDONG_2013_RELAY},
                {"most-2013-israel.json", cutoff.testing.Guidelines.MOST_2013_ISRAEL}}) {
            assertEquals(new NoticeParser().parse(cutoff.testing.Guidelines.bytes(pair[1]), null), unreviewed(record(pair[0])),
                    pair[0]);
        }
    }

    private static DateOrDateTime beijing(String wall) {
        return DateOrDateTime.of(OffsetDateTime.parse(wall + "+08:00"));
    }

    @Test
    void guangdong2013_relayedByAResearchOffice_hasTheThreeDeadlinesOfItsOneSentence() throws Exception {
        Notice n = record("gzucm-2013-guangdong.json");
        assertTrue(n.review().startsWith("The parser's reading") && n.review().contains("checked by hand"), n.review());
        assertTrue(n.review().contains("more/gzucm-2013-guangdong.txt"), n.review());
        assertEquals(NoticeIds.noticeId(null, n.issuer(), n.title()), n.id());
        assertEquals("广东省科技厅", n.issuer(), "as the text writes it");
        assertEquals("科技处", n.relayedBy());
        Topic t = n.topics().get(0);
        // 申报单位网上申报截止时间为2013年5月30日下午5:00，各级科技主管部门网上审核推荐截止时间为2013年6月3日下午5:00。
        // 书面申报材料请于2013年6月7日下午5点前报送科技处项目科。
        assertEquals(beijing("2013-05-30T17:00:00"), t.window().closes());
        assertNull(t.window().opens());
        assertEquals(List.of(
                new CallDeadline(DeadlineKind.RECOMMENDATION, beijing("2013-06-03T17:00:00"), "2013年6月3日下午5:00", "各级科技主管部门"),
                new CallDeadline(DeadlineKind.PAPER_COPY, beijing("2013-06-07T17:00:00"), "2013年6月7日下午5点前", null)),
                Sources.dropped(t.deadlines()));
        assertEquals("http://pro.gdstc.gov.cn", n.applicationSite());
    }

    @Test
    void mostIsrael2013_hasADateOnlyCutoffInTheSignaturesYear_andTheRelayingBureausEarlierDay() throws Exception {
        Notice n = record("most-2013-israel.json");
        assertTrue(n.review().startsWith("The parser's reading") && n.review().contains("checked by hand"), n.review());
        assertTrue(n.review().contains("more/most-2013-israel.txt"), n.review());
        assertEquals(NoticeIds.noticeId(null, n.issuer(), n.title()), n.id());
        assertEquals("科技部国际合作司", n.issuer());
        assertEquals(LocalDate.parse("2013-01-21"), n.signedOn());
        assertNull(n.relayedBy(), "the bureau's name is cut off in the text");
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("relayedBy:")), n.missing().toString());
        Topic t = n.topics().get(0);
        // 本次项目征集截止时间为4月30日: no year, no time; signed 2013年1月21日, not the title's 2014年度.
        assertEquals(DateOrDateTime.ofDate(LocalDate.parse("2013-04-30")), t.window().closes());
        // 请务必于2013年4月10日之前…报送: the relaying bureau's own deadline, date-only.
        assertEquals(List.of(new CallDeadline(DeadlineKind.RELAY, DateOrDateTime.ofDate(LocalDate.parse("2013-04-10")),
                "2013年4月10日之前", null)), Sources.dropped(t.deadlines()));
        assertEquals(1, t.foreignDeadlines().size());
        assertNull(t.foreignDeadlines().get(0).date(), "the Israeli side is named with no date of its own");
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("topics[0].window.closes:") && m.contains("no time of day")),
                n.missing().toString());
        assertTrue(n.missing().stream().anyMatch(m -> m.startsWith("topics[0].foreignDeadlines[0].date:")), n.missing().toString());
    }
}
