package cutoff.dispatch;

import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.notice.NoticeIds;
import cutoff.office.InternalDeadline;
import cutoff.office.Office;
import cutoff.store.InternalDeadlineRecords;
import cutoff.store.InternalDeadlineStore;
import cutoff.store.InternalDeadlineStore.Settings;
import cutoff.store.InternalDeadlineStore.State;
import cutoff.store.NoticeReads;
import cutoff.store.NoticeLookup;
import cutoff.store.NoticeStore;
import cutoff.store.OfficeRecords;
import cutoff.subscriber.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads research offices' internal deadlines as feeds and reminders take them: computed from the
 * office's settings (an override for the topic, else the rule applied to the topic's cutoff) and what
 * the staff were last told ({@link State}), so that a read never writes and the same data always gives
 * the same event (UID, SEQUENCE, DTSTAMP): the feeds' ETags hold until something changes.
 *
 * <p>SEQUENCE never goes down and goes up with every change a calendar shows (DTSTART, STATUS), across rules, overrides,
 * moved cutoffs, withdrawals and publications again: the state told, plus the changes of the topic's cutoffs since
 * ({@link #sequence}).
 */
public final class InternalDeadlineSource {
    private final InternalDeadlineRecords store;
    private final OfficeRecords officeStore;
    private final NoticeReads notices;

    public InternalDeadlineSource(InternalDeadlineRecords store, OfficeRecords officeStore, NoticeReads notices) {
        this.store = store;
        this.officeStore = officeStore;
        this.notices = notices;
    }

    /**
     * A topic's internal deadline as computed now.
     *
     * @param deadline the event (cancelled when withdrawn), in the language asked for
     * @param source   {@code rule} or {@code override}; {@code null} for a withdrawn one
     * @param cutoff   the topic's live cutoff (its withdrawn one, for a withdrawn topic)
     * @param cutoffSequence the topic's cutoff count ({@link #cutoffSequence}), which a told state records
     */
    public record Computed(Deadline deadline, String source, Deadline cutoff, String title, int cutoffSequence) {
    }

    /** A lookup of notices for one request or run: each read once ({@link NoticeLookup}). */
    public NoticeLookup lookup() {
        return new NoticeLookup(notices::notice);
    }

    /** A notice's stored topics and deadlines, read once per request. */
    public Optional<NoticeStore.StoredNotice> notice(String topicId, NoticeLookup cache) {
        return cache.storedOfTopic(topicId);
    }

    /**
     * A topic's live cutoff and display name (a topic without a key or title, in a notice of one: the notice's title or
     * document number); empty for an unknown or withdrawn topic.
     */
    public Optional<Map.Entry<Deadline, String>> cutoff(String topicId, NoticeLookup cache) {
        return notice(topicId, cache).flatMap(n -> n.topic(topicId).flatMap(topic ->
                n.cutoff(topicId).map(closes -> Map.entry(closes, topic.displayName() != null ? topic.displayName()
                        : ChatPosts.named(n.notice())))));
    }

    /** The office's settings: one {@code Query}. */
    public Settings settings(String officeId) {
        return store.settings(officeId);
    }

    /**
     * A topic's cutoff as a later ingest or the notice's withdrawal withdrew it (stored, cancelled) and its name as that
     * cutoff's SUMMARY gives it ({@link Deadlines#topicNameOf}); empty for a topic that is live, unknown, or never had a
     * cutoff.
     */
    private Optional<Map.Entry<Deadline, String>> withdrawnCutoff(String topicId, NoticeLookup cache) {
        return notice(topicId, cache).filter(n -> n.topic(topicId).isEmpty() || n.withdrawn(topicId)).flatMap(n -> n.deadlines().stream()
                .filter(d -> d.topicId().equals(topicId) && d.kind() == DeadlineKind.CLOSES && d.cancelled()).findFirst())
                .map(closes -> Map.entry(closes, Deadlines.topicNameOf(closes)));
    }

    /**
     * One topic's internal deadline for an office; empty when it has none and never had one.
     *
     * <p>A topic a later ingest withdrew (or whose notice was withdrawn) keeps its internal deadline as a cancelled event (STATUS:CANCELLED,
     * RFC 5545 §3.8.1.11), at the instant the staff were shown and DTSTAMP the withdrawal's, so that calendars drop it with
     * the topic's other events; published again, it comes back with a higher SEQUENCE still ({@link #sequence}).
     *
     * @param language {@code zh} or {@code en}: the SUMMARY's language
     */
    public Optional<Computed> compute(Office office, Settings settings, String topicId, String language,
                                      NoticeLookup cache) {
        Optional<Map.Entry<Deadline, String>> found = cutoff(topicId, cache);
        State told = settings.states().get(topicId);
        boolean topicWithdrawn = found.isEmpty();
        if (topicWithdrawn) {
            found = withdrawnCutoff(topicId, cache);
            if (found.isEmpty()) {
                return Optional.empty();
            }
        }
        Deadline cutoff = found.get().getKey();
        String title = found.get().getValue();
        int cutoffSequence = notice(topicId, cache).map(n -> cutoffSequence(n, topicId)).orElse(0);
        InternalDeadlineStore.Override override = settings.overrides().get(topicId);
        Instant target = null;
        String source = null;
        if (override != null) {
            target = override.at();
            source = "override";
        } else if (settings.rule() != null) {
            target = settings.rule().apply(cutoff);
            source = "rule";
        }
        Instant at;
        boolean cancelled;
        if (topicWithdrawn) {
            // What the staff were shown, cancelled: once that is recorded (told cancelled), as recorded.
            at = told != null && (told.cancelled() || target == null) ? told.at() : target;
            cancelled = true;
            source = null;
        } else if (target != null) {
            at = target;
            cancelled = false;
        } else {
            // Removed (no rule, no override): the event stays as CANCELLED so that calendars drop it (RFC 5545 §3.8.1.11).
            at = told == null ? null : told.at();
            cancelled = true;
        }
        if (at == null) {
            return Optional.empty();
        }
        int sequence = sequence(told, cutoffSequence, at, cancelled);
        Instant lastModified;
        if (told != null && sequence == told.sequence()) {
            lastModified = told.lastModified();
        } else {
            Instant changedAt = override != null ? override.updatedAt() : settings.ruleUpdatedAt();
            boolean cutoffChanged = told == null ? topicWithdrawn : cutoffSequence > told.cutoffSequence();
            if (cutoffChanged || "rule".equals(source)) {
                changedAt = latest(changedAt, cutoff.lastModified());
            }
            lastModified = latest(told == null ? null : told.lastModified(), changedAt);
        }
        return Optional.of(new Computed(InternalDeadline.deadline(office.id(), office.name(), language, title, cutoff, at, sequence,
                lastModified, cancelled), cancelled ? null : source, cutoff, title, cutoffSequence));
    }

    /**
     * A topic's cutoff count: the sum of the SEQUENCEs of its stored {@link DeadlineKind#CLOSES} deadlines, withdrawn
     * ones included. Every change of a cutoff a calendar sees raises it, and nothing lowers it: an ingest moving a
     * cutoff, withdrawing it or bringing it back raises its SEQUENCE by one ({@code deadline.DeadlineDiff}), a notice's
     * withdrawal likewise ({@code NoticeStore.withdraw}), and withdrawn deadlines stay stored.
     */
    public static int cutoffSequence(NoticeStore.StoredNotice notice, String topicId) {
        return notice.deadlines().stream().filter(d -> d.topicId().equals(topicId) && d.kind() == DeadlineKind.CLOSES)
                .mapToInt(Deadline::sequence).sum();
    }

    /**
     * The SEQUENCE (RFC 5545 §3.8.7.4) of an internal deadline shown at {@code at} ({@code cancelled} or not): a read
     * never writes, yet calendars ignore an update whose SEQUENCE is below the one they hold (RFC 5545 §3.8.7.4, RFC 5546), so
     * it never goes down and goes up with every change shown, whatever happened since the staff were last told
     * ({@code told}):
     * <ul>
     *   <li>never told: the topic's cutoff count, which every later change of the cutoff raises;</li>
     *   <li>told: the SEQUENCE told plus how far the cutoff count rose since (each move, withdrawal or return of the
     *       cutoff: one each, whether or not the internal deadline moved with it, so a cutoff moved and moved back, or
     *       withdrawn and published again, still goes up), plus one for an office's change not yet recorded (what is
     *       shown differs from what was told while the cutoff stayed: the moment between a change's write and its
     *       record, {@code officeservice.InternalDeadlines}).</li>
     * </ul>
     * Every office change records the state shown before it and after it, so the "plus one" never stacks.
     *
     * @param cutoffSequence the topic's cutoff count now ({@link #cutoffSequence})
     */
    public static int sequence(State told, int cutoffSequence, Instant at, boolean cancelled) {
        if (told == null) {
            return cutoffSequence;
        }
        int since = Math.max(0, cutoffSequence - told.cutoffSequence());
        boolean asTold = told.cancelled() == cancelled && told.at().equals(at);
        return told.sequence() + since + (since == 0 && !asTold ? 1 : 0);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** An office's internal deadlines of some topics (withdrawn ones as cancelled events). */
    public List<Deadline> forTopics(Office office, Settings settings, Collection<String> topicIds, String language,
                                    NoticeLookup cache) {
        List<Deadline> result = new ArrayList<>();
        for (String topicId : topicIds) {
            compute(office, settings, topicId, language, cache).ifPresent(c -> result.add(c.deadline()));
        }
        return result;
    }

    /**
     * A subscriber's internal deadlines: those of the office that registered them, for the topics they
     * follow, in their language; none for an individual subscriber (one {@code GetItem} tells).
     */
    public List<Deadline> forSubscriber(Subscriber s) {
        if (s.topicIds().isEmpty()) {
            return List.of();
        }
        return store.officeOfSubscriber(s.id()).flatMap(officeStore::office).map(office -> forStaff(s, office)).orElse(List.of());
    }

    /**
     * A staff member's internal deadlines when the caller already knows their office (the staff queue, which
     * read it for the welcome): one {@code Query} for the office's settings instead of two {@code GetItem}s more.
     */
    public List<Deadline> forStaff(Subscriber s, Office office) {
        if (s.topicIds().isEmpty()) {
            return List.of();
        }
        return forTopics(office, store.settings(office.id()), s.topicIds(), s.language(), lookup());
    }
}
