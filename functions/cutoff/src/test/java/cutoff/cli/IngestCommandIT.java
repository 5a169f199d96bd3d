package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Guidelines;
import cutoff.testing.LocalDynamo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./cutoff ingest} against DynamoDB Local, with the table and endpoint given as flags. */
class IngestCommandIT {
    @Test
    void ingestTwice_storesOnce_thenReportsEverythingUnchanged() {
        String table = LocalDynamo.newTable(LocalDynamo.client());
        String file = Guidelines.path(Guidelines.STCSM_2023_4).toString();
        String[] args = {"ingest", file, "--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(args, o, e), err.toString(StandardCharsets.UTF_8));
        assertEquals("2023-4-82277d: 12 added, 0 moved, 0 updated, 0 withdrawn, 0 unchanged\n",
                out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, Main.run(args, o, e));
        assertEquals("2023-4-82277d: 0 added, 0 moved, 0 updated, 0 withdrawn, 12 unchanged\n",
                out.toString(StandardCharsets.UTF_8));
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals(2 * 3, warnings.lines().filter(l -> l.contains(": warning: topics[")
                && l.contains("states no foreign-side deadline")).count(), warnings);
        assertEquals(warnings.lines().count(), warnings.lines().filter(l -> l.contains(": warning: ")).count(), warnings);
    }
}
