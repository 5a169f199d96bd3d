package cutoff.testing;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.office.InternalDeadline;
import cutoff.office.Office;
import cutoff.reminder.Reminder;
import cutoff.store.AddressWays;
import cutoff.store.ChoiceReads;
import cutoff.store.FollowedTopicsItems;
import cutoff.store.FollowedTopicsStore.Followed;
import cutoff.store.InternalDeadlineRecords;
import cutoff.store.InternalDeadlineStore.Override;
import cutoff.store.InternalDeadlineStore.Settings;
import cutoff.store.InternalDeadlineStore.State;
import cutoff.store.ManageTokens;
import cutoff.store.NoticeReads;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.store.OfficeRecords;
import cutoff.store.OfficeStore.StaffStatus;
import cutoff.store.RelayedTopicsItems;
import cutoff.store.RelayedTopicsStore.Relayed;
import cutoff.store.ReminderItems;
import cutoff.store.StaffQueueItems;
import cutoff.store.StaffQueueStore;
import cutoff.store.StaffQueueStore.Queued;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.StaffStore.Page;
import cutoff.store.StaffStore.StaffRow;
import cutoff.store.StaffSubscriberItems;
import cutoff.store.StaffSubscriberStore.Removal;
import cutoff.store.StaffSubscriberStore.Writes;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.OwnChoices;
import cutoff.subscriber.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cutoff's single table in memory, through the store interfaces the office side's services use
 * ({@code officeservice.Offices}, {@code officeservice.InternalDeadlines}, {@code dispatch.StaffQueue} and what they
 * run: the reminder planner, followed topics, internal-deadline source), for their fast tests.
 *
 * <p>One class for the whole table, as DynamoDB has one: what one store writes another reads (the staff queue's
 * subscriber and its office tie are what the planner and the internal deadlines read). Each method keeps the
 * condition its DynamoDB store states (a staff row's version and welcome, a claim's lease, a reminder being sent, a
 * told state's SEQUENCE, the followed topics' change count), not its costs. Thread-safe: the staff queue works rows on
 * a pool.
 */
