package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.store.AuditStore;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./cutoff withdraw NOTICEID [--reason …]} against DynamoDB Local, as the operator runs it. The command runs on
 * the system clock, after the shipped notice's cutoffs: its deadlines are cancelled and nobody is told.
 */
class WithdrawCommandIT {
    private static final String NOTICE = "2026-8-304af3";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withdraw_cancelsEveryDeadline_recordsTheOperatorAndTheReason_andAgainIsANoOp() throws Exception {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        stack.wiring().ingestion().ingest(Project.shippedNotice(NOTICE));
        int deadlines = stack.notices.notice(NOTICE).orElseThrow().deadlines().size();

        assertEquals(0, TableCommands.run(stack.table, out, err, "withdraw", NOTICE, "--reason", "主办方撤回 withdrawn by the issuer"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("{\"noticeId\":\"" + NOTICE + "\",\"withdrawn\":" + deadlines + ",\"changeEmails\":0,\"alreadyWithdrawn\":false}",
                out.toString(StandardCharsets.UTF_8).strip());
        List<Deadline> after = stack.notices.notice(NOTICE).orElseThrow().deadlines();
        after.forEach(d -> assertTrue(d.cancelled() && d.sequence() == 1, d.toString()));
        List<AuditStore.Entry> record = new AuditStore(stack.dynamo, stack.table).entries(NOTICE);
        assertEquals(1, record.size());
        assertEquals("withdrawn", record.get(0).action());
        assertEquals("operator", record.get(0).by());
        assertTrue(record.get(0).detail().endsWith("reason: 主办方撤回 withdrawn by the issuer"), record.get(0).detail());

        assertEquals(0, TableCommands.run(stack.table, out, err, "withdraw", NOTICE));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"alreadyWithdrawn\":true"), out.toString(StandardCharsets.UTF_8));
        assertEquals(1, new AuditStore(stack.dynamo, stack.table).entries(NOTICE).size());
        assertEquals(after, stack.notices.notice(NOTICE).orElseThrow().deadlines());
    }

    @Test
    void anUnknownNotice_aBadReason_andNoNotice_areRefused() {
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z"));
        assertEquals(1, TableCommands.run(stack.table, out, err, "withdraw", "2099-1-000000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no notice 2099-1-000000"), err.toString(StandardCharsets.UTF_8));
        assertEquals(1, TableCommands.run(stack.table, out, err, "withdraw", NOTICE, "--reason", "two\nlines"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("U+000A"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, TableCommands.run(stack.table, out, err, "withdraw"));
        assertEquals(2, TableCommands.run(stack.table, out, err, "withdraw", NOTICE, "--force", "x"));
    }
}
