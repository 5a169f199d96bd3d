package cutoff.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the SES stand-in's port must be 0-65535, not " + port);
        }
        Path script = folder.toAbsolutePath().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the SES stand-in's wrapper " + script + " is missing");
        }
        if (!Files.isDirectory(folder.resolve("node_modules/aws-ses-v2-local"))) {
            throw new IllegalStateException("the SES stand-in is not installed: run `npm ci` in " + folder
                    + " (./cutoff test and ./cutoff demo do it)");
        }
        if (port != 0 && !free(port)) {
            replaceOrphan(port, log);
        }
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                .directory(folder.toFile())
                .redirectErrorStream(true);
        // stdin stays a pipe that this JVM never writes to nor closes before close(): its EOF is the
        // wrapper's signal that we are gone.
        pb.environment().put("AWS_SES_ACCOUNT", accountJson);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("the SES stand-in did not start: cannot run node (" + e.getMessage() + ")", e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process, output, ready), "ses-stand-in-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int actual = ready.get(20, TimeUnit.SECONDS);
            return new SesStandIn(process, actual, output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            try {
                // Let the reader take in the last words of a stand-in that failed.
                process.waitFor(2, TimeUnit.SECONDS);
                reader.join(1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            String why = e instanceof TimeoutException ? "did not listen within 20 s" : e.getCause().getMessage();
            throw new IllegalStateException("the SES stand-in did not start on 127.0.0.1:" + port + ": " + why
                    + lastLines(output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SES stand-in started", e);
        }
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

    /** True when nothing listens on 127.0.0.1:port (a bind there is what the stand-in will do). */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The port is taken. A process of this user whose command line is an SES stand-in on that port (the
     * wrapper or aws-ses-v2-local's cli.js) and whose parent JVM is gone is an orphan of an earlier demo
     * or test run: stop it, say so, and go on. Anything else is not ours to stop.
     */
    private static void replaceOrphan(int port, Consumer<String> log) {
        Optional<ProcessHandle> orphan = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().user().equals(ProcessHandle.current().info().user()))
                .filter(p -> isStandInOn(p, port))
                .findFirst();
        if (orphan.isEmpty()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken by another program (not an SES stand-in "
                    + "of this project); stop it or choose another port");
        }
        ProcessHandle p = orphan.get();
        // A stand-in whose JVM still runs belongs to a live demo or test run (another worktree's, say):
        // not an orphan, and not ours to stop.
        Optional<ProcessHandle> owner = p.parent().filter(parent -> parent.pid() != 1
                && parent.info().command().map(c -> c.endsWith("/java")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is held by the SES stand-in (pid " + p.pid()
                    + ") of another running demo or test run (java pid " + owner.get().pid() + "); stop that or choose another port");
        }
        String command = p.info().commandLine().orElse("node");
        p.destroy();
        try {
            p.onExit().get(3, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            try {
                p.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception again) {
                throw new IllegalStateException("an SES stand-in left running on port " + port + " (pid " + p.pid()
                        + ") did not stop; stop it by hand", again);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an SES stand-in left running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        log.accept("replaced an SES stand-in left running on port " + port + " (pid " + p.pid() + ", " + command
                + "), probably by a demo or test run that was killed");
        for (int i = 0; i < 50 && !free(port); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private static boolean isStandInOn(ProcessHandle p, int port) {
        ProcessHandle.Info info = p.info();
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        boolean standIn = args.stream().anyMatch(a -> a.endsWith("/" + SCRIPT) || a.endsWith("aws-ses-v2-local/dist/cli.js"));
        if (!standIn) {
            return false;
        }
        int i = args.indexOf("--port");
        return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(Integer.toString(port));
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
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
