package cutoff.dispatch;

import cutoff.deadline.Deadline;
import cutoff.notice.NoticeIds;
import cutoff.store.NoticeLookup;
import cutoff.store.RelayedTopicsStore.Relayed;
import java.time.Instant;
import java.util.List;

/**
 * What a research office's relays give its staff and keep in their topics when the staff queue works a row (issue 19):
 * the office's relayed topics ({@link cutoff.store.RelayedTopicsStore}) are unioned into each listed person's topics,
 * so a person listed after the relay was published gets it, and a row uploaded changed does not drop it.
 *
 * <ul>
 *   <li><b>Given</b> ({@link #open}): the relayed topics whose call is still open when the row is worked: the topic's
 *       notice is stored and has its cutoff live (not withdrawn, not CANCELLED) and not yet past. A withdrawn or closed
 *       relay is not given to newcomers: there is nothing left to prepare for.</li>
 *   <li><b>Kept</b> ({@link #kept}): a topic a person holds that the office relayed, open or not (a withdrawn one stays,
 *       so their feed shows it CANCELLED), or one of the office's own private relays (from before the item existed).</li>
 *   <li>Only the row's own office counts: another office's private relay topic is neither given nor kept, whatever an
 *       item says.</li>
 * </ul>
 * The person's own choices still win: a relayed topic they dropped on their preferences page is not given back
 * ({@link cutoff.subscriber.OwnChoices#topics}), and an opted-out or bounced person is not worked at all.
 */
public final class RelayedToStaff {
    private RelayedToStaff() {
    }

    /**
     * The office's relayed topics to give its staff at {@code now}, by topic id.
     *
     * @param read the notices of this run (one read per relayed notice, not per person)
     */
    public static List<String> open(Relayed relayed, String officeId, NoticeLookup read, Instant now) {
        return relayed.topics().keySet().stream().filter(t -> ours(t, officeId))
                .filter(t -> read.storedOfTopic(t).flatMap(s -> s.cutoff(t)).map(d -> ends(d).isAfter(now)).orElse(false))
                .toList();
    }

    /** True when the office's relays keep this topic in a listed person's topics, whatever their row names. */
    public static boolean kept(Relayed relayed, String officeId, String topicId) {
        return NoticeIds.isRelayOf(topicId, officeId) || relayed.topics().containsKey(topicId) && ours(topicId, officeId);
    }

    /** When a cutoff ends: its instant, or the end of its day in its zone for a date-only one. */
    public static Instant ends(Deadline cutoff) {
        return cutoff.timed() ? cutoff.at() : cutoff.date().plusDays(1).atStartOfDay(cutoff.zone()).toInstant();
    }

    /** A public topic, or one of this office's own relays (never another office's). */
    private static boolean ours(String topicId, String officeId) {
        return NoticeIds.noticeIdOf(topicId).map(n -> !NoticeIds.isRelay(n) || NoticeIds.isRelayOf(topicId, officeId)).orElse(false);
    }
}
