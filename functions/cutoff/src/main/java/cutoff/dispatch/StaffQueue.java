package cutoff.dispatch;

import cutoff.store.NoticeLookup;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.FollowRule;
import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.reminder.Sleeper;
import cutoff.store.AddressWays;
import cutoff.store.ChoiceReads;
import cutoff.store.ManageTokens;
import cutoff.store.NoticeReads;
import cutoff.store.OfficeRecords;
import cutoff.store.RelayedTopicsItems;
import cutoff.store.RelayedTopicsStore.Relayed;
import cutoff.store.StaffQueueItems;
import cutoff.store.StaffQueueStore;
import cutoff.store.StaffStore.StaffRow;
import cutoff.store.StaffSubscriberItems;
import cutoff.store.StaffSubscriberStore;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * The staff work queue, drained by the dispatcher after its reminders: for each staff row an upload
 * queued, plans the person's reminders and, the first time, sends the welcome email (the office's name,
 * what they will receive, their personal feed URL, a manage link, RFC 8058 one-click opt-out).
 *
 * <p>Why a queue: a 10,000-row upload must answer in seconds, and SES takes a few to a few hundred emails
 * a second; so the upload only stores and queues, and the dispatcher sends at its paced share of SES's
 * {@code MaxSendRate}, run after run, until the queue is empty. StaffQueue do not count against the
 * subscription form's daily cap, which exists for anonymous requests; an office is authenticated and
 * sends only to its own domains.
 *
 * <p>Sent through {@link PacedSends}, the reminders' machinery: many rows at once, one pacer, throttling
 * retried with backoff while the run has time (then the row is released for the next run).
 *
 * <p>At least once, as the reminders: a row is claimed with a conditional write, worked, then taken off
 * the queue with its {@code welcomedAt}; a run that dies after SES took the email and before that can
 * cause the one duplicate. Opted-out and bounced people get nothing. Nothing logged names a person.
 *
 * <p>What the office relayed (issue 19) reaches the people it lists whenever their row is worked: its open relayed
 * topics are added to the row's, and a relayed topic a person holds survives a changed row ({@link RelayedToStaff}), for
 * one read of the office's relayed topics per page of rows.
 *
 * <p>Long (about 400 lines) for one job: a row's whole work, from the page read ahead to the welcome, with the subscriber
 * and memberships it writes; the claims are {@link cutoff.store.StaffQueueStore}'s, the sending {@link PacedSends}'.
 */
public final class StaffQueue {
    private static final Logger LOG = Logger.getLogger(StaffQueue.class.getName());
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration MANAGE_LINK = Duration.ofDays(180);

    /**
     * What a run did.
     *
     * @param throttles      sends SES throttled (retried, or the row left queued)
     * @param mostInFlight   the most rows worked at once
     * @param accountStopped SES's code when the account could send nothing (the rest stay queued), else {@code null}
     */
    public record Report(int welcomed, int replanned, int skipped, int failed, int throttles, int mostInFlight,
                         String accountStopped) {
        /** A run that did nothing. */
        public static final Report NONE = new Report(0, 0, 0, 0, 0, 0, null);
    }

    private final StaffQueueItems queue;
    private final OfficeRecords officeStore;
    private final RelayedTopicsItems relayed;
    private final StaffSubscriberItems staffSubscribers;
    private final SubscriberRecords subscribers;
    private final AddressWays addresses;
    private final ChoiceReads choices;
    private final ManageTokens tokens;
    private final NoticeReads notices;
    private final ReminderPlanner planner;
    private final FollowedTopics followed;
    private final PacedSends sends;
    private final MailComposer composer;
    private final DoubleSupplier rate;
    private final Clock clock;

    public StaffQueue(StaffQueueItems queue, OfficeRecords officeStore, RelayedTopicsItems relayed, StaffSubscriberItems staffSubscribers,
                    SubscriberRecords subscribers, AddressWays addresses, ChoiceReads choices, ManageTokens tokens,
                    NoticeReads notices, ReminderPlanner planner,
                    FollowedTopics followed, MailSender mail, MailComposer composer, DoubleSupplier rate, Clock clock, Sleeper sleeper,
                    PacedSends.Settings sending) {
        this.queue = queue;
        this.officeStore = officeStore;
        this.relayed = relayed;
        this.staffSubscribers = staffSubscribers;
        this.subscribers = subscribers;
        this.addresses = addresses;
        this.choices = choices;
        this.tokens = tokens;
        this.notices = notices;
        this.planner = planner;
        this.followed = followed;
        this.sends = new PacedSends(mail, clock, sleeper, sending, "welcome");
        this.composer = composer;
        this.rate = rate;
        this.clock = clock;
    }

