package cutoff.officeservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.office.InternalDeadline;
import cutoff.officeservice.InternalDeadlines.Changed;
import cutoff.officeservice.InternalDeadlines.Listed;
import cutoff.officeservice.Offices.StaffInput;
import cutoff.reminder.Reminder;
import cutoff.subscriber.Subscriber;
import cutoff.testing.OfficeSide;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A research office's internal deadlines ({@link InternalDeadlines}) over an in-memory table: the office's rule gives
 * each followed topic its date (so many days before the cutoff, at a Beijing wall time), a per-topic instant wins for
 * its topic, and a change tells each confirmed follower once (a CHANGE item from the old date), a repeat nobody.
 */
class InternalDeadlinesTest {
    private static final Instant NOW = OfficeSide.BEFORE_CUTOFFS;
    private OfficeSide side;

    @BeforeEach
    void theShippedNotices_andAnOffice() {
        side = OfficeSide.overShippedNotices();
    }

    private Deadline cutoff(String topicId) {
        return side.table.notice(cutoff.notice.NoticeIds.noticeIdOf(topicId).orElseThrow()).orElseThrow().cutoff(topicId).orElseThrow();
    }

    /** Staff by address, each following the topics given, registered and welcomed by the staff queue. */
    private void staff(Map<String, List<String>> following) {
        List<StaffInput> rows = following.entrySet().stream().map(e -> new StaffInput(2, e.getKey(), "", "", e.getValue(),
                e.getKey().startsWith("en.") ? "en" : "zh", List.of("P1D"), null)).toList();
        assertEquals(List.of(), side.offices.upload(side.office, rows).errors());
        side.runQueue();
    }

    private String subscriberId(String email) {
        return side.table.staffRow(side.office.id(), email).orElseThrow().subscriberId();
    }

    private List<Reminder> changes(String email) {
        return side.table.ofSubscriber(subscriberId(email)).stream().filter(r -> r.kind() == Reminder.Kind.CHANGE).toList();
    }

    private Map<String, Listed> listed() {
        return side.internalDeadlines.view(side.office).deadlines().stream().collect(Collectors.toMap(Listed::topicId, l -> l));
    }

    /** The rule's definition: the cutoff's Beijing date, {@code days} before, at {@code at} Beijing. */
    private Instant byTheRule(String topicId, int days, LocalTime at) {
        Deadline c = cutoff(topicId);
        return c.at().atZone(InternalDeadline.ZONE).toLocalDate().minusDays(days).atTime(at).atZone(InternalDeadline.ZONE).toInstant();
    }

    @Test
    void theRule_datesEveryFollowedTopic_andAPerTopicInstantWinsForItsTopicAlone() throws Exception {
        staff(Map.of("li.wei@" + OfficeSide.DOMAIN, List.of(side.openTopic(0), side.openTopic(1))));
        for (int days : new int[] {1, 3, 7}) {
            for (LocalTime at : List.of(LocalTime.of(9, 0), LocalTime.of(17, 30))) {
                side.internalDeadlines.setRule(side.office, new InternalDeadline.Rule(days, at));
                Map<String, Listed> listed = listed();
                for (String t : List.of(side.openTopic(0), side.openTopic(1))) {
                    assertEquals(byTheRule(t, days, at), listed.get(t).internal(), t + ", " + days + " days before at " + at);
                    assertEquals("rule", listed.get(t).source());
                }
            }
        }
        Instant own = cutoff(side.openTopic(1)).at().minus(Duration.ofDays(5));
        side.internalDeadlines.setOverride(side.office, side.openTopic(1), own);
        Map<String, Listed> listed = listed();
        assertEquals(own, listed.get(side.openTopic(1)).internal());
        assertEquals("override", listed.get(side.openTopic(1)).source());
        assertEquals(byTheRule(side.openTopic(0), 7, LocalTime.of(17, 30)), listed.get(side.openTopic(0)).internal(), "the other topic keeps the rule");
        assertEquals("rule", listed.get(side.openTopic(0)).source());

        assertTrue(side.internalDeadlines.deleteOverride(side.office, side.openTopic(1)));
        assertEquals(byTheRule(side.openTopic(1), 7, LocalTime.of(17, 30)), listed().get(side.openTopic(1)).internal(), "the rule again");
        assertTrue(side.internalDeadlines.deleteRule(side.office));
        assertEquals(Map.of(), listed(), "no rule, no override: no internal deadline");
    }

