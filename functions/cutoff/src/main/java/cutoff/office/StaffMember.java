package cutoff.office;

import java.util.List;

/**
 * One person on an office's staff list, checked: what the office uploaded, in stored form.
 *
 * @param email      the address as {@code EmailAddress} stores it (lower case, punycode domain)
 * @param name       as given, may be empty
 * @param department as given, may be empty
 * @param topics     topic and notice ids as given (checked to exist), without duplicates, in order
 * @param rules      follow rules in canonical form ({@link FollowRule}), without duplicates, in order
 * @param language   {@code zh} or {@code en}
 * @param leadTimes  lead-time codes ({@code P7D}, {@code MORNING}); empty for the defaults
 */
public record StaffMember(String email, String name, String department, List<String> topics, List<String> rules,
                          String language, List<String> leadTimes) {
    /** The longest name or department taken. */
    public static final int MAX_TEXT = 200;

    public StaffMember {
        name = name == null ? "" : name;
        department = department == null ? "" : department;
        topics = List.copyOf(topics);
        rules = List.copyOf(rules);
        leadTimes = List.copyOf(leadTimes);
    }
}
