package cutoff.dispatch;

import cutoff.handler.OfficeApiIT;
import cutoff.handler.OfficeHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.officeservice.Offices;
import cutoff.mail.MailSender;
import cutoff.testing.LocalSes;
import cutoff.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Research offices' welcome emails through the dispatcher's concurrent sending machinery
 * ({@code app.PacedSends}): a run killed in the middle, and SES throttling, against DynamoDB Local and
 * the SES stand-in. Crashes and throttles are put at the {@link MailSender} seam, in front of the stand-in.
 */
class WelcomeBurstIT {
    private static final int STAFF = 20;
    private final TestStack stack;
    private final Offices.Created office;
    private final List<String> addresses = new ArrayList<>();

    WelcomeBurstIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        office = stack.wiring().offices().create("某某大学科研处", List.of("example.edu.cn"));
        StringBuilder csv = new StringBuilder(OfficeApiIT.HEADER);
        for (int i = 0; i < STAFF; i++) {
            String a = TestStack.address("burst" + i);
            addresses.add(a);
            csv.append(a).append(",,,").append(OfficeApiIT.T1).append(",zh,\r\n");
        }
        var r = new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", csv.toString()), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
    }

    private StaffQueue staffQueue(MailSender mail) {
        return stack.wiring(mail).staffQueue(() -> 1000);
    }

    /** How many people got how many welcome emails: {emails → people}. */
    private Map<Integer, Integer> histogram() {
        Map<Integer, Integer> h = new TreeMap<>();
        for (String a : addresses) {
            h.merge(LocalSes.sentTo(a).size(), 1, Integer::sum);
        }
        return h;
    }

    @Test
    void aRunKilledAfterSesTookOne_leavesOnlyThatOneToItsLease_andTheNextRunsWelcomeTheRestOnce() throws Exception {
        assertThrows(IllegalStateException.class, () -> staffQueue(stack.diesAfterSesTook(5)).run("dies", () -> true));
        Map<Integer, Integer> afterCrash = histogram();
        assertEquals(null, afterCrash.get(2), "nobody twice: " + afterCrash);
        int reached = afterCrash.getOrDefault(1, 0);
        assertTrue(reached >= 5 && reached < STAFF, "the run stopped after the crash: " + afterCrash);

        // At once: every row not held is welcomed; the one whose send died is held by its claim.
        StaffQueue.Report next = staffQueue(stack.ses).run("next", () -> true);
        assertEquals(STAFF - reached, next.welcomed(), next.toString());
        assertEquals(Map.of(1, STAFF), histogram(), "nobody twice yet, nobody left out");

        // After the lease, the row that died is taken over: the one possible duplicate, and nothing else.
        stack.advance(Duration.ofMinutes(11));
        StaffQueue.Report afterLease = staffQueue(stack.ses).run("after-lease", () -> true);
        assertEquals(1, afterLease.welcomed(), afterLease.toString());
        assertEquals(Map.of(1, STAFF - 1, 2, 1), histogram());
        assertEquals(0, staffQueue(stack.ses).run("empty", () -> true).welcomed(), "the queue is empty");
    }

    @Test
    void throttling_isRetriedWithBackoff_andNoWelcomeIsLostOrSentTwice() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MailSender throttlesEveryOther = email -> {
            if (calls.incrementAndGet() % 2 == 1) {
                throw new MailSender.ThrottledException("Throttling", "Maximum sending rate exceeded.", null);
            }
            return stack.ses.send(email);
        };
        StaffQueue.Report r = staffQueue(throttlesEveryOther).run("throttled", () -> true);
        assertNull(r.accountStopped());
        assertEquals(STAFF, r.welcomed(), r.toString());
        assertTrue(r.throttles() >= STAFF, r.toString());
        assertEquals(Map.of(1, STAFF), histogram());
    }

    @Test
    void throttledUntilTheTimeRunsOut_theRestStayQueued_andTheNextRunSendsThemOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MailSender throttledAfterEight = email -> {
            if (calls.incrementAndGet() > 8) {
                throw new MailSender.ThrottledException("Throttling", "Maximum sending rate exceeded.", null);
            }
            return stack.ses.send(email);
        };
        // Time runs out once SES has throttled 20 times.
        StaffQueue.Report first = staffQueue(throttledAfterEight).run("throttled", () -> calls.get() < 28);
        assertEquals(8, first.welcomed(), first.toString());
        assertEquals(Map.of(0, STAFF - 8, 1, 8), histogram());

        StaffQueue.Report second = staffQueue(stack.ses).run("next", () -> true);
        assertEquals(STAFF - 8, second.welcomed(), second.toString());
        assertEquals(Map.of(1, STAFF), histogram());
    }
}
