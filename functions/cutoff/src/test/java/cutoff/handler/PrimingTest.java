package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {
    @Test
    void aFailingPrimingStep_neverStopsTheFunction() {
        List<String> seen = new ArrayList<>();
        Priming.quietly(() -> {
            throw new IllegalStateException("DynamoDB unreachable at snapshot time");
        }, e -> seen.add(e.getMessage()));
        assertEquals(List.of("DynamoDB unreachable at snapshot time"), seen);
    }

    @Test
    void thePrimingFeed_isARealFeedAt1630Beijing() {
        String feed = Priming.renderFeed();
        assertEquals(true, feed.contains("DTSTART;TZID=Asia/Shanghai:20260101T163000\r\n"), feed);
    }
}
