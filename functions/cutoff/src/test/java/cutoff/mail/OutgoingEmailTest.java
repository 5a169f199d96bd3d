package cutoff.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingEmailTest {
    private static OutgoingEmail email(String to, String subject, Map<String, String> headers) {
        return new OutgoingEmail(to, subject, "<p>body\r\nline</p>", "body\r\nline", headers);
    }

    private static void assertOneLine(String value) {
        assertFalse(value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029),
                () -> "control character in " + value.replace("\r", "\\r").replace("\n", "\\n"));
    }

    @Test
    void aSubjectHasNoBidiControlOrZeroWidthCharacter() {
        OutgoingEmail e = email("a@example.org", "截止提醒：\u202eexe.pdf\u200b 专题\u2066一\u2069\ufeff", Map.of("X-Topic", "t\u200d1"));
        assertEquals("截止提醒：exe.pdf 专题一", e.subject());
        assertEquals("t1", e.headers().get("X-Topic"));
    }

    @Test
    void aSubjectCannotAddAHeader() {
        OutgoingEmail e = email("a@example.com", "申报截止 Cutoff\r\nBcc: x@y.com", Map.of());
        assertEquals("申报截止 Cutoff Bcc: x@y.com", e.subject());
        assertOneLine(e.subject());
    }

    @Test
    void runsOfLineBreaksAndTabsBecomeOneSpaceOtherControlsGo() {
        assertEquals("a b c d", email("a@example.com", "a\r\n\r\n\tb\u2028c\u0085d", Map.of()).subject());
        assertEquals("abcde", email("a@example.com", "a\u0000b\u0007c\u007Fd\u009Be", Map.of()).subject());
        assertEquals("title", email("a@example.com", " \r\ntitle\n", Map.of()).subject());
    }

    @Test
    void headerValuesAndTheRecipientAreOnOneLine() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://cutoff.example/u?token=t>\r\nBcc: x@y.com");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click\n");
        OutgoingEmail e = email("a@example.com\r\nBcc: x@y.com", "s", headers);
        assertEquals("<https://cutoff.example/u?token=t> Bcc: x@y.com", e.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", e.headers().get("List-Unsubscribe-Post"));
        assertEquals(List.of("List-Unsubscribe", "List-Unsubscribe-Post"), List.copyOf(e.headers().keySet()));
        e.headers().values().forEach(OutgoingEmailTest::assertOneLine);
        assertOneLine(e.to());
    }

    @Test
    void bodiesAreLeftAsTheyAre() {
        OutgoingEmail e = email("a@example.com", "s", Map.of());
        assertEquals("body\r\nline", e.text());
        assertEquals("<p>body\r\nline</p>", e.html());
    }

    @Test
    void headerNamesMustBeFieldNames() {
        assertThrows(IllegalArgumentException.class, () -> email("a@example.com", "s", Map.of("X-A\r\nBcc", "v")));
        assertThrows(IllegalArgumentException.class, () -> email("a@example.com", "s", Map.of("X A", "v")));
        assertThrows(IllegalArgumentException.class, () -> email("a@example.com", "s", Map.of("X:A", "v")));
    }

    @Test
    void theHeadersCannotBeChangedAfterwards() {
        OutgoingEmail e = email("a@example.com", "s", new LinkedHashMap<>(Map.of("X-A", "v")));
        assertThrows(UnsupportedOperationException.class, () -> e.headers().put("Bcc", "x@y.com"));
    }
}
