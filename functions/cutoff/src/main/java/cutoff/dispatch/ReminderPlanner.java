package cutoff.dispatch;

import cutoff.reminder.Reminder;
import cutoff.deadline.Deadline;
import cutoff.deadline.DeadlineChange;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.office.Office;
import cutoff.store.IngestResult;
import cutoff.store.NoticeReads;
import cutoff.store.ReminderItems;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans reminders: for each confirmed subscriber, each followed topic's deadlines but the opening (the
 * cutoff, the call's further deadlines such as the recommending body's review, paper copies or a
 * relaying office's own date, and the foreign-side deadlines), and each of the subscriber's lead times,
 * one PENDING reminder due at that lead before the deadline ({@link LeadTime#dueFor}); for staff a research
 * office registered, also the office's internal deadline of each followed topic, like a cutoff. Only reminders due in the future are planned: a subscriber who
 * joins two days before a cutoff gets the 1-day and morning-of reminders, not late 7- and 3-day ones.
 *
 * <p>Planning is a comparison with what is stored, so it can run again at any time: after a subscriber
 * confirms or changes settings, and after an ingest moves, adds or withdraws deadlines. A moved deadline
 * also gets one CHANGE item per subscriber ("from X to Y"), due at once; a withdrawn one a WITHDRAWN item.
 */
public final class ReminderPlanner {
    private final NoticeReads notices;
    private final SubscriberRecords subscribers;
    private final ReminderItems reminders;
    private final Clock clock;
    private final InternalDeadlineSource internal;

    public ReminderPlanner(NoticeReads notices, SubscriberRecords subscribers, ReminderItems reminders, Clock clock) {
        this(notices, subscribers, reminders, clock, null);
    }

    /**
     * @param internal research offices' internal deadlines, reminded like a cutoff for the staff an office
     *                 registered; {@code null} for none
     */
    public ReminderPlanner(NoticeReads notices, SubscriberRecords subscribers, ReminderItems reminders, Clock clock,
                           InternalDeadlineSource internal) {
        this.notices = notices;
        this.subscribers = subscribers;
        this.reminders = reminders;
        this.clock = clock;
        this.internal = internal;
    }

    /** What one planning pass did, for the operator and the tests. */
    public record Plan(int planned, int cancelled, int unchanged) {
    }

    /** Plans (or re-plans) every reminder of one subscriber; cancels what it no longer wants. */
    public Plan planSubscriber(Subscriber subscriber) {
        return withCursor(planSubscriber(subscriber, new HashMap<>(),
                () -> internal == null ? List.of() : internal.forSubscriber(subscriber)));
    }

    /**
     * As {@link #planSubscriber(Subscriber)}, for a staff member whose office the caller already holds (the
     * staff queue): the internal deadlines come from that office, without looking it up again.
     */
    public Plan planStaff(Subscriber subscriber, Office office) {
        return withCursor(planSubscriber(subscriber, new HashMap<>(),
                () -> internal == null ? List.of() : internal.forStaff(subscriber, office)));
    }

    /**
     * Makes sure the dispatcher's cursor exists once something was planned, so its first run starts no
     * later than today: one conditional write per planning pass, not per reminder or subscriber.
     */
    private Plan withCursor(Plan plan) {
        if (plan.planned() > 0) {
            reminders.startCursor(ReminderStore.bucket(clock.instant()));
        }
        return plan;
    }

    private Plan planSubscriber(Subscriber subscriber, Map<String, List<Deadline>> noticeCache,
                                java.util.function.Supplier<List<Deadline>> internalDeadlines) {
        Instant now = clock.instant();
        Map<String, Reminder> existing = new HashMap<>();
        for (Reminder r : reminders.ofSubscriber(subscriber.id())) {
            if (r.kind() == Reminder.Kind.REMINDER) {
                existing.put(r.deadlineUid() + "#" + r.lead(), r);
            }
        }
        List<Deadline> deadlines = new ArrayList<>();
        if (subscriber.status() == Subscriber.Status.CONFIRMED) {
            deadlines.addAll(deadlinesOf(subscriber.topicIds(), noticeCache));
            internalDeadlines.get().stream().filter(d -> !d.cancelled()).forEach(deadlines::add);
        }
        Map<String, Reminder> wanted = wanted(subscriber, deadlines, existing, now);
        int planned = 0;
        int cancelled = 0;
        int unchanged = 0;
        for (Map.Entry<String, Reminder> w : wanted.entrySet()) {
            Reminder old = existing.get(w.getKey());
            if (old != null && sameSnapshot(old, w.getValue())
                    && (old.status() != Reminder.Status.CANCELLED)) {
                unchanged++;
            } else if (reminders.plan(w.getValue())) {
                planned++;
            }
        }
        for (Map.Entry<String, Reminder> e : existing.entrySet()) {
            if (!wanted.containsKey(e.getKey()) && e.getValue().status() == Reminder.Status.PENDING
                    && reminders.cancel(e.getValue(), "no longer wanted: topic, lead time or deadline changed", now)) {
                cancelled++;
            }
        }
        return new Plan(planned, cancelled, unchanged);
    }

    /**
     * The planning rule, without the store: the reminders a subscriber wants at {@code now}, keyed
     * {@code <deadline UID>#<lead code>}. Only a CONFIRMED subscriber wants any: for each deadline given
     * and each of its lead times, one PENDING reminder due at {@link LeadTime#dueFor} (in the deadline's own
     * zone), if that is after {@code now}; one already due but unsent ({@code existing} holds it PENDING at
     * the same instant) is kept as it is. A lead with no due instant for a deadline plans nothing.
     *
     * @param deadlines the live deadlines to remind of (openings and withdrawn ones already left out)
     * @param existing  the subscriber's stored REMINDER items, by the same key
     */
    static Map<String, Reminder> wanted(Subscriber subscriber, List<Deadline> deadlines, Map<String, Reminder> existing,
                                        Instant now) {
        Map<String, Reminder> wanted = new HashMap<>();
        if (subscriber.status() != Subscriber.Status.CONFIRMED) {
            return wanted;
        }
        for (Deadline d : deadlines) {
            for (LeadTime lead : subscriber.leadTimes()) {
                Optional<Instant> due = lead.dueFor(d);
                Reminder old = existing.get(d.uid() + "#" + lead.code());
                // Future reminders are planned; one already due but not yet sent is kept as it is.
                boolean dueButUnsent = due.isPresent() && old != null && old.status() == Reminder.Status.PENDING
                        && old.dueAt().equals(due.get());
                if (due.isPresent() && (due.get().isAfter(now) || dueButUnsent)) {
                    wanted.put(d.uid() + "#" + lead.code(), reminder(subscriber.id(), d, lead.code(),
                            Reminder.Kind.REMINDER, due.get(), null));
                }
            }
        }
        return wanted;
    }

    /** Cancels every pending reminder of a subscriber (unsubscribed or suppressed). */
    public int cancelAll(String subscriberId, String reason) {
        int cancelled = 0;
        for (Reminder r : reminders.ofSubscriber(subscriberId)) {
            if (r.status() == Reminder.Status.PENDING && reminders.cancel(r, reason, clock.instant())) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Re-plans the subscribers of every topic an ingest changed, and queues a CHANGE item for each
     * subscriber of a deadline that moved and is still ahead, and a WITHDRAWN item for each subscriber of
     * a deadline withdrawn while still ahead ({@link DeadlineChange#told}).
     */
    public Plan afterIngest(IngestResult result) {
        return afterIngest(result, null);
    }

    /**
     * As {@link #afterIngest(IngestResult)}, after a notice was withdrawn (or any ingest) with a reason to tell: the
     * WITHDRAWN items carry it to the email ({@link Reminder#previous}).
     *
     * @param reason one line, as the editor or operator gave it; {@code null} for none
     */
    public Plan afterIngest(IngestResult result, String reason) {
        Instant now = clock.instant();
        Set<String> topics = new LinkedHashSet<>();
        List<DeadlineChange> moves = new ArrayList<>();
        for (DeadlineChange c : result.changes()) {
            if (c.after().kind() == DeadlineKind.OPENS) {
                continue;
            }
            topics.add(c.after().topicId());
            if (c.told(now)) {
                moves.add(c);
            }
        }
        Map<String, List<Deadline>> noticeCache = new HashMap<>();
        int planned = 0;
        int cancelled = 0;
        int unchanged = 0;
        for (String topicId : topics) {
            for (String id : subscribers.subscriberIdsOf(topicId)) {
                Optional<Subscriber> s = subscribers.byId(id);
                if (s.isEmpty()) {
                    continue;
                }
                Subscriber found = s.get();
                Plan p = planSubscriber(found, noticeCache, () -> internal == null ? List.of() : internal.forSubscriber(found));
                planned += p.planned();
                cancelled += p.cancelled();
                unchanged += p.unchanged();
                if (s.get().status() != Subscriber.Status.CONFIRMED) {
                    continue;
                }
                for (DeadlineChange move : moves) {
                    if (move.after().topicId().equals(topicId)) {
                        boolean withdrawn = move.after().cancelled();
                        reminders.plan(reminder(id, move.after(), "CHANGE#" + move.after().sequence(),
                                withdrawn ? Reminder.Kind.WITHDRAWN : Reminder.Kind.CHANGE, now,
                                withdrawn ? reason : move.before().cancelled() ? Reminder.WAS_WITHDRAWN : Deadlines.wall(move.before())));
                        planned++;
                    }
                }
            }
        }
        return withCursor(new Plan(planned, cancelled, unchanged));
    }

    /**
     * How many people the change emails of some changes reach, as {@link #afterIngest} queues them: the addresses
     * (normalised, {@link Subscriber#normalise}) of the confirmed subscribers of each topic with a change that is told
     * ({@link DeadlineChange#told}: moved or withdrawn while still ahead). One address reached in two ways counts once,
     * as the dispatcher sends it one email. One {@code Query} and one {@code BatchGetItem} per such topic.
     *
     * @param now the instant of the ingest or withdrawal (UTC)
     */
    public static int changeEmails(List<DeadlineChange> changes, SubscriberRecords subscribers, Instant now) {
        Set<String> topics = new LinkedHashSet<>();
        for (DeadlineChange c : changes) {
            if (c.told(now)) {
                topics.add(c.after().topicId());
            }
        }
        Set<String> told = new LinkedHashSet<>();
        for (String topicId : topics) {
            subscribers.byIds(subscribers.subscriberIdsOf(topicId)).values().stream()
                    .filter(s -> s.status() == Subscriber.Status.CONFIRMED)
                    .forEach(s -> told.add(Subscriber.normalise(s.email())));
        }
        return told.size();
    }

    /** The live deadlines of some topics but their openings: one {@code Query} per notice. */
    private List<Deadline> deadlinesOf(List<String> topicIds, Map<String, List<Deadline>> cache) {
        return notices.deadlinesOfTopics(topicIds, cache).stream()
                .filter(d -> !d.cancelled() && d.kind() != DeadlineKind.OPENS).toList();
    }

    private static boolean sameSnapshot(Reminder a, Reminder b) {
        return a.dueAt().equals(b.dueAt()) && java.util.Objects.equals(a.at(), b.at()) && a.date().equals(b.date())
                && a.zone().equals(b.zone()) && a.summary().equals(b.summary());
    }

    public static Reminder reminder(String subscriberId, Deadline d, String lead, Reminder.Kind kind, Instant due, String previous) {
        return new Reminder(subscriberId, d.uid(), lead, kind, due, Reminder.Status.PENDING, d.noticeId(), d.topicId(),
                d.kind(), d.at(), d.date(), d.zone(), d.summary(), previous, null, null);
    }
}
