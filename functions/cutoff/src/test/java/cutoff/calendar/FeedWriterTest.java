package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a subscriber's calendar app receives from {@link FeedWriter}, line by line. */
class FeedWriterTest {
    private static final Instant STAMP = Instant.parse("2026-11-02T03:04:05Z");

    private static Deadline timed(String uid, String at, String zone, String summary, String description, String url) {
        Instant instant = Instant.parse(at);
        ZoneId z = ZoneId.of(zone);
        return new Deadline(uid, "n", "n-t1", DeadlineKind.FOREIGN, instant, instant.atZone(z).toLocalDate(), z, summary,
                description, url, 0, STAMP, false);
    }

    private static Deadline dateOnly(String uid, String date, String url) {
        return new Deadline(uid, "n", "n-t1", DeadlineKind.FOREIGN, null, LocalDate.parse(date), ZoneId.of("Europe/Helsinki"),
                "s", "d", url, 0, STAMP, false);
    }

    /** The feed's content lines, unfolded (RFC 5545 §3.1). */
    private static List<String> lines(String feed) {
        return Arrays.asList(feed.replace("\r\n ", "").split("\r\n"));
    }

    private static List<String> event(String feed, String uid) {
        List<String> all = lines(feed);
        int u = all.indexOf("UID:" + uid);
        assertTrue(u > 0, uid + " in\n" + feed);
        int begin = all.subList(0, u).lastIndexOf("BEGIN:VEVENT");
        int end = begin + all.subList(begin, all.size()).indexOf("END:VEVENT");
        return all.subList(begin, end + 1);
    }

    private static String property(List<String> event, String name) {
        return event.stream().filter(l -> l.startsWith(name + ":") || l.startsWith(name + ";")).findFirst().orElse(null);
    }

    @Test
    void controlCharactersInANoticesText_neverReachTheFeed_andLineBreaksStayInTheDescription() {
        Deadline d = timed("ctl@test", "2026-06-03T08:30:00Z", "Asia/Shanghai", "申报\r截止\u0000 Cutoff\u000b\u001b[31m",
                "第一行\r\n第二行\r第三行\u0007\u0085第四行\u2028end\tx\u007f\u009b", null);
        String feed = new FeedWriter().write("Cutoff\r· 名\u0001称", List.of(d));
        String withoutLineEnds = feed.replace("\r\n", "");
        assertTrue(withoutLineEnds.chars().noneMatch(Character::isISOControl),
                "a control character in " + withoutLineEnds.chars().filter(Character::isISOControl).boxed().collect(Collectors.toList()));
        List<String> e = event(feed, "ctl@test");
        assertEquals("SUMMARY:申报 截止 Cutoff[31m", property(e, "SUMMARY"));
        assertEquals("DESCRIPTION:第一行\\n第二行\\n第三行\\n第四行\\nend x", property(e, "DESCRIPTION"));
        assertTrue(lines(feed).contains("X-WR-CALNAME:Cutoff · 名称"), feed);
        assertTrue(lines(feed).contains("NAME:Cutoff · 名称"), feed);
    }

    @Test
    void bidiControlsAndZeroWidthCharacters_neverReachTheFeed() {
        String invisible = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff";
        Deadline d = timed("bidi@test", "2026-06-03T08:30:00Z", "Asia/Shanghai", "申报截止 \u202eexe.pdf" + invisible,
                "第一行\u200b\n第二\u2067行" + invisible, null);
        String feed = new FeedWriter().write("Cutoff\u202e 名称\ufeff", List.of(d));
        for (char c : invisible.toCharArray()) {
            assertTrue(feed.indexOf(c) < 0, String.format("U+%04X in %s", (int) c, feed));
        }
        List<String> e = event(feed, "bidi@test");
        assertEquals("SUMMARY:申报截止 exe.pdf", property(e, "SUMMARY"));
        assertEquals("DESCRIPTION:第一行\\n第二行", property(e, "DESCRIPTION"));
        assertTrue(lines(feed).contains("X-WR-CALNAME:Cutoff 名称"), feed);
    }