    /**
     * Works the queue while {@code timeLeft} says so: the shards' pages are read on the calling thread (the
     * next page while the pool works on the last), each row is worked on the {@link PacedSends} pool.
     *
     * @param runId marks this run's claims
     * @throws InterruptedException when the calling thread is interrupted (rows not yet at SES are released)
     * @throws RuntimeException     what a row's work threw (its claim is left to its lease), after the others ended
     */
    public Report run(String runId, BooleanSupplier timeLeft) throws InterruptedException {
        Map<String, Optional<Office>> offices = new ConcurrentHashMap<>();
        NoticeLookup read = new NoticeLookup(notices::notice);
        Instant listedAt = clock.instant();
        PacedSends.Result<Done> r = sends.run(new QueuePages(listedAt),
                (row, send) -> welcome(runId, row, offices, read, send), rate.getAsDouble(), timeLeft);
        // The offices whose followed topics changed (this run's rows, removals, topic changes): computed once each.
        followed.refreshStale(timeLeft);
        Map<Done, Long> counts = r.results().stream().collect(Collectors.groupingBy(d -> d, () -> new EnumMap<>(Done.class),
                Collectors.counting()));
        Report report = new Report(count(counts, Done.WELCOMED), count(counts, Done.REPLANNED), count(counts, Done.SKIPPED),
                count(counts, Done.FAILED), r.throttles(), r.mostInFlight(), r.accountStopped());
        if (report.welcomed() + report.replanned() + report.skipped() + report.failed() > 0 || report.accountStopped() != null) {
            LOG.info(() -> "staff queue: " + report);
        }
        if (report.accountStopped() != null) {
            LOG.severe("welcome emails stopped: SES refuses the account (" + report.accountStopped() + "); they stay queued");
        }
        return report;
    }

    private static int count(Map<Done, Long> counts, Done d) {
        return counts.getOrDefault(d, 0L).intValue();
    }

    /** What one row came to; not counted: a row another run holds, or one released because the run stopped. */
    private enum Done { WELCOMED, REPLANNED, SKIPPED, FAILED }

    /**
     * The queue, shard after shard, a page at a time: each shard is paged through once (not from the top
     * again: the index lags the rows just finished, and rows another run holds would be read again and again).
     */
    private final class QueuePages implements Iterator<Queued> {
        private final Instant listedAt;
        private int shard;
        private Iterator<Queued> page = java.util.Collections.emptyIterator();
        private Map<String, AttributeValue> after;
        private boolean shardDone = true;

        QueuePages(Instant listedAt) {
            this.listedAt = listedAt;
            this.shard = -1;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext()) {
                if (shardDone) {
                    if (++shard >= StaffQueueStore.QUEUE_SHARDS) {
                        return false;
                    }
                    after = null;
                }
                StaffQueueStore.Queued q = queue.queued(shard, listedAt, BATCH, after);
                after = q.next();
                shardDone = after == null;
                page = prepare(q.rows()).iterator();
            }
            return true;
        }

