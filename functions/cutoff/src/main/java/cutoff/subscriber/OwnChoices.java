package cutoff.subscriber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a person registered by a research office chose themselves on their preferences (manage) page, which the
 * office's later uploads keep: a language, lead times, topics dropped and topics added. The office's list names
 * which of these the person changed ({@link #fields()}), not their values.
 *
 * @param language  the language the person chose, or {@code null} when they left the office's
 * @param leadTimes the lead times the person chose (codes, {@code P7D}, {@code MORNING}), or {@code null}
 * @param dropped   topic ids the person dropped: an upload that lists them does not give them back
 * @param added     topic ids the person added: an upload that does not list them keeps them
 */
public record OwnChoices(String language, List<String> leadTimes, List<String> dropped, List<String> added) {
    /** No choice of the person's own. */
    public static final OwnChoices NONE = new OwnChoices(null, null, List.of(), List.of());

    public OwnChoices {
        leadTimes = leadTimes == null ? null : List.copyOf(leadTimes);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        added = added == null ? List.of() : List.copyOf(added);
    }

    /**
     * These choices and the change from {@code before} to {@code after} a person made on the preferences page: a
     * language or lead times that differ become the person's; a topic dropped is remembered as dropped (and no longer
     * as added), a topic added as added (and no longer as dropped).
     */
    public OwnChoices with(Subscriber before, Subscriber after) {
        String lang = after.language().equals(before.language()) ? language : after.language();
        List<String> leads = after.leadTimes().equals(before.leadTimes()) ? leadTimes
                : after.leadTimes().stream().map(LeadTime::code).toList();
        Set<String> d = new LinkedHashSet<>(dropped);
        Set<String> a = new LinkedHashSet<>(added);
        for (String t : before.topicIds()) {
            if (!after.topicIds().contains(t)) {
                d.add(t);
                a.remove(t);
            }
        }
        for (String t : after.topicIds()) {
            if (!before.topicIds().contains(t)) {
                a.add(t);
                d.remove(t);
            }
        }
        return new OwnChoices(lang, leads, List.copyOf(d), List.copyOf(a));
    }

    /** The office's topic ids with the person's own changes: dropped ones out, added ones in (order kept). */
    public List<String> topics(List<String> office) {
        List<String> result = new ArrayList<>();
        for (String t : office) {
            if (!dropped.contains(t)) {
                result.add(t);
            }
        }
        for (String t : added) {
            if (!result.contains(t)) {
                result.add(t);
            }
        }
        return result;
    }

    /** Which settings the person changed: {@code language}, {@code leadTimes}, {@code topics}, in that order; empty for none. */
    public List<String> fields() {
        List<String> f = new ArrayList<>();
        if (language != null) {
            f.add("language");
        }
        if (leadTimes != null) {
            f.add("leadTimes");
        }
        if (!dropped.isEmpty() || !added.isEmpty()) {
            f.add("topics");
        }
        return f;
    }
}
