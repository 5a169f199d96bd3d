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
}
