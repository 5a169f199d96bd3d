package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.office.InternalDeadline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Relays are namespaced per office ({@link NoticeIds#relayId}, {@link Relays#copy}): over generated offices and
 * notices (every form of notice id, topics inside and outside programmes, further deadlines of several kinds), two
 * offices' relays of one call share no notice id, topic id, VEVENT UID or internal-deadline UID, none of them is a
 * public notice's, and each is told apart as a relay and as its own office's.
 */
class RelayNamespaceTest {
    private static final Random RANDOM = new Random(19);

    private static String officeId() {
        StringBuilder id = new StringBuilder("org_");
        for (int i = 0; i < 20; i++) {
            id.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return id.toString();
    }

    /** A reading's notice id in each of the forms {@link NoticeIds#noticeId} makes. */
    private static String readerId(int i) {
        return switch (i % 3) {
            case 0 -> NoticeIds.noticeId("示科〔" + (2000 + RANDOM.nextInt(30)) + "〕" + (1 + RANDOM.nextInt(300)) + "号", "示例委员会", "通知" + i);
            case 1 -> NoticeIds.noticeId("示函" + RANDOM.nextInt(1000), "示例委员会", "通知" + i);
            default -> NoticeIds.noticeId(null, "示例委员会" + i, "关于组织申报示例项目" + RANDOM.nextInt() + "的通知");
        };
    }

    private static DateOrDateTime at(int day, int hour) {
        return DateOrDateTime.of(OffsetDateTime.of(2026, 6, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    /** A notice of n topics (in a programme every other notice), each with a window, two RELAY deadlines and a paper copy. */
    private static Notice notice(String id, int n, boolean programmes) {
        List<Topic> topics = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            String topicId = NoticeIds.topicId(id, programmes ? 1 + t % 2 : null, t);
            List<CallDeadline> further = List.of(new CallDeadline(DeadlineKind.RELAY, at(12, 17), "6月12日17:00前", "科研处"),
                    new CallDeadline(DeadlineKind.RELAY, DateOrDateTime.ofDate(LocalDate.of(2026, 6, 15)), "6月15日前", "市科委"),
                    new CallDeadline(DeadlineKind.PAPER_COPY, at(22, 17), "6月22日17:00前", null));
            topics.add(new Topic(topicId, "专题" + t, programmes ? "专项" + (1 + t % 2) : null, "题目" + t, List.of(),
                    new Window(null, at(20, 16), Window.BEIJING), List.of(), further, null, null, List.of()));
        }
        return new Notice(id, null, "示例委员会", null, "关于组织申报示例项目的通知", LocalDate.of(2026, 5, 8), null, topics,
                List.of(), null, null);
    }

    private static Set<String> ids(Notice n, String officeId) throws Exception {
        Set<String> ids = new HashSet<>();
        ids.add(n.id());
        for (Topic t : n.topics()) {
            ids.add(t.id());
            ids.add(InternalDeadline.uid(officeId, t.id()));
        }
        for (Deadline d : Deadlines.of(n, Instant.EPOCH)) {
            ids.add(d.uid());
        }
        return ids;
    }

    @Test
    void twoOfficesRelaysOfOneCall_shareNoIdUidOrInternalDeadline_andEachIsItsOfficesAlone() throws Exception {
        for (int i = 0; i < 300; i++) {
            String readerId = readerId(i);
            Notice reading = notice(readerId, 1 + RANDOM.nextInt(6), i % 2 == 0);
            String officeA = officeId();
            String officeB = officeId();
            Notice a = Relays.copy(reading, NoticeIds.relayId(officeA, readerId));
            Notice b = Relays.copy(reading, NoticeIds.relayId(officeB, readerId));
            assertEquals(a.id(), NoticeIds.relayId(officeA, readerId), "the same office relaying again: the same id");

            Set<String> ofA = ids(a, officeA);
            Set<String> ofB = ids(b, officeB);
            Set<String> ofPublic = ids(reading, officeA);
            Set<String> shared = new HashSet<>(ofA);
            shared.retainAll(ofB);
            assertTrue(shared.isEmpty(), "shared by two offices' relays: " + shared);
            shared = new HashSet<>(ofA);
            shared.retainAll(ofPublic);
            assertTrue(shared.isEmpty(), "shared with the public notice: " + shared);

            assertFalse(NoticeIds.isRelay(readerId), readerId + " is a public notice's id");
            for (Topic t : a.topics()) {
                assertTrue(NoticeIds.wellFormed(a.id()) && NoticeIds.noticeIdOf(t.id()).orElseThrow().equals(a.id()), t.id());
                assertTrue(NoticeIds.isRelay(t.id()) && NoticeIds.isRelayOf(t.id(), officeA), t.id());
                assertFalse(NoticeIds.isRelayOf(t.id(), officeB), t.id() + " is not " + officeB + "'s");
            }
            for (Topic t : reading.topics()) {
                assertFalse(NoticeIds.isRelay(t.id()), t.id());
            }
        }
    }

    @Test
    void theOfficesDate_isLeftOutOfTheCopy_andTheCallsOtherDeadlinesStay() {
        Notice reading = notice(readerId(0), 3, false);
        Notice copy = Relays.copy(reading, NoticeIds.relayId(officeId(), reading.id()));
        for (int i = 0; i < reading.topics().size(); i++) {
            List<CallDeadline> before = reading.topics().get(i).deadlines();
            List<CallDeadline> after = copy.topics().get(i).deadlines();
            assertEquals(before.subList(1, 3), after, "the earliest RELAY date is the office's: its internal deadline");
            assertEquals(reading.topics().get(i).window(), copy.topics().get(i).window());
        }
    }
}
