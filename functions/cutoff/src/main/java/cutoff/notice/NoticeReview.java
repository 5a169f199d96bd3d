package cutoff.notice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The readings of a notice that a person must confirm before they reach subscribers ({@code confidence:
 * "review"}), and the operator's confirmation of a topic's cutoff ({@code ingest --accept-review TOPIC=INSTANT}).
 *
 * <p>Precision first: a reading under review is never published unattended. {@link #pending} names each topic
 * with one, its candidates and the reasons; {@link #accept} takes the operator's word for a topic's cutoff.
 */
public final class NoticeReview {
    private NoticeReview() {
    }

    /**
     * One line per topic with a reading under review: the topic (id and name), every candidate date with its
     * phrase and what it was read as, the reasons, and how to confirm. Empty when every reading is sure.
     */
    public static List<String> pending(Notice notice) {
        List<String> lines = new ArrayList<>();
        for (Topic t : notice.topics()) {
            List<String> candidates = new ArrayList<>();
            Set<String> reasons = new LinkedHashSet<>();
            Window w = t.window();
            if (w != null && !w.sure()) {
                candidates.add("cutoff " + w.closes() + written(w.source()));
                reasons.addAll(w.reasons());
            }
            for (CallDeadline d : t.deadlines()) {
                if (!d.sure()) {
                    candidates.add(d.kind().name() + " " + d.closes() + written(d.source()));
                    reasons.addAll(d.reasons());
                }
            }
            for (ForeignDeadline f : t.foreignDeadlines()) {
                if (!f.sure()) {
                    candidates.add("foreign-side (" + f.partner() + ") " + f.date() + (f.asWritten() == null ? "" : " (" + f.asWritten() + ")"));
                    reasons.addAll(f.reasons());
                }
            }
            if (!candidates.isEmpty()) {
                lines.add("topic " + t.id() + " (" + t.displayName() + "): under review: " + String.join(", ", candidates)
                        + "; why: " + String.join("; ", reasons) + "; confirm the cutoff with --accept-review " + t.id()
                        + "=YYYY-MM-DDTHH:MM (Beijing) or =YYYY-MM-DD");
            }
        }
        return lines;
    }

    private static String written(Source source) {
        return source == null ? "" : " (" + source.span() + ")";
    }

    /**
     * The notice with the operator's cutoffs: for each named topic, {@code window.closes} is the given value,
     * sure (its opening kept when before it); the topic's further deadlines and foreign-side dates under review are
     * left out (the operator confirmed the cutoff, not them), and {@link Notice#review()} records what was done.
     *
     * @param cutoffs by topic: its id, or its key ({@code 专题二}) when no other topic has that key
     * @throws IllegalArgumentException naming a topic the notice does not have
     */
    public static Notice accept(Notice notice, Map<String, DateOrDateTime> cutoffs) {
        List<Topic> topics = new ArrayList<>(notice.topics());
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, DateOrDateTime> e : cutoffs.entrySet()) {
            int i = find(topics, e.getKey());
            Topic t = topics.get(i);
            DateOrDateTime closes = e.getValue();
            Window old = t.window();
            DateOrDateTime opens = old != null && old.opens() != null
                    && old.opens().earliest(Window.BEIJING).isBefore(closes.passedBy(Window.BEIJING)) ? old.opens() : null;
            Window confirmed = new Window(opens, closes, Window.BEIJING, old != null && old.includesReview(), Confidence.SURE,
                    List.of(), old == null ? null : old.source());
            List<CallDeadline> kept = t.deadlines().stream().filter(CallDeadline::sure).toList();
            List<ForeignDeadline> foreign = t.foreignDeadlines().stream().filter(ForeignDeadline::sure).toList();
            int dropped = t.deadlines().size() - kept.size() + t.foreignDeadlines().size() - foreign.size();
            topics.set(i, new Topic(t.id(), t.key(), t.programme(), t.title(), t.directions(), confirmed, foreign, kept,
                    t.fundingCapWan(), t.projectPeriod(), t.fields()));
            done.add(t.id() + " cutoff " + closes + " confirmed by the operator (--accept-review)"
                    + (old == null || old.closes().equals(closes) ? "" : ", read as " + old.closes())
                    + (dropped == 0 ? "" : "; " + dropped + " further date(s) under review left out"));
        }
        Notice n = notice.withTopics(topics);
        String note = String.join("; ", done);
        return new Notice(n.id(), n.documentNumber(), n.issuer(), n.relayedBy(), n.title(), n.signedOn(), n.applicationSite(),
                n.topics(), n.missing(), n.review() == null ? note : n.review() + "; " + note, n.caveat());
    }

    private static int find(List<Topic> topics, String name) {
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).id().equals(name)) {
                return i;
            }
        }
        List<Integer> byKey = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            if (name.equals(topics.get(i).key())) {
                byKey.add(i);
            }
        }
        if (byKey.size() == 1) {
            return byKey.get(0);
        }
        throw new IllegalArgumentException("--accept-review names topic " + name + ", which the notice "
                + (byKey.isEmpty() ? "does not have" : "has more than once (use the topic's id)") + "; its topics: "
                + String.join(", ", topics.stream().map(Topic::id).toList()));
    }
}
