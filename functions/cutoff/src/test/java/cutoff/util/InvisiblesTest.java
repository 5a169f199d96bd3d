package cutoff.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import cutoff.notice.Topic;
import cutoff.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bidirectional controls and zero-width characters: exactly the listed ones are removed, and a notice read
 * from a record that carries them (a new one, or one stored before this rule) has none left in any text.
 */
class InvisiblesTest {
    /** Unicode's Bidi_Control characters, the zero-width ones and the others that show nothing, by code point. */
    static final List<Integer> LISTED = List.of(0x00AD, 0x034F, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
            0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF);
    /** The record keys that hold text from a notice (not ids, dates, zones). */
    private static final Set<String> TEXT = Set.of("documentNumber", "issuer", "relayedBy", "title", "applicationSite", "review",
            "caveat", "key", "programme", "fields", "asWritten", "who", "partner", "agency", "condition", "site", "contact");

    @Test
    void exactlyTheBidiControlsAndZeroWidthCharacters_areRemoved_acrossTheBmp() {
        for (int c = 0; c <= 0xFFFF; c++) {
            assertEquals(LISTED.contains(c), Invisibles.is(c), String.format("U+%04X", c));
            String s = "申" + (char) c + "报";
            assertEquals(LISTED.contains(c) ? "申报" : s, Invisibles.strip(s), String.format("U+%04X", c));
        }
        assertEquals("😀 a", Invisibles.strip("😀\u200d a"));
        assertEquals(null, Invisibles.strip(null));
    }

    /** Every text value of the record, with listed characters put in at random places. */
    private static void sprinkle(JsonNode node, Random r, boolean text) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                JsonNode v = o.get(name);
                if (v.isTextual() && TEXT.contains(name)) {
                    o.set(name, new TextNode(insert(v.asText(), r)));
                } else {
                    sprinkle(v, r, TEXT.contains(name));
                }
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (text && a.get(i).isTextual()) {
                    a.set(i, new TextNode(insert(a.get(i).asText(), r)));
                } else {
                    sprinkle(a.get(i), r, false);
                }
            }
        }
    }

    private static String insert(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            b.insert(r.nextInt(b.length() + 1), (char) (int) LISTED.get(r.nextInt(LISTED.size())));
        }
        return b.toString();
    }

    @Test
    void aNoticeRecordWithThem_readsAsTheSameNoticeWithout_storedOnesToo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Random r = new Random(202);
        List<Path> records;
        try (Stream<Path> files = Files.list(Project.root().resolve("infra/local/notices"))) {
            records = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(records.isEmpty());
        for (Path record : records) {
            byte[] clean = Files.readAllBytes(record);
            Notice expected = NoticeJson.read(clean);
            for (int round = 0; round < 5; round++) {
                JsonNode tree = json.readTree(clean);
                sprinkle(tree, r, false);
                String dirty = json.writeValueAsString(tree);
                assertTrue(IntStream.range(0, dirty.length()).anyMatch(i -> Invisibles.is(dirty.charAt(i))), record.toString());
                Notice read = NoticeJson.read(dirty.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(expected, read, record.toString());
                for (Topic t : read.topics()) {
                    assertFalse(t.displayName().chars().anyMatch(Invisibles::is), t.displayName());
                }
            }
        }
    }

    /**
     * A record's one-line text ({@link Invisibles#line}) and the reader's text ({@link Invisibles#text}), across the BMP:
     * every control character goes (C0 but line breaks and tab, DEL, C1 but NEL); a line break or tab is one space in
     * a line and stays in a text; everything else is kept as it was.
     */
    @Test
    void controlCharacters_leaveBothForms_andLineBreaksBecomeSpacesInALine() {
        Set<Integer> breaks = Set.of(0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029);
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = "标" + (char) c + "题";
            boolean control = c < 0x20 && !breaks.contains(c) || c >= 0x7F && c <= 0x9F && c != 0x85;
            boolean gone = control || LISTED.contains(c);
            String at = String.format("U+%04X", c);
            assertEquals(control, Invisibles.isControl(c), at);
            assertEquals(gone ? "标题" : breaks.contains(c) ? "标 题" : s, Invisibles.line(s), at);
            assertEquals(gone ? "标题" : s, Invisibles.text(s), at);
        }
        assertEquals(null, Invisibles.line(null));
        assertEquals("a b", Invisibles.line("a\u001b[31m\u0007\nb").replace("[31m", ""));
    }
}
