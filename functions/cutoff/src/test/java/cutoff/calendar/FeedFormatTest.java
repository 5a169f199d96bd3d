package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cutoff.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.Test;

/** The feed format's identity, which every public feed's ETag names, is the digest it has always been. */
class FeedFormatTest {
    @Test
    void theIdIsTheDigestOfTheWritersHexThenIcal4jsVersion() throws IOException {
        // The identity as first defined: one text of every writer's class bytes in hex, then ical4j's
        // version, and the first 16 hex digits of its SHA-256. An unchanged writer keeps its ETags.
        StringBuilder all = new StringBuilder();
        for (Class<?> c : new Class<?>[] {FeedWriter.class, VTimeZones.class, Text.class, OctetFolding.class, JavaZones.class,
            FeedNames.class, TextProperty.class}) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                all.append(HexFormat.of().formatHex(in.readAllBytes()));
            }
        }
        Package ical4j = Calendar.class.getPackage();
        all.append(ical4j == null ? "" : ical4j.getImplementationVersion());

        assertEquals(Sha256.hex(all.toString()).substring(0, 16), FeedFormat.ID);
        assertEquals(FeedFormat.ID, FeedFormat.compute());
    }
}
