package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each foreign-side deadline is its own event in a subscriber's calendar, and stays the same event. */
class ForeignDeadlineUidsTest {
    private static final Instant STAMP = Instant.parse("2026-11-02T03:04:05Z");

    private static List<String> lines(String feed) {
        return Arrays.asList(feed.replace("\r\n ", "").split("\r\n"));
    }

    private static String dtstart(String feed, String uid) {
        List<String> all = lines(feed);
        int u = all.indexOf("UID:" + uid);
        int begin = all.subList(0, u).lastIndexOf("BEGIN:VEVENT");
        return all.subList(begin, u).stream().filter(l -> l.startsWith("DTSTART")).findFirst().orElseThrow();
    }

    @Test
    void twoDatedDeadlinesOfOnePartner_areTwoEvents_withUidsStableAcrossIngests() throws Exception {
        ZoneId helsinki = ZoneId.of("Europe/Helsinki");
        Topic topic = new Topic("2026-8-304af3-t3", "专题三", null, "Finland", List.of(),
                new Window(null, OffsetDateTime.parse("2026-06-03T16:30:00+08:00"), Window.BEIJING),
                List.of(new ForeignDeadline("Finland", "Business Finland", helsinki, LocalDate.parse("2026-05-15"),
                                LocalTime.of(16, 0), false, "5月15日16:00", "pre-proposal", null, null),
                        new ForeignDeadline("Finland", "Business Finland", helsinki, LocalDate.parse("2026-09-30"), null,
                                false, "9月30日", "full proposal", null, null),
                        new ForeignDeadline("Finland", "Academy of Finland", helsinki, LocalDate.parse("2026-10-15"), null,
                                false, "10月15日", null, null, null)),
                List.of(), null, null, List.of());
        Notice notice = new Notice("2026-8-304af3", "沪科指南〔2026〕8号", null, null, "t", null, null, List.of(topic), List.of(),
                null, null);
        List<Deadline> first = Deadlines.of(notice, STAMP);
        List<Deadline> again = Deadlines.of(notice, STAMP.plusSeconds(86_400));
        List<String> uids = first.stream().filter(d -> d.kind() == DeadlineKind.FOREIGN).map(Deadline::uid).toList();
        assertEquals(List.of("2026-8-304af3-t3-foreign-finland@cutoff", "2026-8-304af3-t3-foreign-finland--2@cutoff",
                "2026-8-304af3-t3-foreign-finland--3@cutoff"), uids, "the first keeps the UID feeds always had");
        assertEquals(uids, again.stream().filter(d -> d.kind() == DeadlineKind.FOREIGN).map(Deadline::uid).toList());
        String feed = new FeedWriter().write("x", first);
        assertEquals(4, lines(feed).stream().filter(l -> l.equals("BEGIN:VEVENT")).count(), feed);
        assertNotEquals(dtstart(feed, uids.get(0)), dtstart(feed, uids.get(1)));
    }
}
