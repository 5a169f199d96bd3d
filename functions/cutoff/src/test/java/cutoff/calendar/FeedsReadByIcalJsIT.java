package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.handler.FeedHandler;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
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
        var event = cutoff.handler.Routes.event("GET", path, java.util.Map.of(), null);
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
                assertOurs(t.window().closes(), closes, "申报截止 Cutoff · " + t.displayName());
                expected++;
                if (t.window().opens() != null) {
                    assertOurs(t.window().opens(), byUid.get(t.id() + "-opens@cutoff"), "申报开始 Applications open · " + t.displayName());
                    expected++;
                }
                // The call's further deadlines: one event each, UID <topicId>-<kind>@cutoff (--n for the n-th of a kind).
                Map<DeadlineKind, Integer> ofKind = new HashMap<>();
                for (CallDeadline step : t.deadlines()) {
                    int nth = ofKind.merge(step.kind(), 1, Integer::sum);
                    String uid = t.id() + "-" + step.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                            + (nth == 1 ? "" : "--" + nth) + "@cutoff";
                    JsonNode e = byUid.get(uid);
                    assertNotNull(e, uid + " in " + byUid.keySet());
                    assertOurs(step.closes(), e, step.kind().chinese() + " " + step.kind().english() + " · " + t.displayName());
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
                        assertTrue(t.window().closes().timed(), "this test has no same-as-ours date-only cutoff yet");
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

    /**
     * One of our deadlines as ical.js reads it: a timed one at its instant with the Asia/Shanghai VTIMEZONE;
     * a date-only one a DATE event (isDate) on its day, DTEND the next day; SUMMARY exactly as expected.
     */
    private static void assertOurs(DateOrDateTime when, JsonNode event, String summary) {
        String uid = event.get("uid").asText();
        assertEquals(summary, event.get("summary").asText(), uid);
        assertEquals("CONFIRMED", event.get("status").asText(), uid);
        if (when.timed()) {
            assertFalse(event.get("isDate").asBoolean(), uid);
            assertEquals(when.dateTime().toInstant().toString(), instant(event), uid);
            assertEquals("Asia/Shanghai", event.get("tzid").asText(), uid);
            assertTrue(event.get("tzKnown").asBoolean(), "VTIMEZONE for " + event.get("tzid"));
        } else {
            assertTrue(event.get("isDate").asBoolean(), uid + ": no time of day, a DATE event");
            assertEquals(when.date().toString(), event.get("date").asText(), uid);
            assertEquals(when.date().plusDays(1).toString(), event.get("endDate").asText(), "the whole day: " + uid);
        }
    }

    @Test
    void theShippedRecords_coverEveryShapeTheChecksAbove_read() {
        List<Topic> topics = Project.shippedNotices().stream().flatMap(n -> n.topics().stream()).toList();
        assertTrue(topics.stream().anyMatch(t -> !t.window().closes().timed()), "a date-only cutoff");
        List<CallDeadline> steps = topics.stream().flatMap(t -> t.deadlines().stream()).toList();
        for (DeadlineKind kind : List.of(DeadlineKind.RECOMMENDATION, DeadlineKind.PAPER_COPY, DeadlineKind.RELAY)) {
            assertTrue(steps.stream().anyMatch(s -> s.kind() == kind), kind.name());
        }
        assertTrue(steps.stream().anyMatch(s -> s.closes().timed()), "a timed further deadline");
        assertTrue(steps.stream().anyMatch(s -> !s.closes().timed()), "a date-only further deadline");
        assertTrue(Project.shippedNotices().stream().anyMatch(n -> n.relayedBy() != null), "a relayed notice");
    }

    @Test
    void theRelayedCalls_asIcalJsReadsThem() throws Exception {
        // 科技部国际合作司 2013 中以: 截止时间为4月30日 (signed 2013年1月21日), relayed with 请务必于2013年4月10日之前.
        JsonNode israel = icalJs(feed("/feeds/topics/x-c8b0077121-t1.ics"));
        JsonNode closes = uid(israel, "x-c8b0077121-t1-closes@cutoff");
        assertTrue(closes.get("isDate").asBoolean());
        assertEquals("2013-04-30", closes.get("date").asText());
        JsonNode relay = uid(israel, "x-c8b0077121-t1-relay@cutoff");
        assertTrue(relay.get("isDate").asBoolean());
        assertEquals("2013-04-10", relay.get("date").asText());
        assertEquals("转发单位截止 Relaying office's deadline · 关于征集2014年度中国以色列产业技术研发合作项目及对以科技合作需求的通知", relay.get("summary").asText());
        assertTrue(relay.get("description").asText().contains("earlier than the issuer's cutoff (2013-04-30 (Beijing time;"),
                relay.get("description").asText());
        assertTrue(relay.get("description").asText().contains("2013年4月10日之前"), relay.get("description").asText());
        // 广东 2013: 申报单位…2013年5月30日下午5:00, 各级科技主管部门…6月3日下午5:00, 书面申报材料…6月7日下午5点前.
        JsonNode guangdong = icalJs(feed("/feeds/notices/x-3561b9dd55.ics"));
        assertEquals("2013-05-30T09:00:00.000Z", uid(guangdong, "x-3561b9dd55-t1-closes@cutoff").get("startUtc").asText());
        JsonNode recommendation = uid(guangdong, "x-3561b9dd55-t1-recommendation@cutoff");
        assertEquals("2013-06-03T09:00:00.000Z", recommendation.get("startUtc").asText());
        assertTrue(recommendation.get("description").asText().contains("经办 Who: 各级科技主管部门"));
        JsonNode paper = uid(guangdong, "x-3561b9dd55-t1-paper-copy@cutoff");
        assertEquals("2013-06-07T09:00:00.000Z", paper.get("startUtc").asText());
        assertEquals("纸质材料截止 Paper copies due · 关于组织申报第二批2013年广东省对外科技合作专项的通知", paper.get("summary").asText());
        assertEquals("http://pro.gdstc.gov.cn", paper.get("url").asText());
        assertTrue(paper.get("description").asText().contains("转发 Relayed by: 科技处"), paper.get("description").asText());
    }

    @Test
    void aReIngest_keepsEachFurtherDeadlinesUid_raisesTheSequenceOfAMovedOne_andCancelsARemovedOne() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-11-02T03:04:05Z")).withShippedNotices();
        Notice gd = Project.shippedNotice("x-3561b9dd55");
        Topic t = gd.topics().get(0);
        CallDeadline later = new CallDeadline(DeadlineKind.RECOMMENDATION, t.deadlines().get(0).closes().plusDays(4),
                "2013年6月7日下午5:00", "各级科技主管部门");
        Topic changed = t.withDeadlines(List.of(later));
        stack.advance(java.time.Duration.ofDays(1));
        stack.wiring().ingestion().ingest(gd.withTopics(List.of(changed)));
        var event = cutoff.handler.Routes.event("GET", "/feeds/topics/" + t.id() + ".ics", java.util.Map.of(), null);
        JsonNode read = icalJs(stack.feeds().handleRequest(event, null).getBody());
        JsonNode moved = uid(read, t.id() + "-recommendation@cutoff");
        assertEquals("2013-06-07T09:00:00.000Z", moved.get("startUtc").asText());
        assertEquals(1, moved.get("sequence").asInt());
        JsonNode removed = uid(read, t.id() + "-paper-copy@cutoff");
        assertEquals("CANCELLED", removed.get("status").asText());
        assertEquals(1, removed.get("sequence").asInt());
        assertEquals(0, uid(read, t.id() + "-closes@cutoff").get("sequence").asInt(), "re-worded, not moved");
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
