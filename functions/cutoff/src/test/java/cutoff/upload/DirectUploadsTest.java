package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code POST /notices/uploads}'s body ({@link DirectUploads#parse}) and the objects' keys, by generated forms. */
class DirectUploadsTest {
    private static final int MAX = NoticeUploads.MAX_FILE_BYTES;

    private static DirectUploads.Declared parse(String json) throws Exception {
        return DirectUploads.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json) {
        return assertThrows(DirectUploads.BadRequest.class, () -> parse(json), json).field();
    }

    @Test
    void everyWholeSizeFromOneToTheLimit_isTaken_asWrittenInAnyOrderAndSpacing() throws Exception {
        Random random = new Random(20);
        List<Long> sizes = new ArrayList<>(List.of(1L, 2L, 4L * 1024 * 1024, (long) MAX - 1, (long) MAX));
        for (int i = 0; i < 50; i++) {
            sizes.add(1 + (long) random.nextInt(MAX));
        }
        for (long n : sizes) {
            assertEquals(new DirectUploads.Declared(n, null), parse("{\"bytes\":" + n + "}"));
            assertEquals(new DirectUploads.Declared(n, "通知 (final).pdf"), parse(" {\n\t\"fileName\" : \"通知 (final).pdf\" ,\n \"bytes\" : " + n + " } "));
            assertEquals(new DirectUploads.Declared(n, null), parse("{\"bytes\": " + n + ", \"fileName\": null}"));
        }
    }

    @Test
    void aSizeOverTheLimit_is413InTheBodyUploadsWords_howeverLarge() {
        for (String n : List.of(String.valueOf(MAX + 1L), String.valueOf((long) Integer.MAX_VALUE + 1), String.valueOf(Long.MAX_VALUE),
                "9".repeat(40), "9".repeat(999))) {
            UploadRefused r = assertThrows(UploadRefused.class, () -> parse("{\"bytes\": " + n + "}"), n);
            assertEquals(UploadRefused.Kind.TOO_LARGE, r.kind());
            assertEquals(NoticeUploads.tooLarge(n.length() > 40 ? n.substring(0, 40) + "…" : n).getMessage(), r.getMessage());
        }
        // Past the JSON reader's 1,000 digits a number is no JSON it reads: 400, as for any body it cannot read.
        assertEquals("body", field("{\"bytes\": " + "9".repeat(4000) + "}"));
    }

    @Test
    void aSizeThatIsNoWholePositiveNumber_is400NamingBytes() {
        List<String> values = new ArrayList<>(List.of("0", "-0", "-1", "-" + MAX, "1.5", "1.0", "1e3", "1E3", "\"10\"", "true",
                "[10]", "{}", "-" + "9".repeat(40)));
        for (String v : values) {
            assertEquals("bytes", field("{\"bytes\": " + v + "}"), v);
        }
        assertEquals("bytes", field("{}"));
        assertEquals("bytes", field("{\"bytes\": null}"));
        assertEquals("bytes", field("{\"fileName\": \"a.pdf\"}"));
    }

    @Test
    void aFileNameThatIsNoShortLine_is400NamingIt_andAnyOtherNameIsOnlyAName() throws Exception {
        for (int c : new int[] {0, '\n', '\r', '\t', 0x7f, 0x85, 0x2028, 0x2029}) {
            assertEquals("fileName", field("{\"bytes\": 1, \"fileName\": \"a" + String.format("\\u%04x", c) + "b\"}"), "U+" + c);
        }
        assertEquals("fileName", field("{\"bytes\": 1, \"fileName\": \"\"}"));
        assertEquals("fileName", field("{\"bytes\": 1, \"fileName\": \"" + "名".repeat(DirectUploads.MAX_FILE_NAME + 1) + "\"}"));
        assertEquals("fileName", field("{\"bytes\": 1, \"fileName\": 3}"));
        assertEquals("fileName", field("{\"bytes\": 1, \"fileName\": [\"a\"]}"));
        String longest = "名".repeat(DirectUploads.MAX_FILE_NAME);
        assertEquals(longest, parse("{\"bytes\": 1, \"fileName\": \"" + longest + "\"}").fileName());
        for (String name : List.of("../../org_b/x.pdf", "/etc/passwd", "%2e%2e%2f", "a?b#c", "<script>")) {
            assertEquals(name, parse("{\"bytes\": 1, \"fileName\": \"" + name + "\"}").fileName());
        }
    }