    @Test
    void everyEventHasADtend_aMinuteAfterATimedStartInTheSameForm_andTheNextDayAfterADate() {
        String feed = new FeedWriter().write("x", List.of(
                timed("oslo@test", "2024-07-31T08:30:00Z", "Europe/Oslo", "s", "d", null),
                // 02:30 on 27 October 2024 happens twice in Oslo: written in UTC, and so is its end.
                timed("repeated@test", "2024-10-27T00:30:00Z", "Europe/Oslo", "s", "d", null),
                timed("newyear@test", "2024-12-31T22:59:00Z", "Europe/Oslo", "s", "d", null),
                dateOnly("date@test", "2024-09-30", null),
                dateOnly("leap@test", "2024-02-29", null)));
        List<String> oslo = event(feed, "oslo@test");
        assertEquals("DTSTART;TZID=Europe/Oslo:20240731T103000", property(oslo, "DTSTART"));
        assertEquals("DTEND;TZID=Europe/Oslo:20240731T103100", property(oslo, "DTEND"));
        List<String> repeated = event(feed, "repeated@test");
        assertEquals("DTSTART:20241027T003000Z", property(repeated, "DTSTART"));
        assertEquals("DTEND:20241027T003100Z", property(repeated, "DTEND"));
        assertEquals("DTEND;TZID=Europe/Oslo:20250101T000000", property(event(feed, "newyear@test"), "DTEND"));
        assertEquals("DTSTART;VALUE=DATE:20240930", property(event(feed, "date@test"), "DTSTART"));
        assertEquals("DTEND;VALUE=DATE:20241001", property(event(feed, "date@test"), "DTEND"));
        assertEquals("DTEND;VALUE=DATE:20240301", property(event(feed, "leap@test"), "DTEND"));
    }

    @Test
    void onlyWebUrls_becomeUrl() {
        List<String> urls = List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<b>x</b>",
                "file:///etc/passwd", "ftp://example.org/x", "https:///no-host", "//example.org/relative", "not a url",
                "http://exa mple.org", "https://example.org/\u0000x", "https://www.example.org/call?id=1&x=2",
                "HTTP://kjxm.example.cn/");
        List<Deadline> deadlines = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            deadlines.add(dateOnly("u" + i + "@test", "2026-01-01", urls.get(i)));
        }
        String feed = new FeedWriter().write("x", deadlines);
        for (int i = 0; i < urls.size(); i++) {
            String url = property(event(feed, "u" + i + "@test"), "URL");
            if (i < urls.size() - 2) {
                assertEquals(null, url, urls.get(i));
            } else {
                assertEquals("URL:" + urls.get(i), url);
            }
        }
        assertFalse(feed.toLowerCase().contains("javascript"), feed);
    }

    @Test
    void aDeadlineInCairo_doesNotBreakTheFeed_andItsZoneIsDefined() {
        // Cairo's summer time ends on the Friday on or after 26 October (from 2023): 1 November 2024.
        String feed = new FeedWriter().write("x", List.of(
                timed("cairo@test", "2024-10-31T13:00:00Z", "Africa/Cairo", "s", "d", null),
                timed("berlin@test", "2026-06-03T08:30:00Z", "Europe/Berlin", "s", "d", null)));
        assertEquals("DTSTART;TZID=Africa/Cairo:20241031T160000", property(event(feed, "cairo@test"), "DTSTART"));
        assertTrue(lines(feed).contains("TZID:Africa/Cairo"), feed);
        assertTrue(lines(feed).contains("TZID:Europe/Berlin"), feed);
        assertTrue(lines(feed).stream().filter(l -> l.startsWith("RRULE:")).allMatch(l -> !l.contains("BYMONTHDAY")
                || !l.contains("BYDAY")), "no RRULE mixes BYDAY with BYMONTHDAY:\n" + feed);
    }
}