    @Test
    void aChange_tellsEachConfirmedFollowerOnce_fromTheOldDate_andARepeatTellsNobody() throws Exception {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        String b = "en.wang@" + OfficeSide.DOMAIN;
        String c = "zhang.min@" + OfficeSide.DOMAIN;
        String optedOut = "chen.jie@" + OfficeSide.DOMAIN;
        staff(Map.of(a, List.of(side.openTopic(0)), b, List.of(side.openTopic(0)), c, List.of(side.openTopic(1)), optedOut, List.of(side.openTopic(0))));
        side.table.leave(side.table.byId(subscriberId(optedOut)).orElseThrow(), Subscriber.Status.UNSUBSCRIBED);
        InternalDeadline.Rule rule = new InternalDeadline.Rule(3, LocalTime.of(17, 0));

        assertEquals(new Changed(2, 3), side.internalDeadlines.setRule(side.office, rule), "two topics dated, three confirmed staff told");
        for (String who : List.of(a, b, c)) {
            List<Reminder> told = changes(who);
            assertEquals(1, told.size(), who);
            assertEquals(InternalDeadline.NOT_SET, told.get(0).previous(), who + ": never set before");
            assertEquals(DeadlineKind.INTERNAL, told.get(0).deadlineKind());
            assertTrue(told.get(0).summary().contains(OfficeSide.OFFICE_NAME), told.get(0).summary());
        }
        assertEquals(byTheRule(side.openTopic(0), 3, LocalTime.of(17, 0)), changes(a).get(0).at());
        assertEquals(byTheRule(side.openTopic(1), 3, LocalTime.of(17, 0)), changes(c).get(0).at());
        assertEquals(List.of(), changes(optedOut), "an opted-out person is told nothing");
        assertTrue(side.table.ofSubscriber(subscriberId(a)).stream().anyMatch(r -> r.kind() == Reminder.Kind.REMINDER
                && r.deadlineKind() == DeadlineKind.INTERNAL && r.status() == Reminder.Status.PENDING && r.lead().equals("P1D")),
                "reminded of the internal deadline at the person's lead time, like a cutoff");

        assertEquals(new Changed(0, 0), side.internalDeadlines.setRule(side.office, rule), "the same rule again moves nothing");
        assertEquals(1, changes(a).size());

        side.clock.advance(Duration.ofHours(1));
        Instant moved = byTheRule(side.openTopic(0), 5, LocalTime.of(12, 0));
        assertEquals(new Changed(1, 2), side.internalDeadlines.setOverride(side.office, side.openTopic(0), moved), "one topic moved, its two followers");
        for (String who : List.of(a, b)) {
            Reminder latest = changes(who).stream().filter(r -> r.at().equals(moved)).findFirst().orElseThrow(() -> new AssertionError(who));
            assertTrue(latest.previous().contains("17:00"), who + ": from the rule's date, " + latest.previous());
        }
        assertEquals(1, changes(c).size(), "the other topic's follower is not told");
    }

    @Test
    void aPerTopicInstant_atOrAfterTheCutoff_inThePast_orForAClosedTopic_isRefused() {
        staff(Map.of("li.wei@" + OfficeSide.DOMAIN, List.of(side.openTopic(0))));
        Deadline cutoff = cutoff(side.openTopic(0));
        for (Instant at : List.of(cutoff.at(), cutoff.at().plusSeconds(60))) {
            InternalDeadline.BadValue e = assertThrows(InternalDeadline.BadValue.class,
                    () -> side.internalDeadlines.setOverride(side.office, side.openTopic(0), at), at.toString());
            assertEquals(List.of("at", "after_cutoff"), List.of(e.field(), e.code()));
        }
        InternalDeadline.BadValue past = assertThrows(InternalDeadline.BadValue.class,
                () -> side.internalDeadlines.setOverride(side.office, side.openTopic(0), NOW.minusSeconds(60)));
        assertEquals(List.of("at", "in_past"), List.of(past.field(), past.code()));
        assertThrows(InternalDeadlines.UnknownTopic.class, () -> side.internalDeadlines.setOverride(side.office, side.openTopic(0) + "9", NOW.plusSeconds(60)));

        side.clock.set(cutoff.at());
        InternalDeadline.BadValue closed = assertThrows(InternalDeadline.BadValue.class,
                () -> side.internalDeadlines.setOverride(side.office, side.openTopic(0), cutoff.at().minusSeconds(60)));
        assertEquals(List.of("topicId", "topic_closed"), List.of(closed.field(), closed.code()));
        assertEquals(List.of(), side.table.settings(side.office.id()).overrides().keySet().stream().toList(), "nothing stored");
    }
}
