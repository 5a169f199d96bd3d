package cutoff.web;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the topic page's timeline: every deadline of a call on one horizontal time axis, in
 * SVG user units (1 unit = 1 CSS px; the drawing is {@link #WIDTH} wide and scrolls sideways on a phone).
 * The axis runs from {@link Drawing#start()} at x = 0 of the axis group ({@link #X0} in the SVG) to
 * {@link Drawing#end()} at x = {@link #AXIS}; a deadline at instant t sits at
 * {@code AXIS * (t - start) / (end - start)}: the same formula {@code /assets/timeline.js} uses (from the
 * SVG's {@code data-axis-start}, {@code data-axis-end}, {@code data-width}) to add an office's internal
 * deadline. A date-only deadline sits at the start of its day in its own zone (the earliest it could be).
 * Labels go below the axis in lanes, so that no two overlap; markers are listed deepest lane first (the drawing order).
 */
final class Timeline {
    /** Width of the SVG, px. */
    static final int WIDTH = 760;
    /** Where the axis starts in the SVG, px. */
    static final int X0 = 24;
    /** Length of the axis, px (the SVG's {@code data-width}). */
    static final int AXIS = 700;
    /** The axis line's y, px. */
    static final int AXIS_Y = 48;
    /** Height of one lane of labels, px (two lines of 12 px text). */
    static final int LANE = 40;
    /** The first lane's first text baseline, below the axis, px. */
    static final int FIRST_TEXT = AXIS_Y + 26;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Timeline() {
    }

    /**
     * One deadline to draw.
     *
     * @param kind  the contract's marker kind: {@code opens}, {@code cutoff}, {@code foreign},
     *              {@code recommendation}, {@code paper-copy}, {@code internal} or {@code other}
     * @param at    where it sits on the axis (UTC)
     * @param label what it is ({@code 申报截止}, an agency's name)
     * @param when  its time as written in its own zone ({@link #when})
     */
    record Marker(String kind, Instant at, String label, String when) {
    }

    /**
     * A marker placed.
     *
     * @param x      px from the axis start
     * @param lane   0 for the first row of labels below the axis
     * @param textX  where its label is anchored, px from the axis start
     * @param anchor SVG {@code text-anchor}: {@code start} (label to the right of the tick) or {@code end}
     * @param textY  the first line's baseline, px from the top of the SVG
     */
    record Placed(String kind, long atMillis, int x, int lane, int textX, String anchor, int textY, String label, String when) {
        /** The tick's bottom: just above the label. */
        public int tickBottom() {
            return textY - 13;
        }

        /** The second line's baseline. */
        public int secondLine() {
            return textY + 15;
        }
    }

    /**
     * The whole drawing.
     *
     * @param start     the axis start, epoch ms (UTC)
     * @param end       the axis end, epoch ms
     * @param height    the SVG's height, px
     * @param markers   in drawing order: deepest lane first, then by time
     * @param nowX      px from the axis start of "now", or -1 when now is off the axis
     * @param nowAfter  true when now is after the axis's end (the call is over), false when before or on it
     * @param startDate the axis start's date, Beijing time
     * @param endDate   the axis end's date, Beijing time
     */
    record Drawing(long start, long end, int height, List<Placed> markers, int nowX, boolean nowAfter, String startDate,
                   String endDate) {
        public int width() {
            return WIDTH;
        }

        public int axisWidth() {
            return AXIS;
        }

        public int x0() {
            return X0;
        }

        public int axisY() {
            return AXIS_Y;
        }

        public boolean nowOnAxis() {
            return nowX >= 0;
        }

        /** The "now" line's bottom. */
        public int bottom() {
            return height - 6;
        }
    }

    /** The contract's marker kind of a stored deadline's kind. */
    static String kind(DeadlineKind k) {
        return switch (k) {
            case OPENS -> "opens";
            case CLOSES -> "cutoff";
            case FOREIGN -> "foreign";
            case RECOMMENDATION -> "recommendation";
            case PAPER_COPY -> "paper-copy";
            default -> "other";
        };
    }

    /** Where a stored deadline sits: its instant, or the start of its day in its own zone. */
    static Instant at(Deadline d) {
        return d.earliest();
    }

    /**
     * A deadline's time in its own zone, as the page writes it: {@code 2026-06-03 16:30 北京时间} (Beijing
     * time), {@code 2024-07-31 10:30 Europe/Oslo (UTC+02:00)}; a date-only one {@code 2024-09-30
     * Europe/Helsinki} with the language's "no time of day stated".
     *
     * @param at    the instant, or {@code null} for a date-only deadline
     * @param date  the date in {@code zone} (used when {@code at} is null)
     * @param zone  the zone its time is written in (any zone id the JVM knows)
     */
    static String when(String language, Instant at, LocalDate date, ZoneId zone) {
        boolean beijing = zone.equals(Window.BEIJING);
        String zoneName = beijing ? Messages.text(language, "zone_beijing") : zone.getId();
        if (at == null) {
            return DATE.format(date) + " " + zoneName + Messages.text(language, "time_not_stated");
        }
        ZonedDateTime z = at.atZone(zone);
        String offset = beijing ? "" : " (UTC" + z.getOffset().getId().replace("Z", "+00:00") + ")";
        return DATE_TIME.format(z) + " " + zoneName + offset;
    }

    /** A stored deadline's time in its own zone ({@link #when(String, Instant, LocalDate, ZoneId)}). */
    static String when(String language, Deadline d) {
        return when(language, d.at(), d.date(), d.zone());
    }

    /**
     * Places the markers on one axis that spans them, with a margin, and "now" when that does not squeeze
     * the call's own span to under a third of the axis.
     *
     * @param markers at least one
     * @param now     the current instant (UTC)
     */
    static Drawing draw(List<Marker> markers, Instant now) {
        if (markers.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs at least one deadline");
        }
        List<Marker> sorted = new ArrayList<>(markers);
        sorted.sort(Comparator.comparing(Marker::at));
        long first = sorted.get(0).at().toEpochMilli();
        long last = sorted.get(sorted.size() - 1).at().toEpochMilli();
        long nowMs = now.toEpochMilli();
        long span = Math.max(last - first, 86_400_000L);
        if (nowMs < first ? last - nowMs <= 3 * span : nowMs - first <= 3 * span) {
            first = Math.min(first, nowMs);
            last = Math.max(last, nowMs);
            span = Math.max(last - first, 86_400_000L);
        }
        long margin = Math.max(span / 16, 12 * 3_600_000L);
        long start = first - margin;
        long end = last + margin;
        // Lanes of labels below the axis: each holds [left, right] intervals, px from the axis start; a label takes
        // the first lane where it overlaps no other.
        List<List<int[]>> lanes = new ArrayList<>();
        List<Placed> placed = new ArrayList<>();
        for (Marker m : sorted) {
            long t = m.at().toEpochMilli();
            int x = x(t, start, end);
            int w = Math.max(textWidth(m.label()), textWidth(m.when()));
            boolean right = X0 + x + 6 + w <= WIDTH - 2;
            int left = right ? x : x - w - 6;
            int rightEdge = right ? x + 6 + w : x;
            int lane = 0;
            while (lane < lanes.size() && lanes.get(lane).stream().anyMatch(iv -> iv[0] < rightEdge + 10 && left - 10 < iv[1])) {
                lane++;
            }
            if (lane == lanes.size()) {
                lanes.add(new ArrayList<>());
            }
            lanes.get(lane).add(new int[] {left, rightEdge});
            placed.add(new Placed(m.kind(), t, x, lane, right ? x + 6 : x - 6, right ? "start" : "end",
                    FIRST_TEXT + lane * LANE, m.label(), m.when()));
        }
        // A tick runs down from the axis to its label, across the lanes above: the deepest lanes are drawn first, so
        // every label (with its halo, cutoff.css) is painted over the ticks that pass behind it.
        placed.sort(Comparator.comparing(Placed::lane).reversed().thenComparing(Placed::atMillis));
        int height = FIRST_TEXT + (lanes.size() - 1) * LANE + 15 + 14;
        int nowX = nowMs >= start && nowMs <= end ? x(nowMs, start, end) : -1;
        return new Drawing(start, end, height, placed, nowX, nowMs > end,
                DATE.format(Instant.ofEpochMilli(start).atZone(Window.BEIJING)),
                DATE.format(Instant.ofEpochMilli(end).atZone(Window.BEIJING)));
    }

    /** px from the axis start of an instant (epoch ms) on the axis [start, end]. */
    static int x(long t, long start, long end) {
        return (int) Math.round((double) AXIS * (t - start) / (end - start));
    }

    /** Estimated width of 12 px text: CJK and full-width characters 12 px, others 7 px. */
    static int textWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += c >= 0x2E80 ? 12 : 7;
            i += Character.charCount(c);
        }
        return w;
    }
}
