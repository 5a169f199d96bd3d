package cutoff.officeservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cutoff.deadline.Deadline;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.office.InternalDeadline;
import cutoff.officeservice.Offices.StaffInput;
import cutoff.subscriber.Subscriber;
import cutoff.testing.OfficeSide;
import cutoff.testing.Project;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An office's internal deadline as calendars see it (the office feed and a staff member's personal feed) across
 * generated sequences of everything that changes it: the office's rule set, changed or removed, a per-topic instant set
 * or removed, a relay published again with its date, the cutoff moved and moved back by an ingest, the topic dropped by
 * an ingest, the notice withdrawn, and the notice published again. Whatever the order, its SEQUENCE never goes down and
 * goes up whenever what a calendar shows (DTSTART, STATUS) changes: calendars ignore an update with a lower SEQUENCE
 * (RFC 5545 §3.8.7.4, RFC 5546), and may ignore one with the same SEQUENCE.
 */
class InternalDeadlineSequenceTest {
    private static List<Notice> shipped;
    /** What the runs showed calendars, by kind of change: so that a generator that stopped reaching them fails. */
    private final Map<String, Integer> seen = new HashMap<>();

    @BeforeAll
    static void theShippedNoticeWithTwoOpenTopics() {
        // The one OfficeSide#openTopic names: each run stores only it.
        shipped = Project.shippedNotices().stream().filter(n -> n.id().startsWith("2026-") && n.topics().size() >= 2).limit(1).toList();
    }

    /** One thing that happens to the office's settings or to the notice. */
    enum Event {
        RULE_3_DAYS, RULE_5_DAYS, RULE_REMOVED, OVERRIDE_25TH, OVERRIDE_27TH, OVERRIDE_REMOVED, RELAY_26TH,
        CUTOFF_2_DAYS_LATER, CUTOFF_1_DAY_EARLIER, CUTOFF_AS_FIRST, TOPIC_DROPPED, NOTICE_WITHDRAWN, PUBLISHED_AGAIN
    }

    /** What a calendar holds of one event. */
    private record Shown(int sequence, Instant at, boolean cancelled) {
    }

    private void count(String change) {
        seen.merge(change, 1, Integer::sum);
    }

    /** One run: an office, one staff member following two topics of a notice, and the notice as the ingests left it. */
    private final class Run {
        final OfficeSide side = new OfficeSide(OfficeSide.BEFORE_CUTOFFS).withNotices(shipped);
        final Notice first;
        final String topic;
        final String other;
        final String secret;
        final Subscriber staff;
        int cutoffDays;
        boolean topicDropped;
        /** Per feed and UID, the last event a calendar took. */
        final Map<String, Shown> calendars = new HashMap<>();
        final List<Event> done = new ArrayList<>();

        Run() {
            side.office = side.offices.create(OfficeSide.OFFICE_NAME, List.of(OfficeSide.DOMAIN)).office();
            topic = side.openTopic(0);
            other = side.openTopic(1);
            first = side.table.notice(NoticeIds.noticeIdOf(topic).orElseThrow()).orElseThrow().notice();
            String email = "li.wei@" + OfficeSide.DOMAIN;
            assertEquals(List.of(), side.offices.upload(side.office, List.of(new StaffInput(2, email, "", "", List.of(topic, other), "zh",
                    List.of("P1D"), null))).errors());
            side.runQueue();
            String id = side.table.staffRow(side.office.id(), email).orElseThrow().subscriberId();
            staff = side.table.byIds(List.of(id)).get(id);
            secret = side.internalDeadlines.feedSecret(side.office).orElseThrow();
        }

        /** The notice as the next ingest reads it: the topic's cutoff moved by {@link #cutoffDays}, or the topic left out. */
        Notice reading() {
            List<Topic> topics = new ArrayList<>();
            for (Topic t : first.topics()) {
                if (t.id().equals(topic)) {
                    if (topicDropped) {
                        continue;
                    }
                    Window w = t.window();
                    t = t.withWindow(new Window(w.opens(), w.closes().plusDays(cutoffDays), w.zone(), w.includesReview(), w.confidence(),
                            w.reasons(), w.source()));
                }
                topics.add(t);
            }
            return first.withTopics(topics);
        }

