package cutoff.web;

import cutoff.handler.Routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The office page's ES modules as a browser gets them from {@code /assets/}: each served as JavaScript (a module
 * script is refused under another type), each import naming the imported module's versioned, year-cached URL,
 * and each module's own name following everything it imports.
 */
class AssetsTest {
    private static final Pattern SPECIFIER = Pattern.compile("\\b(?:from|import)\\s*'\\./([^']+)'");

    private static List<String> modules() {
        return Assets.FILES.stream().filter(f -> f.endsWith(".mjs")).toList();
    }

    private static APIGatewayV2HTTPResponse get(String path) {
        return Assets.serve(Routes.event("GET", path, Map.of(), null), path.substring("/assets/".length()));
    }

    @Test
    void everyModuleInTheFolder_isServed() throws IOException {
        Set<String> inFolder = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/web/assets"))) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".mjs")).forEach(inFolder::add);
        }
        assertTrue(inFolder.contains("office.mjs") && inFolder.size() >= 5, inFolder.toString());
        assertEquals(inFolder, new TreeSet<>(modules()), "modules in web/assets and Assets.FILES");
    }

    @Test
    void eachImport_namesTheImportedModulesVersionedUrl_servedAsJavaScriptForAYear() {
        int imports = 0;
        for (String module : modules()) {
            Assets.Asset a = Assets.asset(module).orElseThrow();
            assertEquals(a.hash(), Sha256.hex(a.body()).substring(0, 10), module + ": the hash is the served text's");
            APIGatewayV2HTTPResponse r = get("/assets/" + a.versionedName());
            assertEquals(200, r.getStatusCode(), module);
            assertEquals("text/javascript; charset=utf-8", r.getHeaders().get("Content-Type"), module);
            assertEquals("public, max-age=31536000, immutable", r.getHeaders().get("Cache-Control"), module);
            assertEquals("nosniff", r.getHeaders().get("X-Content-Type-Options"), module);
            assertEquals(a.body(), get("/assets/" + module).getBody(), module + ": the plain name serves the same text");
            Matcher m = SPECIFIER.matcher(a.body());
            while (m.find()) {
                imports++;
                String specifier = m.group(1);
                Matcher versioned = Pattern.compile("([a-z0-9-]+)\\.([0-9a-f]{10})\\.mjs").matcher(specifier);
                assertTrue(versioned.matches(), module + " imports " + specifier + ", not a versioned name");
                Assets.Asset imported = Assets.asset(versioned.group(1) + ".mjs").orElseThrow();
                assertEquals(imported.hash(), versioned.group(2), module + " imports the current " + imported.name());
                assertEquals(200, get("/assets/" + specifier).getStatusCode(), specifier);
            }
        }
        assertTrue(imports >= 10, "the office modules import one another: " + imports);
    }

    @Test
    void aModulesName_changesWithAModuleItImports() {
        // office.mjs imports office-staff.mjs, which imports office-deadlines.mjs: the served text of each names the next.
        String main = Assets.asset("office.mjs").orElseThrow().body();
        String staff = Assets.asset("office-staff.mjs").orElseThrow().body();
        assertTrue(main.contains("'./" + Assets.asset("office-staff.mjs").orElseThrow().versionedName() + "'"), main);
        assertTrue(staff.contains("'./" + Assets.asset("office-deadlines.mjs").orElseThrow().versionedName() + "'"), staff);
        String linked = Assets.link("x.mjs", "import { a } from './office-api.mjs';\n", new ArrayDeque<>());
        assertEquals("import { a } from './" + Assets.asset("office-api.mjs").orElseThrow().versionedName() + "';\n", linked);
    }

    @Test
    void anImportOfNoServedModule_orACycle_isRefusedByName() {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> Assets.link("x.mjs", "import { a } from './nowhere.mjs';", new ArrayDeque<>()));
        assertTrue(unknown.getMessage().contains("x.mjs imports ./nowhere.mjs"), unknown.getMessage());
        ArrayDeque<String> linking = new ArrayDeque<>(List.of("office.mjs", "office-staff.mjs"));
        IllegalStateException cycle = assertThrows(IllegalStateException.class,
                () -> Assets.link("office.mjs", "import './office-staff.mjs';", linking));
        assertTrue(cycle.getMessage().contains("office.mjs -> office-staff.mjs -> office.mjs"), cycle.getMessage());
    }
}
