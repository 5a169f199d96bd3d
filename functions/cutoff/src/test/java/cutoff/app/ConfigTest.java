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
}
