package cutoff.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.mail.OutgoingEmail;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.Office;
import cutoff.officeservice.Offices.StaffInput;
import cutoff.reminder.Reminder;
import cutoff.store.RelayedTopicsStore.Entry;
import cutoff.store.RelayedTopicsStore.Relayed;
import cutoff.store.StaffStore.StaffRow;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.OwnChoices;
import cutoff.subscriber.Subscriber;
import cutoff.testing.OfficeSide;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staff queue's rules ({@link StaffQueue#run}) over an in-memory table and a clock the pacer moves: a new row is
 * welcomed once (its subscriber made, its reminders planned), a changed row is re-planned without a second welcome, an
 * opted-out or bounced person is skipped, and a welcome SES refuses fails that row alone; what the office relayed
 * ({@link RelayedToStaff}) reaches the people it lists later and survives their changed rows, and no other office's.
 */
class StaffQueueTest {
    private OfficeSide side;

    @BeforeEach
    void theShippedNotices_andAnOffice() {
        side = OfficeSide.overShippedNotices();
    }

    private void upload(String email, List<String> topics, String language, List<String> leads) {
        var r = side.offices.upload(side.office, List.of(new StaffInput(2, email, "Li Wei", "Physics", topics, language, leads, null)));
        assertEquals(List.of(), r.errors());
    }

    private Subscriber subscriberOf(String email) {
        return subscriberOf(side.office, email);
    }

    private Subscriber subscriberOf(Office office, String email) {
        StaffRow row = side.table.staffRow(office.id(), email).orElseThrow();
        return side.table.byId(row.subscriberId()).orElseThrow();
    }

    /** Records topics as relayed by an office, as a relay's publication does ({@code upload.Relays}). */
    private void relay(Office office, String... topicIds) {
        Relayed was = side.table.relayed(List.of(office.id())).getOrDefault(office.id(), Relayed.NONE);
        Map<String, Entry> topics = new HashMap<>(was.topics());
        for (String t : topicIds) {
            topics.put(t, new Entry(side.clock.instant().plus(Duration.ofDays(14)), side.clock.instant()));
        }
        assertTrue(side.table.put(office.id(), new Relayed(was.version(), topics), was.version()));
    }

    /** A topic of a shipped notice whose cutoff is past at {@link OfficeSide#BEFORE_CUTOFFS}. */
    private String closedTopic() {
        return side.table.notices().stream().filter(n -> n.id().startsWith("2023-")).findFirst().orElseThrow().topics().get(0).id();
    }

    /** An office's private relay of the shipped open notice, stored as {@code upload.Relays} stores it: its topic ids. */
    private List<String> privateRelay(Office office) {
        Notice n = side.table.notices().stream().filter(x -> x.topics().stream().anyMatch(t -> t.id().equals(side.openTopic(0))))
                .findFirst().orElseThrow();
        String relayId = NoticeIds.relayId(office.id(), n.id());
        List<Topic> topics = n.topics().stream().map(t -> new Topic(NoticeIds.relayTopicId(relayId, n.id(), t.id()), t.key(),
                t.programme(), t.title(), t.directions(), t.window(), t.foreignDeadlines(), t.deadlines(), t.fundingCapWan(),
                t.projectPeriod(), t.fields())).toList();
        side.table.putNotice(new Notice(relayId, n.documentNumber(), n.issuer(), n.relayedBy(), n.title(), n.signedOn(),
                n.applicationSite(), topics, n.missing(), n.review(), n.caveat()), side.clock.instant());
        return topics.stream().map(Topic::id).toList();
    }

    private static Set<String> leadsPending(List<Reminder> reminders, String topicId) {
        return reminders.stream().filter(r -> r.topicId().equals(topicId) && r.status() == Reminder.Status.PENDING)
                .map(Reminder::lead).collect(Collectors.toSet());
    }

