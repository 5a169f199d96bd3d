package cutoff.calendar;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Map;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;

/**
 * A TimeZoneRegistry that answers every TZID with the JVM's own {@link ZoneId}, for the DTSTART
 * properties the feeds write.
 *
 * <p>Without a registry, ical4j 4.1.1 resolves a TZID parameter through
 * {@code TimeZoneRegistry.getGlobalZoneId} each time the property is written, which copies the JVM's
 * set of ~600 zone ids and scans ical4j's alias table: 70% of a feed's render time, measured with JFR.
 * The value written is the wall time the deadline already carries; this registry only names its zone.
 * It holds no VTIMEZONE definitions ({@link VTimeZones} builds those).
 */
final class JavaZones implements TimeZoneRegistry {
    static final JavaZones INSTANCE = new JavaZones();
    /** ical4j consults {@link #getZoneId} only when this map is not empty. */
    private static final Map<String, ZoneRules> RULES = Map.of("UTC", ZoneOffset.UTC.getRules());

    private JavaZones() {
    }

    @Override
    public void register(TimeZone timezone) {
        throw new UnsupportedOperationException("read-only: zones come from the JVM");
    }

    @Override
    public void register(TimeZone timezone, boolean update) {
        throw new UnsupportedOperationException("read-only: zones come from the JVM");
    }

    @Override
    public void clear() {
        // nothing registered, nothing to clear
    }

    @Override
    public TimeZone getTimeZone(String id) {
        return null;
    }

    @Override
    public Map<String, ZoneRules> getZoneRules() {
        return RULES;
    }

    @Override
    public ZoneId getZoneId(String tzId) {
        return ZoneId.of(tzId);
    }

    @Override
    public String getTzId(String zoneId) {
        return zoneId;
    }
}
