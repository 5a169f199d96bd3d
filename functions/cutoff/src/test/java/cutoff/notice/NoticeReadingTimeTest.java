package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cutoff.document.SteppingClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A notice's text read within the document readers' time ({@link NoticeParser#parse(byte[], Integer, Duration, java.time.Clock)}):
 * generated notices of many topic and window lines ({@link ParseScaling#notice(int, boolean)}), read whole within
 * it, or refused with the reason once it is up.
 */
class NoticeReadingTimeTest {
    @Test
    void aNoticeThatTakesLongerThanTheReadingTime_isRefused_onAnInjectedClock() {
        // Each check of the time reads the clock once, and the clock moves on 1 s at each reading: 20 s are 20 checks.
        for (boolean headings : new boolean[] {false, true}) {
            NoticeParser.TooLongToReadException refused = assertThrows(NoticeParser.TooLongToReadException.class,
                    () -> new NoticeParser().parse(ParseScaling.notice(500, headings), null, Duration.ofSeconds(20),
                            new SteppingClock(Duration.ofSeconds(1))));
            assertEquals("a notice whose text takes longer to read than the 20 s a file may take (tens of thousands of"
                    + " topics or dated sentences): give the notice itself, without its attachments or repeated pages",
                    refused.getMessage());
        }
    }

    @Test
    void manyTopics_fourTimesAsMany_areEachReadWithTheirOwnWindow() throws Exception {
        for (int n : new int[] {500, 2_000}) {
            Notice notice = new NoticeParser().parse(ParseScaling.notice(n, true), null, Duration.ofSeconds(20), java.time.Clock.systemUTC());
            assertEquals(n, notice.topics().size());
            Topic last = notice.topics().get(n - 1);
            assertEquals("专题" + n, last.key());
            assertEquals("测试" + n, last.title());
            // Line 1 the title, 2 the salutation, then each topic's heading and its window's line.
            assertEquals(2 + 2 * n, last.window().source().line());
            assertEquals("2027-03-31T16:30:00+08:00", last.window().closes().toString());
        }
    }

    @Test
    void theReadingTimeDoesNotChangeTheReading() throws Exception {
        byte[] text = ParseScaling.notice(50, false);
        assertEquals(NoticeJson.write(new NoticeParser().parse(text, null)),
                NoticeJson.write(new NoticeParser().parse(text, null, Duration.ofSeconds(20), java.time.Clock.systemUTC())));
    }
}