    @Test
    void aNewRow_isWelcomedOnce_withItsFeedAndOneClickOptOut_andItsRemindersArePlanned() {
        List<String> addresses = List.of("li.wei@" + OfficeSide.DOMAIN, "wang.fang@" + OfficeSide.DOMAIN, "zhang.min@" + OfficeSide.DOMAIN);
        for (String a : addresses) {
            upload(a, List.of(side.openTopic(0)), a.startsWith("wang") ? "en" : "zh", List.of("P7D"));
        }
        StaffQueue.Report r = side.runQueue();

        assertEquals(List.of(3, 0, 0, 0), List.of(r.welcomed(), r.replanned(), r.skipped(), r.failed()));
        assertEquals(Set.copyOf(addresses), side.sent.stream().map(OutgoingEmail::to).collect(Collectors.toSet()), "one welcome each");
        for (OutgoingEmail e : side.sent) {
            Subscriber s = subscriberOf(e.to());
            assertEquals(Subscriber.Status.CONFIRMED, s.status(), "registered by the office");
            assertEquals(List.of(side.openTopic(0)), s.topicIds());
            assertEquals(List.of(new LeadTime("P7D")), s.leadTimes());
            assertTrue(e.subject().contains(OfficeSide.OFFICE_NAME), e.subject());
            String feedToken = s.feedTokenHash().substring("hash-of-".length());
            assertTrue(e.text().contains(OfficeSide.BASE_URL + "/feeds/personal/" + feedToken + ".ics"), "the personal feed URL");
            assertEquals("List-Unsubscribe=One-Click", e.headers().get("List-Unsubscribe-Post"), "RFC 8058 one-click opt-out");
            assertEquals(Set.of("P7D"), leadsPending(side.table.ofSubscriber(s.id()), side.openTopic(0)), "the cutoff's reminder at its lead");
            assertNotNull(side.table.staffRow(side.office.id(), e.to()).orElseThrow().welcomedAt());
        }
        assertTrue(side.sent.stream().filter(e -> e.to().startsWith("wang")).allMatch(e -> e.subject().startsWith(OfficeSide.OFFICE_NAME + " registered")),
                "in the row's language");
        assertEquals(List.of(), side.table.queued(), "every row left the queue");

        StaffQueue.Report again = side.runQueue();
        assertEquals(0, again.welcomed() + again.replanned() + again.skipped() + again.failed(), "nothing left to do");
        assertEquals(3, side.sent.size(), "nobody is welcomed twice");
    }

    @Test
    void aChangedRow_isReplanned_withoutASecondWelcome() {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        upload(a, List.of(side.openTopic(0)), "zh", List.of("P7D"));
        side.runQueue();
        side.clock.advance(Duration.ofHours(1));

        upload(a, List.of(side.openTopic(1)), "zh", List.of("P3D"));
        StaffQueue.Report r = side.runQueue();

        assertEquals(List.of(0, 1, 0, 0), List.of(r.welcomed(), r.replanned(), r.skipped(), r.failed()));
        assertEquals(1, side.sent.size(), "only the first upload's welcome");
        Subscriber s = subscriberOf(a);
        assertEquals(List.of(side.openTopic(1)), s.topicIds());
        assertEquals(List.of(new LeadTime("P3D")), s.leadTimes());
        List<Reminder> reminders = side.table.ofSubscriber(s.id());
        assertEquals(Set.of("P3D"), leadsPending(reminders, side.openTopic(1)), "the new topic at the new lead");
        assertEquals(Set.of(), leadsPending(reminders, side.openTopic(0)), "the dropped topic's reminder cancelled");
        assertEquals(List.of(s.id()), side.table.subscriberIdsOf(side.openTopic(1)));
        assertEquals(List.of(), side.table.subscriberIdsOf(side.openTopic(0)));
    }

    @Test
    void whatAPersonChoseThemselves_outlastsTheOfficesNextUpload() {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        upload(a, List.of(side.openTopic(0), side.openTopic(1)), "zh", List.of("P7D"));
        side.runQueue();
        side.table.choose(subscriberOf(a).id(), new OwnChoices("en", List.of("P1D"), List.of(side.openTopic(1)), List.of()));

        upload(a, List.of(side.openTopic(0), side.openTopic(1)), "zh", List.of("P3D"));
        assertEquals(1, side.runQueue().replanned());

        Subscriber s = subscriberOf(a);
        assertEquals("en", s.language(), "their language, not the row's");
        assertEquals(List.of(new LeadTime("P1D")), s.leadTimes(), "their lead time");
        assertEquals(List.of(side.openTopic(0)), s.topicIds(), "a topic they dropped is not given back");
        assertEquals(Set.of("P1D"), leadsPending(side.table.ofSubscriber(s.id()), side.openTopic(0)));
    }

