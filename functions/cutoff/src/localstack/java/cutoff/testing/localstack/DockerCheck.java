package cutoff.testing.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Before the {@code -Plocalstack} suite (and again before its first container): is a Docker engine
 * reachable, as Testcontainers looks for one (DOCKER_HOST, the socket, ~/.testcontainers.properties,
 * Docker Desktop...)? Without one, the run stops at once with one line instead of every *IT failing
 * with a Testcontainers stack trace. Run as a main by the profile in process-test-classes.
 */
public final class DockerCheck {
    private DockerCheck() {
    }

    public static void main(String[] args) {
        String problem = problem();
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        System.out.println("Docker engine reachable: the *IT suite runs against LocalStack");
    }

    /** Throws with the one line when there is no engine. */
    public static void require() {
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** {@code null} when Testcontainers finds an engine, else the line saying why not. */
    static String problem() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        if (available) {
            return null;
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        return "--localstack needs a Docker engine; none is reachable here ("
                + (dockerHost == null || dockerHost.isBlank() ? "DOCKER_HOST unset" : "DOCKER_HOST=" + dockerHost) + ", /var/run/docker.sock "
                + (Files.exists(Path.of("/var/run/docker.sock")) ? "present but not answering" : "absent") + ")";
    }
}
