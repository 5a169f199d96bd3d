package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feeds of the shipped notices, byte for byte as the golden files keep them ({@link GoldenFeeds}):
 * a change to how feeds are rendered shows here as the first line that differs. To change them on
 * purpose, run with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFeedsTest {
    @Test
    void everyShippedFeed_isTheGoldenFile_byteForByte() {
        Map<String, String> rendered = GoldenFeeds.render();
        if (Boolean.getBoolean(GoldenFeeds.UPDATE)) {
            List<String> rewritten = new ArrayList<>();
            rendered.forEach((path, feed) -> {
                if (!GoldenFeeds.same(path, feed)) {
                    GoldenFeeds.write(path, feed);
                    rewritten.add(path);
                }
            });
            if (!rewritten.isEmpty()) {
                fail("rewrote " + rewritten.size() + " golden feeds under " + GoldenFeeds.folder() + " (-D" + GoldenFeeds.UPDATE
                        + "=true): " + rewritten + "; review the diff, then run again without the property");
            }
        }
        assertEquals(rendered.keySet().stream().sorted().toList(), GoldenFeeds.stored(),
                "one golden file per feed of the shipped notices, and none for a feed no longer served");
        rendered.forEach((path, feed) -> {
            String golden = new String(GoldenFeeds.read(path), StandardCharsets.UTF_8);
            if (!golden.equals(feed)) {
                fail(path + " differs from its golden file, " + firstDifference(golden, feed)
                        + "; if the change is meant, run with -D" + GoldenFeeds.UPDATE + "=true and review the diff");
            }
            assertTrue(GoldenFeeds.same(path, feed), path + ": the same text in other bytes");
        });
    }

    /** Where two feeds part: the content line number (1-based) and both lines. */
    private static String firstDifference(String golden, String feed) {
        String[] a = golden.split("\r\n", -1);
        String[] b = feed.split("\r\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end)";
            String y = i < b.length ? b[i] : "(end)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": golden \"" + x + "\", now \"" + y + "\"";
            }
        }
        return "in line ends";
    }

    @Test
    void theGoldenFeeds_areCrlfFoldedAndStampedAtTheFixedInstant() {
        // What makes them fit to compare: nothing in them depends on the machine, the day or the run.
        for (String path : GoldenFeeds.stored()) {
            String golden = new String(GoldenFeeds.read(path), StandardCharsets.UTF_8);
            assertTrue(golden.startsWith("BEGIN:VCALENDAR\r\n") && golden.endsWith("END:VCALENDAR\r\n"), path);
            assertTrue(golden.replace("\r\n", "").indexOf('\n') < 0, path + ": a bare LF");
            assertTrue(golden.lines().filter(l -> l.startsWith("DTSTAMP")).allMatch(l -> l.equals("DTSTAMP:20261102T030405Z")),
                    path + ": DTSTAMP other than the fixed instant");
        }
    }
}
