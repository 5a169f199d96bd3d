package cutoff.office;

import cutoff.notice.Notice;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * The topic ids a row's topic and notice ids come to, without duplicates, in order: a notice id stands for all the
     * notice's topics as stored now, any other id for itself. The upload counts them against the per-person limit; the
     * staff queue subscribes the person to them.
     *
     * @param notices the stored notice of an id; empty for an id that is not a stored notice
     */
    public static List<String> topicIds(List<String> ids, Function<String, Optional<Notice>> notices) {
        Set<String> result = new LinkedHashSet<>();
        for (String id : ids) {
            Optional<Notice> n = notices.apply(id);
            if (n.isPresent()) {
                n.get().topics().forEach(t -> result.add(t.id()));
            } else {
                result.add(id);
            }
        }
        return List.copyOf(result);
    }
}
