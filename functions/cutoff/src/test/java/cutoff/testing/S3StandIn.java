package cutoff.testing;

import java.io.IOException;
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
 * The one launcher of the S3 stand-in ({@code s3rver}, npm, in {@code infra/s3-local}, behind {@code stand-in.js}, which
 * checks Signature Version 4 as S3 does: s3rver does not), used by the tests ({@link LocalS3}) and by {@code ./cutoff
 * demo}. As {@link SesStandIn}: loopback only, exits with this JVM (its stdin), {@code READY <port>} once it listens,
 * a stand-in of this project left running on the port by a killed JVM replaced, anything else on it refused.
 */
public final class S3StandIn implements AutoCloseable {
    /** The wrapper script, relative to the stand-in's folder. */
    static final String SCRIPT = "stand-in.js";

    private final Process process;
    private final int port;
    private final String bucket;

    private S3StandIn(Process process, int port, String bucket) {
        this.process = process;
        this.port = port;
        this.bucket = bucket;
    }

    /** {@code infra/s3-local} of the project this JVM runs in. */
    public static Path defaultFolder() {
        return Project.root().resolve("infra/s3-local");
    }

    /**
     * Starts the stand-in on {@code 127.0.0.1:port} ({@code 0}: any free port) with an empty {@code bucket}, and
     * returns once it listens.
     *
     * @param corsOrigin the one origin whose pages may PUT to the bucket (the demo's), or {@code null} for none
     * @throws IllegalStateException when it cannot start, with the stand-in's own output
     */
    public static S3StandIn start(Path folder, int port, String bucket, String corsOrigin, Consumer<String> log) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the S3 stand-in's port must be 0-65535, not " + port);
        }
        Path script = folder.toAbsolutePath().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the S3 stand-in's wrapper " + script + " is missing");
        }
        if (!Files.isDirectory(folder.resolve("node_modules/s3rver"))) {
            throw new IllegalStateException("the S3 stand-in is not installed: run `npm ci` in " + folder
                    + " (./cutoff test and ./cutoff demo do it)");
        }
        if (port != 0 && !SesStandIn.free(port)) {
            replaceOrphan(script, port, log);
        }
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--bucket", bucket));
        if (corsOrigin != null) {
            command.addAll(List.of("--cors-origin", corsOrigin));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the S3 stand-in did not start: cannot run node (" + e.getMessage() + ")", e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> SesStandIn.read(process, output, ready), "s3-stand-in-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new S3StandIn(process, ready.get(20, TimeUnit.SECONDS), bucket);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            try {
                process.waitFor(2, TimeUnit.SECONDS);
                reader.join(1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            String why = e instanceof TimeoutException ? "did not listen within 20 s" : e.getCause().getMessage();
            throw new IllegalStateException("the S3 stand-in did not start on 127.0.0.1:" + port + ": " + why
                    + SesStandIn.lastLines(output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the S3 stand-in started", e);
        }
    }

    /**
     * The port is taken. A process of this user running this stand-in's script on that port whose parent JVM is gone is
     * an orphan of an earlier demo or test run: stop it, say so, go on. Anything else is not ours to stop.
     */
    private static void replaceOrphan(Path script, int port, Consumer<String> log) {
        Optional<ProcessHandle> orphan = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().user().equals(ProcessHandle.current().info().user()))
                .filter(p -> {
                    List<String> args = p.info().arguments().map(List::of).orElse(List.of());
                    int i = args.indexOf("--port");
                    return args.stream().anyMatch(a -> a.endsWith("s3-local/" + SCRIPT))
                            && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(Integer.toString(port));
                })
                .findFirst();
        if (orphan.isEmpty()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken by another program (not an S3 stand-in"
                    + " of this project); stop it or choose another port");
        }
        ProcessHandle p = orphan.get();
        Optional<ProcessHandle> owner = p.parent().filter(parent -> parent.pid() != 1
                && parent.info().command().map(c -> c.endsWith("/java")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is held by the S3 stand-in (pid " + p.pid()
                    + ") of another running demo or test run (java pid " + owner.get().pid() + "); stop that or choose another port");
        }
        p.destroy();
        try {
            p.onExit().get(3, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an S3 stand-in left running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        log.accept("replaced an S3 stand-in left running on port " + port + " (pid " + p.pid() + "), probably by a demo"
                + " or test run that was killed");
        for (int i = 0; i < 50 && !SesStandIn.free(port); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}: what {@code S3_ENDPOINT} is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The bucket it was started with. */
    public String bucket() {
        return bucket;
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
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
