package cutoff.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the compiled code, as {@code jdeps} reads it (the command in docs/architecture.md): no cycle,
 * and the arrows run one way, api/cli → app → store/calendar/mail → records → deadline → notice.
 */
class PackageGraphTest {
    /** Each package's layer: a package may depend only on packages of a lower layer. */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("handler", 12), Map.entry("cli", 12),
            Map.entry("app", 11),
            Map.entry("web", 10),
            Map.entry("http", 9),
            Map.entry("feed", 8), Map.entry("ingest", 8),
            // The reader measured on a labelled corpus (./cutoff eval): reads notices, nothing reads it but the CLI.
            Map.entry("eval", 8),
            // Notice documents (PDF, DOCX, DOC, HTML): only the command line reads them; see below.
            Map.entry("document", 8),
            Map.entry("offices", 7),
            Map.entry("subscription", 6),
            Map.entry("dispatch", 5),
            Map.entry("store", 4), Map.entry("mail", 4), Map.entry("metrics", 4),
            Map.entry("office", 3),
            Map.entry("calendar", 2), Map.entry("subscriber", 2), Map.entry("reminder", 2),
            Map.entry("deadline", 1),
            Map.entry("notice", 0),
            Map.entry("logging", -1), Map.entry("util", -2));

    /** Libraries that only {@code cutoff.document} may use: kept off the Lambda handlers' class path and cold start. */
    private static final Pattern DOCUMENT_LIBRARIES = Pattern.compile("org\\.apache\\.(?:pdfbox|fontbox|poi|xmlbeans)|org\\.jsoup|com\\.ibm\\.icu");

    private static String jdeps() {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes), "compile first");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none",
                classes.toString());
        assertEquals(0, exit, out.toString());
        return out.toString();
    }

    private static Map<String, Set<String>> graph() {
        String out = jdeps();
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+cutoff\\.(\\w+)\\s+->\\s+cutoff\\.(\\w+)").matcher(out);
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertTrue(graph.containsKey("handler") && graph.containsKey("app"), out);
        return graph;
    }

    @Test
    void documentLibraries_areReachedOnlyFromTheCommandLine() {
        Map<String, Set<String>> users = new TreeMap<>();
        graph().forEach((from, tos) -> {
            if (tos.contains("document")) {
                users.computeIfAbsent("cutoff.document", k -> new TreeSet<>()).add(from);
            }
        });
        Matcher m = Pattern.compile("(?m)^\\s+cutoff\\.(\\w+)\\s+->\\s+(\\S+)").matcher(jdeps());
        while (m.find()) {
            if (DOCUMENT_LIBRARIES.matcher(m.group(2)).lookingAt()) {
                users.computeIfAbsent("the document libraries", k -> new TreeSet<>()).add(m.group(1));
            }
        }
        assertEquals(Map.of("cutoff.document", Set.of("cli"), "the document libraries", Set.of("document")), users);
    }

    @Test
    void everyArrow_pointsToALowerLayer_soThereIsNoCycle() {
        List<String> wrong = new ArrayList<>();
        graph().forEach((from, tos) -> {
            assertTrue(LAYER.containsKey(from), "a new package " + from + ": give it a layer here");
            for (String to : tos) {
                if (LAYER.get(from) <= LAYER.get(to)) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }
}
