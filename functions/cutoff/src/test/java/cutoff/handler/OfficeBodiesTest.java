package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.http.HttpProblem;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The office API's binding rules without a table ({@link OfficeBodies}), over generated forms: a path segment's
 * escapes, a staff page's {@code limit} and {@code cursor}.
 */
class OfficeBodiesTest {
    private static final String TEXT = "abcXYZ019.-_~+@!$&'()*,;=:% 李伟研究处";

    /** Every UTF-8 byte of every character as %XX (upper or lower hex), or the character as it is when it may stand. */
    private static String escaped(Random random, String text) {
        StringBuilder b = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            String c = new String(Character.toChars(cp));
            if (cp != '%' && cp < 128 && random.nextBoolean()) {
                b.append(c);
                continue;
            }
            for (byte x : c.getBytes(StandardCharsets.UTF_8)) {
                String hex = String.format("%02X", x & 0xff);
                b.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return b.toString();
    }

    @Test
    void aPathSegment_decodesToWhatWasEscaped_andAPlusStaysAPlus() {
        Random random = new Random(18);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(TEXT.codePointAt(TEXT.offsetByCodePoints(0, random.nextInt(TEXT.codePointCount(0, TEXT.length())))));
            }
            String segment = escaped(random, text.toString());
            assertEquals(text.toString(), OfficeBodies.pathDecode(segment), segment);
        }
    }

    @Test
    void aBrokenEscape_orBytesThatAreNotUtf8_decodeToNothingAnAddressMatches() {
        Random random = new Random(19);
        String[] broken = {"%", "%4", "%G0", "%0G", "%%", "%C3", "%C3%28", "%FF", "%E6%9D", "%80"};
        for (int i = 0; i < 500; i++) {
            String before = escaped(random, "li.wei");
            String segment = before + broken[random.nextInt(broken.length)] + (random.nextBoolean() ? "" : "@example.edu.cn");
            assertEquals("", OfficeBodies.pathDecode(segment), segment);
        }
    }

    private static APIGatewayV2HTTPEvent query(String raw) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRawQueryString(raw);
        return e;
    }

    @Test
    void aStaffPage_takesALimitFrom1To500_defaults100_andAnyCursorAsGiven() throws Exception {
        Random random = new Random(20);
        assertEquals(new OfficeBodies.PageAsked(null, OfficeBodies.PAGE), OfficeBodies.page(query(null)));
        assertEquals(new OfficeBodies.PageAsked(null, OfficeBodies.PAGE), OfficeBodies.page(query("cursor=")));
        for (int i = 0; i < 1000; i++) {
            int limit = 1 + random.nextInt(OfficeBodies.MAX_PAGE);
            String cursor = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String raw = random.nextBoolean() ? "limit=" + limit + "&cursor=" + cursor : "cursor=" + cursor + "&limit=" + limit;
            assertEquals(new OfficeBodies.PageAsked(cursor, limit), OfficeBodies.page(query(raw)), raw);
        }
        for (int i = 0; i < 1000; i++) {
            String limit = switch (random.nextInt(5)) {
                case 0 -> Integer.toString(-random.nextInt(1000));
                case 1 -> Integer.toString(OfficeBodies.MAX_PAGE + 1 + random.nextInt(100000));
                case 2 -> (1 + random.nextInt(99)) + ".5";
                case 3 -> "ten";
                default -> "9".repeat(11 + random.nextInt(5));
            };
            HttpProblem bad = assertThrows(HttpProblem.class, () -> OfficeBodies.page(query("limit=" + limit)), limit);
            assertEquals(400, bad.status, limit);
            assertEquals("limit", bad.field, limit);
        }
    }
}
