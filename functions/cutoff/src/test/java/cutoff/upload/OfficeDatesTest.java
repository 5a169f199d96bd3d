package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.office.InternalDeadline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OfficeDates}: the office's date per topic, over generated cutoffs, office dates (with and without a time of
 * day, before and after the cutoff, past and future), overrides and rules.
 */
class OfficeDatesTest {
    private static final Random RANDOM = new Random(191);
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");

    private static Deadline cutoff(String topicId, Instant at) {
        return new Deadline(topicId + "-closes@cutoff", "n", topicId, DeadlineKind.CLOSES, at,
                at.atZone(Window.BEIJING).toLocalDate(), Window.BEIJING, "s", "d", null, 0, NOW, false);
    }

    private static Topic topic(String id, DateOrDateTime... relay) {
        List<CallDeadline> deadlines = java.util.Arrays.stream(relay)
                .map(d -> new CallDeadline(DeadlineKind.RELAY, d, d.toString(), "科研处")).toList();
        return new Topic(id, "专题一", null, "题目", List.of(), null, List.of(), deadlines, null, null, List.of());
    }

    private static DateOrDateTime timed(Instant at) {
        return DateOrDateTime.of(OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)));
    }

    @Test
    void aRelayDate_isTheInternalDeadline_whenBeforeTheCutoffAndAhead_elseAProblemNamingTheTopic() {
        for (int i = 0; i < 500; i++) {
            Instant cutoffAt = NOW.plus(Duration.ofMinutes(RANDOM.nextInt(60 * 24 * 90) - 60 * 24 * 10));
            Instant own = cutoffAt.minus(Duration.ofMinutes(RANDOM.nextInt(60 * 24 * 40) - 60 * 24 * 5));
            String id = "n-t" + i;
            OfficeDates.Result r = OfficeDates.of(List.of(new OfficeDates.Item(id, topic(id, timed(own)), cutoff(id, cutoffAt))),
                    null, Map.of(), NOW);
            boolean good = own.isBefore(cutoffAt) && !own.isBefore(NOW);
            assertEquals(good, r.problems().isEmpty(), own + " / cutoff " + cutoffAt + ": " + r);
            if (good) {
                assertEquals(List.of(new OfficeDates.OfficeDate(id, own, "relay")), r.dates());
            } else {
                assertTrue(r.problems().get(0).startsWith("topic 专题一 题目"), r.problems().toString());
                assertTrue(r.dates().isEmpty());
            }
        }
    }

    @Test
    void aDateWithoutTime_fallsAtTheRulesTime_else1630_theEarliestRelayDateWins() {
        Instant cutoffAt = Instant.parse("2026-06-30T08:30:00Z");
        for (int day = 11; day <= 29; day++) {
            LocalDate date = LocalDate.of(2026, 6, day);
            Topic t = topic("n-t1", DateOrDateTime.ofDate(date), DateOrDateTime.ofDate(date.plusDays(1)));
            List<OfficeDates.Item> items = List.of(new OfficeDates.Item("n-t1", t, cutoff("n-t1", cutoffAt)));
            assertEquals(date.atTime(16, 30).atZone(InternalDeadline.ZONE).toInstant(),
                    OfficeDates.of(items, null, Map.of(), NOW).dates().get(0).at());
            LocalTime at = LocalTime.of(RANDOM.nextInt(24), RANDOM.nextInt(60));
            assertEquals(date.atTime(at).atZone(InternalDeadline.ZONE).toInstant(),
                    OfficeDates.of(items, new InternalDeadline.Rule(3, at), Map.of(), NOW).dates().get(0).at());
        }
    }

    @Test
    void withoutARelayDate_theOverrideIsKept_elseTheRuleApplies_elseTheTopicNeedsADate() {
        Instant cutoffAt = Instant.parse("2026-06-03T08:30:00Z");
        Instant set = Instant.parse("2026-05-30T04:00:00Z");
        InternalDeadline.Rule rule = new InternalDeadline.Rule(3, LocalTime.of(16, 30));
        List<OfficeDates.Item> items = List.of(new OfficeDates.Item("n-t1", topic("n-t1"), cutoff("n-t1", cutoffAt)),
                new OfficeDates.Item("n-t2", topic("n-t2"), cutoff("n-t2", cutoffAt)));
        OfficeDates.Result r = OfficeDates.of(items, rule, Map.of("n-t1", set), NOW);
        assertEquals(List.of(new OfficeDates.OfficeDate("n-t1", set, "override"),
                new OfficeDates.OfficeDate("n-t2", Instant.parse("2026-05-31T08:30:00Z"), "rule")), r.dates());
        OfficeDates.Result none = OfficeDates.of(items, null, Map.of("n-t1", set), NOW);
        assertEquals(1, none.problems().size(), none.toString());
        assertTrue(none.problems().get(0).contains("(n-t2) needs the office's date"), none.toString());
    }
}
