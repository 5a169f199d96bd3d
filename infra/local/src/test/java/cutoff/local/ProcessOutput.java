package cutoff.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What a child process (a demo started by a test) writes, collected line by line on a daemon thread. */
public final class ProcessOutput {
    private ProcessOutput() {
    }

    /** Starts reading the process's output (stdout, with stderr when redirected to it) into the buffer returned. */
    public static StringBuffer follow(Process process) {
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "demo-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return output;
    }
}
