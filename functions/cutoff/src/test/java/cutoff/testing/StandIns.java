package cutoff.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What the node stand-ins' launchers ({@link SesStandIn}, {@link S3StandIn}) share: an orphan on their port replaced, a stop. */
final class StandIns {
    private StandIns() {
    }

    /**
     * The wrapper script of a stand-in in {@code folder}, once the port is in range, the script and its npm package
     * ({@code node_modules/<module>}) are there, and the port is free (an orphan on it replaced: {@link #replaceOrphan}).
     *
     * @throws IllegalStateException naming what is missing or what holds the port
     */
    static Path prepare(Path folder, int port, String label, String module, Predicate<List<String>> isStandIn,
                        Consumer<String> log) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the " + label + " stand-in's port must be 0-65535, not " + port);
        }
        Path script = folder.toAbsolutePath().resolve(SesStandIn.SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the " + label + " stand-in's wrapper " + script + " is missing");
        }
        if (!Files.isDirectory(folder.resolve("node_modules/" + module))) {
            throw new IllegalStateException("the " + label + " stand-in is not installed: run `npm ci` in " + folder
                    + " (./cutoff test and ./cutoff demo do it)");
        }
        if (port != 0 && !Ports.isFree(port)) {
            replaceOrphan(port, label, isStandIn, log);
        }
        return script;
    }

    /** A started stand-in: its process and the port it said it listens on. */
    record Started(Process process, int port) {
    }

    /**
     * Starts the stand-in ({@code pb}: its output merged) and waits up to 20 s for its {@code READY <port>}; its output's
     * last lines are kept in {@code output}. stdin stays a pipe this JVM never writes to nor closes before {@link #stop}:
     * its EOF is the wrapper's signal that we are gone.
     *
     * @throws IllegalStateException when it cannot start, with the stand-in's own output
     */
    static Started launch(ProcessBuilder pb, String label, int port, Deque<String> output) {
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("the " + label + " stand-in did not start: cannot run node (" + e.getMessage() + ")", e);
        }
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> SesStandIn.read(process, output, ready), label.toLowerCase(java.util.Locale.ROOT) + "-stand-in-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Started(process, ready.get(20, TimeUnit.SECONDS));
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
            throw new IllegalStateException("the " + label + " stand-in did not start on 127.0.0.1:" + port + ": " + why
                    + SesStandIn.lastLines(output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + label + " stand-in started", e);
        }
    }

    /**
     * The port is taken. A process of this user that {@code isStandIn} (its arguments: a stand-in of this project on that
     * port) and whose parent JVM is gone is an orphan of an earlier demo or test run: stop it, say so through {@code
     * log}, and go on. Anything else is not ours to stop: this fails saying what holds the port.
     *
     * @param label the stand-in's name in messages ({@code SES}, {@code S3}: "an SES stand-in")
     */
    static void replaceOrphan(int port, String label, Predicate<List<String>> isStandIn, Consumer<String> log) {
        Optional<ProcessHandle> orphan = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().user().equals(ProcessHandle.current().info().user()))
                .filter(p -> isStandIn.test(p.info().arguments().map(List::of).orElse(List.of())))
                .findFirst();
        if (orphan.isEmpty()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken by another program (not an " + label
                    + " stand-in of this project); stop it or choose another port");
        }
        ProcessHandle p = orphan.get();
        // A stand-in whose JVM still runs belongs to a live demo or test run (another worktree's, say):
        // not an orphan, and not ours to stop.
        Optional<ProcessHandle> owner = p.parent().filter(parent -> parent.pid() != 1
                && parent.info().command().map(c -> c.endsWith("/java")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is held by the " + label + " stand-in (pid " + p.pid()
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
                throw new IllegalStateException("an " + label + " stand-in left running on port " + port + " (pid " + p.pid()
                        + ") did not stop; stop it by hand", again);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an " + label + " stand-in left running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        log.accept("replaced an " + label + " stand-in left running on port " + port + " (pid " + p.pid() + ", " + command
                + "), probably by a demo or test run that was killed");
        for (int i = 0; i < 50 && !Ports.isFree(port); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** True when the arguments run a stand-in (one ending in any of {@code scripts}) with {@code --port port}. */
    static boolean runsOn(List<String> args, int port, String... scripts) {
        if (args.stream().noneMatch(a -> List.of(scripts).stream().anyMatch(a::endsWith))) {
            return false;
        }
        int i = args.indexOf("--port");
        return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(Integer.toString(port));
    }

    /** Stops a stand-in: closing its stdin is its signal to exit; a signal follows if it lingers. */
    static void stop(Process process) {
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
