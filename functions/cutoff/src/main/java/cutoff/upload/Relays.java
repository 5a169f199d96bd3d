package cutoff.upload;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.RelayedToStaff;
import cutoff.dispatch.ReminderPlanner;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.InternalDeadline;
import cutoff.office.Office;
import cutoff.officeservice.InternalDeadlines;
import cutoff.store.ChoiceReads;
import cutoff.store.ConcurrentIngestException;
import cutoff.store.FollowStore;
import cutoff.store.IngestResult;
import cutoff.store.InternalDeadlineRecords;
import cutoff.store.NoticeStore;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.store.OfficeRecords;
import cutoff.store.RelayStore;
import cutoff.store.RelayedTopicsItems;
import cutoff.store.RelayedTopicsStore.Entry;
import cutoff.store.RelayedTopicsStore.Relayed;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.OwnChoices;
import cutoff.subscriber.Subscriber;
import cutoff.upload.NoticeUploads.NotPublished;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A research office's relay published to its staff only (issue 19: "an office uploads the notice it received, sets its
 * own earlier deadline, and publishes to its staff only").
 *
 * <p><b>Who gets it</b>: every staff member the office lists while the call is open. The relay's topics are added to
 * the office's relayed topics ({@link RelayedTopicsItems}, one item an office), which the staff queue unions into each
 * listed person's topics when it works their row, new or changed ({@link RelayedToStaff}): people listed later get it,
 * and a changed row keeps it. Now, at the publication, every active staff member (a listed row, not removed, whose
 * subscriber is CONFIRMED: not opted out, not bounced, already made by the staff queue) gets the topics they lack in
 * their settings with a topic membership (their personal feed shows them; later publications re-plan them), once per
 * person and topic ({@link FollowStore#expand}, recorded as rule {@code relay:<orgId>}), and their reminders planned; a
 * topic the person dropped on their preferences page is not given again (here or by the staff queue). The relay is the
 * office telling its staff, so it is not filtered by the topics their rows name. The office's followed topics are
 * counted as changed, so the office feed shows them. Staff given topics now are not emailed; staff already following a
 * topic whose internal deadline this sets or moves get the change email of {@link InternalDeadlines}.
 *
 * <p><b>The office's date</b> per topic ({@link OfficeDates}) becomes its internal deadline for the topic (an
 * override, {@link InternalDeadlines#setOverrides}): the office feed and its staff's feeds show it, and it is reminded
 * like a cutoff. A topic without a date of its own keeps the office's override, else its rule.
 *
 * <p><b>A call already public</b> ({@link PublicCall}): nothing is stored twice; the office's dates are set on the
 * public topics, and its staff are given those. <b>A call that is not public</b>: stored for this office only
 * ({@link RelayStore}, under {@link NoticeIds#relayId}), on no public page, feed, listing or follow rule. Once an office
 * has a private relay of a notice, publishing it again moves that relay (a revision: SEQUENCE up, change emails to the
 * staff who follow its topics), even if the call has become public since.
 *
 * <p>Every check is made before anything is written: a refusal writes nothing.
 */
public final class Relays {
    private static final Logger LOG = Logger.getLogger(Relays.class.getName());
    /** Topics given in one transaction (two items each, plus the subscriber's update), as {@code FollowExpansion}. */
    private static final int CHUNK = 45;
    /**
     * How long after its cutoff (as last published) a topic stays in the office's relayed topics: past it, the next
     * publication drops it, so the item does not grow for ever (a person holding it keeps it until their row changes).
     */
    static final Duration KEPT_AFTER_CUTOFF = Duration.ofDays(180);
    /** Writes of the office's relayed topics tried before a publication gives up (another one of the office's wrote first). */
    private static final int ATTEMPTS = 5;

    private final NoticeStore notices;
    private final RelayStore relays;
    private final OfficeRecords offices;
    private final StaffRows staff;
    private final SubscriberRecords subscribers;
    private final FollowStore follows;
    private final RelayedTopicsItems relayed;
    private final ChoiceReads choices;
    private final ReminderPlanner planner;
    private final FollowedTopics followed;
    private final InternalDeadlines internal;
    private final InternalDeadlineRecords settings;
    private final Clock clock;

    public Relays(NoticeStore notices, RelayStore relays, OfficeRecords offices, StaffRows staff, SubscriberRecords subscribers,
                  FollowStore follows, RelayedTopicsItems relayed, ChoiceReads choices, ReminderPlanner planner, FollowedTopics followed,
                  InternalDeadlines internal, InternalDeadlineRecords settings, Clock clock) {
        this.notices = notices;
        this.relays = relays;
        this.offices = offices;
        this.staff = staff;
        this.subscribers = subscribers;
        this.follows = follows;
        this.relayed = relayed;
        this.choices = choices;
        this.planner = planner;
        this.followed = followed;
        this.internal = internal;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What a relay's publication did.
     *
     * @param noticeId          the relay's own id ({@link NoticeIds#relayId}), or the public notice's when attached
     * @param attachedTo        the public notice the office's dates were attached to; {@code null} for a relay stored
     *                          for the office only
     * @param staff             the office's active staff: who the relay is for
     * @param staffGivenTopics  how many of them were given topics now (0 when publishing again)
     * @param internalDeadlines the office's date per topic, in the relay's topic order
     * @param result            what was stored ({@code null} when attached: nothing of the call is stored twice)
     * @param remindersPlanned  reminders planned for the staff (and CHANGE items for moved deadlines)
     * @param staffTold         staff told of a moved internal deadline (a change email each)
     */
    public record Published(String noticeId, String attachedTo, int staff, int staffGivenTopics,
                            List<OfficeDates.OfficeDate> internalDeadlines, IngestResult result, int remindersPlanned, int staffTold) {
    }

    /**
     * Publishes an office's relay to its staff.
     *
     * @param officeId the relaying office (from its key)
     * @param reading  the relay's reading, confirmed (nothing under review)
     * @throws NotPublished {@code INCOMPLETE} (422): a topic without a cutoff, a topic without the office's date, a date
     *                      not before the cutoff or in the past, a topic the public call does not have;
     *                      {@code CONCURRENT} (409): another publication of the same relay wrote first (nothing
     *                      written), or other publications of the office kept writing its relayed topics (what was
     *                      written stands: publishing again finishes it).
     */
    public Published publish(String officeId, Notice reading) throws NotPublished {
        Office office = offices.office(officeId).orElseThrow(() -> new NotPublished(NotPublished.Kind.INCOMPLETE,
                "no such research office (it was removed)", List.of()));
        String relayId = NoticeIds.relayId(officeId, reading.id());
        Optional<StoredNotice> own = relays.relay(relayId);
        Optional<Notice> call = own.isPresent() ? Optional.empty()
                : PublicCall.of(reading, id -> notices.notice(id).map(StoredNotice::notice), notices::notices);
        if (call.isPresent()) {
            StoredNotice published = notices.notice(call.get().id()).orElseThrow();
            return attach(office, reading, published);
        }
        return store(office, reading, relayId);
    }

    private Published attach(Office office, Notice reading, StoredNotice published) throws NotPublished {
        PublicCall.Matched matched = PublicCall.topics(reading, published.notice());
        if (!matched.problems().isEmpty()) {
            throw incomplete("the call is public (notice " + published.notice().id() + "), and the relay has topics it does not"
                    + " have: nothing attached", matched.problems());
        }
        List<OfficeDates.Item> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Topic t : reading.topics()) {
            String topicId = matched.topics().get(t.id()).id();
            Optional<Deadline> cutoff = published.cutoff(topicId);
            if (cutoff.isEmpty()) {
                problems.add("topic " + t.displayName() + ": the public call's topic " + topicId + " has no live cutoff");
            } else {
                items.add(new OfficeDates.Item(topicId, t, cutoff.get()));
            }
        }
        if (!problems.isEmpty()) {
            throw incomplete("the public call's topics cannot take an internal deadline: nothing attached", problems);
        }
        OfficeDates.Result dates = dates(office, items);
        InternalDeadlines.Changed changed = setDates(office, dates);
        remember(office, items);
        Given given = give(office, published.notice().id(), items.stream().map(OfficeDates.Item::topicId).toList());
        Published p = new Published(published.notice().id(), published.notice().id(), given.staff(), given.people(), dates.dates(),
                null, given.planned(), changed.staff());
        LOG.info(() -> "relay attached to public notice " + p.attachedTo() + ": " + items.size() + " topics, " + p.staff()
                + " staff, " + p.staffGivenTopics() + " given topics");
        return p;
    }

    private Published store(Office office, Notice reading, String relayId) throws NotPublished {
        Notice relay = copy(reading, relayId);
        List<Deadline> fresh;
        try {
            fresh = Deadlines.of(relay, clock.instant());
        } catch (IncompleteNoticeException e) {
            throw incomplete("a topic has no cutoff: set its window's \"closes\" in the reading (PUT) and publish again",
                    e.problems());
        }
        List<OfficeDates.Item> items = new ArrayList<>();
        for (int i = 0; i < relay.topics().size(); i++) {
            String topicId = relay.topics().get(i).id();
            Deadline cutoff = fresh.stream().filter(d -> d.topicId().equals(topicId) && d.kind() == DeadlineKind.CLOSES)
                    .findFirst().orElseThrow();
            items.add(new OfficeDates.Item(topicId, reading.topics().get(i), cutoff));
        }
        OfficeDates.Result dates = dates(office, items);
        IngestResult result;
        try {
            result = relays.store(relay, office.id());
        } catch (IncompleteNoticeException e) {
            throw incomplete("a topic has no cutoff", e.problems());
        } catch (ConcurrentIngestException e) {
            throw new NotPublished(NotPublished.Kind.CONCURRENT, "the relay was being published by another request at the same"
                    + " moment, which went first; nothing of this one was written: publish it again if it is still wanted", List.of());
        } catch (cutoff.store.ItemTooLargeException e) {
            throw incomplete("the reading is too large to store: " + e.getMessage(), List.of());
        }
        // A revision: the staff who follow a moved deadline are re-planned and told (change emails), as an ingest does.
        ReminderPlanner.Plan plan = result.nothingChanged() ? new ReminderPlanner.Plan(0, 0, 0) : planner.afterIngest(result);
        InternalDeadlines.Changed changed = setDates(office, dates);
        remember(office, items);
        Given given = give(office, relayId, relay.topics().stream().map(Topic::id).toList());
        Published p = new Published(relayId, null, given.staff(), given.people(), dates.dates(), result,
                plan.planned() + given.planned(), changed.staff());
        LOG.info(() -> "relay " + relayId + " published to its office's staff: " + result.summary() + "; " + p.staff() + " staff, "
                + p.staffGivenTopics() + " given topics");
        return p;
    }

    /**
     * The relay as its office's staff are shown it: the relay's id ({@link NoticeIds#relayId}) for the notice and under
     * it every topic's ({@link NoticeIds#relayTopicId}), so two offices' relays share no id, UID or internal deadline;
     * each topic without the RELAY deadline that is the office's date ({@link OfficeDates#withoutOfficeDeadline}).
     */
    static Notice copy(Notice reading, String relayId) {
        List<Topic> topics = new ArrayList<>();
        for (Topic t : reading.topics()) {
            Topic own = OfficeDates.withoutOfficeDeadline(t);
            topics.add(new Topic(NoticeIds.relayTopicId(relayId, reading.id(), t.id()), own.key(), own.programme(), own.title(),
                    own.directions(), own.window(), own.foreignDeadlines(), own.deadlines(), own.fundingCapWan(),
                    own.projectPeriod(), own.fields()));
        }
        return new Notice(relayId, reading.documentNumber(), reading.issuer(), reading.relayedBy(), reading.title(),
                reading.signedOn(), reading.applicationSite(), topics, reading.missing(), reading.review(), reading.caveat());
    }

    private OfficeDates.Result dates(Office office, List<OfficeDates.Item> items) throws NotPublished {
        var s = settings.settings(office.id());
        Map<String, Instant> overrides = new LinkedHashMap<>();
        s.overrides().forEach((topicId, o) -> overrides.put(topicId, o.at()));
        OfficeDates.Result dates = OfficeDates.of(items, s.rule(), overrides, clock.instant());
        if (!dates.problems().isEmpty()) {
            throw incomplete(dates.problems().size() + " topic(s) without a usable date of the office's: set each as a RELAY"
                    + " deadline of the topic (PUT the corrected reading) and publish again", dates.problems());
        }
        return dates;
    }

    /** Sets the office's dates that this publication brings (source {@code relay}) as its internal deadlines. */
    private InternalDeadlines.Changed setDates(Office office, OfficeDates.Result dates) throws NotPublished {
        Map<String, Instant> set = new LinkedHashMap<>();
        dates.dates().stream().filter(d -> d.source().equals("relay")).forEach(d -> set.put(d.topicId(), d.at()));
        if (set.isEmpty()) {
            return new InternalDeadlines.Changed(0, 0);
        }
        try {
            return internal.setOverrides(office, set);
        } catch (InternalDeadlines.UnknownTopic | InternalDeadline.BadValue e) {
            throw incomplete(e.getMessage(), List.of(e.getMessage()));
        }
    }

    /**
     * Adds the relay's topics to the office's relayed topics (before its staff are given them, so a row the staff queue
     * works meanwhile finds them there, or its subscriber is found here), with their cutoffs; drops the topics whose
     * cutoff is more than {@link #KEPT_AFTER_CUTOFF} past. One read and one conditional write, again if another
     * publication of the office wrote first.
     */
    private void remember(Office office, List<OfficeDates.Item> items) throws NotPublished {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Relayed was = relayed.relayed(List.of(office.id())).getOrDefault(office.id(), Relayed.NONE);
            Map<String, Entry> topics = new HashMap<>(was.topics());
            topics.values().removeIf(e -> e.closes().plus(KEPT_AFTER_CUTOFF).isBefore(now));
            for (OfficeDates.Item i : items) {
                Entry before = was.topics().get(i.topicId());
                topics.put(i.topicId(), new Entry(RelayedToStaff.ends(i.cutoff()), before != null ? before.relayedAt() : now));
            }
            Relayed next = new Relayed(was.version(), topics);
            if (next.topics().equals(was.topics()) || relayed.put(office.id(), next, was.version())) {
                return;
            }
        }
        throw new NotPublished(NotPublished.Kind.CONCURRENT, "other publications of the office's relays kept writing its relayed"
                + " topics at the same moment; the dates were set, the staff not yet given it: publish it again", List.of());
    }

    /** How many active staff the office has, how many were given topics now, and the reminders planned for them. */
    private record Given(int staff, int people, int planned) {
    }

    /** Gives every active staff member of the office the topics they were not given before, and plans their reminders. */
    private Given give(Office office, String noticeId, List<String> topicIds) {
        List<String> ids = staff.staff(office.id()).stream().filter(r -> !r.removed()).map(StaffStore.StaffRow::subscriberId).toList();
        List<Subscriber> active = subscribers.byIds(ids).values().stream()
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED).toList();
        Set<String> done = active.isEmpty() ? Set.of() : follows.expanded(noticeId);
        // A topic the person dropped on their preferences page is not given back (as the staff queue does not).
        Map<String, OwnChoices> own = active.isEmpty() ? Map.of() : choices.of(active.stream().map(Subscriber::id).toList());
        String rule = "relay:" + office.id();
        int people = 0;
        int planned = 0;
        for (Subscriber s : active) {
            List<String> dropped = own.getOrDefault(s.id(), OwnChoices.NONE).dropped();
            // Not given twice: given before (the record), or already held (the staff queue gave it to a person listed later).
            List<String> missing = topicIds.stream().filter(t -> !done.contains(s.id() + "#" + t) && !s.topicIds().contains(t)
                    && !dropped.contains(t)).toList();
            Subscriber current = s;
            boolean wrote = false;
            for (int from = 0; from < missing.size(); from += CHUNK) {
                List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                Subscriber after = follows.expand(current, noticeId, chunk, rule, clock.instant());
                if (after == null) {
                    // Changed meanwhile (settings, opt-out): read again, try once more.
                    after = subscribers.byId(s.id()).filter(x -> x.status() == Subscriber.Status.CONFIRMED)
                            .map(x -> follows.expand(x, noticeId, chunk, rule, clock.instant())).orElse(null);
                    if (after == null) {
                        break;
                    }
                }
                current = after;
                wrote = true;
            }
            if (wrote) {
                people++;
                planned += planner.planStaff(current, office).planned();
            }
        }
        if (people > 0) {
            followed.touch(office.id());
        }
        return new Given(active.size(), people, planned);
    }

    private static NotPublished incomplete(String message, List<String> lines) {
        return new NotPublished(NotPublished.Kind.INCOMPLETE, message, lines);
    }
}
