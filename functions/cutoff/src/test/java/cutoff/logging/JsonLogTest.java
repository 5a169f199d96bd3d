package cutoff.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lines CloudWatch Logs receives: one JSON object each, read back with Jackson. */
class JsonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger("cutoff.dispatch.Dispatcher");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        JsonLog.install(lines::add);
    }

    private JsonNode only() throws Exception {
        assertEquals(1, lines.size(), lines.toString());
        assertFalse(lines.get(0).contains("\n"), "one line: " + lines.get(0));
        return JSON.readTree(lines.get(0));
    }

    @Test
    void aRecordInAnInvocation_isOneJsonLine_withLevelTimeRequestIdAndRunId() throws Exception {
        try (JsonLog.Scope i = JsonLog.invocation("8f5c1b2e-request"); JsonLog.Scope r = JsonLog.with("runId", "8f5c1b2e-request")) {
            LOG.warning("reminder email rejected: SES MessageRejected \"quoted\" \\ and\nnext line 截止 \u0007");
        }
        JsonNode line = only();
        assertEquals("WARN", line.get("level").asText());
        assertEquals("Dispatcher", line.get("logger").asText());
        assertEquals("8f5c1b2e-request", line.get("AWSRequestId").asText());
        assertEquals("8f5c1b2e-request", line.get("runId").asText());
        assertEquals("reminder email rejected: SES MessageRejected \"quoted\" \\ and\nnext line 截止 \u0007", line.get("message").asText());
        // RFC 3339, as Lambda's log-level filter needs for its timestamp key.
        assertTrue(Instant.parse(line.get("timestamp").asText()).isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void afterTheInvocation_itsFieldsAreGone() throws Exception {
        try (JsonLog.Scope i = JsonLog.invocation("first")) {
            LOG.info("inside");
        }
        LOG.info("outside");
        assertEquals("first", JSON.readTree(lines.get(0)).get("AWSRequestId").asText());
        assertFalse(JSON.readTree(lines.get(1)).has("AWSRequestId"), lines.get(1));
    }

    @Test
    void levels_areTheOnesLambdasFilterReads_andFineIsBelowTheDefaultInfo() throws Exception {
        LOG.severe("s");
        LOG.info("i");
        LOG.fine("not written at INFO");
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("ERROR", JSON.readTree(lines.get(0)).get("level").asText());
        assertEquals("INFO", JSON.readTree(lines.get(1)).get("level").asText());
        assertEquals("DEBUG", JsonLog.level(Level.FINE));
        assertEquals("TRACE", JsonLog.level(Level.FINEST));
    }

    @Test
    void aMapParameter_addsFields_numbersStayNumbers() throws Exception {
        LOG.log(Level.INFO, "feed answered", Map.of("status", 304, "feed", "topic"));
        JsonNode line = only();
        assertTrue(line.get("status").isInt(), lines.get(0));
        assertEquals(304, line.get("status").asInt());
        assertEquals("topic", line.get("feed").asText());
    }

    @Test
    void anException_isWrittenAsItsClassOnly_notItsMessage() throws Exception {
        LOG.log(Level.WARNING, "send failed", new IllegalStateException("rejected: li.wei@example.edu.cn"));
        JsonNode line = only();
        assertEquals("java.lang.IllegalStateException", line.get("error").asText());
        assertFalse(lines.get(0).contains("@example.edu.cn"), lines.get(0));
    }

    @Test
    void everyCharacterThatCouldBreakOrDisguiseALine_isAnEscape_andReadsBackAsSent() throws Exception {
        String forged = "title\u0085{\"level\":\"ERROR\"}\u2028x\u202eexe.pdf\u200b\u2066\u007f\u009b[31m\ufeff";
        LOG.info(forged);
        String raw = lines.get(0);
        for (char c : forged.toCharArray()) {
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x2000 && c <= 0x206f || c == 0xfeff) {
                assertFalse(raw.indexOf(c) >= 0, String.format("U+%04X raw in %s", (int) c, raw));
            }
        }
        assertEquals(forged, only().get("message").asText());
    }
}
