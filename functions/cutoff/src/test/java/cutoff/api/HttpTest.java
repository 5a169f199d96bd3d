package cutoff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict reading of requests: forms, percent-escapes, UTF-8, routes. */
class HttpTest {
    @Test
    void aForm_decodesPlusesEscapesAndRepeatedFields() throws Exception {
        Map<String, List<String>> f = Http.form("email=li.wei%40example.org&topics=a&topics=b&note=%E4%B8%AD+%E6%96%87");
        assertEquals(List.of("li.wei@example.org"), f.get("email"));
        assertEquals(List.of("a", "b"), f.get("topics"));
        assertEquals(List.of("中 文"), f.get("note"));
    }

    @Test
    void aBrokenEscape_namesItsField() {
        for (String[] c : new String[][] {{"email=a%zz@x.org", "email"}, {"email=a%", "email"}, {"action=%", "action"},
                {"email=%C3%28", "email"}, {"x%2=1", "x%2"}, {"topics=%E4%B8", "topics"}}) {
            Http.BadRequest e = assertThrows(Http.BadRequest.class, () -> Http.form(c[0]), c[0]);
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
}
