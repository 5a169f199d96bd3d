package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Ports;
import cutoff.testing.S3StandIn;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The S3 stand-in's launcher ({@link S3StandIn}) as the demo uses it on a fixed port: it listens on that port, a second
 * start there is refused without stopping the first (a live run's), a port another program holds is refused naming it,
 * an uninstalled folder says how to install it, and closing it frees the port.
 */
class S3StandInIT {
    @Test
    void onAFixedPort_itListens_aSecondStartIsRefused_andClosingFreesThePort() throws Exception {
        int port = Ports.free();
        Path folder = S3StandIn.defaultFolder();
        S3StandIn first = S3StandIn.start(folder, port, "cutoff-uploads", null, m -> { });
        try {
            assertTrue(first.endpoint().endsWith(":" + port), first.endpoint());
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> S3StandIn.start(folder, port, "cutoff-uploads", null, m -> { }));
            assertTrue(again.getMessage().contains("held by the S3 stand-in") && again.getMessage().contains("another running demo or test run"),
                    again.getMessage());
            assertTrue(first.isAlive(), "the running one is not ours to stop");
        } finally {
            first.close();
        }
        assertFalse(first.isAlive());
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void aPortAnotherProgramHolds_andAFolderWithoutS3rver_areRefusedSayingWhy() throws Exception {
        // Outside assertThrows: in a lone copy of the module (sam build's) the folder is not there and the test is skipped.
        Path folder = S3StandIn.defaultFolder();
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException taken = assertThrows(IllegalStateException.class,
                    () -> S3StandIn.start(folder, held.getLocalPort(), "cutoff-uploads", null, m -> { }));
            assertTrue(taken.getMessage().contains("taken by another program (not an S3 stand-in"), taken.getMessage());
        }
        Path empty = Files.createTempDirectory("s3-local");
        Files.copy(folder.resolve("stand-in.js"), empty.resolve("stand-in.js"));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> S3StandIn.start(empty, 0, "cutoff-uploads", null, m -> { }));
        assertTrue(missing.getMessage().contains("npm ci"), missing.getMessage());
    }
}
