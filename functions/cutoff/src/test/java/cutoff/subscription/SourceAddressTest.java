package cutoff.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Which rate-limit bucket a source address falls in. */
class SourceAddressTest {
    @Test
    void ipv4_isItself() {
        assertEquals("v4:203.0.113.7", SourceAddress.of("203.0.113.7"));
        assertEquals("v4:203.0.113.7", SourceAddress.of(" 203.0.113.7 "));
        assertNotEquals(SourceAddress.of("203.0.113.7"), SourceAddress.of("203.0.113.8"));
    }

    @Test
    void ipv6_isItsSlash64_inAnySpelling() {
        String one = SourceAddress.of("2001:db8:1:2::1");
        assertEquals("v6:20010db800010002/64", one);
        assertEquals(one, SourceAddress.of("2001:0DB8:0001:0002:0000:0000:0000:0001"));
        assertEquals(one, SourceAddress.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertNotEquals(one, SourceAddress.of("2001:db8:1:3::1"));
    }

    @Test
    void mappedIpv4_isTheIpv4Address() {
        assertEquals("v4:192.0.2.33", SourceAddress.of("::ffff:192.0.2.33"));
    }

    @Test
    void missingOrMalformed_sharesOneBucket_andNeverAsksDns() {
        for (String bad : new String[]{null, "", "  ", "unknown", "example.com", "zz::1", "1:2:3:4:5:6:7:8:9", "256.1.1.1",
                "1.2.3", "fe80::1%eth0", "203.0.113.7, 10.0.0.1"}) {
            assertEquals(SourceAddress.UNKNOWN, SourceAddress.of(bad), String.valueOf(bad));
        }
    }
}
