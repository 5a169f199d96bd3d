package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.notice.CallDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.testing.LocalDynamo;
import cutoff.testing.MutableClock;
import cutoff.testing.Project;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The call's further deadlines and date-only cutoffs in DynamoDB Local: stored and read back as they
 * were made (kind names included), moved with the sequence raised, withdrawn as cancelled.
 */
class CallDeadlinesStoreIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:00:00Z"));
    private NoticeStore store;

    @BeforeEach
    void freshTable() {
        store = new NoticeStore(dynamo, LocalDynamo.newTable(dynamo), clock);
    }

    private Map<String, Deadline> stored(String noticeId) {
        return store.notice(noticeId).orElseThrow().deadlines().stream()
                .collect(Collectors.toMap(Deadline::uid, Function.identity()));
    }

    @Test
    void theRelayedRecords_roundTrip_kindsAndDateOnlyDaysIncluded() throws Exception {
        for (String id : List.of("x-3561b9dd55", "x-c8b0077121")) {
            Notice notice = Project.shippedNotice(id);
            IngestResult result = store.ingest(notice);
            Map<String, Deadline> made = Deadlines.of(notice, clock.instant()).stream()
                    .collect(Collectors.toMap(Deadline::uid, Function.identity()));
            assertEquals(made.keySet(), java.util.Set.copyOf(result.added()));
            assertEquals(made, stored(id), "read back exactly as made");
            assertEquals(notice, store.notice(id).orElseThrow().notice());
        }
        Deadline relay = stored("x-c8b0077121").get("x-c8b0077121-t1-relay@cutoff");
        assertEquals(DeadlineKind.RELAY, relay.kind());
        assertNull(relay.at());
        assertEquals(LocalDate.parse("2013-04-10"), relay.date());
        Deadline cutoff = stored("x-c8b0077121").get("x-c8b0077121-t1-closes@cutoff");
        assertFalse(cutoff.timed());
        assertEquals(LocalDate.parse("2013-04-30"), cutoff.date());
        assertEquals(DeadlineKind.PAPER_COPY, stored("x-3561b9dd55").get("x-3561b9dd55-t1-paper-copy@cutoff").kind());
        // The all-calls index sorts a date-only deadline at its day's start in Beijing.
        List<String> all = store.allDeadlines().stream().map(Deadline::uid).toList();
        assertTrue(all.indexOf("x-c8b0077121-t1-relay@cutoff") < all.indexOf("x-c8b0077121-t1-closes@cutoff"), all.toString());
    }

    @Test
    void aMovedFurtherDeadline_keepsItsUid_withTheSequenceUp_andARemovedOneIsCancelled() throws Exception {
        Notice notice = Project.shippedNotice("x-3561b9dd55");
        store.ingest(notice);
        clock.advance(Duration.ofDays(1));
        Topic t = notice.topics().get(0);
        CallDeadline later = new CallDeadline(DeadlineKind.RECOMMENDATION, t.deadlines().get(0).closes().plusDays(2),
                "2013年6月5日下午5:00", "各级科技主管部门");
        Topic changed = t.withDeadlines(List.of(later));
        IngestResult result = store.ingest(notice.withTopics(List.of(changed)));
        assertEquals(List.of("x-3561b9dd55-t1-recommendation@cutoff"), result.moved());
        assertEquals(List.of("x-3561b9dd55-t1-paper-copy@cutoff"), result.cancelled());
        Map<String, Deadline> now = stored(notice.id());
        Deadline moved = now.get("x-3561b9dd55-t1-recommendation@cutoff");
        assertEquals(1, moved.sequence());
        assertEquals(Instant.parse("2013-06-05T09:00:00Z"), moved.at());
        assertEquals(clock.instant(), moved.lastModified());
        Deadline removed = now.get("x-3561b9dd55-t1-paper-copy@cutoff");
        assertTrue(removed.cancelled());
        assertEquals(1, removed.sequence());
        assertEquals(DeadlineKind.PAPER_COPY, removed.kind());
        assertTrue(store.ingest(notice.withTopics(List.of(changed))).nothingChanged(), "the same reading again");
    }
}
