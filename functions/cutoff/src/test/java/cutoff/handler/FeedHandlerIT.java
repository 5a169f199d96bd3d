package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.notice.Notice;
import cutoff.testing.TestStack;
import cutoff.testing.Project;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The feed function invoked with the sample events in events/, against DynamoDB Local. */
class FeedHandlerIT {
    private static FeedHandler handler;

    @BeforeAll
    static void loadShippedNotices() throws Exception {
        handler = new TestStack(Instant.parse("2026-11-01T00:00:00Z")).withShippedNotices().feeds();
    }

    /** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab joins the lines. */
    static String unfold(String body) {
        return body.replaceAll("\r\n[ \t]", "");
    }

    private static int events(String body) {
        return body.split("BEGIN:VEVENT", -1).length - 1;
    }

    @Test
    void topicFeed_hasTheOpeningAndThe1630Cutoff_inBeijingTime() {
        APIGatewayV2HTTPResponse r = handler.handleRequest(Project.event("feed-topic.json"), null);
        assertEquals(200, r.getStatusCode());
        assertEquals("text/calendar; charset=utf-8", r.getHeaders().get("Content-Type"));
        assertNotNull(r.getHeaders().get("ETag"));
        String body = unfold(r.getBody());
        assertEquals(2, events(body));
        assertTrue(body.contains("DTSTART;TZID=Asia/Shanghai:20230428T163000\r\n"), body);
        assertTrue(body.contains("DTSTART;TZID=Asia/Shanghai:20230329T090000\r\n"), body);
        assertTrue(body.contains("UID:2023-4-82277d-t2-closes@cutoff\r\n"), body);
        assertTrue(body.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"), body);
        assertTrue(body.contains("X-WR-CALNAME:Cutoff · 沪科指南〔2023〕4号 · 专题二 上海－以色列产业创新合作项目"), body);
        assertFalse(body.contains("Caution"), "no caveat on a notice read as written");
    }

    @Test
    void topicFeedWithForeignSide_hasDateOnlyForeignDeadlines_andSameAsOursOnesInTheAgencysZone() {
        String body = unfold(handler.handleRequest(Project.event("feed-topic-foreign.json"), null).getBody());
        assertEquals(1 + 6, events(body), "our cutoff (no opening stated) and six foreign-side deadlines");
        assertTrue(body.contains("DTSTART;VALUE=DATE:20240930\r\nUID:x-e9e38a483d-p1-t1-foreign-finland@cutoff"), body);
        assertTrue(body.contains("DTSTART;TZID=Europe/Oslo:20240731T103000\r\nUID:x-e9e38a483d-p1-t1-foreign-norway@cutoff"),
                body);
        assertTrue(body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"), body);
        assertTrue(body.contains("注意 Caution: 年份（2024）与我方截止时间（2024-07-31 16:30）为占位值"), "the placeholder caveat: " + body);
    }

    @Test
    void noticeAndAllFeeds_carryEveryStoredDeadline() {
        assertEquals(12, events(handler.handleRequest(Project.event("feed-notice.json"), null).getBody()));
        int all = 0;
        for (Notice n : Project.shippedNotices()) {
            all += events(handler.handleRequest(event("/feeds/notices/" + n.id() + ".ics", null), null).getBody());
        }
        assertEquals(all, events(handler.handleRequest(Project.event("feed-all.json"), null).getBody()));
        assertTrue(all >= 28, "the three shipped notices give " + all + " deadlines");
    }

    @Test
    void ifNoneMatchWithTheETag_answers304WithoutABody_andTheSameFeedKeepsItsETag() {
        APIGatewayV2HTTPResponse first = handler.handleRequest(Project.event("feed-topic.json"), null);
        APIGatewayV2HTTPResponse second = handler.handleRequest(Project.event("feed-topic.json"), null);
        String etag = first.getHeaders().get("ETag");
        assertEquals(etag, second.getHeaders().get("ETag"), "DTSTAMP is the last change, not now");
        assertEquals(first.getBody(), second.getBody());
        APIGatewayV2HTTPEvent conditional = Project.event("feed-topic.json");
        Map<String, String> headers = new HashMap<>(conditional.getHeaders());
        headers.put("if-none-match", etag);
        conditional.setHeaders(headers);
        APIGatewayV2HTTPResponse notModified = handler.handleRequest(conditional, null);
        assertEquals(304, notModified.getStatusCode());
        assertNull(notModified.getBody());
        assertEquals(etag, notModified.getHeaders().get("ETag"));
        headers.put("if-none-match", "\"something-else\"");
        assertEquals(200, handler.handleRequest(conditional, null).getStatusCode());
    }

    @Test
    void unknownTopicOrPath_answers404() {
        APIGatewayV2HTTPResponse r = handler.handleRequest(Project.event("feed-unknown.json"), null);
        assertEquals(404, r.getStatusCode());
        assertTrue(r.getBody().startsWith("no feed at /feeds/topics/2099-1-000000-t1.ics"), r.getBody());
        assertEquals(404, handler.handleRequest(event("/feeds/notices/../all.ics", null), null).getStatusCode());
        assertEquals(404, handler.handleRequest(event("/feeds/elsewhere.ics", null), null).getStatusCode());
        String huge = "9".repeat(3000);
        for (String path : List.of("/feeds/notices/" + huge + ".ics", "/feeds/topics/" + huge + "-t1.ics", "/feeds/topics/a%00b-t1.ics",
                "/feeds/personal/" + huge + ".ics", "/feeds/notices/.ics", "/feeds/topics/x")) {
            assertEquals(404, handler.handleRequest(event(path, null), null).getStatusCode(), "not a 500: " + path.length());
        }
    }

    @Test
    void gzip_whenTheClientAcceptsIt_withVary_andTheSameCalendarInside() throws Exception {
        APIGatewayV2HTTPResponse plain = handler.handleRequest(Project.event("feed-all.json"), null);
        APIGatewayV2HTTPResponse zipped = handler.handleRequest(Project.event("feed-all.json",
                Map.of("accept-encoding", "br;q=1.0, gzip;q=0.8, *;q=0.1")), null);
        assertEquals("gzip", zipped.getHeaders().get("Content-Encoding"));
        assertEquals("Accept-Encoding", zipped.getHeaders().get("Vary"));
        assertEquals("Accept-Encoding", plain.getHeaders().get("Vary"));
        assertTrue(zipped.getIsBase64Encoded());
        byte[] compressed = java.util.Base64.getDecoder().decode(zipped.getBody());
        String inflated = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(plain.getBody(), inflated);
        assertTrue(compressed.length * 4 < plain.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                compressed.length + " bytes gzipped");
        assertNotEquals(plain.getHeaders().get("ETag"), zipped.getHeaders().get("ETag"), "a strong ETag per representation");
        assertEquals(200, handler.handleRequest(Project.event("feed-all.json", Map.of("accept-encoding", "gzip",
                "if-none-match", plain.getHeaders().get("ETag"))), null).getStatusCode());
        assertEquals(304, handler.handleRequest(Project.event("feed-all.json", Map.of("accept-encoding", "gzip",
                "if-none-match", zipped.getHeaders().get("ETag"))), null).getStatusCode());
        assertEquals(null, handler.handleRequest(Project.event("feed-all.json", Map.of("accept-encoding", "gzip;q=0")), null).getHeaders().get("Content-Encoding"), "q=0 refuses gzip");
    }

    @Test
    void head_hasTheGetsContentLength_andNoBody() {
        for (String encoding : List.of("identity", "gzip")) {
            APIGatewayV2HTTPResponse get = handler.handleRequest(Project.event("feed-all.json", Map.of("accept-encoding", encoding)), null);
            APIGatewayV2HTTPResponse head = handler.handleRequest(Routes.event("HEAD", "/feeds/all.ics", Map.of("accept-encoding", encoding),
                    null), null);
            int length = get.getIsBase64Encoded() ? java.util.Base64.getDecoder().decode(get.getBody()).length
                    : get.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertEquals(200, head.getStatusCode());
            assertEquals(Integer.toString(length), head.getHeaders().get("Content-Length"), encoding);
            assertEquals("", head.getBody());
            assertEquals(get.getHeaders().get("ETag"), head.getHeaders().get("ETag"));
        }
    }

    @Test
    void otherMethods_are405WithAllow() {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            APIGatewayV2HTTPResponse r = handler.handleRequest(Routes.event(method, "/feeds/all.ics", Map.of(), "x"), null);
            assertEquals(405, r.getStatusCode(), method);
            assertEquals("GET, HEAD", r.getHeaders().get("Allow"));
        }
    }

    private static APIGatewayV2HTTPEvent event(String path, String ifNoneMatch) {
        return Routes.event("GET", path, ifNoneMatch == null ? Map.of() : Map.of("if-none-match", ifNoneMatch), null);
    }
}
