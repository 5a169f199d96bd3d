package cutoff.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@link Ports#free}: a loopback port a server can bind, outside the range the kernel gives out by itself. */
class PortsTest {
    @Test
    void aFreePort_isBelowTheEphemeralRange_andCanBeBound() throws Exception {
        int ephemeralStart = Ports.ephemeralStart();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            if (ephemeralStart - Ports.LOWEST >= 1_000) {
                assertTrue(port >= Ports.LOWEST && port < ephemeralStart, port + " not in " + Ports.LOWEST + ".." + (ephemeralStart - 1));
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertTrue(s.isBound());
            }
        }
    }
}
