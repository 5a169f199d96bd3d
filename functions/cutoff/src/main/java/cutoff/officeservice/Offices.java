package cutoff.officeservice;

import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.ReminderPlanner;
import cutoff.dispatch.StaffQueue;
import cutoff.officeservice.StaffUpserts.Upserted;
import cutoff.office.OfficeKeys;
import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.store.AddressWays;
import cutoff.store.ChoiceReads;
import cutoff.store.NoticeReads;
import cutoff.store.OfficeRecords;
import cutoff.store.OfficeStore.StaffStatus;
import cutoff.store.StaffRows;
import cutoff.store.StaffStore;
import cutoff.store.StaffStore.StaffRow;
import cutoff.store.StaffSubscriberItems;
import cutoff.store.StaffSubscriberStore.Removal;
import cutoff.store.SubscriberRecords;
import cutoff.subscriber.EmailAddress;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Research offices: made by the operator with a key, authenticated by that key alone, and their staff
 * lists (upload, list, remove, export). An upload's rows are checked by {@link StaffRowCheck} and written by
 * {@link StaffUpserts}; the records here are the office API's shapes ({@code handler.OfficeRoutes} binds them).
 *
 * <p><b>Registration.</b> A staff member is a subscriber of their own (one per office and address, not the
 * address's individual subscription, if any), CONFIRMED by the office's registration: the office vouches
 * for its own staff's addresses, and only in its own mail domains. The welcome email (one per person,
 * sent by the dispatcher from a queue, see {@link StaffQueue}) carries the personal feed URL and a one-click
 * opt-out. A person who opts out stays out: a later upload changes the office's row but not their
 * subscription; one removed by the office after opting out is kept as a hidden row, so adding them back
 * does not sign them up again.
 *
 * <p>Nothing here logs an address, a key or a token.
 */
public final class Offices {
    private static final Logger LOG = Logger.getLogger(Offices.class.getName());
    /** Rows one upload may hold. */
    public static final int MAX_ROWS = 10_000;
    /** Follow rules one person may have (a row stays far below DynamoDB's 400 KB item limit). */
    public static final int MAX_RULES = 20;
    /**
     * At most one welcome per address and office in this period: a person the office removes and adds back within it
     * is not welcomed again (the removal keeps a hidden row with the welcome's time, deleted by TTL after it).
     */
    public static final java.time.Duration WELCOME_PERIOD = java.time.Duration.ofDays(180);

    private final OfficeRecords officeStore;
    private final StaffRows staffStore;
    private final StaffSubscriberItems staffSubscribers;
    private final SubscriberRecords subscribers;
    private final ReminderPlanner planner;
    private final AddressWays addresses;
    private final ChoiceReads choices;
    private final FollowedTopics followed;
    private final Clock clock;
    private final StaffRowCheck check;
    private final StaffUpserts upserts;

    public Offices(OfficeRecords officeStore, StaffRows staffStore, StaffSubscriberItems staffSubscribers, NoticeReads notices,
                   SubscriberRecords subscribers, ReminderPlanner planner, AddressWays addresses, ChoiceReads choices,
                   FollowedTopics followed, Clock clock) {
        this.followed = followed;
        this.officeStore = officeStore;
        this.staffStore = staffStore;
        this.staffSubscribers = staffSubscribers;
        this.subscribers = subscribers;
        this.planner = planner;
        this.addresses = addresses;
        this.choices = choices;
        this.clock = clock;
        this.check = new StaffRowCheck(notices);
        this.upserts = new StaffUpserts(staffStore);
    }

    // ------------------------------------------------------------------ offices and keys

    /** A new office and its key (in clear: shown once, stored only as its hash). */
    public record Created(Office office, String apiKey) {
    }

    /** Creates an office whose domains are no public mail domains ({@link #create(String, List, boolean)}). */
    public Created create(String name, List<String> emailDomains) {
        return create(name, emailDomains, false);
    }

    /**
     * Creates an office.
     *
     * @param allowPublicDomain take a public mail domain (gmail.com, qq.com, …) all the same: the operator's
     *                          {@code --allow-public-domain}, for an office that really owns one
     * @throws IllegalArgumentException for a missing or long name, a domain that is not a mail domain, or a public
     *                                  mail domain (or one under it) without {@code allowPublicDomain}
     */
    public Created create(String name, List<String> emailDomains, boolean allowPublicDomain) {
        List<String> domains = Office.checkedDomains(name, emailDomains, allowPublicDomain);
        Instant now = clock.instant();
        Office office = new Office(OfficeKeys.newOfficeId(), name.strip(), domains, now);
        String key = OfficeKeys.newKey();
        officeStore.create(office, OfficeKeys.hash(key), now);
        LOG.info("office created");
        return new Created(office, key);
    }

