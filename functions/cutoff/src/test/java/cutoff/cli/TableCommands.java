package cutoff.cli;

import cutoff.testing.LocalDynamo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@code ./cutoff} command against one DynamoDB Local table, as an operator would name it. */
final class TableCommands {
    private TableCommands() {
    }

    /**
     * {@link Main#run} with {@code --table}, {@code --endpoint} (DynamoDB Local) and {@code --region} added.
     *
     * @param out what the command prints, emptied first (UTF-8)
     * @param err what it prints to stderr, emptied first (UTF-8)
     * @return the exit code
     */
    static int run(String table, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"));
        return Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