        @Override
        public Queued next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return page.next();
        }
    }

    /**
     * A queued row as the pool gets it, with what was read and written for it ahead, a page at a time.
     *
     * @param subscriber  its subscriber as read with the page (empty: none yet)
     * @param suppressed  its address bounced or complained
     * @param manageToken its welcome's manage token, issued ahead; {@code null} when it was not (welcomed
     *                    before, suppressed, or not confirmed): issued at the send if one is needed after all
     * @param issuedAt    when the manage token was issued: a new subscriber is confirmed as of then, since a
     *                    MANAGE token issued before the confirmation is dead ({@code SubscriptionService.manageable})
     * @param relayed     the row's office's relayed topics, read with the page ({@link RelayedToStaff})
     */
    private record Queued(StaffRow row, Optional<Subscriber> subscriber, boolean suppressed, String manageToken, Instant issuedAt,
                          cutoff.subscriber.OwnChoices own, Relayed relayed) {
    }

    /**
     * A page of rows, prepared on the run's calling thread (so while the pool works on the last page): their
     * subscribers, address suppressions and their offices' relayed topics read with one {@code BatchGetItem} each, and the manage tokens of
     * those to be welcomed written with {@code BatchWriteItem}, instead of two {@code GetItem}s and a
     * {@code PutItem} per row. A token issued for a row that is not welcomed in the end (another run holds it)
     * is never handed to anyone and expires.
     */
    private List<Queued> prepare(List<StaffRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<String, Subscriber> found = subscribers.byIds(rows.stream().map(StaffRow::subscriberId).toList());
        java.util.Set<String> suppressed = subscribers.suppressedAmong(rows.stream().map(r -> r.member().email()).toList());
        List<String> toWelcome = new ArrayList<>();
        for (StaffRow r : rows) {
            Subscriber sub = found.get(r.subscriberId());
            if (r.welcomedAt() == null && !suppressed.contains(r.member().email())
                    && (sub == null || sub.status() == Subscriber.Status.CONFIRMED)) {
                toWelcome.add(r.subscriberId());
            }
        }
        Map<String, String> manage = toWelcome.isEmpty() ? Map.of() : tokens.issueManageTokens(toWelcome, now, MANAGE_LINK);
        // What people who exist already chose themselves on their preferences page: kept over the office's row.
        Map<String, cutoff.subscriber.OwnChoices> own = found.isEmpty() ? Map.of() : choices.of(found.keySet());
        // What the rows' offices relayed (one item an office, whatever its staff count): unioned into each row's topics.
        Map<String, Relayed> relays = relayed.relayed(rows.stream().map(StaffRow::officeId).distinct().toList());
        List<Queued> result = new ArrayList<>();
        for (StaffRow r : rows) {
            result.add(new Queued(r, Optional.ofNullable(found.get(r.subscriberId())), suppressed.contains(r.member().email()),
                    r.welcomedAt() == null ? manage.get(r.subscriberId()) : null, now,
                    own.getOrDefault(r.subscriberId(), cutoff.subscriber.OwnChoices.NONE),
                    relays.getOrDefault(r.officeId(), Relayed.NONE)));
        }
        return result;
    }

    /** One row, on the pool: claim, make the subscriber, plan, and the first time the welcome; then off the queue. */
    private Done welcome(String runId, Queued queued, Map<String, Optional<Office>> offices,
                         NoticeLookup read, PacedSends.Send send) {
        StaffRow row = queued.row();
        Instant now = clock.instant();
        if (!queue.claim(row, runId, now, LEASE)) {
            return null;
        }
        Optional<Office> office = offices.computeIfAbsent(row.officeId(), officeStore::office);
        List<String> rules = rules(row, read);
        // A new subscriber is confirmed no later than its manage token was issued (ahead, in prepare), or the
        // welcome's manage and unsubscribe links would be dead on arrival.
        Instant confirmedAt = queued.manageToken() != null && queued.issuedAt().isBefore(now) ? queued.issuedAt() : now;
        Optional<Subscriber> sub = office.isEmpty() || queued.suppressed() ? Optional.empty()
                : apply(row, queued.subscriber(), queued.own(), queued.relayed(), rules, confirmedAt, read);
        if (sub.isEmpty()) {
            // Opted out, bounced, or the office is gone: nothing is sent and nothing changes.
            queue.finish(row, runId, null, row.appliedRules());
            return Done.SKIPPED;
        }
        if (queued.subscriber().isEmpty() || !queued.subscriber().get().topicIds().equals(sub.get().topicIds())) {
            followed.touch(row.officeId()); // a new subscriber, or new topics: the office's followed topics may change
        }
        if (queued.subscriber().isEmpty()) {
            // Made by this row, so tied to this office (apply wrote the tie): its internal deadlines come from the
            // office read above, not looked up again per person.
            planner.planStaff(sub.get(), office.get());
        } else {
            planner.planSubscriber(sub.get()); // an existing subscriber's office is whichever its tie names
        }
        if (row.welcomedAt() != null) {
            queue.finish(row, runId, null, rules);
            return Done.REPLANNED;
        }
        String feedToken = subscribers.issueFeedToken(sub.get(), now);
        String manageToken = queued.manageToken() != null ? queued.manageToken()
                : tokens.issueManageToken(sub.get().id(), now, MANAGE_LINK);
        OutgoingEmail email = composer.welcome(sub.get(), office.get().name(), topicNames(sub.get().topicIds(), read),
                row.member().rules(), feedToken, manageToken);
        PacedSends.Outcome outcome = send.send(email);
        if (outcome.sent()) {
            // SES took it: recorded even if this thread was interrupted meanwhile.
            return PacedSends.uninterrupted(() -> {
                queue.finish(row, runId, clock.instant(), rules);
                return Done.WELCOMED;
            });
        }
        if (outcome.rejection() != null) {
            // Not retried; the row leaves the queue (the reason may quote the address: PacedSends logged the code).
            queue.finish(row, runId, null, rules);
            return Done.FAILED;
        }
        // Not sent (throttled out of time, the account stopped, the run stopped): queued for the next run.
        queue.release(row, runId);
        return null;
    }

    /**
     * Makes the staff row's subscriber what the row says: a new one CONFIRMED by the office's registration,
     * or a confirmed one's topics, lead times and language; topic and follow-rule memberships follow (one
     * {@code BatchWriteItem} pass). The office's relays are the office's too: its open relayed topics are added to the
     * row's, and a relayed topic the person holds is kept ({@link RelayedToStaff}). An opted-out or suppressed
     * subscriber is left as it is.
     *
     * @param now the instant a new subscriber is created and confirmed at
     * @return the subscriber as it now is, or empty when it is not (or no longer) confirmed
     */
    private Optional<Subscriber> apply(StaffRow row, Optional<Subscriber> existing, cutoff.subscriber.OwnChoices own,
                                       Relayed relays, List<String> rules, Instant now, NoticeLookup read) {
        // The office's settings (the row's topics, then what its relays give), with what the person chose themselves kept
        // (their language, lead times, topics dropped and added on the preferences page).
        List<String> office = new ArrayList<>(StaffMember.topicIds(row.member().topics(), id -> NoticeIds.wellFormed(id)
                ? read.notice(id) : Optional.empty()));
        for (String t : RelayedToStaff.open(relays, row.officeId(), read, clock.instant())) {
            if (!office.contains(t)) {
                office.add(t);
            }
        }
        List<String> topicIds = new ArrayList<>(own.topics(office));
        List<String> leadCodes = own.leadTimes() != null ? own.leadTimes() : row.member().leadTimes();
        List<LeadTime> leads = leadCodes.isEmpty() ? LeadTime.DEFAULTS : leadCodes.stream().map(LeadTime::new).toList();
        String language = own.language() != null ? own.language() : row.member().language();
        String id = row.subscriberId();
        List<String> before;
        Subscriber now_;
        if (existing.isEmpty()) {
            now_ = new Subscriber(id, row.member().email(), language, topicIds, leads, Subscriber.Status.CONFIRMED,
                    now, now, null, null);
            before = List.of();
        } else if (existing.get().status() != Subscriber.Status.CONFIRMED) {
            return Optional.empty();
        } else {
            Subscriber s = existing.get();
            before = s.topicIds();
            for (String t : before) {
                // Given by a follow rule at an ingest (FollowExpansion), and the row still holds that rule: kept.
                // Given by the office's relays (issue 19; in no row), open or not: kept as well.
                if (!topicIds.contains(t) && (followedBy(t, rules, read) || RelayedToStaff.kept(relays, row.officeId(), t))) {
                    topicIds.add(t);
                }
            }
            now_ = new Subscriber(id, s.email(), language, topicIds, leads, s.status(), s.createdAt(), s.confirmedAt(),
                    s.confirmationSentAt(), s.feedTokenHash());
            if (!s.equals(now_) && !staffSubscribers.updateStaffSubscriber(id, topicIds, leads.stream().map(LeadTime::code).toList(),
                    language)) {
                return Optional.empty(); // opted out meanwhile
            }
        }
        // A new subscriber with its memberships, in the same BatchWriteItem pass.
        staffSubscribers.write(new StaffSubscriberStore.Writes(id, row.officeId(), existing.isEmpty() ? now_ : null,
                topicIds.stream().filter(t -> !before.contains(t)).toList(), before.stream().filter(t -> !topicIds.contains(t)).toList(),
                rules.stream().filter(r -> !row.appliedRules().contains(r)).toList(),
                row.appliedRules().stream().filter(r -> !rules.contains(r)).toList()));
        // One of the address's ways in: the dispatcher sends one reminder per deadline and lead to the address, and an
        // unsubscribe through any of its emails ends them all (idempotent, so a row worked again changes nothing).
        addresses.addWay(now_.email(), id);
        return Optional.of(now_);
    }

    /**
     * The follow rules a row stands for: its own ({@code all}, {@code issuer:<name>}) and {@code notice:<id>} for
     * each notice id it names, so that a corrected notice's new topics reach the person ({@link cutoff.ingest.FollowExpansion}).
     */
    private List<String> rules(StaffRow row, NoticeLookup read) {
        List<String> rules = new ArrayList<>(row.member().rules());
        for (String id : row.member().topics()) {
            if (NoticeIds.wellFormed(id) && read.notice(id).isPresent()) {
                String rule = FollowRule.notice(id);
                if (!rules.contains(rule)) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    /** True when a topic's notice matches one of the rules. */
    private boolean followedBy(String topicId, List<String> rules, NoticeLookup read) {
        Optional<Notice> n = NoticeIds.noticeIdOf(topicId)
                .flatMap(nid -> read.notice(nid));
        return n.isPresent() && FollowRule.matching(n.get().id(), n.get().issuer()).stream().anyMatch(rules::contains);
    }

    private List<String> topicNames(List<String> topicIds, NoticeLookup read) {
        return topicIds.stream().map(id -> read.topicLabel(id).orElse(id)).toList();
    }
}
