package cutoff.calendar;

import cutoff.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    /** 16 hex digits; read once per container. */
    public static final String ID = compute();

    private FeedFormat() {
    }

    private static String compute() {
        StringBuilder all = new StringBuilder();
        for (Class<?> c : WRITERS) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                all.append(in == null ? c.getName() : HexFormat.of().formatHex(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Package ical4j = Calendar.class.getPackage();
        all.append(ical4j == null ? "" : ical4j.getImplementationVersion());
        return Sha256.hex(all.toString()).substring(0, 16);
    }
}