    @Test
    void aBodyThatIsNoSuchObject_is400NamingBodyOrTheUnknownField() {
        for (String body : List.of("", " ", "null", "1", "\"x\"", "[]", "[{\"bytes\": 1}]", "{", "{\"bytes\": 1,}", "{'bytes': 1}",
                "{\"bytes\": 1} {}", "{\"bytes\": 1, \"bytes\": 2}", "\u00ff\u00fe")) {
            assertEquals("body", field(body), body);
        }
        assertEquals("key", field("{\"bytes\": 1, \"key\": \"uploads/org_b/x\"}"));
        assertEquals("Bytes", field("{\"Bytes\": 1}"));
        assertTrue(field("{\"" + "k".repeat(500) + "\": 1}").length() <= 41, "an unknown field's name is cut short");
    }

    @Test
    void aBodyThatIsNoJson_isSaidInWords_namingNoParserClassOrSetting() {
        // Every way a body can fail to parse, each cut short at every length and with every kind of trailer: the 400's
        // words say where, never the JSON library's class, feature flag or source description.
        List<String> bodies = new ArrayList<>();
        for (String whole : List.of("{\"bytes\": 1, \"fileName\": \"a.pdf\"}", "{\"bytes\": 1}")) {
            for (int cut = 1; cut < whole.length(); cut++) {
                bodies.add(whole.substring(0, cut));
            }
            for (String trailer : List.of(" {}", " []", " 1", " x", " null", ",", "}", " \"a\"")) {
                bodies.add(whole + trailer);
            }
        }
        bodies.addAll(List.of("{\"bytes\": NaN}", "{\"bytes\": Infinity}", "{\"bytes\": 0x10}", "{\"bytes\": +1}", "{\"bytes\": 01}",
                "{bytes: 1}", "{\"bytes\": 1 /* c */}", "{\"bytes\": 1, \"bytes\": 1}", "{\"fileName\": \"a\u0001\"}",
                "\"\\uD800", "{\"bytes\": \"" + "x".repeat(100), "[".repeat(1500), "{\"bytes\": " + "[".repeat(1500)));
        for (String body : bodies) {
            DirectUploads.BadRequest bad = assertThrows(DirectUploads.BadRequest.class, () -> parse(body), body);
            String words = bad.getMessage();
            assertTrue(!body.startsWith("[[") && !body.contains(": [[") || words.contains("nested too deeply"), body + " -> " + words);
            assertTrue(!words.contains("`") && !words.contains("Feature") && !words.contains("jackson") && !words.contains("Source")
                    && !words.contains("REDACTED") && !words.matches("(?s).*\\b(com|java)\\.[a-z].*"), body + " -> " + words);
        }
    }

    @Test
    void anObjectsKey_isTheUploadersFolderAndTheId_andAnOwnerThatIsNoOneSegmentIsRefused() {
        assertEquals("uploads/org_a1/AAAAAAAAAAAAAAAAAAAAAA", DirectUploads.key("org_a1", "AAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals("uploads/ed_x-y/id", DirectUploads.key("ed_x-y", "id"));
        for (String owner : new String[] {null, "", "..", "org/a", "org a", "org_%2f", "a".repeat(101)}) {
            assertThrows(IllegalArgumentException.class, () -> DirectUploads.key(owner, "id"), String.valueOf(owner));
        }
    }

    @Test
    void anIdThatIsNoUploadId_isNoUpload_withoutAskingS3() throws Exception {
        DirectUploads uploads = new DirectUploads(null, null);
        for (String id : new String[] {null, "", "A".repeat(21), "A".repeat(23), "../AAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA/",
                "AAAAAAAAAAAAAAAAAAAA%2f"}) {
            assertTrue(uploads.take("org_a", id, null).isEmpty(), String.valueOf(id));
        }
    }
}
