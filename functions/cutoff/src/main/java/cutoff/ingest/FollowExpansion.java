package cutoff.ingest;

import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.ReminderPlanner;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.office.FollowRule;
import cutoff.store.FollowStore;
import cutoff.store.SubscriberStore;
import cutoff.subscriber.Subscriber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Gives the topics a notice gains (all of them for a new notice) to everyone whose follow rule matches it:
 * {@code all}, {@code issuer:<name>} with the notice's issuer ({@link FollowRule#matching}), and
 * {@code notice:<id>} (a whole-notice subscription). Each follower gets the topics in its settings, a topic
 * membership each (so its personal feed shows them and later ingests re-plan it) and its reminders planned,
 * like any subscriber; nothing is emailed about it (no welcome again).
 *
 * <p>Exactly once per (follower, topic): each addition is written with an expansion record, on the condition
 * that none exists ({@link FollowStore#expand}). The topics to give are marked before the ingest stores them
 * ({@link FollowStore#markPending}) and unmarked after, so an ingest that died between the two gives them when
 * it is run again; an ingest run again after finishing finds nothing pending, and writes and plans nothing.
 * Only confirmed followers are given topics; a whole-notice follower only while it still follows one of the
 * notice's topics. Nothing logged names a person.
 */
public final class FollowExpansion {
    private static final Logger LOG = Logger.getLogger(FollowExpansion.class.getName());
    /** Topics given in one transaction (two items each, plus the subscriber's update). */
    private static final int CHUNK = 45;

    private final FollowStore follows;
    private final SubscriberStore subscribers;
    private final ReminderPlanner planner;
    private final FollowedTopics followed;
    private final Clock clock;

    public FollowExpansion(FollowStore follows, SubscriberStore subscribers, ReminderPlanner planner, FollowedTopics followed,
                           Clock clock) {
        this.followed = followed;
        this.follows = follows;
        this.subscribers = subscribers;
        this.planner = planner;
        this.clock = clock;
    }

    /** What one expansion did: followers given topics, topic additions, and the reminders planned for them. */
    public record Report(int followers, int topicsAdded, int remindersPlanned) {
        public static final Report NONE = new Report(0, 0, 0);
    }

    /**
     * Before the notice is stored: marks the topics it brings that the stored version lacks (every topic of
     * a new notice), merged with any an earlier run left pending.
     *
     * @param storedTopics the topic ids of the notice as stored before this ingest (empty for a new notice)
     */
    public void prepare(Notice notice, List<String> storedTopics) {
        List<String> pending = new ArrayList<>(follows.pending(notice.id()));
        boolean more = false;
        for (Topic t : notice.topics()) {
            if (!storedTopics.contains(t.id()) && !pending.contains(t.id())) {
                pending.add(t.id());
                more = true;
            }
        }
        if (more) {
            follows.markPending(notice.id(), pending);
        }
    }

    /** After the notice is stored: gives the pending topics to the followers, then clears the mark. */
    public Report expand(Notice notice) {
        List<String> pending = follows.pending(notice.id());
        if (pending.isEmpty()) {
            return Report.NONE;
        }
        List<String> noticeTopics = notice.topics().stream().map(Topic::id).toList();
        List<String> topics = pending.stream().filter(noticeTopics::contains).toList();
        Map<String, String> ruleOf = new LinkedHashMap<>();
        Map<String, String> officeOf = new java.util.HashMap<>();
        for (String rule : FollowRule.matching(notice.id(), notice.issuer())) {
            for (FollowStore.Follower f : follows.followers(rule)) {
                ruleOf.putIfAbsent(f.subscriberId(), rule);
                if (f.officeId() != null) {
                    officeOf.put(f.subscriberId(), f.officeId());
                }
            }
        }
        Set<String> offices = new java.util.TreeSet<>();
        Set<String> done = ruleOf.isEmpty() ? Set.of() : follows.expanded(notice.id());
        int followers = 0;
        int added = 0;
        int planned = 0;
        for (Map.Entry<String, String> f : ruleOf.entrySet()) {
            String id = f.getKey();
            List<String> missing = topics.stream().filter(t -> !done.contains(id + "#" + t)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            Optional<Subscriber> s = subscribers.byId(id);
            if (s.isEmpty() || s.get().status() != Subscriber.Status.CONFIRMED) {
                continue;
            }
            if (f.getValue().equals(FollowRule.notice(notice.id()))
                    && s.get().topicIds().stream().noneMatch(noticeTopics::contains)) {
                continue; // dropped every topic of the notice on the manage page: the notice is no longer followed
            }
            Subscriber current = s.get();
            int before = current.topicIds().size();
            boolean wrote = false;
            for (int from = 0; from < missing.size(); from += CHUNK) {
                List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                Subscriber after = follows.expand(current, notice.id(), chunk, f.getValue(), clock.instant());
                if (after == null) {
                    // Changed meanwhile (settings, opt-out) or given by a concurrent run: read again, try once more.
                    after = subscribers.byId(id).filter(x -> x.status() == Subscriber.Status.CONFIRMED)
                            .map(x -> follows.expand(x, notice.id(), chunk, f.getValue(), clock.instant())).orElse(null);
                    if (after == null) {
                        break;
                    }
                }
                current = after;
                wrote = true;
            }
            if (wrote) {
                if (officeOf.containsKey(id)) {
                    offices.add(officeOf.get(id));
                }
                followers++;
                added += current.topicIds().size() - before;
                planned += planner.planSubscriber(current).planned();
            }
        }
        // Staff followers' offices follow the topics given now (counted after the writes, before the mark goes).
        offices.forEach(followed::touch);
        follows.clearPending(notice.id());
        Report r = new Report(followers, added, planned);
        if (followers == 0) {
            return r;
        }
        LOG.info(() -> "follow rules: notice " + notice.id() + ": " + r.topicsAdded() + " topics given to " + r.followers()
                + " followers, " + r.remindersPlanned() + " reminders planned");
        return r;
    }
}
