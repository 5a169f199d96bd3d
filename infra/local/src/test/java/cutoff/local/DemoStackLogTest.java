package cutoff.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.handler.Routes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /** What may stand in a segment: an address in each spelling a client may send, and secrets. */
    private static final List<String> SECRETS = List.of("alice@example.edu.cn", "alice%40example.edu.cn", "alice%2540example.edu.cn",
            "ALICE%40EXAMPLE.EDU.CN", "alice\uff20example.edu.cn", "%61lice%40x.cn", "krrMXN-kpSFc0OzPuhYvU8vGURrPXuh_ggSLQFGjgls.ics",
            "cutoff_5XfuOjFk1RyZq4oHzpNx92S4e9CQEwm6nYWWSVpvVIw", "5XfuOjFk1RyZq4oHzpNx92S4e9CQEwm6nYWWSVpvVIw");

    /**
     * Every route template, and paths that name no route (doubled slashes, dot segments, a prefix, a trailing
     * slash), with a secret in each position: the logged path has none of it.
     */
    @Test
    void aSecretOrAnAddress_isLeftOut_whereverItStands_routeOrNot() {
        Random r = new Random(15);
        List<String> templates = new ArrayList<>();
        for (List<String> routes : List.of(Routes.FEEDS, Routes.SUBSCRIPTIONS, Routes.OFFICES, Routes.WEB)) {
            templates.addAll(routes);
        }
        for (String template : templates) {
            for (String secret : SECRETS) {
                String[] segments = template.replaceAll("\\{[^}]+}", "org_204c52ace386a3507eca").split("/", -1);
                for (int at = 1; at <= segments.length; at++) {
                    List<String> path = new ArrayList<>(List.of(segments));
                    path.add(at, secret);
                    switch (r.nextInt(4)) {
                        case 0 -> path.add(1 + r.nextInt(at), "");
                        case 1 -> path.add(1 + r.nextInt(at), "..");
                        case 2 -> path.add(1 + r.nextInt(at), "B");
                        default -> { }
                    }
                    String logged = DemoStack.logPath(String.join("/", path));
                    assertFalse(logged.contains("@") || logged.contains("%40") || logged.contains("alice") || logged.contains("ALICE")
                            || logged.contains("5XfuOjFk") || logged.contains("krrMXN"), String.join("/", path) + " -> " + logged);
                    assertTrue(logged.contains("…"), logged);
                }
            }
        }
        assertEquals("/orgs/B/../…/staff/…", DemoStack.logPath("/orgs/B/../alice@x.cn/staff/alice%40x.cn"));
        // Encoded any number of times (it was decoded four times at most: %2525252540 reached the log).
        String at = "@";
        for (int times = 1; times <= 12; times++) {
            at = at.replace("%", "%25").replace("@", "%40");
            assertEquals("/orgs/A/staff/…", DemoStack.logPath("/orgs/A/staff/alice" + at + "x.cn"), at);
        }
        assertEquals("/orgs/A/staff/%zz%", DemoStack.logPath("/orgs/A/staff/%zz%"));
        assertEquals("/orgs/org_204c52ace386a3507eca//staff/…", DemoStack.logPath("/orgs/org_204c52ace386a3507eca//staff/alice@x.cn"));
    }

    @Test
    void aLogLine_staysOneLine_whateverATitleOrPathHolds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new DemoStack.LogLines(bytes);
        out.println("  topic     /feeds/topics/x.ics   专题一\r\n10:00:00Z GET /orgs 200\u0085\u2028\u202efdp.exe\u200b");
        out.println((Object) "b\nc");
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("  topic     /feeds/topics/x.ics   专题一\\u000d\\u000a10:00:00Z GET /orgs 200\\u0085\\u2028\\u202efdp.exe\\u200b",
                "b\\u000ac"), written.lines().toList());
    }

    @Test
    void javaUtilLoggingLines_areOneLineEach_theirExceptionsIncluded() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.util.logging.StreamHandler h = new java.util.logging.StreamHandler(bytes, new java.util.logging.SimpleFormatter());
        DemoStack.oneLineEach(h);
        java.util.logging.LogRecord r = new java.util.logging.LogRecord(java.util.logging.Level.WARNING, "title\r\n12:00:00Z GET /orgs 200");
        r.setThrown(new IllegalStateException("x\ny\u2028z"));
        h.publish(r);
        h.flush();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("title\\u000d\\u000a12:00:00Z") && lines.get(0).contains("x\\u000ay\\u2028z"), lines.get(0));
    }
}
