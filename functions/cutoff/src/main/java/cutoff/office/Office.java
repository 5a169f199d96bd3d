package cutoff.office;

import java.net.IDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A research office (科研处) registered by the operator: it uploads its staff through the office API with
 * its own key, and only addresses in its own mail domains.
 *
 * @param id           random, URL-safe ({@code org_} and 20 hex digits); never reused
 * @param name         the office as its staff know it ({@code 某某大学科研处}); named in the welcome email
 * @param emailDomains the mail domains its staff addresses may have, ASCII (an IDN as its punycode A-label),
 *                     lower case; an address in a subdomain ({@code cs.example.edu.cn}) counts as the domain's
 * @param createdAt    when it was created (UTC)
 */
public record Office(String id, String name, List<String> emailDomains, Instant createdAt) {
    /** The longest office name taken. */
    public static final int MAX_NAME = 200;
    /** The most mail domains an office may have. */
    public static final int MAX_DOMAINS = 20;

    public Office {
        emailDomains = List.copyOf(emailDomains);
    }

    /**
     * True when an address's domain (ASCII, lower case, as {@code EmailAddress} stores it) is one of the
     * office's or a subdomain of one: a university's departments often have their own
     * ({@code cs.example.edu.cn}), and the office speaks for them; {@code badexample.edu.cn} is not
     * {@code example.edu.cn}'s.
     */
    public boolean admits(String asciiDomain) {
        for (String d : emailDomains) {
            if (asciiDomain.equals(d) || asciiDomain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks an office's name and domains as the operator typed them.
     *
     * @param allowPublicDomain the operator's {@code --allow-public-domain}: take a public mail domain
     *                          ({@link PublicMailDomains}) all the same
     * @return the domains in stored form (punycode, lower case, no duplicates)
     * @throws IllegalArgumentException with a sentence naming what is wrong: for a public mail domain (or one
     *                                  under it) without {@code allowPublicDomain}, naming the domain and the flag
     */
    public static List<String> checkedDomains(String name, List<String> typed, boolean allowPublicDomain) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--name is required: the office as its staff know it");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new IllegalArgumentException("--name is at most " + MAX_NAME + " characters");
        }
        if (typed == null || typed.isEmpty()) {
            throw new IllegalArgumentException("give at least one --email-domain (the office's staff addresses' domain)");
        }
        List<String> result = new ArrayList<>();
        for (String t : typed) {
            String d = domain(t);
            Optional<String> listed = allowPublicDomain ? Optional.empty() : PublicMailDomains.shipped().listed(d);
            if (listed.isPresent()) {
                throw new IllegalArgumentException("--email-domain " + d + " is " + (listed.get().equals(d) ? "" : "under " + listed.get() + ", ")
                        + "a public mail domain: anyone can get an address there, and an office vouches for every address in its "
                        + "domains. If this office really owns it, add --allow-public-domain");
            }
            if (!result.contains(d)) {
                result.add(d);
            }
        }
        if (result.size() > MAX_DOMAINS) {
            throw new IllegalArgumentException("at most " + MAX_DOMAINS + " email domains per office");
        }
        return result;
    }

    /** A mail domain in stored form: IDN → punycode A-label, lower case; a name with at least two labels. */
    static String domain(String typed) {
        String s = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--email-domain " + typed + " is not a domain name");
        }
        if (ascii.isEmpty() || !ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".") || ascii.length() > 253
                || !ascii.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("--email-domain " + typed + " is not a mail domain such as example.edu.cn");
        }
        return ascii;
    }
}