        void apply(Event e) {
            done.add(e);
            side.clock.advance(Duration.ofMinutes(7));
            Instant now = side.clock.instant();
            try {
                switch (e) {
                    case RULE_3_DAYS -> side.internalDeadlines.setRule(side.office, new InternalDeadline.Rule(3, LocalTime.of(16, 30)));
                    case RULE_5_DAYS -> side.internalDeadlines.setRule(side.office, new InternalDeadline.Rule(5, LocalTime.of(9, 0)));
                    case RULE_REMOVED -> side.internalDeadlines.deleteRule(side.office);
                    case OVERRIDE_25TH -> side.internalDeadlines.setOverride(side.office, topic, beijing("2026-05-25T10:00"));
                    case OVERRIDE_27TH -> side.internalDeadlines.setOverride(side.office, topic, beijing("2026-05-27T17:00"));
                    case OVERRIDE_REMOVED -> side.internalDeadlines.deleteOverride(side.office, topic);
                    // A relay attached to the public call sets its date as the topic's override (upload.Relays).
                    case RELAY_26TH -> side.internalDeadlines.setOverrides(side.office, Map.of(topic, beijing("2026-05-26T12:00")));
                    case CUTOFF_2_DAYS_LATER -> {
                        cutoffDays = 2;
                        side.table.ingest(reading(), now);
                    }
                    case CUTOFF_1_DAY_EARLIER -> {
                        cutoffDays = -1;
                        side.table.ingest(reading(), now);
                    }
                    case CUTOFF_AS_FIRST -> {
                        cutoffDays = 0;
                        side.table.ingest(reading(), now);
                    }
                    case TOPIC_DROPPED -> {
                        topicDropped = true;
                        side.table.ingest(reading(), now);
                    }
                    case NOTICE_WITHDRAWN -> side.table.withdraw(first.id(), now);
                    case PUBLISHED_AGAIN -> {
                        topicDropped = false;
                        side.table.ingest(reading(), now);
                    }
                }
            } catch (InternalDeadlines.UnknownTopic | InternalDeadline.BadValue refused) {
                // Refused (an instant on a withdrawn topic): nothing changed, and the feeds must say so too.
            }
            look("office", side.internalDeadlines.officeFeed(secret).orElseThrow().deadlines());
            look("staff", side.internalSource.forSubscriber(side.table.byIds(List.of(staff.id())).get(staff.id())));
        }

        /** What each calendar of a feed takes now, checked against what it held. */
        private void look(String feed, List<Deadline> events) {
            for (Deadline d : events) {
                if (d.kind() != cutoff.notice.DeadlineKind.INTERNAL) {
                    continue;
                }
                String key = feed + " " + d.uid();
                Shown now = new Shown(d.sequence(), d.at(), d.cancelled());
                Shown before = calendars.put(key, now);
                if (before == null) {
                    continue;
                }
                if (now.sequence() < before.sequence()) {
                    fail(key + ": SEQUENCE " + before.sequence() + " -> " + now.sequence() + " (" + before + " -> " + now + ") after " + done);
                }
                boolean changed = !now.at().equals(before.at()) || now.cancelled() != before.cancelled();
                count(now.cancelled() == before.cancelled() ? (changed ? "moved" : "same") : now.cancelled() ? "cancelled" : "back");
                if (changed && now.sequence() == before.sequence()) {
                    fail(key + ": shown " + before + " -> " + now + " with the same SEQUENCE after " + done);
                }
            }
        }
    }

    private static Instant beijing(String wall) {
        return OffsetDateTime.parse(wall + ":00+08:00").toInstant();
    }

    @Test
    void aRelaysDate_cancelledWithItsNoticeWithdrawn_comesBackWithAHigherSequence_whenTheNoticeIsPublishedAgain() {
        Run run = new Run();
        String uid = InternalDeadline.uid(run.side.office.id(), run.topic);
        run.apply(Event.RELAY_26TH);
        Shown relayed = run.calendars.get("office " + uid);
        assertEquals(new Shown(0, beijing("2026-05-26T12:00"), false), relayed);
        run.apply(Event.NOTICE_WITHDRAWN);
        Shown withdrawn = run.calendars.get("staff " + uid);
        assertTrue(withdrawn.cancelled());
        assertEquals(1, withdrawn.sequence());
        run.apply(Event.PUBLISHED_AGAIN);
        for (String feed : List.of("office ", "staff ")) {
            Shown back = run.calendars.get(feed + uid);
            assertFalse(back.cancelled(), feed);
            assertEquals(beijing("2026-05-26T12:00"), back.at(), feed);
            assertTrue(back.sequence() > withdrawn.sequence(), feed + back);
        }
    }

    /**
     * Every sequence of two events after a third that sets the internal deadline (the relay's date, or the rule), each run
     * from the start: 2 × 13² runs.
     */
    @Test
    void everySequenceOfTwoEvents_afterTheDateIsSet_neverLowersTheSequence_andRaisesItWithEveryChangeShown() {
        Event[] all = Event.values();
        for (Event first : List.of(Event.RELAY_26TH, Event.RULE_3_DAYS)) {
            for (Event a : all) {
                for (Event b : all) {
                    Run run = new Run();
                    run.apply(first);
                    run.apply(a);
                    run.apply(b);
                }
            }
        }
        assertReached();
    }

    /** Each kind of change was shown many times: moved, cancelled, back from cancelled, and unchanged. */
    private void assertReached() {
        for (String change : List.of("moved", "cancelled", "back", "same")) {
            assertTrue(seen.getOrDefault(change, 0) >= 40, change + ": " + seen);
        }
    }

    /** Longer random sequences (seeded: a failure names its events, and runs again the same). */
    @Test
    void randomSequencesOfTwelveEvents_neverLowerTheSequence_andRaiseItWithEveryChangeShown() {
        Random random = new Random(19);
        Event[] all = Event.values();
        for (int i = 0; i < 200; i++) {
            Run run = new Run();
            for (int j = 0; j < 12; j++) {
                run.apply(all[random.nextInt(all.length)]);
            }
        }
        assertReached();
    }
}
