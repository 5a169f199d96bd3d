package cutoff.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.SimpleDateFormat;
import java.time.ZoneId;

/**
 * Starts, on a second thread, the Java runtime's own first-use work that a notice command meets later on its main
 * thread:
 * <ul>
 *   <li>the time-zone rules: java.time's zone provider reads the tz database at the first zone, after a service
 *       look-up that opens every jar of the class path (the libraries' jar holds ~33,000 entries: ~30 ms). Only the
 *       look-up when a library registers a zone provider of its own (see {@link #run});</li>
 *   <li>the security providers, at {@code MessageDigest}'s first look-up (a notice's id is a SHA-256);</li>
 *   <li>the CLDR locale data behind the first {@code SimpleDateFormat}: the JDK lists every CLDR locale once
 *       (~10 ms in a new JVM). ical4j's {@code Observance} makes one when a feed's first VTIMEZONE is written,
 *       Jackson's {@code ObjectMapper} one when {@code parse} writes its JSON.</li>
 * </ul>
 *
 * <p>Only the runtime's classes are initialised, never Cutoff's or a library's (the JDK's locale and security
 * providers are the default ones: no service look-up on the class path; {@code JdkWarmUpTest} checks it, with and
 * without a library's zone provider on the class path). So the two threads can meet only inside the runtime's own
 * class initialisation, where one waits for the other to finish, as any two threads of a program may. The main thread meets the same work later and finds it done, or waits for it to finish; nothing a command
 * prints depends on which. It saves wall time where a second core is free; a command that would not have needed a
 * part (a JSON record's feed makes no digest) pays a little CPU for it (docs/speed-cli.md has the figures).
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

    /** The service file by which a library registers a java.time zone provider (ical4j does). */
    static final String ZONE_PROVIDERS = "META-INF/services/java.time.zone.ZoneRulesProvider";

    /** The warm-up itself, on the calling thread. */
    static void run() {
        // In the order the main thread needs them: zones while the notice is read, the digest at its id, the
        // date format at the end, when the feed is written. The zones only when no library registers a zone
        // provider: java.time would load and start that library's provider here (ical4j's, on the Lambda
        // package's class path; ./cutoff's libraries jar leaves it out), beside the main thread's own use of the
        // library. The look-up for the file is itself most of the gain: it opens every jar of the class path.
        if (ClassLoader.getSystemResource(ZONE_PROVIDERS) == null) {
            ZoneId.of("Asia/Shanghai").getRules();
        }
        try {
            MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // In every Java runtime; were it missing, the main thread reports it where it is used.
        }
        new SimpleDateFormat("yyyyMMdd'T'HHmmss");
    }
}
