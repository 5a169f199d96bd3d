package cutoff.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The demo's request log line names the route, never a feed secret or a staff member's address. */
class DemoStackLogTest {
    @Test
    void feedSecretsAndStaffAddressesAreLeftOutOfTheLoggedPath() {
        assertEquals("/feeds/personal/…", DemoStack.logPath("/feeds/personal/krrMXN-kpSFc0OzPuhYvU8vGURrPXuh_ggSLQFGjgls.ics"));
        assertEquals("/feeds/orgs/…", DemoStack.logPath("/feeds/orgs/5XfuOjFk1RyZq4oHzpNx92S4e9CQEwm6nYWWSVpvVIw.ics"));
        assertEquals("/orgs/org_204c52ace386a3507eca/staff/…", DemoStack.logPath("/orgs/org_204c52ace386a3507eca/staff/staff1%40officea.example.edu.cn"));
        assertEquals("/orgs/org_204c52ace386a3507eca/staff/…", DemoStack.logPath("/orgs/org_204c52ace386a3507eca/staff/zhang@example.edu.cn"));
    }

    @Test
    void pathsWithNothingSecretAreLoggedAsTheyCame() {
        for (String path : new String[] {"/orgs/org_204c52ace386a3507eca/staff", "/orgs/org_204c52ace386a3507eca/staff.csv",
                "/feeds/topics/2026-8-304af3-t1.ics", "/calls/2026-8-304af3-t1", "/orgs"}) {
            assertEquals(path, DemoStack.logPath(path));
        }
    }

    @Test
    void aHandlersFailure_isA500WithARequestId_neverTheExceptionItself() {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        var r = DemoStack.internalError(new ArrayIndexOutOfBoundsException("Index 0 out of bounds; li.wei@example.org"),
                new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(500, r.getStatusCode());
        assertEquals("application/json", r.getHeaders().get("Content-Type"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"error\":\"internal error\",\"requestId\":\"([0-9a-f-]{36})\"}")
                .matcher(r.getBody());
        org.junit.jupiter.api.Assertions.assertTrue(m.matches(), r.getBody());
        // The log has the failure, under the id the client was given.
        String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(logged.contains(m.group(1) + " java.lang.ArrayIndexOutOfBoundsException"), logged);
    }
}