    @Test
    void anOptedOutPerson_isSkipped_andKeepsWhatTheyHad() {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        upload(a, List.of(side.openTopic(0)), "zh", List.of());
        side.runQueue();
        side.table.leave(subscriberOf(a), Subscriber.Status.UNSUBSCRIBED);

        upload(a, List.of(side.openTopic(1)), "en", List.of());
        StaffQueue.Report r = side.runQueue();

        assertEquals(List.of(0, 0, 1, 0), List.of(r.welcomed(), r.replanned(), r.skipped(), r.failed()));
        assertEquals(1, side.sent.size());
        Subscriber s = subscriberOf(a);
        assertEquals(Subscriber.Status.UNSUBSCRIBED, s.status(), "an upload does not sign them up again");
        assertEquals(List.of(side.openTopic(0)), s.topicIds());
        assertEquals("zh", s.language());
        assertEquals(List.of(), side.table.queued());
    }

    @Test
    void aBouncedAddress_isSkipped_withNoSubscriberMadeAndNothingSent() {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        side.table.suppress(a);
        upload(a, List.of(side.openTopic(0)), "zh", List.of());
        StaffQueue.Report r = side.runQueue();

        assertEquals(List.of(0, 0, 1, 0), List.of(r.welcomed(), r.replanned(), r.skipped(), r.failed()));
        assertEquals(List.of(), side.sent);
        StaffRow row = side.table.staffRow(side.office.id(), a).orElseThrow();
        assertTrue(side.table.byId(row.subscriberId()).isEmpty(), "no subscriber for a bounced address");
        assertNull(row.welcomedAt());
        assertEquals(List.of(), side.table.queued());
    }

    @Test
    void aWelcomeSesRefuses_failsThatRowAlone_andIsNotRetried() {
        String refused = "li.wei@" + OfficeSide.DOMAIN;
        String fine = "wang.fang@" + OfficeSide.DOMAIN;
        side.rejected.add(refused);
        upload(refused, List.of(side.openTopic(0)), "zh", List.of());
        upload(fine, List.of(side.openTopic(0)), "zh", List.of());
        StaffQueue.Report r = side.runQueue();

        assertEquals(List.of(1, 0, 0, 1), List.of(r.welcomed(), r.replanned(), r.skipped(), r.failed()));
        assertEquals(List.of(fine), side.sent.stream().map(OutgoingEmail::to).toList());
        assertNull(side.table.staffRow(side.office.id(), refused).orElseThrow().welcomedAt(), "not recorded as welcomed");
        assertEquals(List.of(), side.table.queued(), "the refused row left the queue too");

        side.rejected.clear();
        StaffQueue.Report again = side.runQueue();
        assertEquals(0, again.welcomed() + again.failed());
        assertEquals(1, side.sent.size(), "a refused welcome is not sent again by itself");
    }

    @Test
    void aPersonListedAfterARelay_getsItsOpenTopics_withTheirReminders_butNotAClosedOne() {
        String relayTopic = privateRelay(side.office).get(0);
        relay(side.office, side.openTopic(1), relayTopic, closedTopic());
        String a = "li.wei@" + OfficeSide.DOMAIN;
        upload(a, List.of(side.openTopic(0)), "zh", List.of("P7D"));
        assertEquals(1, side.runQueue().welcomed());

        Subscriber s = subscriberOf(a);
        assertEquals(List.of(side.openTopic(0), side.openTopic(1), relayTopic), s.topicIds(),
                "the row's topic, then the office's open relayed ones (public and its own), not the closed one");
        assertEquals(Set.of("P7D"), leadsPending(side.table.ofSubscriber(s.id()), relayTopic), "the relay is reminded");
        assertEquals(Set.of("P7D"), leadsPending(side.table.ofSubscriber(s.id()), side.openTopic(1)));
        assertEquals(List.of(s.id()), side.table.subscriberIdsOf(relayTopic), "with a topic membership");
        assertTrue(side.followed.refreshed(side.office.id()).contains(relayTopic), "the office's followed topics show it");
    }

