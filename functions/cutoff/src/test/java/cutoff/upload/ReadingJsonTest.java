package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.notice.NoticeParser;
import cutoff.testing.Guidelines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A corrected reading's JSON, broken in every place it can be: each value of a real notice's reading replaced by a
 * value of each other JSON type, an unknown field put in each object, a field named twice, something after the value,
 * the text cut short. Each is either a reading or refused as {@code MALFORMED} with a message a person can act on:
 * one line, the place it names, and no Java class, package or library.
 */
class ReadingJsonTest {
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|java\\.|javax\\.|com\\.fasterxml|jackson|cutoff\\.|\\$|\\bnull\\b.*\\bpointer|StreamRead|ZoneRules");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static JsonNode reading() throws Exception {
        return reading(Guidelines.ZHEJIANG_BILATERAL);
    }

    private static JsonNode reading(String guideline) throws Exception {
        byte[] text = Files.readAllBytes(Guidelines.folder().resolve(guideline));
        Notice notice = new NoticeParser().parse(text, null);
        return NoticeJson.mapper().valueToTree(notice);
    }

    @Test
    void aRealReadingReadsBack() throws Exception {
        JsonNode tree = reading();
        Notice back = ReadingJson.read(NoticeJson.mapper().writeValueAsBytes(tree));
        assertEquals(tree, NoticeJson.mapper().valueToTree(back));
    }

    @Test
    void everyValueOfEveryOtherType_isAReadingOrAPlainRefusal() throws Exception {
        JsonNode tree = reading();
        List<String> pointers = new ArrayList<>();
        collect(tree, "", pointers);
        assertTrue(pointers.size() > 30, "a reading has many values: " + pointers.size());
        List<JsonNode> replacements = List.of(F.nullNode(), F.numberNode(7), F.numberNode(new java.math.BigDecimal("1e400")), F.textNode("Mars/Base"),
                F.textNode("2026-02-30"), F.textNode(""), F.booleanNode(true), F.arrayNode(), F.objectNode(),
                F.textNode("x".repeat(300)));
        int refused = 0;
        for (String pointer : pointers) {
            for (JsonNode replacement : replacements) {
                JsonNode broken = tree.deepCopy();
                replace(broken, pointer, replacement);
                refused += checked(NoticeJson.mapper().writeValueAsBytes(broken), pointer + " := " + replacement);
            }
        }
        assertTrue(refused > pointers.size(), "most such changes are refused: " + refused);
    }

    @Test
    void anUnknownFieldInAnyObject_isRefusedNamingIt() throws Exception {
        JsonNode tree = reading();
        List<String> objects = new ArrayList<>();
        collectObjects(tree, "", objects);
        for (String pointer : objects) {
            JsonNode broken = tree.deepCopy();
            ((ObjectNode) (pointer.isEmpty() ? broken : broken.at(pointer))).put("colour", "red");
            NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                    () -> ReadingJson.read(NoticeJson.mapper().writeValueAsBytes(broken)), pointer);
            assertPlain(e.getMessage(), pointer);
            assertTrue(e.getMessage().contains("\"colour\""), e.getMessage());
        }
    }

    @Test
    void aFieldNamedTwice_orAnythingAfterTheValue_isRefused() throws Exception {
        String json = NoticeJson.mapper().writeValueAsString(reading());
        int brace = json.indexOf('{');
        for (String broken : List.of(
                json.substring(0, brace + 1) + "\"id\": \"other\"," + json.substring(brace + 1),
                json + " {}", json + "]", json + " \"more\"", json + json)) {
            NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                    () -> ReadingJson.read(broken.getBytes(StandardCharsets.UTF_8)));
            assertPlain(e.getMessage(), broken.substring(0, Math.min(60, broken.length())));
        }
    }

    @Test
    void theTextCutShortAnywhere_isRefusedPlainly() throws Exception {
        byte[] json = NoticeJson.mapper().writeValueAsBytes(reading());
        String text = new String(json, StandardCharsets.UTF_8);
        for (int cut = 0; cut < text.length() - 1; cut += Math.max(1, text.length() / 97)) {
            String shortened = text.substring(0, cut);
            NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                    () -> ReadingJson.read(shortened.getBytes(StandardCharsets.UTF_8)), "cut at " + cut);
            assertPlain(e.getMessage(), "cut at " + cut);
        }
    }

    @Test
    void deepNesting_andNonObjects_areRefusedPlainly() {
        for (String broken : List.of("[".repeat(5000) + "]".repeat(5000), "null", "42", "\"notice\"", "[]", "{}",
                "{\"topics\": " + "[".repeat(2000) + "]".repeat(2000) + "}")) {
            NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                    () -> ReadingJson.read(broken.getBytes(StandardCharsets.UTF_8)), broken.substring(0, Math.min(20, broken.length())));
            assertPlain(e.getMessage(), broken.substring(0, Math.min(20, broken.length())));
        }
    }

    /**
     * A date whose year a notice cannot have (a typed {@code 20270}, an ISO extended year, year 0) is refused where it
     * stands, naming the range: published, one such event broke every feed holding it (RFC 5545 writes four digits).
     */
    @Test
    void aYearNoNoticeHas_isRefusedAtItsField() throws Exception {
        JsonNode tree = reading(Guidelines.STCSM_2023_4);
        List<String> dates = new ArrayList<>();
        collect(tree, "", dates);
        dates.removeIf(p -> !(p.endsWith("/closes") || p.endsWith("/opens") || p.endsWith("/date"))
                || tree.at(p).isNull() || tree.at(p).isMissingNode());
        assertTrue(dates.size() >= 3, dates.toString());
        for (String pointer : dates) {
            for (String year : List.of("+999999999-12-31T23:59:59+18:00", "+20270-03-31T16:30:00+08:00", "2200-01-01",
                    "1899-12-31", "0000-01-01", "-0001-01-01T00:00:00+08:00")) {
                JsonNode broken = tree.deepCopy();
                String value = pointer.endsWith("/date") ? year.substring(0, year.indexOf('-', 1) + 6) : year;
                replace(broken, pointer, F.textNode(value));
                NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                        () -> ReadingJson.read(NoticeJson.mapper().writeValueAsBytes(broken)), pointer + " := " + value);
                assertPlain(e.getMessage(), pointer + " := " + value);
                assertTrue(e.getMessage().contains("1900 to 2199"), pointer + " := " + value + " → " + e.getMessage());
            }
        }
        assertEquals("1900-01-01", cutoff.notice.DateOrDateTime.parse("1900-01-01").toString(), "the first year is one");
        assertEquals("2199-12-31T23:59:00+08:00", cutoff.notice.DateOrDateTime.parse("2199-12-31T23:59:00+08:00").toString());
    }

    /**
     * A value of the right text in the wrong JSON type (a number sent as {@code "100"}, a title as {@code 100}, either
     * as {@code true}) is refused at its field, not read as the value it resembles: each number and each text value
     * of two real readings, in each other scalar type.
     */
    @Test
    void aValueInTheWrongJsonType_isRefusedAtItsField() throws Exception {
        int numbers = 0;
        int texts = 0;
        for (String guideline : List.of(Guidelines.ZHEJIANG_BILATERAL, Guidelines.STCSM_2023_4)) {
            JsonNode tree = reading(guideline);
            List<String> pointers = new ArrayList<>();
            collect(tree, "", pointers);
            for (String pointer : pointers) {
                JsonNode value = tree.at(pointer);
                List<JsonNode> swapped = new ArrayList<>();
                if (value.isIntegralNumber()) {
                    numbers++;
                    swapped.add(F.textNode(value.asText()));
                    swapped.add(F.numberNode(value.asDouble() + 0.5));
                    swapped.add(F.booleanNode(true));
                } else if (value.isTextual() && !value.asText().isEmpty()) {
                    texts++;
                    swapped.add(F.numberNode(100));
                    swapped.add(F.numberNode(1.5));
                    swapped.add(F.booleanNode(false));
                } else {
                    continue;
                }
                for (JsonNode replacement : swapped) {
                    JsonNode broken = tree.deepCopy();
                    replace(broken, pointer, replacement);
                    String what = guideline + " " + pointer + " := " + replacement;
                    NoticeUploads.BadReading e = assertThrows(NoticeUploads.BadReading.class,
                            () -> ReadingJson.read(NoticeJson.mapper().writeValueAsBytes(broken)), what);
                    assertPlain(e.getMessage(), what);
                    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
                    assertTrue(e.getMessage().contains(field), what + " → " + e.getMessage());
                }
            }
        }
        assertTrue(numbers >= 6 && texts >= 20, "both kinds of value are tried: " + numbers + " numbers, " + texts + " texts");
    }

    /** 1 when refused (plainly), 0 when it reads. */
    private static int checked(byte[] json, String what) {
        try {
            ReadingJson.read(json);
            return 0;
        } catch (NoticeUploads.BadReading e) {
            assertEquals(NoticeUploads.BadReading.Kind.MALFORMED, e.kind(), what);
            assertPlain(e.getMessage(), what);
            return 1;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    private static void assertPlain(String message, String what) {
        assertTrue(message.startsWith("the body is not a notice's JSON: "), what + " → " + message);
        assertFalse(INTERNALS.matcher(message).find(), what + " → " + message);
        assertFalse(message.contains("\n"), what + " → " + message);
        assertTrue(message.length() < 400, what + " → " + message);
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (!pointer.isEmpty()) {
            out.add(pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                collect(f.getValue(), pointer + "/" + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void collectObjects(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            out.add(pointer);
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                collectObjects(f.getValue(), pointer + "/" + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectObjects(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }
}
