package cutoff.http;

import cutoff.handler.Routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict reading of requests: forms, percent-escapes, UTF-8, routes. */
class HttpTest {
    @Test
    void aForm_decodesPlusesEscapesAndRepeatedFields() throws Exception {
        Map<String, List<String>> f = Forms.form("email=li.wei%40example.org&topics=a&topics=b&note=%E4%B8%AD+%E6%96%87");
        assertEquals(List.of("li.wei@example.org"), f.get("email"));
        assertEquals(List.of("a", "b"), f.get("topics"));
        assertEquals(List.of("中 文"), f.get("note"));
    }

    @Test
    void aBrokenEscape_namesItsField() {
        for (String[] c : new String[][] {{"email=a%zz@x.org", "email"}, {"email=a%", "email"}, {"action=%", "action"},
                {"email=%C3%28", "email"}, {"x%2=1", "x%2"}, {"topics=%E4%B8", "topics"}}) {
            HttpProblem e = assertThrows(HttpProblem.class, () -> Forms.form(c[0]), c[0]);
            assertEquals(400, e.status);
            assertEquals(c[1], e.field, c[0]);
        }
    }

    @Test
    void routes_matchWholeSegments_asApiGatewayDoes() {
        assertEquals("ANY /feeds/topics/{file}", Routes.match("/feeds/topics/2026-8-304af3-t1.ics").orElseThrow().routeKey());
        assertEquals(Map.of("file", "x.ics"), Routes.match("/feeds/notices/x.ics").orElseThrow().pathParameters());
        assertEquals("ANY /subscriptions", Routes.match("/subscriptions").orElseThrow().routeKey());
        assertEquals(true, Routes.match("/feeds/notices/../all.ics").isEmpty());
        assertEquals(true, Routes.match("/feeds/notices/").isEmpty());
        assertEquals(true, Routes.match("/subscriptions/").isEmpty());
    }

    @Test
    void acceptEncoding_gzipUnlessRefused() {
        assertEquals(true, Negotiation.acceptsGzip("gzip, deflate, br"));
        assertEquals(true, Negotiation.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertEquals(false, Negotiation.acceptsGzip("gzip;q=0"));
        assertEquals(false, Negotiation.acceptsGzip("identity"));
        assertEquals(false, Negotiation.acceptsGzip(null));
        assertEquals(false, Negotiation.acceptsGzip("gzip;q=abc"));
    }

    @Test
    void aViewerAddress_isIpAndPort_thePortAfterTheLastColon() {
        assertEquals("198.51.100.10", RequestSource.viewerIp("198.51.100.10:46532"));
        assertEquals("2001:db8::1", RequestSource.viewerIp("2001:db8::1:443"));
        assertEquals("2001:db8:5:6:7:8:9:a", RequestSource.viewerIp("2001:db8:5:6:7:8:9:a:443"));
        assertEquals("2001:db8::1", RequestSource.viewerIp("[2001:db8::1]:443"));
        assertEquals("::ffff:192.0.2.60", RequestSource.viewerIp("::ffff:192.0.2.60:0"));
        assertEquals("198.51.100.10", RequestSource.viewerIp(" 198.51.100.10:65535 "));
        for (String bad : new String[]{null, "", "198.51.100.10", "198.51.100.10:", ":443", "198.51.100.10:65536", "198.51.100.10:4a",
                "198.51.100.10:123456", "example.com:443", "zz::1:443", "2001:db8:5:6:7:8:9:a", "[2001:db8::1]", "[]:443",
                "198.51.100.10:443, 198.51.100.11:443", "fe80::1%eth0:443", "256.0.0.1:443"}) {
            assertNull(RequestSource.viewerIp(bad), String.valueOf(bad));
        }
    }

    private static APIGatewayV2HTTPEvent from(String sourceIp, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = Routes.event("POST", "/subscriptions", new HashMap<>(headers), "{}");
        e.getRequestContext().getHttp().setSourceIp(sourceIp);
        return e;
    }

    @Test
    void theViewerAddress_countsOnlyWithTheRightVerifyValue_elseApiGatewaysSource() {
        byte[] verify = "v3rify-v3rify-v3rify-v3rify".getBytes(StandardCharsets.UTF_8);
        Map<String, String> viaCdn = Map.of("x-cutoff-origin-verify", "v3rify-v3rify-v3rify-v3rify", "cloudfront-viewer-address", "203.0.113.5:1234");
        assertEquals("203.0.113.5", RequestSource.sourceIp(from("130.176.0.1", viaCdn), verify));
        assertEquals("203.0.113.5", RequestSource.sourceIp(from("130.176.0.1", Map.of("X-Cutoff-Origin-Verify", "v3rify-v3rify-v3rify-v3rify",
                "CloudFront-Viewer-Address", "203.0.113.5:1234")), verify), "header names in any case");
        assertEquals("130.176.0.1", RequestSource.sourceIp(from("130.176.0.1", viaCdn), null), "no value configured: never trusted");
        for (String wrong : new String[]{"", "v3rify-v3rify-v3rify-v3riFy", "v3rify-v3rify-v3rify-v3rif", "v3rify-v3rify-v3rify-v3rify ",
                "v3rify-v3rify-v3rify-v3rify,v3rify-v3rify-v3rify-v3rify"}) {
            assertEquals("198.51.100.9", RequestSource.sourceIp(from("198.51.100.9", Map.of("x-cutoff-origin-verify", wrong,
                    "cloudfront-viewer-address", "203.0.113.5:1234")), verify), wrong);
        }
        assertEquals("198.51.100.9", RequestSource.sourceIp(from("198.51.100.9", Map.of("cloudfront-viewer-address", "203.0.113.5:1234")), verify));
        assertEquals("130.176.0.1", RequestSource.sourceIp(from("130.176.0.1", Map.of("x-cutoff-origin-verify", "v3rify-v3rify-v3rify-v3rify",
                "cloudfront-viewer-address", "203.0.113.5")), verify), "a malformed viewer address: the edge's");
        assertEquals("130.176.0.1", RequestSource.sourceIp(from("130.176.0.1", Map.of("x-cutoff-origin-verify", "v3rify-v3rify-v3rify-v3rify")), verify));
    }
}
