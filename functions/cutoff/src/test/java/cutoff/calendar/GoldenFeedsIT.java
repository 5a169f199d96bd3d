package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import cutoff.handler.FeedHandler;
import cutoff.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden feeds ({@link GoldenFeeds}) are what the feed function serves from DynamoDB Local after an
 * ingest at the same instant, byte for byte, and Mozilla's ical.js ({@code infra/feedcheck}) reads each
 * of them: every VEVENT, each stamped at the fixed instant.
 */
class GoldenFeedsIT {
    @Test
    void theFeedFunction_servesTheGoldenFeeds_andIcalJsReadsThem() throws Exception {
        FeedHandler handler = new TestStack(GoldenFeeds.STAMP).withShippedNotices().feeds();
        for (String path : GoldenFeeds.stored()) {
            var response = handler.handleRequest(cutoff.handler.Routes.event("GET", "/feeds/" + path, Map.of(), null), null);
            assertEquals(200, response.getStatusCode(), path);
            byte[] golden = GoldenFeeds.read(path);
            assertArrayEquals(golden, response.getBody().getBytes(StandardCharsets.UTF_8), path + " as served");

            String text = new String(golden, StandardCharsets.UTF_8);
            JsonNode read = FeedsReadByIcalJsIT.icalJs(text);
            long vevents = text.lines().filter(l -> l.equals("BEGIN:VEVENT")).count();
            assertTrue(vevents > 0, path);
            assertEquals(vevents, read.get("events").size(), path + ": every VEVENT read by ical.js");
            assertFalse(read.get("name").asText().isBlank(), path);
            for (JsonNode e : read.get("events")) {
                assertEquals("2026-11-02T03:04:05.000Z", e.get("dtstamp").asText(), path + " " + e.get("uid"));
                assertTrue(e.get("tzKnown").asBoolean(), path + " " + e.get("uid") + ": its TZID has a VTIMEZONE");
            }
        }
    }
}
