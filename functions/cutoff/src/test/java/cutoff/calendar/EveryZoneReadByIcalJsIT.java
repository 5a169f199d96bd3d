package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every zone the JVM knows, in one feed read by Mozilla's ical.js ({@code infra/feedcheck/check.mjs}, one
 * node process): deadlines in each zone at 12:00 UTC on 15 January and 15 July of 2005–2031 and a minute
 * either side of each of the zone's transitions in those years. Each event's start and end, as ical.js
 * computes them from the feed's own VTIMEZONE, must be the deadline's instant and a minute later; and for
 * wall times across the years (the 15th of every month, and two hours either side of each transition)
 * the offset ical.js's {@code ICAL.Timezone#utcOffset} gives must be java.time's.
 */
class EveryZoneReadByIcalJsIT {
    private static final int FROM = 2005;
    private static final int TO = 2031;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    @Test
    void everyZone_everyEventAndOffset_asIcalJsReadsTheFeed_isJavaTimes() throws Exception {
        List<Deadline> deadlines = new ArrayList<>();
        Map<String, List<LocalDateTime>> walls = new LinkedHashMap<>();
        for (String id : VTimeZonesTest.javaZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            ZoneRules rules = zone.getRules();
            List<ZoneOffsetTransition> transitions = VTimeZones.transitions(rules, FROM, TO);
            TreeSet<Instant> instants = new TreeSet<>();
            List<LocalDateTime> zoneWalls = new ArrayList<>();
            for (int year = FROM; year <= TO; year++) {
                instants.add(LocalDateTime.of(year, 1, 15, 12, 0).toInstant(ZoneOffset.UTC));
                instants.add(LocalDateTime.of(year, 7, 15, 12, 0).toInstant(ZoneOffset.UTC));
                for (int month = 1; month <= 12; month++) {
                    zoneWalls.add(LocalDateTime.of(year, month, 15, 12, 0));
                }
            }
            for (ZoneOffsetTransition t : transitions) {
                instants.add(t.getInstant().minusSeconds(60));
                instants.add(t.getInstant().plusSeconds(60));
                zoneWalls.add(LocalDateTime.ofInstant(t.getInstant().minusSeconds(7200), zone));
                zoneWalls.add(LocalDateTime.ofInstant(t.getInstant().plusSeconds(7200), zone));
            }
            for (Instant at : instants) {
                if (at.atZone(zone).getYear() >= FROM && at.atZone(zone).getYear() <= TO) {
                    deadlines.add(new Deadline(id + "/" + at.getEpochSecond() + "@test", "n", "n-t1", DeadlineKind.FOREIGN,
                            at, at.atZone(zone).toLocalDate(), zone, id, id, null, 0, Instant.EPOCH, false));
                }
            }
            // Only wall times that occur exactly once: a repeated or skipped one has no single offset.
            zoneWalls.removeIf(w -> rules.getValidOffsets(w).size() != 1);
            walls.put(id, zoneWalls);
        }

        long started = System.nanoTime();
        String feed = new FeedWriter().write("every zone", deadlines);
        long rendered = System.nanoTime();
        Map<String, List<String>> wallText = new LinkedHashMap<>();
        walls.forEach((id, list) -> wallText.put(id, list.stream().map(WALL::format).toList()));
        Path wallFile = Files.createTempFile("cutoff-walls", ".json");
        Files.writeString(wallFile, JSON.writeValueAsString(wallText), StandardCharsets.UTF_8);
        JsonNode read = FeedsReadByIcalJsIT.icalJs(feed, wallFile);
        Files.delete(wallFile);
        System.out.printf("every zone: %d zones, %d events, %d offsets; %.1f MB written in %d ms, read by ical.js in %d ms%n",
                walls.size(), deadlines.size(), walls.values().stream().mapToInt(List::size).sum(), feed.length() / 1e6,
                (rendered - started) / 1_000_000, (System.nanoTime() - rendered) / 1_000_000);

        Map<String, JsonNode> byUid = new HashMap<>();
        read.get("events").forEach(e -> byUid.put(e.get("uid").asText(), e));
        assertEquals(deadlines.size(), byUid.size());
        List<String> wrong = new ArrayList<>();
        for (Deadline d : deadlines) {
            JsonNode e = byUid.get(d.uid());
            String start = Instant.parse(e.get("startUtc").asText()).toString();
            String end = Instant.parse(e.get("endUtc").asText()).toString();
            if (!start.equals(d.at().toString()) || !end.equals(d.at().plusSeconds(60).toString())) {
                wrong.add(d.uid() + ": " + start + " – " + end + " (tzid " + e.get("tzid") + "), java.time " + d.at());
            }
            if (!e.get("tzKnown").asBoolean()) {
                wrong.add(d.uid() + ": no VTIMEZONE for " + e.get("tzid"));
            }
        }
        JsonNode offsets = read.get("offsets");
        for (Map.Entry<String, List<LocalDateTime>> zone : walls.entrySet()) {
            ZoneRules rules = ZoneId.of(zone.getKey()).getRules();
            JsonNode got = offsets.get(zone.getKey());
            for (int i = 0; i < zone.getValue().size(); i++) {
                LocalDateTime wall = zone.getValue().get(i);
                int want = rules.getOffset(wall).getTotalSeconds();
                if (got.get(i).isNull() || got.get(i).asInt() != want) {
                    wrong.add(zone.getKey() + " at " + wall + ": ical.js " + got.get(i) + " s, java.time " + want + " s");
                    break;
                }
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(wrong.size(), 50)), wrong.size() + " wrong");
        assertTrue(deadlines.size() > 40_000, "events: " + deadlines.size());
    }
}