    @Test
    void aChangedRow_keepsTheRelayedTopics_evenOnceTheCallClosed() {
        String a = "li.wei@" + OfficeSide.DOMAIN;
        relay(side.office, side.openTopic(1));
        upload(a, List.of(side.openTopic(0)), "zh", List.of("P7D"));
        side.runQueue();
        assertEquals(List.of(side.openTopic(0), side.openTopic(1)), subscriberOf(a).topicIds());

        // The call closes (2026-06-03); the office uploads the row changed.
        side.clock.set(Instant.parse("2026-06-10T00:00:00Z"));
        upload(a, List.of(side.openTopic(0)), "zh", List.of("P3D"));
        assertEquals(1, side.runQueue().replanned());
        assertEquals(List.of(side.openTopic(0), side.openTopic(1)), subscriberOf(a).topicIds(), "the relayed topic is kept");
    }

    @Test
    void theOfficesRelays_reachNeitherAPersonWhoOptedOutOrDroppedThem_norAnotherOfficesStaff() {
        String out = "li.wei@" + OfficeSide.DOMAIN;
        String dropped = "wang.fang@" + OfficeSide.DOMAIN;
        String fresh = "zhang.min@" + OfficeSide.DOMAIN;
        upload(out, List.of(side.openTopic(0)), "zh", List.of());
        upload(dropped, List.of(side.openTopic(0)), "zh", List.of());
        side.runQueue();
        side.table.leave(subscriberOf(out), Subscriber.Status.UNSUBSCRIBED);
        List<String> relayTopics = privateRelay(side.office);
        relay(side.office, side.openTopic(1), relayTopics.get(0));
        side.table.choose(subscriberOf(dropped).id(), new OwnChoices(null, null, List.of(side.openTopic(1)), List.of()));
        // Another office, whose item names the first office's private relay topic (never written so: Relays writes its own).
        Office other = side.offices.create("乙大学科研处", List.of("other.edu.cn")).office();
        relay(other, relayTopics.get(0));
        String elsewhere = "chen.jie@other.edu.cn";
        assertEquals(List.of(), side.offices.upload(other, List.of(new StaffInput(2, elsewhere, "Chen Jie", "", List.of(side.openTopic(0)),
                "zh", List.of(), null))).errors());

        upload(out, List.of(side.openTopic(0)), "en", List.of());
        upload(dropped, List.of(side.openTopic(0)), "en", List.of());
        upload(fresh, List.of(side.openTopic(0)), "zh", List.of());
        side.runQueue();

        assertEquals(List.of(side.openTopic(0), side.openTopic(1), relayTopics.get(0)), subscriberOf(fresh).topicIds(), "a newcomer gets them");
        Subscriber s = subscriberOf(out);
        assertEquals(Subscriber.Status.UNSUBSCRIBED, s.status(), "not signed up again");
        assertEquals(List.of(side.openTopic(0)), s.topicIds());
        assertEquals(List.of(side.openTopic(0), relayTopics.get(0)), subscriberOf(dropped).topicIds(), "the topic they dropped stays dropped");
        assertEquals(List.of(side.openTopic(0)), subscriberOf(other, elsewhere).topicIds(), "another office's staff get none of it");
        assertEquals(List.of(subscriberOf(fresh).id(), subscriberOf(dropped).id()).stream().sorted().toList(),
                side.table.subscriberIdsOf(relayTopics.get(0)).stream().sorted().toList());
    }

    @Test
    void manyPeopleListedAfterARelay_allGetIt_forOneReadOfTheRelayedTopicsAPage() {
        relay(side.office, side.openTopic(1));
        int people = 250;
        List<StaffInput> rows = new java.util.ArrayList<>();
        for (int i = 0; i < people; i++) {
            rows.add(new StaffInput(i + 2, "staff" + i + "@" + OfficeSide.DOMAIN, "", "", List.of(side.openTopic(0)), "zh", List.of(), null));
        }
        assertEquals(List.of(), side.offices.upload(side.office, rows).errors());
        int before = side.table.relayedReads();
        assertEquals(people, side.runQueue().welcomed());

        assertEquals(people, side.table.subscriberIdsOf(side.openTopic(1)).size(), "every one of them gets the relayed topic");
        int reads = side.table.relayedReads() - before;
        assertTrue(reads >= 1 && reads <= cutoff.store.StaffQueueStore.QUEUE_SHARDS, reads
                + " reads: one a page of the queue (8 shards, up to 100 rows a page), not one a person");
    }
}