    /** A new key for an office; the old one stops working at once. Empty when there is no such office. */
    public Optional<String> rotateKey(String officeId) {
        String key = OfficeKeys.newKey();
        return officeStore.replaceKey(officeId, OfficeKeys.hash(key), clock.instant()) ? Optional.of(key) : Optional.empty();
    }

    /** Revokes an office's key (the office then has none until rotated); false when there is no such office. */
    public boolean revokeKey(String officeId) {
        return officeStore.replaceKey(officeId, null, clock.instant());
    }

    /** The office a presented key belongs to; empty for a malformed, unknown, rotated or revoked key. */
    public Optional<Office> authenticate(String key) {
        if (!OfficeKeys.wellFormed(key)) {
            return Optional.empty();
        }
        return officeStore.officeIdOfKey(OfficeKeys.hash(key)).flatMap(officeStore::office);
    }

    /**
     * The office of an id an authorizer vouched for (API Gateway's office-key authorizer: {@code
     * cutoff.handler.OfficeAuthorizer}), if it still exists: one {@code GetItem}.
     */
    public Optional<Office> office(String officeId) {
        return OfficeKeys.wellFormedOfficeId(officeId) ? officeStore.office(officeId) : Optional.empty();
    }

    // ------------------------------------------------------------------ upload

    /**
     * One row as uploaded, before checking.
     *
     * @param line   the file's line number (CSV), or the entry's position from 1 (JSON)
     * @param broken why the row as a whole cannot be read (more cells than columns, a null entry), or {@code null}
     */
    public record StaffInput(int line, String email, String name, String department, List<String> topics, String language,
                             List<String> leadTimes, Broken broken) {
    }

    /** A row that cannot be read at all: its {@link RowError#code()} and English reason. */
    public record Broken(String code, String reason) {
        /** More cells than the header has columns. */
        public static final Broken TOO_MANY_CELLS = new Broken("too_many_cells",
                "the line has more cells than the header has columns");
        /** A JSON entry that is {@code null}. */
        public static final Broken NULL_ENTRY = new Broken("null_entry", "the entry is null");
    }

    /**
     * A rejected row: where, the address as given (the office's own data) and why.
     *
     * @param field  the column at fault ({@code email}, {@code name}, {@code department}, {@code topics},
     *               {@code language}, {@code leadTimes}), or {@code null} when it is the row as a whole
     * @param code   a stable machine code for pages to word in their language: {@link EmailAddress.Invalid#code()}'s
     *               codes, or {@code too_many_cells}, {@code null_entry}, {@code wrong_domain}, {@code duplicate},
     *               {@code text_too_long}, {@code control_character}, {@code bad_follow_rule}, {@code unknown_topic},
     *               {@code too_many_rules}, {@code no_topics}, {@code too_many_topics}, {@code bad_language},
     *               {@code bad_lead_time}, {@code too_many_lead_times}
     * @param reason the same in English, for API clients (starts with the field's name when there is one)
     */
    public record RowError(int line, String email, String field, String code, String reason) {
    }

    /** The answer to an upload. */
    public record UploadResult(int received, int added, int updated, int unchanged, int rejected, List<RowError> errors) {
    }

    /**
     * Upserts an office's staff by normalised address. Every good row is stored whatever happens to the
     * others; a row equal to what is stored changes nothing. The upload writes one item a new or changed
     * person (its staff row, queued); the staff queue ({@link StaffQueue}, run by the dispatcher) makes or
     * changes the person's subscriber, topic and follow-rule memberships and reminders, and sends the
     * welcome. So a 10,000-row upload answers in seconds and sends nothing itself. The checks are {@link StaffRowCheck}'s,
     * the conditional writes {@link StaffUpserts}'.
     */
    public UploadResult upload(Office office, List<StaffInput> rows) {
        Instant now = clock.instant();
        StaffRowCheck.Result checked = check.checkAll(office, rows);
        List<StaffRowCheck.Checked> good = checked.good();
        List<RowError> errors = checked.errors();
        Map<String, StaffRow> stored = new HashMap<>();
        for (StaffRow r : staffStore.staff(office.id())) {
            stored.put(r.emailHash(), r);
        }
        Map<Upserted, Integer> counts = new java.util.EnumMap<>(Upserted.class);
        for (Upserted u : upserts.upsertAll(office, good, stored, now)) {
            counts.merge(u, 1, Integer::sum);
        }
        if (good.stream().map(c -> stored.get(StaffStore.emailHash(c.member().email()))).anyMatch(r -> r != null && r.removed())) {
            // A removed person listed again: their subscriber's topics (an opted-out one keeps them) count at once.
            followed.touch(office.id());
        }
        int added = counts.getOrDefault(Upserted.ADDED, 0);
        int updated = counts.getOrDefault(Upserted.UPDATED, 0);
        int unchanged = counts.getOrDefault(Upserted.UNCHANGED, 0);
        UploadResult result = new UploadResult(rows.size(), added, updated, unchanged, errors.size(), errors);
        LOG.info(() -> "staff upload: " + result.received() + " received, " + result.added() + " added, " + result.updated()
                + " updated, " + result.unchanged() + " unchanged, " + result.rejected() + " rejected");
        return result;
    }

