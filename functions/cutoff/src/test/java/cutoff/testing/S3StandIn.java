package cutoff.testing;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
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
        Path script = StandIns.prepare(folder, port, "S3", "s3rver", args -> StandIns.runsOn(args, port, "s3-local/" + SCRIPT), log);
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--bucket", bucket));
        if (corsOrigin != null) {
            command.addAll(List.of("--cors-origin", corsOrigin));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        StandIns.Started started = StandIns.launch(pb, "S3", port, new ArrayDeque<>());
        return new S3StandIn(started.process(), started.port(), bucket);
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
        StandIns.stop(process);
    }
}
