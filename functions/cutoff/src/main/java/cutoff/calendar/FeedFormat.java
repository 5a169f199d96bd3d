package cutoff.calendar;

import cutoff.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.fortuna.ical4j.model.Calendar;

/**
 * The identity of the code that writes feeds: a digest of this package's compiled classes and of the
 * ical4j version. An ETag built from the stored data's stamp and this identity changes whenever either
 * changes, so a new deployment that writes feeds differently never answers 304 for an old rendering.
 */
public final class FeedFormat {
    /** Classes whose bytes decide how a feed is written. */
    private static final Class<?>[] WRITERS = {FeedWriter.class, VTimeZones.class, Text.class, OctetFolding.class,
        JavaZones.class, FeedNames.class, TextProperty.class};
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** 16 hex digits; read once per container. */
    public static final String ID = compute();

    private FeedFormat() {
    }

    /**
     * The SHA-256 of the text {@code hex(class bytes)…} of every writer, then ical4j's version, as it always was
     * (so that an unchanged writer keeps its ETags across this change), computed without that text: each
     * class's bytes are hex-encoded into the digest as they are read. On the feed function's cold path.
     */
    static String compute() {
        MessageDigest sha256 = Sha256.digest();
        for (Class<?> c : WRITERS) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in == null) {
                    sha256.update(c.getName().getBytes(StandardCharsets.UTF_8));
                } else {
                    sha256.update(lowerHex(in.readAllBytes()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Package ical4j = Calendar.class.getPackage();
        // As StringBuilder.append(String) wrote it: "null" for a jar without an implementation version.
        sha256.update(String.valueOf(ical4j == null ? "" : ical4j.getImplementationVersion()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
    }

    /** The lower-case hex digits of {@code bytes} as ASCII bytes (what {@link HexFormat#of()} writes, encoded). */
    private static byte[] lowerHex(byte[] bytes) {
        byte[] hex = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            hex[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return hex;
    }
}
