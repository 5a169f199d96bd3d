package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.office.OfficeKeys;
import cutoff.store.OfficeStore;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The office-key authorizer's decision where it needs no table: which headers name a key at all, the simple
 * response API Gateway reads, and the context the office routes read back. A header that cannot carry a live key
 * is refused without a lookup: the store here has no client, so any lookup would throw.
 */
class OfficeAuthorizerTest {
    private static final String KEY = OfficeKeys.PREFIX + "A".repeat(43);
    private final OfficeAuthorizer noLookup = new OfficeAuthorizer(new OfficeStore(null, "no-table"));

    @Test
    void theBearerScheme_inAnyCase_withAnySpacing_yieldsTheKey() {
        Random random = new Random(17);
        for (int i = 0; i < 200; i++) {
            StringBuilder scheme = new StringBuilder();
            for (char c : "bearer".toCharArray()) {
                scheme.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            String header = " ".repeat(random.nextInt(3)) + scheme + " " + " ".repeat(random.nextInt(3)) + KEY + " ".repeat(random.nextInt(3));
            assertEquals(KEY, OfficeKeys.bearer(header.strip()), header);
        }
    }

    @Test
    void otherSchemes_andNoHeader_yieldNoKey_andAreRefusedWithoutALookup() {
        for (String header : new String[] {null, "", " ", "Bearer", "Bearer ", "Basic " + KEY, "Token " + KEY, KEY, "Bearer" + KEY,
                "Bearer " + KEY + "x", "Bearer " + KEY.substring(1), "Bearer " + KEY.replace('A', '+'), "Bearer " + KEY + " " + KEY,
                "Bearer cutoff_" + "é".repeat(43), "Bearer " + KEY.toUpperCase(Locale.ROOT)}) {
            assertEquals(Optional.empty(), noLookup.officeOf(header), String.valueOf(header));
        }
    }

    @Test
    void theSimpleResponse_authorizesWithTheOfficeInTheContext_orRefusesWithNone() {
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("orgId", "org_0123456789abcdef0123")),
                OfficeAuthorizer.response(Optional.of("org_0123456789abcdef0123")));
        assertEquals(Map.of("isAuthorized", false), OfficeAuthorizer.response(Optional.empty()));
    }

    @Test
    void anEventWithoutAUsableHeader_isRefused() {
        assertEquals(Map.of("isAuthorized", false), noLookup.handleRequest(Map.of("type", "REQUEST"), null));
        assertEquals(Map.of("isAuthorized", false), noLookup.handleRequest(Map.of("headers", Map.of("authorization", "Basic eDp5")), null));
        assertEquals(Map.of("isAuthorized", false), noLookup.handleRequest(Map.of("headers", List.of("authorization")), null));
        Map<String, Object> nullHeader = new HashMap<>();
        nullHeader.put("authorization", null);
        assertEquals(Map.of("isAuthorized", false), noLookup.handleRequest(Map.of("headers", nullHeader), null));
        assertEquals(Map.of("isAuthorized", false), noLookup.handleRequest(null, null));
    }

    /** What a cold authorizer runs: Lambda's constructor, then a request (a malformed key: no network). */
    public static final class ColdStart {
        public static void main(String[] args) {
            System.out.println(new OfficeAuthorizer().handleRequest(Map.of("headers", Map.of("authorization", "Bearer no")), null));
        }
    }

    @Test
    void aColdAuthorizer_loadsNoNoticeCalendarMailOrJsonLibrary() throws Exception {
        ProcessBuilder probe = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), ColdStart.class.getName()).redirectErrorStream(true);
        // The environment the template gives a function (no call is made: the key is malformed).
        probe.environment().put("CUTOFF_TABLE", "cutoff-probe");
        probe.environment().put("AWS_REGION", "us-east-1");
        probe.environment().put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
        Process p = probe.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the probe JVM ended");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("{isAuthorized=false}"), out);
        assertTrue(out.contains("cutoff.handler.OfficeAuthorizer "), "-verbose:class lists what loads");
        for (String library : List.of("net.fortuna.ical4j", "com.github.mustachejava", "com.fasterxml.jackson.databind",
                "com.fasterxml.jackson.dataformat", "org.apache.commons.validator", "software.amazon.cloudwatchlogs", "org.apache.pdfbox",
                "org.apache.poi", "org.jsoup", "com.ibm.icu", "software.amazon.awssdk.services.sesv2", "cutoff.notice", "cutoff.calendar",
                "cutoff.mail", "cutoff.app.Wiring")) {
            assertFalse(out.contains("] " + library), library + " loads on the authorizer's path");
        }
    }

    @Test
    void theRoutesReadTheVouchedOffice_onlyWhereAnAuthorizerPutIt() {
        APIGatewayV2HTTPEvent e = Routes.event("GET", "/orgs", Map.of(), null);
        assertNull(OfficeAuthorizer.vouchedOfficeId(e), "no authorizer, no office");
        assertNull(OfficeAuthorizer.vouchedOfficeId(null));
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().build());
        assertNull(OfficeAuthorizer.vouchedOfficeId(e), "an authorizer of another kind (JWT, IAM)");
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(Map.of("orgId", 7)).build());
        assertNull(OfficeAuthorizer.vouchedOfficeId(e), "not a string");
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(Map.of("orgId", "org_0123456789abcdef0123")).build());
        assertEquals("org_0123456789abcdef0123", OfficeAuthorizer.vouchedOfficeId(e));
        assertTrue(Routes.OFFICES.contains("/orgs"));
    }
}
