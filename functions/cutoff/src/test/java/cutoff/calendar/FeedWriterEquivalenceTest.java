package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedWriter} writes byte for byte what it wrote with ical4j 4.1.1's own TEXT property classes and one
 * fold of the whole calendar ({@link Ical4jFeedWriter}, the writer as it was), for generated feeds: text with every character TEXT escapes or {@link Text} cleans
 * (backslash, semicolon, comma, colon, quotes, CR, LF, CR LF, tab, C0 and C1 controls, NEL, U+2028/2029,
 * bidirectional and zero-width marks), Chinese and non-BMP text at every length around the 75-octet fold,
 * every zone the JVM knows and fixed offsets, wall times on and next to daylight-saving transitions (the
 * repeated hour included), date-only deadlines, cancelled ones, and URLs good and bad.
 */
class FeedWriterEquivalenceTest {
    /** Pieces a generated text is made of: one of them may be two chars (a surrogate pair, CR LF). */
    static final String[] PIECES = {
        "a", "Z", "0", " ", "  ", "\\", ";", ",", ":", "\"", "'", "^", "=", "\n", "\r", "\r\n", "\t", "\u0000", "\u0007",
        "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u200b", "\u202e", "\u2066", "\ufeff", "é", "ß",
        "申", "报", "截", "止", "。", "，", "；", "\uD83D\uDE00", "\uD840\uDC00", "\\n", "\\,", "http://x.test/a,b;c",
    };

    static String text(Random random, int maxPieces) {
        int n = random.nextInt(maxPieces + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextInt(4) == 0) {
                // Runs of one kind of character, so that folds fall on every octet boundary.
                String run = PIECES[random.nextInt(PIECES.length)];
                b.append(run.repeat(random.nextInt(40)));
            }
        }
        return b.toString();
    }

    static final String[] URLS = {
        null, "", "  https://example.org/call  ", "http://pro.gdstc.gov.cn", "https://a.test/x?a=1,2;b=\\c#f",
        "https://例子.测试/路径?q=申报", "https://a.test/%E7%94%B3%20x", "javascript:alert(1)", "data:text/html,x",
        "file:///etc/passwd", "/relative/path", "https://", "https://a.test/white space", "HTTPS://A.TEST/Up",
        "mailto:a@b.test", "https://a.test/" + "长".repeat(60), "http://[::1]:8080/x", "https://a.test/\u0007",
    };

    static List<ZoneId> zones() {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            zones.add(ZoneId.of(id));
        }
        zones.add(ZoneOffset.UTC);
        zones.add(ZoneOffset.ofHoursMinutes(5, 30));
        zones.add(ZoneOffset.ofHoursMinutesSeconds(-4, -30, -15));
        return zones;
    }

    static Deadline deadline(Random random, List<ZoneId> zones, int i) {
        ZoneId zone = zones.get(random.nextInt(zones.size()));
        Instant at;
        int pick = random.nextInt(4);
        List<ZoneOffsetTransition> transitions = zone.getRules().getTransitions();
        if (pick == 0 && !transitions.isEmpty()) {
            // On or next to a transition: gaps and the repeated hour.
            ZoneOffsetTransition t = transitions.get(random.nextInt(transitions.size()));
            at = t.getInstant().plus(Duration.ofMinutes(random.nextInt(181) - 90));
        } else if (pick == 1) {
            // On or next to a transition of the zone's yearly rules, years ahead.
            ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("2030-01-01T00:00:00Z")
                    .plus(Duration.ofDays(random.nextInt(20_000))));
            at = t == null ? Instant.parse("2031-03-30T01:30:00Z") : t.getInstant().plus(Duration.ofMinutes(random.nextInt(121) - 60));
        } else {
            at = Instant.ofEpochSecond(Instant.parse("1901-01-01T00:00:00Z").getEpochSecond()
                    + (long) (random.nextDouble() * 6_300_000_000L));
        }
        at = at.plusSeconds(random.nextInt(3) == 0 ? random.nextInt(60) : 0);
        boolean timed = random.nextInt(4) != 0;
        LocalDate date = at.atZone(zone).toLocalDate();
        Instant modified = Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1_000_000_000));
        return new Deadline(i + "-" + text(random, 3) + "@cutoff", "n" + i, "n" + i + "-t1",
                DeadlineKind.values()[random.nextInt(DeadlineKind.values().length)], timed ? at : null, date, zone,
                text(random, 12), text(random, 60), URLS[random.nextInt(URLS.length)], random.nextInt(3) == 0 ? random.nextInt(1000) : 0,
                modified, random.nextInt(5) == 0);
    }

    @Test
    void generatedFeeds_areByteForByteWhatIcal4jWrites() {
        Random random = new Random(5545);
        List<ZoneId> zones = zones();
        FeedWriter writer = new FeedWriter();
        for (int feed = 0; feed < 400; feed++) {
            List<Deadline> deadlines = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                deadlines.add(deadline(random, zones, feed * 100 + i));
            }
            String name = text(random, 10);
            String expected = new Ical4jFeedWriter().write(name, deadlines);
            assertEquals(expected, new FeedWriter().write(name, deadlines), "feed " + feed + ": " + deadlines);
            // Again from the writer's rendered events, twice (the second time from its cache).
            writer.write(name, deadlines);
            assertEquals(expected, writer.write(name, deadlines), "feed " + feed + " rendered again");
        }
    }

    @Test
    void everyZone_onItsOwn_isWhatIcal4jWrites() {
        Random random = new Random(7986);
        for (ZoneId zone : zones()) {
            Instant at = Instant.parse("2026-06-03T08:30:00Z").plus(Duration.ofDays(random.nextInt(3650)));
            List<Deadline> one = List.of(new Deadline("z@cutoff", "n", "n-t1", DeadlineKind.CLOSES, at, at.atZone(zone).toLocalDate(),
                    zone, "申报截止 Cutoff", "第一行\n第二行; a, b \\ c", "https://a.test/", 1, at, false));
            assertEquals(new Ical4jFeedWriter().write("Cutoff · " + zone, one), new FeedWriter().write("Cutoff · " + zone, one),
                    zone.getId());
        }
    }
}
