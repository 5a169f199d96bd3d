package cutoff.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowRuleTest {
    @Test
    void allAndIssuerRules_areKeptInCanonicalForm_andIdsAreNoRules() {
        assertEquals(Optional.of("all"), FollowRule.parse(" ALL "));
        assertEquals(Optional.of("issuer:上海市科学技术委员会"), FollowRule.parse("Issuer: 上海市科学技术委员会 "));
        assertEquals(Optional.of("issuer:Ministry of Science"), FollowRule.parse("issuer:Ministry   of Science"));
        assertTrue(FollowRule.parse("2026-8-304af3-t1").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FollowRule.parse("issuer:  "));
        assertThrows(IllegalArgumentException.class, () -> FollowRule.parse("issuer:" + "x".repeat(101)));
    }

    @Test
    void anOffice_admitsItsDomainsAndTheirSubdomains_only() {
        Office office = new Office("org_0", "科研处", Office.checkedDomains("科研处", List.of("Example.EDU.cn", "例子.cn"), false),
                java.time.Instant.EPOCH);
        assertEquals(List.of("example.edu.cn", "xn--fsqu00a.cn"), office.emailDomains());
        assertTrue(office.admits("example.edu.cn"));
        assertTrue(office.admits("cs.example.edu.cn"));
        assertTrue(office.admits("xn--fsqu00a.cn"));
        assertTrue(!office.admits("badexample.edu.cn"));
        assertTrue(!office.admits("example.edu.cn.evil.com"));
        assertThrows(IllegalArgumentException.class, () -> Office.checkedDomains("x", List.of("localhost"), false));
        assertThrows(IllegalArgumentException.class, () -> Office.checkedDomains(" ", List.of("example.edu.cn"), false));
    }

    @Test
    void keys_are256BitsWithAPrefix_andOnlyTheirShapeIsAccepted() {
        String key = OfficeKeys.newKey();
        assertTrue(OfficeKeys.wellFormed(key), key.length() + "");
        assertEquals(50, key.length());
        assertTrue(!OfficeKeys.wellFormed(key.substring(1)));
        assertTrue(!OfficeKeys.wellFormed("Bearer " + key));
        assertTrue(OfficeKeys.wellFormedOfficeId(OfficeKeys.newOfficeId()));
        assertTrue(OfficeKeys.sameHash(OfficeKeys.hash(key), OfficeKeys.hash(key)));
    }
}
