package cutoff.calendar;

import cutoff.deadline.Deadline;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * For tests outside this package: feeds as the writer before the kept events wrote them ({@link Ical4jFeedWriter}:
 * every event written by ical4j at every call, nothing kept), and {@link FeedWriterEquivalenceTest}'s generated
 * deadlines.
 */
public final class ReferenceFeeds {
    private ReferenceFeeds() {
    }

    /** The feed, every event written now by ical4j: what a writer that never saw these deadlines writes. */
    public static String write(String calendarName, List<Deadline> deadlines) {
        return new Ical4jFeedWriter().write(calendarName, deadlines);
    }

    /**
     * Every zone of the JVM's tz database and three fixed offsets; not the {@code ical4j~} ids ical4j's zone provider adds
     * where it is registered (a flat class path: the ITs' JVM), whose rules it cannot give without its configuration.
     */
    public static List<ZoneId> zones() {
        return FeedWriterEquivalenceTest.zones().stream().filter(z -> !z.getId().startsWith("ical4j~")).toList();
    }

    /**
     * A generated deadline: every field, any of {@code zones}, on and next to daylight-saving transitions (the repeated
     * hour included), date-only or timed, cancelled or not, text with every character TEXT escapes or {@link Text} cleans.
     *
     * @param i makes the UID unique
     */
    public static Deadline deadline(Random random, List<ZoneId> zones, int i) {
        return FeedWriterEquivalenceTest.deadline(random, zones, i);
    }
}
