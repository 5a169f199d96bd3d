package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 5545 §3.1 folding by octets: no line over 75 octets, no UTF-8 character split, unfolding gives the line back. */
class OctetFoldingTest {
    private static String unfold(String folded) {
        return folded.replace("\r\n ", "");
    }

    private static void assertFoldedRight(String line) {
        String folded = OctetFolding.fold(line + "\r\n");
        assertEquals(line + "\r\n", unfold(folded), "unfolding gives the line back");
        for (String l : folded.split("\r\n")) {
            byte[] octets = l.getBytes(StandardCharsets.UTF_8);
            assertTrue(octets.length <= OctetFolding.MAX_OCTETS, octets.length + " octets: " + l);
            assertEquals(l, new String(octets, StandardCharsets.UTF_8), "no character split");
        }
    }

    @Test
    void chineseText_foldsAt75OctetsNot75Characters() {
        String line = "DESCRIPTION:" + "申报截止时间含申报单位网上审核提交".repeat(10);
        String folded = OctetFolding.fold(line + "\r\n");
        assertTrue(folded.split("\r\n").length > 6, "3-octet characters: about 24 a line");
        assertFoldedRight(line);
    }

    @Test
    void aShortLine_isLeftAlone() {
        assertEquals("SUMMARY:Cutoff\r\n", OctetFolding.fold("SUMMARY:Cutoff\r\n"));
        String exactly75 = "X".repeat(75);
        assertEquals(exactly75 + "\r\n", OctetFolding.fold(exactly75 + "\r\n"));
        assertEquals("X".repeat(75) + "\r\n X\r\n", OctetFolding.fold("X".repeat(76) + "\r\n"));
    }

    @Test
    void anyMixOfOneToFourOctetCharacters_foldsRight() {
        int[] samples = {'a', 'é', 'ß', '中', '〔', 0x1F4C5, 0x20000, ' '};
        Random random = new Random(20261125);
        for (int round = 0; round < 500; round++) {
            StringBuilder line = new StringBuilder("DESCRIPTION:");
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                line.appendCodePoint(samples[random.nextInt(samples.length)]);
            }
            assertFoldedRight(line.toString());
        }
    }
}
