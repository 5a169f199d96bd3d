package cutoff.office;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A follow rule in a staff row's {@code topics}: {@code all} (every call, including later ones) or
 * {@code issuer:<name>} (every call from that issuer, {@code issuer:上海市科学技术委员会}). Rules are kept
 * as rules, in their canonical text, so that a later ingest can add the topics of a new notice that
 * matches (the expansion itself is not done here).
 */
public final class FollowRule {
    /** Every call. */
    public static final String ALL = "all";
    /** The longest issuer name taken. */
    public static final int MAX_ISSUER = 100;
    private static final String ISSUER = "issuer:";
    private static final String NOTICE = "notice:";

    private FollowRule() {
    }

    /**
     * The canonical rule a value stands for: {@code all}, or {@code issuer:} and the name in NFC with runs
     * of spaces made one; empty when the value is no rule (a topic or notice id).
     *
     * @throws IllegalArgumentException for {@code issuer:} with no name, a name over {@value #MAX_ISSUER}
     *                                  characters, or one with control characters
     */
    public static Optional<String> parse(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase(ALL)) {
            return Optional.of(ALL);
        }
        if (!v.regionMatches(true, 0, ISSUER, 0, ISSUER.length())) {
            return Optional.empty();
        }
        String name = canonical(v.substring(ISSUER.length()));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the rule issuer: names no issuer (issuer:上海市科学技术委员会)");
        }
        if (name.length() > MAX_ISSUER) {
            throw new IllegalArgumentException("an issuer name is at most " + MAX_ISSUER + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the issuer name holds a control character");
        }
        return Optional.of(ISSUER + name);
    }

    /**
     * The rule of a whole-notice subscription, {@code notice:<noticeId>}: the notice's topics, and those a
     * corrected notice adds later. Not a value a staff row can give (a row names the notice id itself).
     */
    public static String notice(String noticeId) {
        return NOTICE + noticeId;
    }

    /**
     * The rules a notice matches, whose followers an ingest gives its topics: {@code all}, {@code issuer:}
     * and the notice's issuer in canonical form (NFC, stripped, runs of spaces made one: the rule's name and
     * the issuer compared exactly after that, as {@link #parse} stores it), and {@code notice:<id>}. A relayed
     * notice's issuer is the original authority, so {@code issuer:上海市科学技术委员会} follows its calls whoever
     * relays them; the relaying body ({@code relayedBy}) is not matched.
     */
    public static List<String> matching(String noticeId, String issuer) {
        List<String> rules = new ArrayList<>(List.of(ALL));
        if (issuer != null) {
            String name = canonical(issuer);
            if (!name.isEmpty() && name.length() <= MAX_ISSUER) {
                rules.add(ISSUER + name);
            }
        }
        rules.add(notice(noticeId));
        return rules;
    }

    private static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    /** The issuer a rule follows, or empty for {@code all}. */
    public static Optional<String> issuer(String rule) {
        return rule.startsWith(ISSUER) ? Optional.of(rule.substring(ISSUER.length())) : Optional.empty();
    }
}
