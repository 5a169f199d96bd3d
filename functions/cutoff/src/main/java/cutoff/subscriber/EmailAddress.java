package cutoff.subscriber;

import java.net.IDN;
import java.util.Locale;
import org.apache.commons.validator.routines.DomainValidator;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * An email address as Cutoff stores it and sends to it: the one place where what a person typed becomes
 * that stored form, or is refused with a sentence that person can act on.
 *
 * <p>The stored form ({@link #value()}) is {@code local@domain}, where
 * <ul>
 *   <li>the local part is 7-bit ASCII {@code dot-atom} text (RFC 5322 §3.2.3), lower case. Amazon SES
 *       sends only to ASCII local parts (no SMTPUTF8, RFC 6531), so {@code 用户@example.com} is refused;
 *       quoted local parts ({@code "a b"@example.com}) are refused too;</li>
 *   <li>the domain is a host name in ASCII, lower case: an internationalised domain name is stored as
 *       its punycode A-label ({@link IDN#toASCII}, IDNA 2003 as the JDK implements it, RFC 3490/3492),
 *       so {@code bücher.de} and {@code xn--bcher-kva.de} are one mailbox. Domains with a character that
 *       IDNA 2003 and IDNA 2008 read differently ({@code ß}: {@code straße.de}) are refused, as the JDK's
 *       IDNA 2003 would map them to another domain; their {@code xn--} form is accepted. Address literals
 *       ({@code [127.0.0.1]}, RFC 5321 §4.1.3) are refused;</li>
 *   <li>lengths are those of RFC 5321 §4.5.3.1: at most 64 characters before the {@code @}, at most 254
 *       in all (the 256-octet path less its angle brackets), counted on the stored form;</li>
 *   <li>the whole passes commons-validator's {@link EmailValidator} (no local domains, known top-level
 *       domains only).</li>
 * </ul>
 *
 * <p>Two addresses are equal when their stored forms are. {@link #toString()} does not give the
 * address, so an address never reaches a log by accident; use {@link #value()}.
 */
public final class EmailAddress {
    /** RFC 5321 §4.5.3.1.1: the longest local part, in octets (= characters, as it is ASCII). */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.3: a 256-octet path less the angle brackets. */
    public static final int MAX_LENGTH = 254;

    /** RFC 5322 §3.2.3 atext besides letters and digits. */
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    /**
     * IDNA deviation characters (UTS #46 §4.3: ß, final sigma, ZWNJ, ZWJ): IDNA 2003, which the JDK
     * implements, maps them away ({@code straße.de} → {@code strasse.de}); IDNA 2008 registries keep them
     * ({@code xn--strae-oqa.de}), so the mapped domain may be somebody else's.
     */
    private static final String DEVIATIONS = "\u00DF\u03C2\u200C\u200D";

    private final String value;
    private final int at;

    private EmailAddress(String value) {
        this.value = value;
        this.at = value.lastIndexOf('@');
    }

    /**
     * Why a typed address was refused: {@link #getMessage()} in English for API clients, {@link #code()} a
     * stable machine code that pages turn into their own language: {@code missing_email}, {@code bad_character},
     * {@code address_too_long}, {@code quoted_local_part}, {@code space_in_address}, {@code no_at},
     * {@code empty_local_part}, {@code empty_domain}, {@code address_literal}, {@code bad_local_part_character},
     * {@code local_part_dots}, {@code local_part_too_long}, {@code ambiguous_domain} or {@code bad_domain}.
     */
    public static final class Invalid extends IllegalArgumentException {
        private final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }

        /** The stable code of the refusal (see the class comment). */
        public String code() {
            return code;
        }
    }

    /**
     * Turns what a person typed into the stored address: surrounding white space stripped, lower case
     * ({@link Locale#ROOT}), the domain in punycode.
     *
     * @param typed the address as received (a Java string, so already decoded from the request's UTF-8)
     * @return the address to store and send to
     * @throws IllegalArgumentException with a sentence for the person, one of:
     *     <ul>
     *       <li>{@code an email address is required} (null, empty or blank);</li>
     *       <li>{@code the address contains U+FFFD: the request was not valid UTF-8} (a decoder replaced
     *           bytes it could not read), or a lone UTF-16 surrogate;</li>
     *       <li>{@code the address contains a control character (U+000A): type it on one line};</li>
     *       <li>{@code the address contains a space: an address has none};</li>
     *       <li>{@code the address has no @: it looks like name@example.com};</li>
     *       <li>{@code the address has nothing before the @} / {@code ... nothing after the @};</li>
     *       <li>{@code address literals such as [127.0.0.1] are not accepted: give the mail domain, such
     *           as example.com};</li>
     *       <li>{@code quoted local parts such as "a b"@… are not accepted};</li>
     *       <li>{@code the part before @ must be ASCII letters, digits and . _ % + - (or ! # $ & ' * / = ?
     *           ^ ` { | } ~); SES cannot send to 用户@…};</li>
     *       <li>{@code the part before @ cannot start or end with a dot, or have two dots in a row};</li>
     *       <li>{@code the part before @ has 65 characters; at most 64 are allowed (RFC 5321)};</li>
     *       <li>{@code the domain bad..example is not a valid domain name (...)} (IDNA conversion
     *           failed);</li>
     *       <li>{@code the domain example.com. cannot end with a dot};</li>
     *       <li>{@code the domain straße.de holds U+00DF, which the two IDNA standards read differently: type
     *           the domain as its registry gives it in ASCII (xn--…)} (ß, ς, ZWNJ, ZWJ);</li>
     *       <li>{@code the address has 300 characters; at most 254 are allowed (RFC 5321)};</li>
     *       <li>{@code the domain example.invalid is not a domain mail can be sent to: check the spelling
     *           after the @}.</li>
     *     </ul>
     */
    public static EmailAddress parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new Invalid("missing_email", "an email address is required");
        }
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            boolean unpaired = Character.isHighSurrogate(c)
                    ? i + 1 >= typed.length() || !Character.isLowSurrogate(typed.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(typed.charAt(i - 1)));
            if (c == '\uFFFD') {
                throw new Invalid("bad_character", "the address contains U+FFFD: the request was not valid UTF-8");
            }
            if (unpaired) {
                throw new Invalid("bad_character", "the address contains a lone UTF-16 surrogate (such as \\ud800), which is no character");
            }
        }
        String s = typed.strip();
        if (s.length() > MAX_LENGTH) {
            // Early, so that nothing long is echoed; an A-label is never shorter than its U-label.
            throw new Invalid("address_too_long", tooLong(s.length()));
        }
        if (s.startsWith("\"")) {
            throw new Invalid("quoted_local_part", "quoted local parts such as \"a b\"@… are not accepted");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new Invalid("bad_character", String.format(Locale.ROOT,
                        "the address contains a control character (U+%04X): type it on one line", (int) c));
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new Invalid("space_in_address", "the address contains a space: an address has none");
            }
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            throw new Invalid("no_at", "the address has no @: it looks like name@example.com");
        }
        String local = s.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.isEmpty()) {
            throw new Invalid("empty_local_part", "the address has nothing before the @");
        }
        if (domain.isEmpty()) {
            throw new Invalid("empty_domain", "the address has nothing after the @");
        }
        if (domain.startsWith("[")) {
            throw new Invalid("address_literal",
                    "address literals such as [127.0.0.1] are not accepted: give the mail domain, such as example.com");
        }
        checkLocalPart(local);
        String ascii = asciiDomain(domain);
        String value = local + "@" + ascii;
        if (value.length() > MAX_LENGTH) {
            throw new Invalid("address_too_long", tooLong(value.length()));
        }
        if (!DomainValidator.getInstance(false).isValid(ascii) || !EmailValidator.getInstance(false, false).isValid(value)) {
            throw new Invalid("bad_domain", "the domain " + ascii
                    + " is not a domain mail can be sent to: check the spelling after the @");
        }
        return new EmailAddress(value);
    }

    private static String tooLong(int length) {
        return "the address has " + length + " characters; at most " + MAX_LENGTH + " are allowed (RFC 5321)";
    }

    private static void checkLocalPart(String local) {
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || ATEXT_SYMBOLS.indexOf(c) >= 0);
            if (!ok) {
                throw new Invalid("bad_local_part_character", "the part before @ must be ASCII letters, digits and . _ % + - "
                        + "(or ! # $ & ' * / = ? ^ ` { | } ~); SES cannot send to " + local + "@…");
            }
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new Invalid("local_part_dots", "the part before @ cannot start or end with a dot, or have two dots in a row");
        }
        if (local.length() > MAX_LOCAL_PART) {
            throw new Invalid("local_part_too_long", "the part before @ has " + local.length() + " characters; at most "
                    + MAX_LOCAL_PART + " are allowed (RFC 5321)");
        }
    }

    private static String asciiDomain(String domain) {
        if (domain.endsWith(".") || domain.endsWith("\u3002") || domain.endsWith("\uFF0E") || domain.endsWith("\uFF61")) {
            throw new Invalid("bad_domain", "the domain " + domain + " cannot end with a dot");
        }
        for (char c : DEVIATIONS.toCharArray()) {
            if (domain.indexOf(c) >= 0) {
                throw new Invalid("ambiguous_domain", String.format(Locale.ROOT, "the domain %s holds U+%04X, which the "
                        + "two IDNA standards read differently: type the domain as its registry gives it in ASCII (xn--…)",
                        domain, (int) c));
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new Invalid("bad_domain", "the domain " + domain + " is not a valid domain name ("
                    + e.getMessage() + ")");
        }
        // toASCII may map characters (full-width letters, ideographic full stop), so check the result again.
        if (ascii.isEmpty() || ascii.endsWith(".") || ascii.startsWith(".") || ascii.contains("..")) {
            throw new Invalid("bad_domain", "the domain " + domain + " is not a valid domain name (empty label)");
        }
        return ascii.toLowerCase(Locale.ROOT);
    }

    /** The stored form, {@code local@domain}, ASCII, lower case, the domain in punycode. */
    public String value() {
        return value;
    }

    /** The part before the {@code @}. */
    public String localPart() {
        return value.substring(0, at);
    }

    /** The part after the {@code @}: an ASCII host name (punycode for an internationalised one). */
    public String domain() {
        return value.substring(at + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never the address (logs must not hold one): {@code EmailAddress[…@domain]}. */
    @Override
    public String toString() {
        return "EmailAddress[…@" + domain() + "]";
    }
}
