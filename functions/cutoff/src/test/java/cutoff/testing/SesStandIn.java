package cutoff.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one launcher of the SES stand-in ({@code aws-ses-v2-local}, npm, in {@code infra/ses-local}), used
 * by the tests ({@link LocalSes}) and by {@code ./cutoff demo} (infra/local, through this module's test
 * jar). JDK only, so it costs the demo nothing to share it, and it stays out of the Lambda jar.
 *
 * <p>It runs {@code infra/ses-local/stand-in.js} rather than the package's cli.js: that wrapper listens on
 * loopback, exits when this JVM goes (even by {@code kill -9}: it watches its stdin, which this JVM holds
 * open), and says {@code READY <port>} once <em>it</em> listens, so a stand-in already on the port is
 * never mistaken for ours. Its output is kept (the last lines) so a failed start says why.
 */
public final class SesStandIn implements AutoCloseable {
    /** The wrapper script, relative to the stand-in's folder. */
    static final String SCRIPT = "stand-in.js";
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final int port;
    private final Deque<String> output;

    private SesStandIn(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** {@code infra/ses-local} of the project this JVM runs in. */
    public static Path defaultFolder() {
        return Project.root().resolve("infra/ses-local");
    }

    /**
     * Starts the stand-in on {@code 127.0.0.1:port} ({@code 0}: any free port) and returns once it
     * listens. If the port is held by an SES stand-in of this project left running (a demo or test JVM
     * killed before this wrapper existed, or one whose wrapper hangs), that process is stopped and
     * replaced, and {@code log} says so; if it is held by anything else, this fails saying so.
     *
     * @param folder the folder holding {@code stand-in.js} and {@code node_modules/aws-ses-v2-local}
     * @param accountJson what SES {@code GetAccount} answers ({@link #account(double)})
     * @throws IllegalStateException when it cannot start, with the stand-in's own output
     */
    public static SesStandIn start(Path folder, int port, String accountJson, Consumer<String> log) {
        Path script = StandIns.prepare(folder, port, "SES", "aws-ses-v2-local",
                args -> StandIns.runsOn(args, port, "/" + SCRIPT, "aws-ses-v2-local/dist/cli.js"), log);
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                .directory(folder.toFile())
                .redirectErrorStream(true);
        pb.environment().put("AWS_SES_ACCOUNT", accountJson);
        Deque<String> output = new ArrayDeque<>();
        StandIns.Started started = StandIns.launch(pb, "SES", port, output);
        return new SesStandIn(started.process(), started.port(), output);
    }

    /** Drains the stand-in's output for as long as it runs (a full pipe would block it), keeping the end. */
    static void read(Process process, Deque<String> output, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!ready.isDone() && line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring(6).trim()));
                }
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone; what it said is in output
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            code = -1;
        }
        ready.completeExceptionally(new IllegalStateException("it exited with code " + code));
    }

    static String lastLines(Deque<String> output) {
        synchronized (output) {
            return output.isEmpty() ? " (it printed nothing)" : "; it said:\n  " + String.join("\n  ", output);
        }
    }

    /** The account JSON {@code GetAccount} answers with: a production account sending at most {@code maxSendRate}/s. */
    public static String account(double maxSendRate) {
        return "{\"DedicatedIpAutoWarmupEnabled\":false,\"Details\":{\"AdditionalContactEmailAddresses\":[],"
                + "\"ContactLanguage\":\"EN\",\"MailType\":\"TRANSACTIONAL\",\"ReviewDetails\":{\"CaseId\":\"local\","
                + "\"Status\":\"GRANTED\"},\"UseCaseDescription\":\"Cutoff\",\"WebsiteURL\":\"https://example.org\"},"
                + "\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,"
                + "\"SendQuota\":{\"Max24HourSend\":1000000,\"MaxSendRate\":" + maxSendRate + ",\"SentLast24Hours\":0},"
                + "\"SuppressionAttributes\":{\"SuppressedReasons\":[]}}";
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the stand-in: closing its stdin is its signal to exit; a signal follows if it lingers. */
    @Override
    public void close() {
        StandIns.stop(process);
    }
}
