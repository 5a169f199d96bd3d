package cutoff.dispatch;

import cutoff.store.FollowedTopicsItems;
import cutoff.store.FollowedTopicsStore;
import cutoff.store.InternalDeadlineRecords;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.Subscriber;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * A research office's followed topics: the topics in the subscriptions of its listed staff (rows not removed, whatever
 * the subscriber's status), follow rules already expanded into them. The office feed and the internal-deadline view
 * need them on every read; computing them reads every staff row (16 {@code Query}s) and every subscriber (a
 * {@code BatchGetItem} per 100), so they are kept as one item ({@link FollowedTopicsStore}) and read with one
 * {@code GetItem}.
 *
 * <p><b>Kept current by the writers.</b> Every write that may change them counts itself after it wrote
 * ({@link #touch}): the staff queue for each subscriber it makes or whose topics it changes, an upload that lists a
 * removed person again, a removal, a person's own topic change on the preferences page, and an ingest that gives a
 * follow rule's staff followers new topics. A counted change queues the office; the staff queue, at the end of each
 * dispatcher run, computes the queued offices again ({@link #refreshStale}), and so does the office's own
 * internal-deadline view. Until then (and for an office whose item was never made: data from before this item) a read
 * computes them from the staff as before, so an answer is never stale; the feed function, which writes nothing, does not
 * store what it computed.
 */
public final class FollowedTopics {
    private static final Logger LOG = Logger.getLogger(FollowedTopics.class.getName());

    private final FollowedTopicsItems store;
    private final StaffRows staffStore;
    private final SubscriberRecords subscribers;
    private final InternalDeadlineRecords internal;
    private final Clock clock;

    public FollowedTopics(FollowedTopicsItems store, StaffRows staffStore, SubscriberRecords subscribers, InternalDeadlineRecords internal,
                          Clock clock) {
        this.store = store;
        this.staffStore = staffStore;
        this.subscribers = subscribers;
        this.internal = internal;
        this.clock = clock;
    }

    /**
     * The office's followed topics, sorted: one {@code GetItem} when the stored ones are current, else computed from the
     * staff (not stored: for a reader that may not write).
     */
    public SortedSet<String> of(String officeId) {
        Optional<FollowedTopicsStore.Followed> stored = store.read(officeId);
        if (stored.isPresent() && stored.get().current()) {
            return new TreeSet<>(stored.get().topics());
        }
        return computed(officeId);
    }

    /** As {@link #of}, storing what it computed (when no change was counted meanwhile). */
    public SortedSet<String> refreshed(String officeId) {
        Optional<FollowedTopicsStore.Followed> stored = store.read(officeId);
        if (stored.isPresent() && stored.get().current()) {
            return new TreeSet<>(stored.get().topics());
        }
        SortedSet<String> topics = computed(officeId);
        store.store(officeId, stored.map(FollowedTopicsStore.Followed::changes).orElse(0L), List.copyOf(topics), clock.instant());
        return topics;
    }

    /**
     * Computes and stores the followed topics of every office a change was counted for since, while {@code timeLeft}
     * says so: returns how many (the others stay queued for the next run).
     */
    public int refreshStale(java.util.function.BooleanSupplier timeLeft) {
        int n = 0;
        for (String officeId : store.stale()) {
            if (!timeLeft.getAsBoolean()) {
                break;
            }
            refreshed(officeId);
            n++;
        }
        if (n > 0) {
            int done = n;
            LOG.info(() -> "followed topics computed again for " + done + " offices");
        }
        return n;
    }

    /** Counts a change of the office's followed topics, made just before. */
    public void touch(String officeId) {
        store.touch(officeId);
    }

    /**
     * Counts a change of a subscriber's topics, made just before, for the office that registered it (one {@code GetItem}
     * tells; nothing for an individual subscriber).
     */
    public void touchSubscriber(String subscriberId) {
        internal.officeOfSubscriber(subscriberId).ifPresent(store::touch);
    }

    /** From the staff: every listed row's subscriber's topics (16 {@code Query}s and a {@code BatchGetItem} per 100). */
    private SortedSet<String> computed(String officeId) {
        List<String> ids = staffStore.staff(officeId).stream().filter(r -> !r.removed()).map(StaffStore.StaffRow::subscriberId).toList();
        SortedSet<String> topics = new TreeSet<>();
        for (Subscriber s : subscribers.byIds(ids).values()) {
            topics.addAll(s.topicIds());
        }
        return topics;
    }
}
