package cutoff.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration: defaults, blanks as unset (template.yaml sets "" for local-only endpoints), clear errors. */
class ConfigTest {
    @Test
    void blanksAreUnset_andDefaultsApply() {
        Config c = Config.from(Map.of(Config.TABLE, "t", Config.DYNAMODB_ENDPOINT, "", Config.SES_ENDPOINT, " ",
                Config.PUBLIC_BASE_URL, ""));
        assertEquals("t", c.table());
        assertNull(c.dynamoDbEndpoint());
        assertNull(c.sesEndpoint());
        assertNull(c.publicBaseUrl());
        assertEquals("us-east-1", c.region());
        assertEquals(0.8, c.sendRateShare());
        assertEquals(1.0, c.maxSendRate());
    }

    @Test
    void theBaseUrl_losesItsTrailingSlash_andMustBeHttpWithAHost() {
        assertEquals("https://cutoff.example.org", Config.from(Map.of(Config.PUBLIC_BASE_URL, "https://cutoff.example.org/")).publicBaseUrl());
        for (String bad : new String[] {"javascript:alert(1)", "ftp://x.org", "cutoff.example.org", "https://x.org/?a=1", "https:///path"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of(Config.PUBLIC_BASE_URL, bad)), bad);
            assertTrue(e.getMessage().contains(Config.PUBLIC_BASE_URL), e.getMessage());
        }
    }

    @Test
    void malformedNumbers_nameTheirVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.SEND_RATE_SHARE, "most")));
        assertTrue(e.getMessage().contains(Config.SEND_RATE_SHARE));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.SEND_RATE_SHARE, "1.5")));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.MAX_SEND_RATE, "0")));
    }

    @Test
    void requiredSettings_sayWhatIsMissing() {
        Config empty = Config.from(Map.of());
        assertTrue(assertThrows(IllegalStateException.class, empty::requireTable).getMessage().contains(Config.TABLE));
        assertTrue(assertThrows(IllegalStateException.class, empty::requireMailFrom).getMessage().contains(Config.MAIL_FROM));
        assertTrue(assertThrows(IllegalStateException.class, empty::requirePublicBaseUrl).getMessage().contains(Config.PUBLIC_BASE_URL));
    }

    @Test
    void subscriptionLimits_haveDefaults_bounds_andTheSecretIsNeverPrinted() {
        Config c = Config.from(Map.of());
        assertEquals(10, c.subscribeBurst());
        assertEquals(4.0, c.subscribePerHour());
        assertEquals(500, c.confirmationsPerDay());
        assertEquals(0, c.challengeBits(), "the challenge is off unless asked for");
        assertNull(c.abuseSecret());
        Config set = Config.from(Map.of(Config.SUBSCRIBE_BURST, "3", Config.SUBSCRIBE_PER_HOUR, "0.5",
                Config.CONFIRMATIONS_PER_DAY, "0", Config.SUBSCRIBE_CHALLENGE_BITS, "16", Config.ABUSE_SECRET, "s3cret-s3cret-s3cret"));
        assertEquals(3, set.subscribeBurst());
        assertEquals(0.5, set.subscribePerHour());
        assertEquals(0, set.confirmationsPerDay());
        assertEquals(16, set.challengeBits());
        assertTrue(!set.toString().contains("s3cret"), set.toString());
        for (Map.Entry<String, String> bad : Map.of(Config.SUBSCRIBE_BURST, "0", Config.SUBSCRIBE_PER_HOUR, "0",
                Config.CONFIRMATIONS_PER_DAY, "-1", Config.SUBSCRIBE_CHALLENGE_BITS, "29").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
        IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of(Config.ABUSE_SECRET, "short-secret")));
        assertTrue(shortSecret.getMessage().contains(Config.ABUSE_SECRET) && !shortSecret.getMessage().contains("short-secret"));
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.SUBSCRIBE_BURST, "ten")));
    }

    @Test
    void theOriginVerifyValue_isOptional_atLeast16Characters_andNeverPrinted() {
        assertNull(Config.from(Map.of()).originVerify(), "unset: CloudFront-Viewer-Address is never trusted");
        assertNull(Config.from(Map.of(Config.CDN_ORIGIN_VERIFY, "")).originVerify(), "the template's empty value (CDN off)");
        Config set = Config.from(Map.of(Config.CDN_ORIGIN_VERIFY, "v3rify-v3rify-v3rify"));
        assertEquals("v3rify-v3rify-v3rify", set.originVerify());
        assertTrue(!set.toString().contains("v3rify"), set.toString());
        IllegalArgumentException shortValue = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of(Config.CDN_ORIGIN_VERIFY, "short-verify")));
        assertTrue(shortValue.getMessage().contains(Config.CDN_ORIGIN_VERIFY) && !shortValue.getMessage().contains("short-verify"));
    }

    @Test
    void theChatEndpoint_isUnsetOnAWS_andElseAnHttpBase() {
        assertEquals(null, Config.from(Map.of()).chatEndpoint());
        assertEquals(null, Config.from(Map.of(Config.CHAT_ENDPOINT, " ")).chatEndpoint());
        assertEquals("http://127.0.0.1:8006", Config.from(Map.of(Config.CHAT_ENDPOINT, "http://127.0.0.1:8006/")).chatEndpoint());
        for (String bad : new String[] {"ftp://127.0.0.1", "127.0.0.1:8006", "http://127.0.0.1:8006/?x=1", "not a url"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of(Config.CHAT_ENDPOINT, bad)), bad);
            assertTrue(e.getMessage().contains(Config.CHAT_ENDPOINT), e.getMessage());
        }
    }
}