public final class MemoryTable implements OfficeRecords, StaffRows, StaffQueueItems, StaffSubscriberItems, SubscriberRecords,
        AddressWays, ChoiceReads, ManageTokens, NoticeReads, ReminderItems, InternalDeadlineRecords, FollowedTopicsItems,
        RelayedTopicsItems {

    // ------------------------------------------------------------------ notices

    private final Map<String, StoredNotice> notices = new HashMap<>();

    /**
     * Stores a notice with its deadlines as an ingest at {@code now} gives them.
     *
     * @throws IllegalArgumentException for a notice an ingest refuses (a topic without its window)
     */
    public synchronized void putNotice(Notice notice, Instant now) {
        try {
            notices.put(notice.id(), new StoredNotice(notice, Deadlines.of(notice, now)));
        } catch (cutoff.deadline.IncompleteNoticeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Stores a notice again as an ingest at {@code now} does ({@link cutoff.deadline.DeadlineDiff}): deadlines matched by
     * UID, a moved one (or one back after a withdrawal) SEQUENCE one up, one the notice no longer has kept cancelled,
     * SEQUENCE one up. The first time, as {@link #putNotice}.
     *
     * @throws IllegalArgumentException for a notice an ingest refuses (a topic without its window)
     */
    public synchronized void ingest(Notice notice, Instant now) {
        StoredNotice stored = notices.get(notice.id());
        if (stored == null) {
            putNotice(notice, now);
            return;
        }
        List<Deadline> fresh;
        try {
            fresh = Deadlines.of(notice, now);
        } catch (cutoff.deadline.IncompleteNoticeException e) {
            throw new IllegalArgumentException(e);
        }
        Map<String, Deadline> next = new LinkedHashMap<>();
        stored.deadlines().forEach(d -> next.put(d.uid(), d));
        cutoff.deadline.DeadlineDiff.between(stored.deadlines(), fresh, now).changes().forEach(c -> next.put(c.after().uid(), c.after()));
        notices.put(notice.id(), new StoredNotice(notice, List.copyOf(next.values())));
    }

    /** Withdraws a stored notice as {@code NoticeStore.withdraw} does: every deadline not yet cancelled, cancelled, SEQUENCE one up. */
    public synchronized void withdraw(String noticeId, Instant now) {
        StoredNotice stored = notices.get(noticeId);
        notices.put(noticeId, new StoredNotice(stored.notice(), stored.deadlines().stream()
                .map(d -> d.cancelled() ? d : d.asCancelled(d.sequence() + 1, now)).toList()));
    }

    /** The stored notices, by id. */
    public synchronized List<Notice> notices() {
        return notices.values().stream().map(StoredNotice::notice).sorted(Comparator.comparing(Notice::id)).toList();
    }

    @java.lang.Override
    public synchronized Optional<StoredNotice> notice(String noticeId) {
        return Optional.ofNullable(notices.get(noticeId));
    }

    @java.lang.Override
    public synchronized List<Deadline> deadlinesOfTopics(Collection<String> topicIds, Map<String, List<Deadline>> cache) {
        Set<String> noticeIds = new LinkedHashSet<>();
        topicIds.forEach(t -> NoticeIds.noticeIdOf(t).ifPresent(noticeIds::add));
        List<Deadline> result = new ArrayList<>();
        for (String id : noticeIds) {
            StoredNotice n = notices.get(id);
            if (n != null) {
                n.deadlines().stream().filter(d -> topicIds.contains(d.topicId())).forEach(result::add);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ offices and keys

    private final Map<String, Office> offices = new HashMap<>();
    private final Map<String, String> keyOwners = new HashMap<>();
    private final Map<String, String> officeKeys = new HashMap<>();

    @java.lang.Override
    public synchronized void create(Office office, String keyHash, Instant now) {
        if (offices.putIfAbsent(office.id(), office) != null) {
            throw new IllegalStateException("the office changed meanwhile");
        }
        keyOwners.put(keyHash, office.id());
        officeKeys.put(office.id(), keyHash);
    }

    @java.lang.Override
    public synchronized Optional<Office> office(String officeId) {
        return Optional.ofNullable(offices.get(officeId));
    }

    @java.lang.Override
    public synchronized Optional<String> officeIdOfKey(String keyHash) {
        return Optional.ofNullable(keyOwners.get(keyHash));
    }

    @java.lang.Override
    public synchronized boolean replaceKey(String officeId, String newKeyHash, Instant now) {
        if (!offices.containsKey(officeId)) {
            return false;
        }
        String old = officeKeys.remove(officeId);
        if (old != null) {
            keyOwners.remove(old);
        }
        if (newKeyHash != null) {
            keyOwners.put(newKeyHash, officeId);
            officeKeys.put(officeId, newKeyHash);
        }
        return true;
    }

    // ------------------------------------------------------------------ staff rows and the staff queue

    private record Claim(String runId, Instant at) {
    }

    /** Staff rows by office id and address hash; claims beside them (a put drops the claim, as DynamoDB's does). */
    private final Map<String, StaffRow> rows = new TreeMap<>();
    private final Map<String, Claim> claims = new HashMap<>();

    private static String rowKey(String officeId, String emailHash) {
        return officeId + "#" + emailHash;
    }

    private boolean holds(StaffRow expected, StaffRow stored) {
        if (expected == null) {
            return stored == null;
        }
        return stored != null && stored.version() == expected.version() && (expected.welcomedAt() != null || stored.welcomedAt() == null);
    }

    private void write(StaffRow row, StaffRow expected, Instant expires) {
        String key = rowKey(row.officeId(), row.emailHash());
        rows.put(key, new StaffRow(row.officeId(), row.emailHash(), row.member(), row.subscriberId(), row.addedAt(), row.welcomedAt(),
                row.removed(), row.queuedAt(), row.appliedRules(), expected == null ? 1 : expected.version() + 1));
        claims.remove(key); // a put writes the whole item: the claim goes (expiry by TTL is not kept here)
    }

    @java.lang.Override
    public synchronized List<StaffRow> staff(String officeId) {
        return rows.values().stream().filter(r -> r.officeId().equals(officeId)).toList();
    }

    @java.lang.Override
    public synchronized Optional<StaffRow> staffRow(String officeId, String email) {
        return Optional.ofNullable(rows.get(rowKey(officeId, StaffStore.emailHash(email))));
    }

    @java.lang.Override
    public boolean putStaff(StaffRow row, StaffRow expected) {
        return putStaff(row, expected, null);
    }

    @java.lang.Override
    public synchronized boolean putStaff(StaffRow row, StaffRow expected, Instant expires) {
        if (!holds(expected, rows.get(rowKey(row.officeId(), row.emailHash())))) {
            return false;
        }
        write(row, expected, expires);
        return true;
    }

    @java.lang.Override
    public synchronized boolean putStaffAll(List<StaffRow> all, List<StaffRow> expected) {
        if (all.size() > StaffStore.MOST_AT_ONCE) {
            throw new IllegalArgumentException("at most " + StaffStore.MOST_AT_ONCE + " rows in one transaction");
        }
        for (int i = 0; i < all.size(); i++) {
            if (!holds(expected.get(i), rows.get(rowKey(all.get(i).officeId(), all.get(i).emailHash())))) {
                return false;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            write(all.get(i), expected.get(i), null);
        }
        return true;
    }

    /** Pages by address hash; the cursor is the last hash given. */
    @java.lang.Override
    public synchronized Page page(String officeId, String cursor, int limit) {
        if (cursor != null && !cursor.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cursor is not one this API gave");
        }
        List<StaffRow> listed = staff(officeId).stream().filter(r -> !r.removed())
                .filter(r -> cursor == null || r.emailHash().compareTo(cursor) > 0).toList();
        if (listed.size() <= limit) {
            return new Page(listed, null);
        }
        return new Page(listed.subList(0, limit), listed.get(limit - 1).emailHash());
    }

    @java.lang.Override
    public synchronized Map<String, StaffStatus> statuses(List<StaffRow> of) {
        Map<String, StaffStatus> result = new LinkedHashMap<>();
        for (StaffRow r : of) {
            Subscriber s = subscribers.get(r.subscriberId());
            Subscriber.Status status = s == null ? null : s.status();
            result.put(r.emailHash(), suppressed.contains(r.member().email()) || status == Subscriber.Status.SUPPRESSED ? StaffStatus.BOUNCED
                    : status == Subscriber.Status.UNSUBSCRIBED ? StaffStatus.OPTED_OUT : StaffStatus.ACTIVE);
        }
        return result;
    }

    private static int queueShard(String emailHash) {
        return Character.digit(emailHash.charAt(emailHash.length() - 1), 16) % StaffQueueStore.QUEUE_SHARDS;
    }

    private static String queueKey(StaffRow r) {
        return r.queuedAt() + "#" + r.officeId() + "#" + r.emailHash();
    }

    /** The rows waiting for the staff queue, in every shard. */
    public synchronized List<StaffRow> queued() {
        return rows.values().stream().filter(r -> r.queuedAt() != null).toList();
    }

    @java.lang.Override
    public synchronized Queued queued(int shard, Instant now, int limit, Map<String, AttributeValue> after) {
        String from = after == null ? "" : after.get("after").s();
        List<StaffRow> waiting = rows.values().stream()
                .filter(r -> r.queuedAt() != null && !r.queuedAt().isAfter(now) && queueShard(r.emailHash()) == shard)
                .filter(r -> queueKey(r).compareTo(from) > 0).sorted(Comparator.comparing(MemoryTable::queueKey)).toList();
        if (waiting.size() <= limit) {
            return new Queued(waiting, null);
        }
        return new Queued(waiting.subList(0, limit), Map.of("after", AttributeValue.fromS(queueKey(waiting.get(limit - 1)))));
    }

    @java.lang.Override
    public synchronized boolean claim(StaffRow row, String runId, Instant now, Duration lease) {
        String key = rowKey(row.officeId(), row.emailHash());
        StaffRow stored = rows.get(key);
        Claim held = claims.get(key);
        if (stored == null || stored.queuedAt() == null || held != null && !held.at().isBefore(now.minus(lease))) {
            return false;
        }
        claims.put(key, new Claim(runId, now));
        return true;
    }

    @java.lang.Override
    public synchronized void finish(StaffRow row, String runId, Instant welcomedAt, List<String> appliedRules) {
        String key = rowKey(row.officeId(), row.emailHash());
        StaffRow s = rows.get(key);
        if (s == null) {
            return;
        }
        Claim held = claims.get(key);
        boolean ours = held != null && held.runId().equals(runId);
        rows.put(key, new StaffRow(s.officeId(), s.emailHash(), s.member(), s.subscriberId(), s.addedAt(),
                welcomedAt != null ? welcomedAt : s.welcomedAt(), s.removed(), ours ? null : s.queuedAt(), appliedRules, s.version()));
        if (ours) {
            claims.remove(key);
        }
    }

    @java.lang.Override
    public synchronized void release(StaffRow row, String runId) {
        String key = rowKey(row.officeId(), row.emailHash());
        Claim held = claims.get(key);
        if (held != null && held.runId().equals(runId)) {
            claims.remove(key);
        }
    }

    // ------------------------------------------------------------------ subscribers and their items

    private final Map<String, Subscriber> subscribers = new HashMap<>();
    private final Map<String, Set<String>> topicMembers = new HashMap<>();
    /** Follow rule → subscriber id → the office that wrote it. */
    private final Map<String, Map<String, String>> followMembers = new HashMap<>();
    private final Map<String, String> subscriberOffices = new HashMap<>();
    private final Set<String> suppressed = new HashSet<>();
    private final Map<String, Set<String>> ways = new HashMap<>();
    private final Map<String, OwnChoices> choices = new HashMap<>();
    private int tokensIssued;

    /** What a person chose on their own preferences page (kept over their office's row). */
    public synchronized void choose(String subscriberId, OwnChoices own) {
        choices.put(subscriberId, own);
    }

    /** Marks an address as bounced or complained. */
    public synchronized void suppress(String email) {
        suppressed.add(email);
    }

    @java.lang.Override
    public synchronized Optional<Subscriber> byId(String id) {
        return Optional.ofNullable(subscribers.get(id));
    }

    @java.lang.Override
    public synchronized Map<String, Subscriber> byIds(Collection<String> ids) {
        Map<String, Subscriber> result = new LinkedHashMap<>();
        for (String id : ids) {
            Subscriber s = subscribers.get(id);
            if (s != null) {
                result.put(id, s);
            }
        }
        return result;
    }

    @java.lang.Override
    public synchronized Set<String> suppressedAmong(Collection<String> emails) {
        Set<String> result = new HashSet<>(emails);
        result.retainAll(suppressed);
        return result;
    }

    @java.lang.Override
    public synchronized List<String> subscriberIdsOf(String topicId) {
        return List.copyOf(topicMembers.getOrDefault(topicId, Set.of()));
    }

    @java.lang.Override
    public synchronized Subscriber leave(Subscriber s, Subscriber.Status status) {
        Subscriber left = new Subscriber(s.id(), s.email(), s.language(), s.topicIds(), s.leadTimes(), status, s.createdAt(),
                s.confirmedAt(), s.confirmationSentAt(), null);
        subscribers.put(s.id(), left);
        s.topicIds().forEach(t -> topicMembers.getOrDefault(t, new HashSet<>()).remove(s.id()));
        return left;
    }

    @java.lang.Override
    public synchronized String issueFeedToken(Subscriber s, Instant now) {
        String token = "feed-" + (++tokensIssued);
        subscribers.put(s.id(), new Subscriber(s.id(), s.email(), s.language(), s.topicIds(), s.leadTimes(), s.status(), s.createdAt(),
                s.confirmedAt(), s.confirmationSentAt(), "hash-of-" + token));
        return token;
    }

    @java.lang.Override
    public synchronized boolean updateStaffSubscriber(String subscriberId, List<String> topicIds, List<String> leadTimes, String language) {
        Subscriber s = subscribers.get(subscriberId);
        if (s == null || s.status() != Subscriber.Status.CONFIRMED) {
            return false;
        }
        subscribers.put(s.id(), new Subscriber(s.id(), s.email(), language, topicIds, leadTimes.stream().map(LeadTime::new).toList(),
                s.status(), s.createdAt(), s.confirmedAt(), s.confirmationSentAt(), s.feedTokenHash()));
        return true;
    }

    @java.lang.Override
    public synchronized void write(Writes w) {
        if (w.created() != null) {
            subscribers.put(w.subscriberId(), w.created());
            subscriberOffices.put(w.subscriberId(), w.officeId());
        }
        w.topicsJoined().forEach(t -> topicMembers.computeIfAbsent(t, k -> new HashSet<>()).add(w.subscriberId()));
        w.topicsLeft().forEach(t -> topicMembers.getOrDefault(t, new HashSet<>()).remove(w.subscriberId()));
        w.rulesAdded().forEach(r -> followMembers.computeIfAbsent(r, k -> new HashMap<>()).put(w.subscriberId(), w.officeId()));
        w.rulesDropped().forEach(r -> followMembers.getOrDefault(r, new HashMap<>()).remove(w.subscriberId()));
    }

    @java.lang.Override
    public synchronized void delete(Removal r) {
        if (r.subscriber()) {
            subscribers.remove(r.subscriberId());
            subscriberOffices.remove(r.subscriberId());
        }
        r.followRules().forEach(rule -> followMembers.getOrDefault(rule, new HashMap<>()).remove(r.subscriberId()));
        if (r.row() != null) {
            String key = rowKey(r.row().officeId(), r.row().emailHash());
            rows.remove(key);
            claims.remove(key);
        }
    }

    @java.lang.Override
    public synchronized void addWay(String email, String subscriberId) {
        ways.computeIfAbsent(email, k -> new LinkedHashSet<>()).add(subscriberId);
    }

    @java.lang.Override
    public synchronized void removeWay(String email, String subscriberId) {
        ways.getOrDefault(email, new HashSet<>()).remove(subscriberId);
    }

    @java.lang.Override
    public synchronized Map<String, OwnChoices> of(Collection<String> subscriberIds) {
        Map<String, OwnChoices> result = new HashMap<>();
        subscriberIds.stream().filter(choices::containsKey).forEach(id -> result.put(id, choices.get(id)));
        return result;
    }

    @java.lang.Override
    public synchronized String issueManageToken(String subscriberId, Instant now, Duration lifetime) {
        String token = "manage-" + (++tokensIssued);
        return token;
    }

    @java.lang.Override
    public synchronized Map<String, String> issueManageTokens(Collection<String> subscriberIds, Instant now, Duration lifetime) {
        Map<String, String> result = new HashMap<>();
        subscriberIds.forEach(id -> result.put(id, issueManageToken(id, now, lifetime)));
        return result;
    }

    // ------------------------------------------------------------------ reminders

    /** Subscriber id → deadline UID and lead → the item. */
    private final Map<String, Map<String, Reminder>> reminders = new HashMap<>();
    private LocalDate cursor;

    @java.lang.Override
    public synchronized boolean plan(Reminder r) {
        Map<String, Reminder> of = reminders.computeIfAbsent(r.subscriberId(), k -> new TreeMap<>());
        Reminder stored = of.get(r.deadlineUid() + "#" + r.lead());
        if (stored != null && stored.status() == Reminder.Status.SENDING) {
            return false;
        }
        of.put(r.deadlineUid() + "#" + r.lead(), r);
        return true;
    }

    @java.lang.Override
    public synchronized List<Reminder> ofSubscriber(String subscriberId) {
        return List.copyOf(reminders.getOrDefault(subscriberId, Map.of()).values());
    }

    @java.lang.Override
    public synchronized boolean cancel(Reminder r, String reason, Instant now) {
        Map<String, Reminder> of = reminders.getOrDefault(r.subscriberId(), new HashMap<>());
        Reminder stored = of.get(r.deadlineUid() + "#" + r.lead());
        if (stored == null || stored.status() != Reminder.Status.PENDING) {
            return false;
        }
        of.put(r.deadlineUid() + "#" + r.lead(), new Reminder(stored.subscriberId(), stored.deadlineUid(), stored.lead(), stored.kind(),
                stored.dueAt(), Reminder.Status.CANCELLED, stored.noticeId(), stored.topicId(), stored.deadlineKind(), stored.at(),
                stored.date(), stored.zone(), stored.summary(), stored.previous(), null, null));
        return true;
    }

    @java.lang.Override
    public synchronized void startCursor(LocalDate day) {
        if (cursor == null) {
            cursor = day;
        }
    }

    // ------------------------------------------------------------------ internal deadlines, feed secrets, followed topics

    private final Map<String, InternalDeadline.Rule> rules = new HashMap<>();
    private final Map<String, Instant> ruleUpdatedAt = new HashMap<>();
    private final Map<String, Map<String, Override>> overrides = new HashMap<>();
    private final Map<String, Map<String, State>> states = new HashMap<>();
    private final Map<String, String> feedSecrets = new HashMap<>();
    private final Map<String, Followed> followed = new HashMap<>();
    private final Set<String> stale = new LinkedHashSet<>();

    @java.lang.Override
    public synchronized Settings settings(String officeId) {
        return new Settings(rules.get(officeId), ruleUpdatedAt.get(officeId), new TreeMap<>(overrides.getOrDefault(officeId, Map.of())),
                new TreeMap<>(states.getOrDefault(officeId, Map.of())));
    }

    @java.lang.Override
    public synchronized void putRule(String officeId, InternalDeadline.Rule rule, Instant now) {
        if (rule == null) {
            rules.remove(officeId);
        } else {
            rules.put(officeId, rule);
        }
        ruleUpdatedAt.put(officeId, now);
    }

    @java.lang.Override
    public synchronized void putOverride(String officeId, String topicId, Instant at, Instant now) {
        overrides.computeIfAbsent(officeId, k -> new HashMap<>()).put(topicId, new Override(topicId, at, now));
    }

    @java.lang.Override
    public synchronized boolean deleteOverride(String officeId, String topicId) {
        return overrides.getOrDefault(officeId, new HashMap<>()).remove(topicId) != null;
    }

    @java.lang.Override
    public synchronized boolean putState(String officeId, State state, State previous) {
        Map<String, State> of = states.computeIfAbsent(officeId, k -> new HashMap<>());
        State stored = of.get(state.topicId());
        if (previous == null ? stored != null : stored == null || stored.sequence() != previous.sequence()) {
            return false;
        }
        of.put(state.topicId(), state);
        return true;
    }

    @java.lang.Override
    public synchronized Optional<String> officeOfSubscriber(String subscriberId) {
        return Optional.ofNullable(subscriberOffices.get(subscriberId));
    }

    @java.lang.Override
    public synchronized Optional<String> feedSecret(String officeId) {
        if (!offices.containsKey(officeId)) {
            return Optional.empty();
        }
        return Optional.of(feedSecrets.computeIfAbsent(officeId, k -> "secret-" + (++tokensIssued)));
    }

    @java.lang.Override
    public synchronized Optional<String> rotateFeedSecret(String officeId) {
        if (!offices.containsKey(officeId)) {
            return Optional.empty();
        }
        feedSecrets.put(officeId, "secret-" + (++tokensIssued));
        return Optional.of(feedSecrets.get(officeId));
    }

    @java.lang.Override
    public synchronized Optional<String> officeOfFeedSecret(String secret) {
        return feedSecrets.entrySet().stream().filter(e -> e.getValue().equals(secret)).map(Map.Entry::getKey).findFirst();
    }

    @java.lang.Override
    public synchronized Optional<Followed> read(String officeId) {
        return Optional.ofNullable(followed.get(officeId));
    }

    @java.lang.Override
    public synchronized void touch(String officeId) {
        Followed f = followed.getOrDefault(officeId, new Followed(0, null, List.of()));
        followed.put(officeId, new Followed(f.changes() + 1, f.computed(), f.topics()));
        stale.add(officeId);
    }

    @java.lang.Override
    public synchronized boolean store(String officeId, long basedOn, List<String> topics, Instant now) {
        Followed f = followed.getOrDefault(officeId, new Followed(0, null, List.of()));
        if (f.changes() != basedOn) {
            return false;
        }
        followed.put(officeId, new Followed(basedOn, basedOn, List.copyOf(topics)));
        stale.remove(officeId);
        return true;
    }

    @java.lang.Override
    public synchronized List<String> stale() {
        return List.copyOf(stale);
    }

    // ------------------------------------------------------------------ relayed topics

    private final Map<String, Relayed> relayed = new HashMap<>();
    private int relayedReads;

    /** How many reads of offices' relayed topics were made (each a {@code BatchGetItem} in DynamoDB). */
    public synchronized int relayedReads() {
        return relayedReads;
    }

    @java.lang.Override
    public synchronized Map<String, Relayed> relayed(Collection<String> officeIds) {
        relayedReads++;
        Map<String, Relayed> result = new LinkedHashMap<>();
        officeIds.stream().filter(relayed::containsKey).forEach(id -> result.put(id, relayed.get(id)));
        return result;
    }

    @java.lang.Override
    public synchronized boolean put(String officeId, Relayed next, long basedOn) {
        if (relayed.getOrDefault(officeId, Relayed.NONE).version() != basedOn) {
            return false;
        }
        relayed.put(officeId, new Relayed(basedOn + 1, next.topics()));
        return true;
    }
}
