package cutoff.officeservice;

import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.InternalDeadlineSource;
import cutoff.dispatch.ReminderPlanner;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.NoticeIds;
import cutoff.office.InternalDeadline;
import cutoff.office.Office;
import cutoff.reminder.Reminder;
import cutoff.store.InternalDeadlineRecords;
import cutoff.store.InternalDeadlineStore.Settings;
import cutoff.store.InternalDeadlineStore.State;
import cutoff.store.NoticeStore;
import cutoff.store.OfficeRecords;
import cutoff.store.ReminderItems;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.Subscriber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * A research office's internal deadlines (the rule, per-topic overrides) and its own feed.
 *
 * <p><b>Changing them.</b> Each change (rule or override, set or removed) is recorded per topic as what the
 * staff are told ({@link State}: instant, SEQUENCE). Every topic whose internal deadline moved, appeared or
 * was withdrawn re-plans the reminders of the office's staff who follow it (reminded like a cutoff, at
 * each person's lead times) and queues one CHANGE item per person and topic, keyed by the new SEQUENCE
 * ({@code REM#<uid>#CHANGE#<n>}): the dispatcher sends each person's due items as one email and claims
 * each item once, so a person gets one "changed" email per change, and a repeated identical request
 * (nothing moves) queues nothing. Staff who opted out or bounced are not CONFIRMED: nothing is planned
 * or queued for them.
 *
 * <p><b>Followed topics</b> are the topics in the subscriptions of the office's listed staff (follow rules
 * already expanded into them), kept as an item of their own ({@link FollowedTopics}): the view and the office
 * feed read them with one {@code GetItem}, whatever the office's size. A change (rule or override) still reads
 * every follower, since it re-plans and tells each of them.
 *
 * <p>Nothing here logs an address, a key or a feed secret.
 */
public final class InternalDeadlines {
    private static final Logger LOG = Logger.getLogger(InternalDeadlines.class.getName());
    /** The office feed's calendar name prefix (X-WR-CALNAME). */
    static final String OFFICE_FEED = "Cutoff · 科研处 Office · ";
    /** How a never-set internal deadline reads as the "previous" value of a change. */
    static final String NOT_SET = InternalDeadline.NOT_SET;

    private final InternalDeadlineSource source;
    private final FollowedTopics followed;
    private final InternalDeadlineRecords store;
    private final OfficeRecords officeStore;
    private final StaffRows staffStore;
    private final SubscriberRecords subscribers;
    private final ReminderPlanner planner;
    private final ReminderItems reminders;
    private final Clock clock;

    public InternalDeadlines(InternalDeadlineSource source, FollowedTopics followed, InternalDeadlineRecords store,
                             OfficeRecords officeStore, StaffRows staffStore, SubscriberRecords subscribers, ReminderPlanner planner,
                             ReminderItems reminders, Clock clock) {
        this.source = source;
        this.followed = followed;
        this.store = store;
        this.officeStore = officeStore;
        this.staffStore = staffStore;
        this.subscribers = subscribers;
        this.planner = planner;
        this.reminders = reminders;
        this.clock = clock;
    }

    /** An unknown topic (404 naming it). */
    public static final class UnknownTopic extends Exception {
        public UnknownTopic(String topicId) {
            super("no topic " + (topicId.length() > 80 ? topicId.substring(0, 80) + "…" : topicId)
                    + " (or it has no cutoff, or it was withdrawn)");
        }
    }

    /** One followed topic's internal deadline, as the API lists it. */
    public record Listed(String topicId, String noticeId, String title, Deadline cutoff, Instant internal, String source) {
    }

    /** A topic the office's staff follow, with its live cutoff: what an override can be set on. */
    public record Followed(String topicId, String noticeId, String title, Deadline cutoff) {
    }

    /**
     * What GET answers: the rule (or {@code null}), the overrides by topic, each followed topic's internal deadline,
     * and every followed topic with a live cutoff (with or without an internal deadline), ordered by topic id.
     */
    public record View(InternalDeadline.Rule rule, Map<String, Instant> overrides, List<Listed> deadlines, List<Followed> topics) {
    }

    /** What a change did: topics whose internal deadline changed, and staff members told. */
    public record Changed(int topics, int staff) {
    }

    /** The office's settings and its followed topics' internal deadlines, ordered by topic id. */
    public View view(Office office) {
        Settings settings = source.settings(office.id());
        cutoff.store.NoticeLookup cache = source.lookup();
        List<Listed> listed = new ArrayList<>();
        List<Followed> followed = new ArrayList<>();
        for (String topicId : this.followed.refreshed(office.id())) {
            source.cutoff(topicId, cache).ifPresent(c -> followed.add(new Followed(topicId, c.getKey().noticeId(), c.getValue(), c.getKey())));
            source.compute(office, settings, topicId, "zh", cache).filter(c -> !c.deadline().cancelled()).ifPresent(c ->
                    listed.add(new Listed(topicId, c.cutoff().noticeId(), c.title(), c.cutoff(), c.deadline().at(), c.source())));
        }
        Map<String, Instant> overrides = new LinkedHashMap<>();
        settings.overrides().forEach((t, o) -> overrides.put(t, o.at()));
        return new View(settings.rule(), overrides, listed, followed);
    }

    /** Sets the office's rule, re-plans and announces what moved. */
    public Changed setRule(Office office, InternalDeadline.Rule rule) {
        return change(office, () -> store.putRule(office.id(), rule, clock.instant()));
    }

    /** Removes the office's rule (overrides stay); false when there was none. */
    public boolean deleteRule(Office office) {
        if (source.settings(office.id()).rule() == null) {
            return false;
        }
        change(office, () -> store.putRule(office.id(), null, clock.instant()));
        return true;
    }

    /**
     * Sets a topic's explicit internal deadline.
     *
     * @throws UnknownTopic                 for a topic that is not stored, or has no live cutoff, or is another office's relay
     * @throws InternalDeadline.BadValue    ({@code at}) when the instant is not before the topic's cutoff, or is
     *                                      before the clock's now (staff could not meet it, and its "changed"
     *                                      email would announce a date already gone); ({@code topicId}) when the
     *                                      topic's cutoff has passed
     */
    public Changed setOverride(Office office, String topicId, Instant at) throws UnknownTopic {
        checkOverride(office, topicId, at);
        return change(office, () -> store.putOverride(office.id(), topicId, at, clock.instant()));
    }

    /**
     * Sets several topics' explicit internal deadlines as one change (a research office's relay, issue 19): every one
     * is checked as {@link #setOverride} checks it before any is written, then the staff following each topic that
     * moved are re-planned and told once.
     *
     * @param at topic id → its internal deadline
     * @throws UnknownTopic              as {@link #setOverride}; nothing written
     * @throws InternalDeadline.BadValue as {@link #setOverride}; nothing written
     */
    public Changed setOverrides(Office office, Map<String, Instant> at) throws UnknownTopic {
        for (Map.Entry<String, Instant> e : at.entrySet()) {
            checkOverride(office, e.getKey(), e.getValue());
        }
        return change(office, () -> at.forEach((topicId, instant) -> store.putOverride(office.id(), topicId, instant, clock.instant())));
    }

    private void checkOverride(Office office, String topicId, Instant at) throws UnknownTopic {
        if (NoticeIds.isRelay(topicId) && !NoticeIds.isRelayOf(topicId, office.id())) {
            throw new UnknownTopic(topicId); // another office's relay: as a topic that does not exist
        }
        Deadline cutoff = liveCutoff(topicId);
        Instant closed = cutoff.timed() ? cutoff.at() : cutoff.date().plusDays(1).atStartOfDay(cutoff.zone()).toInstant();
        if (!clock.instant().isBefore(closed)) {
            throw new InternalDeadline.BadValue("topicId", "topic_closed", "the topic " + topicId + " closed at " + Deadlines.wall(cutoff)
                    + "; an internal deadline is for a call still open");
        }
        if (!at.isBefore(cutoff.earliest())) {
            throw new InternalDeadline.BadValue("at", "after_cutoff", "at must be before the topic's cutoff (" + Deadlines.wall(cutoff) + ")");
        }
        Instant now = clock.instant();
        if (at.isBefore(now)) {
            throw new InternalDeadline.BadValue("at", "in_past", "at is in the past (it is now " + InternalDeadline.wall(now) + " Beijing time)");
        }
    }

    /**
     * Removes a topic's explicit internal deadline (the rule applies again, if any).
     *
     * @return false when the topic had none
     * @throws UnknownTopic for a topic that is not stored and has no override (a withdrawn topic's override can go)
     */
    public boolean deleteOverride(Office office, String topicId) throws UnknownTopic {
        if (!source.settings(office.id()).overrides().containsKey(topicId)) {
            boolean othersRelay = NoticeIds.isRelay(topicId) && !NoticeIds.isRelayOf(topicId, office.id());
            if (othersRelay || source.notice(topicId, source.lookup()).filter(n -> n.notice().topics().stream()
                    .anyMatch(t -> t.id().equals(topicId))).isEmpty()) {
                throw new UnknownTopic(topicId);
            }
            return false;
        }
        change(office, () -> store.deleteOverride(office.id(), topicId));
        return true;
    }

    private Deadline liveCutoff(String topicId) throws UnknownTopic {
        if (NoticeIds.noticeIdOf(topicId).isEmpty()) {
            throw new UnknownTopic(topicId);
        }
        return source.cutoff(topicId, source.lookup()).map(Map.Entry::getKey).orElseThrow(() -> new UnknownTopic(topicId));
    }

    /**
     * Records what the staff see now without telling them (topics followed since the last change, cutoffs
     * moved by an ingest: their own change emails went out then), writes the change, then records and
     * announces what it moved.
     */
    private Changed change(Office office, Runnable write) {
        Map<String, List<Subscriber>> followers = followers(office.id());
        reconcile(office, followers, false);
        write.run();
        Changed changed = reconcile(office, followers, true);
        LOG.info(() -> "internal deadlines changed: " + changed.topics() + " topics, " + changed.staff() + " staff told");
        return changed;
    }

    private Changed reconcile(Office office, Map<String, List<Subscriber>> followers, boolean announce) {
        Instant now = clock.instant();
        Settings settings = source.settings(office.id());
        Set<String> topics = new TreeSet<>(followers.keySet());
        topics.addAll(settings.states().keySet());
        topics.addAll(settings.overrides().keySet());
        cutoff.store.NoticeLookup cache = source.lookup();
        Set<String> moved = new LinkedHashSet<>();
        Map<String, Reminder> announced = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        Set<String> withdrawn = new LinkedHashSet<>();
        for (String topicId : topics) {
            Optional<InternalDeadlineSource.Computed> computed = source.compute(office, settings, topicId, "zh", cache);
            State told = settings.states().get(topicId);
            if (computed.isEmpty()) {
                continue;
            }
            Deadline d = computed.get().deadline();
            if (told != null && told.sequence() == d.sequence() && told.cancelled() == d.cancelled()) {
                continue;
            }
            // Recorded silently, a state keeps the DTSTAMP feeds showed; a change announced is stamped now.
            State state = new State(topicId, d.at(), d.sequence(), announce ? now : d.lastModified(), d.cancelled(),
                    computed.get().cutoffSequence());
            if (!store.putState(office.id(), state, told)) {
                continue; // another request recorded this change: it re-plans and announces it
            }
            if (told == null && d.cancelled()) {
                continue; // a withdrawn topic's, recorded so that it stays as shown whatever the office sets; nobody to tell
            }
            moved.add(topicId);
            if (d.cancelled()) {
                withdrawn.add(topicId);
            }
            titles.put(topicId, computed.get().title());
            boolean wasSet = told != null && !told.cancelled();
            if (d.cancelled() ? wasSet && told.at().isAfter(now) : d.at().isAfter(now)) {
                String previous = wasSet ? Deadlines.wall(told.at(), InternalDeadline.ZONE) : NOT_SET;
                announced.put(topicId, ReminderPlanner.reminder("", d, "CHANGE#" + d.sequence(), Reminder.Kind.CHANGE, now, previous));
            }
        }
        if (!announce) {
            return new Changed(0, 0);
        }
        Set<String> told = new LinkedHashSet<>();
        Set<String> planned = new LinkedHashSet<>();
        for (String topicId : moved) {
            for (Subscriber s : followers.getOrDefault(topicId, List.of())) {
                if (s.status() != Subscriber.Status.CONFIRMED) {
                    continue;
                }
                // Reminded like a cutoff, at the person's own lead times: a moved one's old reminders go.
                if (planned.add(s.id())) {
                    planner.planSubscriber(s);
                }
                Reminder change = announced.get(topicId);
                if (change != null) {
                    reminders.plan(forStaff(change, s, office.name(), titles.get(topicId), withdrawn.contains(topicId)));
                    told.add(s.id());
                }
            }
        }
        return new Changed(moved.size(), told.size());
    }

    /** The CHANGE item for one person, its summary in their language ("removed" for a withdrawn one). */
    private static Reminder forStaff(Reminder r, Subscriber s, String officeName, String title, boolean withdrawn) {
        String summary = (withdrawn ? InternalDeadline.REMOVED : "") + InternalDeadline.summary(s.language(), officeName, title);
        return new Reminder(s.id(), r.deadlineUid(), r.lead(), r.kind(), r.dueAt(), r.status(), r.noticeId(), r.topicId(),
                r.deadlineKind(), r.at(), r.date(), r.zone(), summary, r.previous(), null, null);
    }

    /** The office's listed staff subscribers by the topics they follow. */
    private Map<String, List<Subscriber>> followers(String officeId) {
        List<String> ids = staffStore.staff(officeId).stream().filter(r -> !r.removed()).map(StaffStore.StaffRow::subscriberId).toList();
        Map<String, List<Subscriber>> byTopic = new LinkedHashMap<>();
        for (Subscriber s : subscribers.byIds(ids).values()) {
            for (String t : s.topicIds()) {
                byTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(s);
            }
        }
        return byTopic;
    }

    // ------------------------------------------------------------------ the office feed

    /** The office's feed URL secret (made on first use); empty for no such office. */
    public Optional<String> feedSecret(Office office) {
        return store.feedSecret(office.id());
    }

    /** A new feed URL secret; the old URL answers 404 at once. */
    public Optional<String> rotateFeedSecret(Office office) {
        Optional<String> secret = store.rotateFeedSecret(office.id());
        LOG.info("office feed URL rotated");
        return secret;
    }

    /** An office feed: its name and events. */
    public record OfficeFeed(String name, List<Deadline> deadlines) {
    }

    /**
     * The office feed of a secret: every deadline of every followed topic (openings, cutoffs, the call's
     * further deadlines, foreign-side ones) and the office's internal deadlines, SUMMARY in Chinese.
     * Empty for an unknown or rotated secret.
     */
    public Optional<OfficeFeed> officeFeed(String secret) {
        Optional<Office> office = store.officeOfFeedSecret(secret).flatMap(officeStore::office);
        if (office.isEmpty()) {
            return Optional.empty();
        }
        Set<String> topics = followed.of(office.get().id());
        Settings settings = source.settings(office.get().id());
        cutoff.store.NoticeLookup cache = source.lookup();
        List<Deadline> all = new ArrayList<>();
        for (String topicId : topics) {
            source.notice(topicId, cache).ifPresent(n -> n.deadlines().stream().filter(d -> d.topicId().equals(topicId)).forEach(all::add));
        }
        all.addAll(source.forTopics(office.get(), settings, topics, "zh", cache));
        return Optional.of(new OfficeFeed(OFFICE_FEED + office.get().name(), all));
    }
}
