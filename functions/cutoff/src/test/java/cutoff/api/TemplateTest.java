package cutoff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import cutoff.store.CutoffTable;
import cutoff.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** template.yaml against the code: handlers, environment variables, the table and its index. */
class TemplateTest {
    private static final Pattern GETENV = Pattern.compile("getenv\\(([\\w.]+)\\)|getenv\\(\"(\\w+)\"\\)");
    private final JsonNode template = read();

    private static JsonNode read() {
        try {
            // Jackson's YAML reader keeps the value of a tagged node (!Ref X reads as "X").
            return new ObjectMapper(new YAMLFactory()).readTree(Project.root().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, JsonNode> functions() {
        Map<String, JsonNode> result = new java.util.LinkedHashMap<>();
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::Serverless::Function")) {
                result.put(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    @Test
    void everyHandler_isAClassWithItsMethod() throws Exception {
        assertFalse(functions().isEmpty());
        for (var f : functions().entrySet()) {
            String handler = f.getValue().get("Properties").get("Handler").asText();
            String[] parts = handler.split("::");
            Class<?> type = Class.forName(parts[0]);
            assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
            assertTrue(Stream.of(type.getMethods()).anyMatch(m -> m.getName().equals(parts[1])), handler);
            type.getConstructor();
        }
        String codeUri = template.get("Globals").get("Function").get("CodeUri").asText();
        assertTrue(Files.exists(Project.root().resolve(codeUri).resolve("pom.xml")), "CodeUri " + codeUri + " builds");
    }

    @Test
    void everyEnvironmentVariableTheCodeReads_isSetForEveryFunction() throws IOException {
        Set<String> read = new HashSet<>();
        Path src = Project.root().resolve("functions/cutoff/src/main/java");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        String constants = all.toString();
        Matcher m = GETENV.matcher(constants);
        while (m.find()) {
            if (m.group(2) != null) {
                read.add(m.group(2));
            } else {
                String name = m.group(1).contains(".") ? m.group(1).substring(m.group(1).lastIndexOf('.') + 1) : m.group(1);
                Matcher c = Pattern.compile(name + " = \"(\\w+)\"").matcher(constants);
                assertTrue(c.find(), "constant " + m.group(1));
                read.add(c.group(1));
            }
        }
        read.remove("AWS_REGION"); // set by Lambda itself
        assertTrue(read.containsAll(Set.of("CUTOFF_TABLE", "MAIL_FROM", "SES_ENDPOINT", "PUBLIC_BASE_URL", "SEND_RATE_SHARE")),
                read.toString());
        JsonNode global = template.get("Globals").get("Function").get("Environment").get("Variables");
        for (var f : functions().entrySet()) {
            JsonNode own = f.getValue().get("Properties").path("Environment").path("Variables");
            for (String name : read) {
                assertTrue(global.has(name) || own.has(name), f.getKey() + " lacks " + name);
            }
        }
        assertEquals("CutoffTable", global.get("CUTOFF_TABLE").asText(), "the table comes from !Ref");
    }

    @Test
    void theTableAndIndexTheCodeUses_areDeclared() {
        JsonNode table = template.get("Resources").get("CutoffTable").get("Properties");
        Set<String> attributes = new HashSet<>();
        table.get("AttributeDefinitions").forEach(a -> attributes.add(a.get("AttributeName").asText()));
        assertEquals(Set.copyOf(CutoffTable.KEY_ATTRIBUTES), attributes);
        assertEquals(CutoffTable.PK, table.get("KeySchema").get(0).get("AttributeName").asText());
        assertEquals(CutoffTable.SK, table.get("KeySchema").get(1).get("AttributeName").asText());
        JsonNode gsi = table.get("GlobalSecondaryIndexes").get(0);
        assertEquals(CutoffTable.GSI1, gsi.get("IndexName").asText());
        assertEquals(CutoffTable.GSI1PK, gsi.get("KeySchema").get(0).get("AttributeName").asText());
        assertEquals("ALL", gsi.get("Projection").get("ProjectionType").asText());
        assertTrue(table.get("PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled").asBoolean());
    }

    @Test
    void theTable_expiresPendingRecordsByTtl_andTheDispatcherRunsEveryFiveMinutes() {
        JsonNode ttl = template.get("Resources").get("CutoffTable").get("Properties").get("TimeToLiveSpecification");
        assertEquals("expiresAt", ttl.get("AttributeName").asText());
        JsonNode schedule = functions().get("DispatchFunction").get("Properties").get("Events").elements().next();
        assertEquals("ScheduleV2", schedule.get("Type").asText());
        assertEquals("rate(5 minutes)", schedule.get("Properties").get("ScheduleExpression").asText());
        assertEquals("SNS", functions().get("BounceFunction").get("Properties").get("Events").elements().next().get("Type").asText());
    }

    @Test
    void everyRoute_hasASampleEvent() {
        Set<String> sampled = new HashSet<>();
        try (Stream<Path> files = Files.list(Project.root().resolve("events"))) {
            files.filter(f -> !f.getFileName().toString().startsWith("ses-") && !f.getFileName().toString().startsWith("dispatch-"))
                    .forEach(f -> sampled.add(Project.event(f.getFileName().toString()).getRouteKey()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> otherSamples = Map.of("ScheduleV2", "dispatch-schedule.json", "SNS", "ses-bounce-permanent.json");
        for (JsonNode f : functions().values()) {
            Iterator<JsonNode> events = f.get("Properties").get("Events").elements();
            while (events.hasNext()) {
                JsonNode event = events.next();
                JsonNode p = event.get("Properties");
                if (event.get("Type").asText().equals("HttpApi")) {
                    String route = p.get("Method").asText() + " " + p.get("Path").asText();
                    assertTrue(sampled.contains(route), "no sample event in events/ for " + route);
                } else {
                    String sample = otherSamples.get(event.get("Type").asText());
                    assertTrue(sample != null && Files.exists(Project.root().resolve("events").resolve(sample)),
                            "no sample event for a " + event.get("Type").asText() + " event");
                }
            }
        }
    }
}
