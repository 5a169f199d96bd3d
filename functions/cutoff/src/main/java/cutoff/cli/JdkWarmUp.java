package cutoff.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.SimpleDateFormat;
import java.time.ZoneId;

/**
 * Starts, on a second thread, the Java runtime's own first-use work that a notice command meets later on its main
 * thread: the time-zone rules (java.time's zone provider reads the tz database at its first zone), the security
 * providers ({@code MessageDigest}'s first look-up, for notice ids) and the locale data behind a
 * {@code SimpleDateFormat} (ical4j's {@code Observance} makes one when the feed's first VTIMEZONE is written:
 * the JDK then lists every CLDR locale once, ~10 ms in a new JVM).
 *
 * <p>Only the runtime's classes are touched, never Cutoff's or a library's, so no class initialisation here waits
 * on one the main thread holds. The main thread meets the same work later and finds it done, or waits for it to
 * finish; nothing a command prints depends on which. On one core it costs what it saves; on two or more a
 * {@code ./cutoff feed} ends ~10% sooner (docs/speed-cli.md).
 */
final class JdkWarmUp {
    private JdkWarmUp() {
    }

    /** Starts the warm-up on a daemon thread (the JVM does not wait for it at exit) and returns at once. */
    static void start() {
        Thread thread = new Thread(JdkWarmUp::run, "jdk-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        // In the order the main thread needs them: zones while the notice is read, the digest at its id, the
        // date format at the end, when the feed is written.
        ZoneId.of("Asia/Shanghai").getRules();
        try {
            MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // In every Java runtime; were it missing, the main thread reports it where it is used.
        }
        new SimpleDateFormat("yyyyMMdd'T'HHmmss");
    }
}
