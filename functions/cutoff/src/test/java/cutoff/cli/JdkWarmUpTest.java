package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up thread of the notice commands initialises the Java runtime's classes only, never Cutoff's or a
 * library's, so it cannot meet the main thread in a class initialisation: {@link JdkWarmUp#run} in a JVM of its own,
 * every class it loads listed ({@code -Xlog:class+load}), on a class path without libraries (the zones are warmed)
 * and on the functions' whole class path, where ical4j registers a zone provider (the zones are left alone).
 */
class JdkWarmUpTest {
    @Test
    void withoutALibraryZoneProvider_theZonesAreWarmed_andNoClassButTheRuntimesIsLoaded() throws Exception {
        String classPath = location(JdkWarmUp.class) + File.pathSeparator + location(JdkWarmUpProbe.class);
        List<String> loaded = warmUp(classPath);
        assertEquals(List.of(), outsideTheRuntime(loaded));
        assertTrue(loaded.stream().anyMatch(l -> l.startsWith("java.time.zone.TzdbZoneRulesProvider ")), "zones not warmed");
    }

    @Test
    void withIcal4jsZoneProviderOnTheClassPath_theZonesAreLeftToTheMainThread() throws Exception {
        String classPath = System.getProperty("java.class.path");
        assertNotNull(ClassLoader.getSystemResource(JdkWarmUp.ZONE_PROVIDERS), "the test class path registers no zone provider");
        List<String> loaded = warmUp(classPath);
        assertEquals(List.of(), outsideTheRuntime(loaded));
        assertFalse(loaded.stream().anyMatch(l -> l.startsWith("java.time.zone.ZoneRulesProvider ")), "zones warmed beside a library's provider");
    }

    /** The classes the probe's JVM loaded, one line each: {@code name source: where}. */
    private static List<String> warmUp(String classPath) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout:none", "-cp", classPath,
                JdkWarmUpProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\nwarmed"), out);
        List<String> loaded = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains(" source: ")) {
                loaded.add(line.strip());
            }
        }
        assertTrue(loaded.size() > 100, "no class-load log: " + out);
        return loaded;
    }

    /** Classes loaded from a file or jar (the runtime's come from its image or archive), but the probe's own two. */
    private static List<String> outsideTheRuntime(List<String> loaded) {
        return loaded.stream()
                .filter(l -> l.contains(" source: file:") || l.contains(" source: jar:"))
                .filter(l -> !l.startsWith(JdkWarmUp.class.getName() + " ") && !l.startsWith(JdkWarmUpProbe.class.getName() + " "))
                .toList();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
