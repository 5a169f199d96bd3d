package cutoff.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("li.wei@example.com", "li.wei@example.com"),
                Arguments.of("Li.Wei@Example.COM", "li.wei@example.com"),
                Arguments.of("  li.wei@example.com \n", "li.wei@example.com"),
                Arguments.of("li.wei+cutoff@example.com", "li.wei+cutoff@example.com"),
                Arguments.of("o'brien@example.ie", "o'brien@example.ie"),
                Arguments.of("a_b%c-d@mail.example.edu.cn", "a_b%c-d@mail.example.edu.cn"),
                // IDN domains: the punycode form (RFC 3492 sample: bücher -> xn--bcher-kva).
                Arguments.of("info@bücher.de", "info@xn--bcher-kva.de"),
                Arguments.of("info@BÜCHER.de", "info@xn--bcher-kva.de"),
                Arguments.of("info@xn--bcher-kva.de", "info@xn--bcher-kva.de"),
                Arguments.of("info@xn--strae-oqa.de", "info@xn--strae-oqa.de"),
                // 例子.中国 as registered: xn--fsqu00a.xn--fiqs8s
                Arguments.of("wang@例子.中国", "wang@xn--fsqu00a.xn--fiqs8s"),
                // An ideographic full stop typed by a Chinese IME is a dot (IDNA 2003).
                Arguments.of("wang@example。com", "wang@example.com"),
                Arguments.of("a".repeat(64) + "@example.com", "a".repeat(64) + "@example.com"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void storesTheNormalisedForm(String typed, String stored) {
        assertEquals(stored, EmailAddress.parse(typed).value());
    }

    @Test
    void anIdnDomainAndItsPunycodeAreOneMailbox() {
        EmailAddress unicode = EmailAddress.parse("Info@Bücher.de");
        EmailAddress ascii = EmailAddress.parse("info@xn--bcher-kva.de");
        assertEquals(ascii, unicode);
        assertEquals(ascii.hashCode(), unicode.hashCode());
        assertEquals("info", unicode.localPart());
        assertEquals("xn--bcher-kva.de", unicode.domain());
        assertNotEquals(EmailAddress.parse("info@bucher.de"), unicode);
    }

    @Test
    void toStringDoesNotGiveTheAddress() {
        String shown = EmailAddress.parse("li.wei@example.com").toString();
        assertFalse(shown.contains("li.wei"), shown);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // The probe's cases.
                Arguments.of("用户@example.com", "the part before @ must be ASCII"),
                Arguments.of("用户@example.com", "SES cannot send to 用户@…"),
                Arguments.of("ipl@[127.0.0.1]", "address literals such as [127.0.0.1] are not accepted"),
                Arguments.of("ipl@[IPv6:::1]", "address literals"),
                Arguments.of("li\uFFFDwei@example.com", "contains U+FFFD: the request was not valid UTF-8"),
                Arguments.of("li\uD800wei@example.com", "a lone UTF-16 surrogate"),
                Arguments.of("jürgen@example.de", "the part before @ must be ASCII"),
                // IDNA 2003 (the JDK) would send straße.de to strasse.de; IDNA 2008 registries keep the ß.
                Arguments.of("info@straße.de", "holds U+00DF, which the two IDNA standards read differently"),
                // Syntax.
                Arguments.of("\"li wei\"@example.com", "quoted local parts"),
                Arguments.of("\"li\"@example.com", "quoted local parts"),
                Arguments.of("li wei@example.com", "contains a space"),
                Arguments.of("li\u3000wei@example.com", "contains a space"),
                Arguments.of("li..wei@example.com", "two dots in a row"),
                Arguments.of(".liwei@example.com", "start or end with a dot"),
                Arguments.of("liwei.@example.com", "start or end with a dot"),
                Arguments.of("liwei@example.com.", "cannot end with a dot"),
                Arguments.of("liwei@example..com", "is not a valid domain name"),
                Arguments.of("liwei@-example.com", "is not a valid domain name"),
                Arguments.of("liwei@exa_mple.com", "is not a valid domain name"),
                Arguments.of("liwei@localhost", "is not a domain mail can be sent to"),
                Arguments.of("liwei@example.invalidtld", "is not a domain mail can be sent to"),
                Arguments.of("liwei", "has no @"),
                Arguments.of("@example.com", "nothing before the @"),
                Arguments.of("liwei@", "nothing after the @"),
                Arguments.of("li@wei@example.com", "the part before @ must be ASCII letters"),
                Arguments.of("li(wei)@example.com", "the part before @ must be ASCII letters"),
                // Control characters: header injection through the address.
                Arguments.of("liwei@example.com\r\nBcc: x@y.com", "control character (U+000D)"),
                Arguments.of("li\u0000wei@example.com", "control character (U+0000)"),
                Arguments.of("li\u007Fwei@example.com", "control character (U+007F)"),
                Arguments.of("li\u0085wei@example.com", "control character (U+0085)"),
                // Lengths (RFC 5321 §4.5.3.1).
                Arguments.of("a".repeat(65) + "@example.com", "has 65 characters; at most 64"),
                Arguments.of("a@" + "b".repeat(64) + ".com", "is not a valid domain name"),
                Arguments.of("a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(3) + "example.com",
                        "at most 254 are allowed"),
                // Within 254 as typed, over 254 in punycode.
                Arguments.of("abcdefghijklmnop@" + "中国科学技术部国际合作司申报截止提醒.".repeat(4) + "cn", "has 255 characters; at most 254"),
                Arguments.of("a".repeat(100_000) + "@example.com", "has 100012 characters; at most 254"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithAReason(String typed, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddress.parse(typed));
        assertTrue(e.getMessage().contains(reason), () -> "for " + typed + ": " + e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void anAddressIsRequired(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddress.parse(typed));
        assertEquals("an email address is required", e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "jürgen@example.de".getBytes(StandardCharsets.ISO_8859_1);
        // What a lenient UTF-8 decoder (as in a request body) makes of them: U+FFFD in place of 0xFC.
        String decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(latin1)).toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddress.parse(decoded));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
}