    // ------------------------------------------------------------------ list, remove, export

    /**
     * A staff member as the office sees them.
     *
     * @param ownChoices which settings the person changed on their own preferences page, and later uploads keep:
     *                   {@code language}, {@code leadTimes}, {@code topics} ({@link cutoff.subscriber.OwnChoices#fields()});
     *                   the names only, not the person's values
     */
    public record StaffView(StaffMember member, StaffStatus status, Instant welcomedAt, List<String> ownChoices) {
    }

    /** A page of staff and the next page's cursor ({@code null} at the end). */
    public record StaffPage(List<StaffView> staff, String next) {
    }

    /**
     * A page of an office's staff with each one's status.
     *
     * @throws IllegalArgumentException for a cursor this service did not give
     */
    public StaffPage list(Office office, String cursor, int limit) {
        StaffStore.Page page = staffStore.page(office.id(), cursor, limit);
        return new StaffPage(views(page.rows()), page.next());
    }

    /** Every staff member of an office, ordered by address (the export). */
    public List<StaffView> all(Office office) {
        List<StaffRow> rows = new ArrayList<>(staffStore.staff(office.id()).stream().filter(r -> !r.removed()).toList());
        rows.sort(java.util.Comparator.comparing(r -> r.member().email()));
        return views(rows);
    }

    private List<StaffView> views(List<StaffRow> rows) {
        Map<String, StaffStatus> statuses = staffStore.statuses(rows);
        Map<String, cutoff.subscriber.OwnChoices> own = rows.isEmpty() ? Map.of()
                : choices.of(rows.stream().map(StaffRow::subscriberId).toList());
        return rows.stream().map(r -> new StaffView(r.member(), statuses.get(r.emailHash()), r.welcomedAt(),
                own.getOrDefault(r.subscriberId(), cutoff.subscriber.OwnChoices.NONE).fields())).toList();
    }

    /**
     * Removes a person from an office's list: their subscription ends (reminders cancelled, feed URL dead).
     * One who had opted out is kept as a hidden row, so a later upload does not sign them up again.
     *
     * @return false when the address is not on the list (or not an address)
     */
    public boolean remove(Office office, String typedEmail) {
        String email;
        try {
            email = EmailAddress.parse(typedEmail).value();
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<StaffRow> found = staffStore.staffRow(office.id(), email);
        if (found.isEmpty() || found.get().removed()) {
            return false;
        }
        StaffRow row = found.get();
        Optional<Subscriber> sub = subscribers.byId(row.subscriberId());
        if (sub.isPresent() && sub.get().status() == Subscriber.Status.UNSUBSCRIBED) {
            // Kept (hidden) for good: adding them back does not sign them up again. A concurrent upload that rewrote the
            // row meanwhile wins (the person is listed again, still opted out).
            staffStore.putStaff(new StaffRow(row.officeId(), row.emailHash(), row.member(), row.subscriberId(), row.addedAt(),
                    row.welcomedAt(), true, null, row.appliedRules(), row.version()), row);
            followed.touch(office.id());
            return true;
        }
        if (sub.isPresent()) {
            subscribers.leave(sub.get(), Subscriber.Status.UNSUBSCRIBED);
            planner.cancelAll(row.subscriberId(), "removed by the office");
            addresses.removeWay(row.member().email(), row.subscriberId());
        }
        Instant now = clock.instant();
        if (row.welcomedAt() != null && row.welcomedAt().plus(WELCOME_PERIOD).isAfter(now)) {
            // Welcomed within WELCOME_PERIOD: a hidden row keeps only that (no name or department; a new subscriber id,
            // the old one's items are deleted), until TTL deletes it at the period's end. Added back before then, the
            // person is registered again without a second welcome.
            StaffMember m = row.member();
            StaffRow hidden = new StaffRow(row.officeId(), row.emailHash(), new StaffMember(m.email(), "", "", m.topics(), m.rules(),
                    m.language(), m.leadTimes()), Tokens.newToken().substring(0, 22), row.addedAt(), row.welcomedAt(), true, null,
                    List.of(), row.version());
            staffSubscribers.delete(new Removal(row.subscriberId(), sub.isPresent(), row.appliedRules(), null));
            staffStore.putStaff(hidden, row, row.welcomedAt().plus(WELCOME_PERIOD));
        } else {
            staffSubscribers.delete(new Removal(row.subscriberId(), sub.isPresent(), row.appliedRules(), row));
        }
        followed.touch(office.id());
        LOG.info("staff member removed by the office");
        return true;
    }
}
