package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.api.FeedHandler;
import cutoff.deadline.Deadline;
import cutoff.deadline.DeadlineKind;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.testing.TestStack;
import cutoff.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shipped notice's feed, served by the feed function from DynamoDB Local, read by an independent
 * parser (Mozilla's ical.js, {@code infra/feedcheck}): each event's instant, as ical.js computes it from
 * the feed's own VTIMEZONE, must be the one the notice states.
 */
class FeedsReadByIcalJsIT {
    private static FeedHandler handler;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        handler = new TestStack(Instant.parse("2026-11-02T03:04:05Z")).withShippedNotices().feeds();
    }

    private static String feed(String path) {
        var event = cutoff.api.Routes.event("GET", path, java.util.Map.of(), null);
        var response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), path);
        return response.getBody();
    }

    /** Runs infra/feedcheck/check.mjs on a feed and returns what ical.js read. */
    static JsonNode icalJs(String feed) throws IOException, InterruptedException {
        return icalJs(feed, null);
    }

    /**
     * Runs infra/feedcheck/check.mjs on a feed and returns what ical.js read; with {@code wallTimes} (a JSON
     * file: TZID to local wall times), also the offset ical.js gives each of them ({@code offsets}).
     */
    static JsonNode icalJs(String feed, Path wallTimes) throws IOException, InterruptedException {
        Path dir = Project.root().resolve("infra/feedcheck");
        assertTrue(Files.isDirectory(dir.resolve("node_modules/ical.js")),
                "ical.js is not installed: run `npm ci` in infra/feedcheck (./cutoff test does it)");
        Path file = Files.createTempFile("cutoff-feed", ".ics");
        Files.writeString(file, feed, StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(List.of("node", "check.mjs", file.toString()));
        if (wallTimes != null) {
            command.add(wallTimes.toString());
        }
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ical.js did not finish");
        assertEquals(0, p.exitValue(), "ical.js could not read the feed");
        Files.delete(file);
        return JSON.readTree(out);
    }

    @Test
    void everyEventOfEveryShippedNotice_isAtTheInstantTheNoticeStates() throws Exception {
        for (Notice notice : Project.shippedNotices()) {
            JsonNode read = icalJs(feed("/feeds/notices/" + notice.id() + ".ics"));
            Map<String, JsonNode> byUid = new HashMap<>();
            read.get("events").forEach(e -> byUid.put(e.get("uid").asText(), e));
            int expected = 0;
            for (Topic t : notice.topics()) {
                JsonNode closes = byUid.get(t.id() + "-closes@cutoff");
                assertNotNull(closes, t.id());
                assertEquals(t.window().closes().dateTime().toInstant().toString(), instant(closes), t.id());
                assertEquals("Asia/Shanghai", closes.get("tzid").asText());
                assertTrue(closes.get("tzKnown").asBoolean(), "VTIMEZONE for " + closes.get("tzid"));
                expected++;
                if (t.window().opens() != null) {
                    assertEquals(t.window().opens().dateTime().toInstant().toString(), instant(byUid.get(t.id() + "-opens@cutoff")));
                    expected++;
                }
                for (ForeignDeadline f : t.foreignDeadlines()) {
                    if (!f.isDated()) {
                        continue;
                    }
                    expected++;
                    JsonNode e = byUid.values().stream()
                            .filter(x -> x.get("uid").asText().startsWith(t.id() + "-foreign-")
                                    && x.get("summary").asText().contains(f.agency()))
                            .findFirst().orElseThrow(() -> new AssertionError(f.agency() + " missing in " + t.id()));
                    if (f.sameAsOurs()) {
                        assertEquals(t.window().closes().dateTime().toInstant().toString(), instant(e), f.agency());
                        assertEquals(f.zone().getId(), e.get("tzid").asText());
                        assertTrue(e.get("tzKnown").asBoolean(), "VTIMEZONE for " + f.zone());
                    } else {
                        assertTrue(e.get("isDate").asBoolean(), f.agency() + " has no time of day: a DATE event");
                        assertEquals(f.date().toString(), e.get("date").asText(), f.agency());
                        assertEquals(f.date().plusDays(1).toString(), e.get("endDate").asText(), "the whole day: " + f.agency());
                    }
                }
            }
            assertEquals(expected, byUid.size(), notice.id());
        }
    }

    @Test
    void theRealCutoffs_areAt1630BeijingTime_asTheNoticesSay() throws Exception {
        // 沪科指南〔2023〕4号, 专题二: 申报时间 … 至2023年4月28日16:30 (UTC+8).
        JsonNode israel = icalJs(feed("/feeds/topics/2023-4-82277d-t2.ics"));
        assertEquals("2023-04-28T08:30:00.000Z", uid(israel, "2023-4-82277d-t2-closes@cutoff").get("startUtc").asText());
        assertEquals("2023-03-29T01:00:00.000Z", uid(israel, "2023-4-82277d-t2-opens@cutoff").get("startUtc").asText());
        // 沪科指南〔2026〕8号, 申报方式: 截止时间（含申报单位网上审核提交）为2026年6月3日16:30.
        JsonNode all = icalJs(feed("/feeds/all.ics"));
        assertEquals("2026-06-03T08:30:00.000Z", uid(all, "2026-8-304af3-t3-closes@cutoff").get("startUtc").asText());
        assertEquals("PT6H", all.get("refresh").asText());
        assertEquals("2026-11-02T03:04:05.000Z", uid(all, "2026-8-304af3-t3-closes@cutoff").get("dtstamp").asText(),
                "DTSTAMP is the ingest, not the fetch");
    }

    @Test
    void feedsAreCrlfAndFoldedAt75Octets_withoutSplittingACharacter() {
        String body = feed("/feeds/all.ics");
        assertFalse(body.replace("\r\n", "").contains("\n"), "bare LF");
        assertTrue(body.endsWith("END:VCALENDAR\r\n"));
        for (String line : body.split("\r\n")) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(octets.length <= 75, octets.length + " octets: " + line);
            assertEquals(line, new String(octets, StandardCharsets.UTF_8), "a broken UTF-8 sequence");
        }
        assertTrue(java.util.Arrays.stream(body.split("\r\n")).anyMatch(l -> l.startsWith(" ")
                && l.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)),
                "long Chinese lines are folded");
    }

    @Test
    void everyAgencyZone_roundTripsThroughIcalJs_acrossDaylightSavingChanges() throws Exception {
        List<String> zones = List.of("Asia/Shanghai", "Asia/Singapore", "Europe/Helsinki", "Asia/Jerusalem", "Europe/Prague",
                "Europe/Oslo", "Europe/Brussels", "Europe/London", "America/Santiago", "Pacific/Auckland");
        // Winter, summer, and either side of the EU and Israeli spring changes of 2026.
        List<Instant> instants = List.of(Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-07-15T10:00:00Z"),
                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                Instant.parse("2026-03-26T23:30:00Z"), Instant.parse("2026-03-27T00:30:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
        List<Deadline> deadlines = new java.util.ArrayList<>();
        for (String zone : zones) {
            for (Instant at : instants) {
                java.time.ZoneId z = java.time.ZoneId.of(zone);
                deadlines.add(new Deadline(zone + "-" + at.getEpochSecond() + "@test", "n", "n-t1", DeadlineKind.FOREIGN, at,
                        at.atZone(z).toLocalDate(), z, "x", "x", null, 0, Instant.EPOCH, false));
            }
        }
        JsonNode read = icalJs(new FeedWriter().write("zones", deadlines));
        assertEquals(deadlines.size(), read.get("events").size());
        int utc = 0;
        for (Deadline d : deadlines) {
            JsonNode e = uid(read, d.uid());
            boolean repeatedHour = d.zone().getRules().getValidOffsets(java.time.LocalDateTime.ofInstant(d.at(), d.zone())).size() > 1;
            if (repeatedHour) {
                assertTrue(e.get("tzid").isNull(), "a repeated wall time is written in UTC: " + d.uid());
                utc++;
            } else {
                assertEquals(d.zone().getId(), e.get("tzid").asText());
                assertTrue(e.get("tzKnown").asBoolean(), d.zone().getId());
            }
            assertEquals(d.at().toString(), instant(e), d.uid());
            assertEquals(d.at().plusSeconds(60).toString(), Instant.parse(e.get("endUtc").asText()).toString(),
                    "a minute long: " + d.uid());
        }
        assertTrue(utc >= 4, "the test has repeated-hour cases: " + utc);
    }

    private static String instant(JsonNode event) {
        return Instant.parse(event.get("startUtc").asText()).toString();
    }

    private static JsonNode uid(JsonNode read, String uid) {
        for (JsonNode e : read.get("events")) {
            if (e.get("uid").asText().equals(uid)) {
                return e;
            }
        }
        throw new AssertionError("no event " + uid);
    }
}
