package cutoff.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo front's rewriting of a request head: any target becomes one the JDK's server takes, the original kept. */
class TargetFrontTest {
    private static String request(String head) {
        return new String(TargetFront.request(head.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anyTarget_becomesAUri_thatKeepsItsValidEscapesAndPath() throws Exception {
        Random r = new Random(3986);
        String alphabet = "/?&=%zZ09aF<>\"{}|\\^` #\u0001\u007f\u00e4\u0080\u00ff+.~:@";
        for (int i = 0; i < 5000; i++) {
            // (A target starting "//" reads as an authority: not one the front rewrites.)
            StringBuilder t = new StringBuilder("/a");
            for (int n = r.nextInt(20); n > 0; n--) {
                t.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String fixed = TargetFront.asUri(t.toString());
            new URI(fixed); // throws when the JDK's server would refuse it
        }
        assertEquals("/subscriptions/manage?token=%25zz&a=%41", TargetFront.asUri("/subscriptions/manage?token=%zz&a=%41"));
    }

    @Test
    void aTargetTheJdkWouldRefuse_isRewritten_andTheOriginalTravelsInTheFrontsOwnHeader() {
        String head = request("GET /x?token=%zz HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n"
                + TargetFront.RAW_TARGET + ": Zm9yZ2Vk\r\n\r\n");
        assertTrue(head.startsWith("GET /x?token=%25zz HTTP/1.1\r\nHost: a\r\n"), head);
        assertTrue(head.endsWith("Connection: close\r\n\r\n"), head);
        assertFalse(head.contains("keep-alive") || head.contains("Zm9yZ2Vk"), head);
        String raw = head.replaceAll("(?s).*" + TargetFront.RAW_TARGET + ": ([^\r]+)\r\n.*", "$1");
        assertEquals("/x?token=%zz", new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1));
        // A target that is a URI goes as it is, and a client's own raw-target header never does.
        String plain = request("GET /x?token=ab HTTP/1.1\r\n" + TargetFront.RAW_TARGET.toLowerCase() + ": Zm9yZ2Vk\r\n\r\n");
        assertEquals("GET /x?token=ab HTTP/1.1\r\nConnection: close\r\n\r\n", plain);
    }

    @Test
    void theResponseSaysTheConnectionCloses_anInterimOneIsLeftAlone() {
        String ok = new String(TargetFront.response("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n", ok);
        byte[] cont = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(TargetFront.response(cont), StandardCharsets.ISO_8859_1));
    }
}
