package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic page's timeline: where deadlines sit on the axis, how their times are written, how labels are laid out. */
class TimelineTest {
    private static final Instant OPENS = Instant.parse("2026-05-15T01:00:00Z");   // 09:00 Beijing
    private static final Instant CUTOFF = Instant.parse("2026-06-03T08:30:00Z");  // 16:30 Beijing

    private static Deadline foreignDateOnly(LocalDate date, String zone) {
        return new Deadline("t-foreign-finland@cutoff", "n", "n-t1", DeadlineKind.FOREIGN, null, date, ZoneId.of(zone),
                "s", "d", null, 0, Instant.EPOCH, false);
    }

    @Test
    void markers_sitInProportionToTheirInstants_onAnAxisThatSpansThem() {
        Timeline.Drawing d = Timeline.draw(List.of(
                new Timeline.Marker("opens", OPENS, "申报开始", "2026-05-15 09:00 北京时间"),
                new Timeline.Marker("cutoff", CUTOFF, "申报截止", "2026-06-03 16:30 北京时间")), Instant.parse("2026-05-20T00:00:00Z"));
        assertTrue(d.start() < OPENS.toEpochMilli() && d.end() > CUTOFF.toEpochMilli(), "a margin on both sides");
        for (Timeline.Placed p : d.markers()) {
            long expected = Math.round(700.0 * (p.atMillis() - d.start()) / (d.end() - d.start()));
            assertEquals(expected, p.x(), p.kind());
        }
        Timeline.Placed opens = d.markers().stream().filter(p -> p.kind().equals("opens")).findFirst().orElseThrow();
        Timeline.Placed cutoff = d.markers().stream().filter(p -> p.kind().equals("cutoff")).findFirst().orElseThrow();
        assertTrue(opens.x() < cutoff.x());
        assertTrue(d.nowOnAxis(), "now (between opening and cutoff) is drawn");
        assertTrue(d.nowX() > opens.x() && d.nowX() < cutoff.x());
        assertEquals(Timeline.AXIS, d.axisWidth());
    }

    @Test
    void aDateOnlyForeignDeadline_sitsAtTheStartOfItsDayInTheAgencysZone_andIsWrittenInThatZone() {
        Deadline finland = foreignDateOnly(LocalDate.of(2024, 9, 30), "Europe/Helsinki");
        // 00:00 in Helsinki (UTC+03:00 in September) is 21:00 UTC the day before.
        assertEquals(Instant.parse("2024-09-29T21:00:00Z"), Timeline.at(finland));
        assertEquals("2024-09-30 Europe/Helsinki（通知未写具体时间）", Timeline.when("zh", finland));
        assertEquals("2024-09-30 Europe/Helsinki (no time of day stated)", Timeline.when("en", finland));
    }

    @Test
    void aTimedDeadline_isWrittenAsTheWallTimeOfItsOwnZone_withTheOffsetOfThatDay() {
        Instant ours = Instant.parse("2024-07-31T08:30:00Z");
        assertEquals("2024-07-31 16:30 北京时间", Timeline.when("zh", ours, null, Window.BEIJING));
        assertEquals("2024-07-31 16:30 Beijing time", Timeline.when("en", ours, null, Window.BEIJING));
        // The same instant in Oslo's summer time, and in winter (CET) an hour less ahead of UTC.
        assertEquals("2024-07-31 10:30 Europe/Oslo (UTC+02:00)", Timeline.when("en", ours, null, ZoneId.of("Europe/Oslo")));
        assertEquals("2024-12-31 09:30 Europe/Oslo (UTC+01:00)",
                Timeline.when("en", Instant.parse("2024-12-31T08:30:00Z"), null, ZoneId.of("Europe/Oslo")));
        assertEquals("2024-07-31 08:30 UTC (UTC+00:00)", Timeline.when("en", ours, null, ZoneId.of("UTC")));
    }

    @Test
    void everyZoneTheJvmKnows_rendersALabel_timedAndDateOnly() {
        Instant at = Instant.parse("2026-03-29T01:30:00Z");
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            String timed = Timeline.when("en", at, null, zone);
            String date = Timeline.when("zh", null, LocalDate.of(2026, 3, 29), zone);
            assertTrue(timed.contains(zone.equals(Window.BEIJING) ? "Beijing time" : id), id + ": " + timed);
            assertTrue(date.startsWith("2026-03-29 "), id + ": " + date);
            Timeline.Drawing d = Timeline.draw(List.of(new Timeline.Marker("foreign", at, id, timed)), at);
            assertEquals(1, d.markers().size(), id);
        }
    }

    @Test
    void labels_neverOverlapInALane_andEveryTickIsDrawnBeforeTheLabelsItPassesBehind() {
        List<Timeline.Marker> markers = new ArrayList<>();
        // Six deadlines on one day (与我省一致 in several zones) and some spread out: the crowded case of 浙江 2024.
        for (int i = 0; i < 6; i++) {
            markers.add(new Timeline.Marker("foreign", Instant.parse("2024-07-31T08:30:00Z"), "Agency number " + i,
                    "2024-07-31 10:30 Europe/Oslo (UTC+02:00)"));
        }
        markers.add(new Timeline.Marker("foreign", Instant.parse("2024-07-12T22:00:00Z"), "Technology Agency of the Czech Republic",
                "2024-07-13 Europe/Prague"));
        markers.add(new Timeline.Marker("foreign", Instant.parse("2024-09-29T21:00:00Z"), "Business Finland", "2024-09-30 Europe/Helsinki"));
        Timeline.Drawing d = Timeline.draw(markers, Instant.parse("2026-11-25T00:00:00Z"));
        assertFalse(d.nowOnAxis(), "two years on, now is off the call's axis");
        assertTrue(d.nowAfter());
        for (Timeline.Placed a : d.markers()) {
            int[] ia = extent(a);
            assertTrue(ia[0] >= -Timeline.X0 && ia[1] <= Timeline.WIDTH - Timeline.X0, "inside the drawing: " + a);
            for (Timeline.Placed b : d.markers()) {
                if (a == b) {
                    continue;
                }
                int[] ib = extent(b);
                if (a.lane() == b.lane()) {
                    assertTrue(ia[1] <= ib[0] || ib[1] <= ia[0], "same lane, overlapping: " + a + " / " + b);
                }
                if (b.lane() < a.lane() && ib[0] <= a.x() && a.x() <= ib[1]) {
                    assertTrue(d.markers().indexOf(b) > d.markers().indexOf(a), "the tick of " + a + " is drawn over the label of " + b);
                }
            }
        }
        assertEquals(7, d.markers().stream().mapToInt(Timeline.Placed::lane).max().orElseThrow() + 1,
                "six labels on one day below the earlier label that spans it: seven lanes");
    }

    private static int[] extent(Timeline.Placed p) {
        int w = Math.max(Timeline.textWidth(p.label()), Timeline.textWidth(p.when()));
        return p.anchor().equals("start") ? new int[] {p.x(), p.textX() + w} : new int[] {p.textX() - w, p.x()};
    }
}
