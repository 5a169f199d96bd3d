package cutoff.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for a server a test starts on a port it chose beforehand (a demo, a stand-in, DynamoDB Local).
 *
 * <p>Chosen below the kernel's ephemeral range (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999
 * by default; macOS and Windows start theirs higher), where the system gives out no port by itself. A port from
 * {@code new ServerSocket(0)} is an ephemeral one: between the test's choice and the server's bind, any outgoing
 * connection on the machine (the demo's own to DynamoDB Local, while it loads its notices) can be given it, and the
 * bind then fails with "Address already in use" (DemoStackIT failed so once in CI, 2026-12-07).
 */
public final class Ports {
    /** The lowest port handed out: above the usual fixed ports of demos and services (8000, 8080, 18xxx benchmarks). */
    static final int LOWEST = 20_000;

    private Ports() {
    }

    /**
     * A loopback port nothing listens on now, outside the ephemeral range; where that range leaves no room above
     * {@link #LOWEST}, an ephemeral port as before.
     *
     * @throws IOException when no port could be bound at all
     */
    public static int free() throws IOException {
        int ephemeralStart = ephemeralStart();
        if (ephemeralStart - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(ephemeralStart - LOWEST);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first port of the kernel's ephemeral range: Linux's setting, else 32768 (no system starts it lower by default). */
    static int ephemeralStart() {
        try {
            // Read as lines: Files.readString trusts the size a file reports, and /proc's report 0 (it read "3").
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** True when nothing listens on 127.0.0.1:{@code port} now (a bind there is what a server started on it will do). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
