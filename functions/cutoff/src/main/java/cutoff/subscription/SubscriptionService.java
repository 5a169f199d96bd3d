package cutoff.subscription;

import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.ReminderPlanner;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.metrics.Metrics;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.office.FollowRule;
import cutoff.reminder.Sleeper;
import cutoff.store.FollowStore;
import cutoff.store.NoticeLookup;
import cutoff.store.NoticeStore;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.EmailAddress;
import cutoff.subscriber.Subscriber;
import cutoff.subscriber.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Subscribing, confirming (double opt-in), changing settings and leaving.
 *
 * <p>Nothing is sent to an unconfirmed address except its confirmation, at most once an hour. A
 * request for an address that is already confirmed, or suppressed, is answered exactly like any other
 * (no one learns who subscribes), and takes as long: {@link #subscribe} is padded to
 * {@link #RESPONSE_FLOOR}. A confirmed address gets a link to its settings instead, at most once an
 * hour. A confirmation link confirms the settings its own request asked for (they are kept with the
 * token), so a later request for the same address cannot change what the owner confirms. Links work
 * once and for {@link #CONFIRMATION_VALIDITY}; pending records expire then by TTL.
 *
 * <p>One address is one subscriber, however requests interleave: the address's own item is the arbiter
 * ({@link SubscriberStore#savePending} writes only if the address and its subscriber are as read), and a request
 * that loses reads again and is a repeat. Of feed rotations at the same moment one takes effect.
 *
 * <p>Every email a request would send counts against the service's {@link DailyCap}; past it, the
 * request is answered the same, and nothing is written or sent.
 *
 * <p>Leaving ends every link issued before: manage links work only for a confirmed subscriber and only
 * if issued since its latest confirmation; the personal feed token is deleted. Coming back takes a new
 * double opt-in. Addresses and tokens are never logged.
 *
 * <p>What a request's settings must be is {@link SubscriptionSettings}'s (a fast test of its own); how the one email
 * is sent, {@link ConfirmationMail}'s. What stays here (about 370 lines) is one flow, a subscriber's life from request
 * to leaving: its steps share the stores and the rule that the address's own item decides, and read best together.
 */
public final class SubscriptionService {
    private static final Logger LOG = Logger.getLogger(SubscriptionService.class.getName());
    /** How long a confirmation link works, and a pending subscriber is kept. */
    public static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(48);
    /** The least time between two confirmation emails to one address. */
    public static final Duration CONFIRMATION_INTERVAL = Duration.ofHours(1);
    /** The least time a subscription request takes on the service's clock, whatever the address's state (see the class comment). */
    public static final Duration RESPONSE_FLOOR = Duration.ofMillis(300);
    /** How many times a request reads and writes again after a concurrent one changed what it read. */
    private static final int ATTEMPTS = 3;

    private final NoticeStore notices;
    private final SubscriberStore subscribers;
    private final TokenStore tokens;
    private final ReminderPlanner planner;
    private final MailSender mail;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Metrics metrics;
    private final DailyCap cap;
    private final FollowStore follows;
    private final cutoff.store.AddressStore addresses;
    private final cutoff.store.ChoiceStore choices;
    private final FollowedTopics followed;

    /**
     * @param sleeper how {@link #subscribe} waits out the rest of {@link #RESPONSE_FLOOR}
     * @param cap     counts every email a request would send; past the day's cap nothing is written or sent
     * @param follows the follow rules a subscriber chose ({@code all}, {@code issuer:<name>}), expanded by later ingests
     */
    public SubscriptionService(NoticeStore notices, SubscriberStore subscribers, TokenStore tokens, ReminderPlanner planner,
                               MailSender mail, Clock clock, Sleeper sleeper, Metrics metrics, DailyCap cap, FollowStore follows,
                               cutoff.store.AddressStore addresses, cutoff.store.ChoiceStore choices, FollowedTopics followed) {
        this.followed = followed;
        this.notices = notices;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.planner = planner;
        this.mail = mail;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.cap = cap;
        this.follows = follows;
        this.addresses = addresses;
        this.choices = choices;
    }

    /**
     * A subscription request as the API takes it (JSON names = component names).
     *
     * @param email     the address
     * @param topics    topic ids ({@code 2023-4-82277d-t2})
     * @param notices   notice ids: every topic of the notice
     * @param language  {@code zh} (default) or {@code en}
     * @param leadTimes lead times ({@code P7D}, {@code MORNING}); empty for the defaults
     * @param follow    follow rules: {@code all} (every later call) or {@code issuer:<name>}; later ingests add the
     *                  topics of new matching notices. May be {@code null} or empty.
     */
    public record Request(String email, List<String> topics, List<String> notices, String language, List<String> leadTimes,
                          List<String> follow) {
        /** A request without follow rules. */
        public Request(String email, List<String> topics, List<String> notices, String language, List<String> leadTimes) {
            this(email, topics, notices, language, leadTimes, List.of());
        }
    }

    /**
     * Checks a request's settings against the notices stored now: {@link SubscriptionSettings#check}, without follow
     * rules.
     */
    public SubscriptionSettings validate(List<String> topicIds, List<String> noticeIds, String language, List<String> leadTimes)
            throws InvalidRequestException {
        return validate(topicIds, noticeIds, List.of(), language, leadTimes);
    }

    /**
     * Checks a request's settings against the notices stored now ({@link SubscriptionSettings#check}: every topic and
     * notice exists, lead times parse, language known, within the limits; a topic, a notice or a follow rule).
     */
    public SubscriptionSettings validate(List<String> topicIds, List<String> noticeIds, List<String> followRules, String language,
                                         List<String> leadTimes) throws InvalidRequestException {
        return validateFor(null, topicIds, noticeIds, followRules, language, leadTimes);
    }

    /**
     * As {@link #validate}, for a subscriber changing their settings: a research office's relay ({@link NoticeIds#isRelay},
     * for its staff only) is as unknown as a notice that does not exist, except the relay topics the subscriber already
     * holds (their office gave them), which they may keep. A withdrawn topic ({@link NoticeLookup#withdrawn}: its notice
     * withdrawn, or dropped by a later ingest), which the pages no longer offer ({@link #notices()}), is refused
     * ("this call was withdrawn", {@link SubscriptionSettings#WITHDRAWN}), except by a subscriber who already holds it and
     * keeps it (their manage page's save does not fail for it).
     *
     * @param holder the subscriber as stored; {@code null} for a new subscription
     */
    public SubscriptionSettings validateFor(Subscriber holder, List<String> topicIds, List<String> noticeIds, List<String> followRules,
                                            String language, List<String> leadTimes) throws InvalidRequestException {
        NoticeLookup lookup = new NoticeLookup(notices);
        List<String> held = holder == null ? List.of() : holder.topicIds();
        return SubscriptionSettings.check(topicIds, noticeIds, followRules, language, leadTimes,
                id -> NoticeIds.isRelay(id) && held.stream().noneMatch(t -> NoticeIds.noticeIdOf(t).filter(id::equals).isPresent())
                        ? java.util.Optional.empty() : lookup.notice(id),
                topicId -> !held.contains(topicId) && lookup.withdrawn(topicId));
    }

    /**
     * Takes a subscription request. The answer, and the time it takes, are the same whatever the
     * address's state; what is sent depends on it (see the class comment).
     *
     * @param baseUrl the public https base of the API, for the links in the email
     * @throws InvalidRequestException for a bad address, unknown topic or notice, bad lead time or language
     */
    public void subscribe(Request request, String baseUrl) throws InvalidRequestException {
        // Measured on the injected clock, so a test moves time through the work and sees the exact pause.
        Instant started = clock.instant();
        try {
            take(request, baseUrl);
        } finally {
            Duration rest = RESPONSE_FLOOR.minus(Duration.between(started, clock.instant()));
            if (!rest.isNegative() && !rest.isZero()) {
                try {
                    sleeper.sleep(rest);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void take(Request request, String baseUrl) throws InvalidRequestException {
        String email;
        try {
            email = EmailAddress.parse(request.email()).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("email", e.getMessage());
        }
        SubscriptionSettings settings = validate(request.topics(), request.notices(), request.follow(), request.language(), request.leadTimes());
        // The address's own item decides: of requests at the same moment one writes and sends, and the others, reading
        // again, find what it wrote and are repeats (nothing sent within the hour).
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (decide(email, settings, baseUrl)) {
                return;
            }
        }
        LOG.warning("subscribe: the address changed under every one of " + ATTEMPTS + " attempts; nothing sent");
    }

    /**
     * One decision on the address as read now: nothing, a confirmation or a manage link.
     *
     * @return false when another request changed the address or its subscriber between the read and the write
     *         (nothing written or sent: read again)
     */
    private boolean decide(String email, SubscriptionSettings settings, String baseUrl) {
        Instant now = clock.instant();
        SubscriberStore.Address address = subscribers.address(email);
        if (address.suppressed()) {
            LOG.info("subscribe: address suppressed earlier; nothing sent");
            return true;
        }
        Optional<Subscriber> existing = address.subscriber();
        boolean recentlySent = existing.map(Subscriber::confirmationSentAt)
                .map(t -> t.plus(CONFIRMATION_INTERVAL).isAfter(now)).orElse(false);
        if (recentlySent) {
            // The earlier request's link (and settings) stand; nothing is written or sent for this one.
            LOG.info("subscribe: an email went to this address less than an hour ago; nothing sent");
            return true;
        }
        if (!cap.mayEmail()) {
            // The day's cap is reached: nothing written (the person can ask again tomorrow) and nothing sent.
            return true;
        }
        MailComposer composer = new MailComposer(baseUrl);
        if (existing.isPresent() && existing.get().status() == Subscriber.Status.CONFIRMED) {
            Subscriber s = existing.get();
            if (!subscribers.stampSent(s, now)) {
                return false;
            }
            Subscriber stamped = new Subscriber(s.id(), s.email(), s.language(), s.topicIds(), s.leadTimes(), s.status(),
                    s.createdAt(), s.confirmedAt(), now, s.feedTokenHash());
            String token = tokens.issueManageToken(s.id(), now, CONFIRMATION_VALIDITY);
            ConfirmationMail.send(mail, composer.alreadySubscribed(stamped, token, CONFIRMATION_VALIDITY));
            return true;
        }
        // The id the address names, if any (also when its subscriber's item already expired): one address, one id.
        String id = address.indexedId() != null ? address.indexedId() : Tokens.newToken().substring(0, 22);
        Subscriber pending = new Subscriber(id, email, settings.language(), settings.topicIds(), settings.leadTimes(),
                Subscriber.Status.PENDING, existing.map(Subscriber::createdAt).orElse(now), null, now, null);
        String token = Tokens.newToken();
        if (!subscribers.savePending(address, pending, token, now, now.plus(CONFIRMATION_VALIDITY), settings.noticeIds(),
                settings.followRules())) {
            return false;
        }
        if (ConfirmationMail.send(mail, composer.confirmation(pending, topicNames(pending.topicIds()), token, CONFIRMATION_VALIDITY))) {
            metrics.confirmationSent();
        }
        return true;
    }

    /** The outcome of following a confirmation link. */
    public record Confirmation(Subscriber subscriber, String feedToken, List<String> topicNames) {
    }

    /**
     * Confirms with a token from a confirmation email: once, before it expires, with the settings that
     * token's request asked for. Plans the reminders.
     *
     * @return empty for an unknown, used or expired token
     */
    public Optional<Confirmation> confirm(String token) {
        Instant now = clock.instant();
        Optional<TokenStore.Grant> grant = tokens.grant(token, TokenStore.Kind.CONFIRM, now);
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subscriber> pending = subscribers.byId(grant.get().subscriberId())
                .filter(s -> s.status() == Subscriber.Status.PENDING);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Subscriber p = pending.get();
        TokenStore.Requested asked = grant.get().requested();
        Subscriber confirming = asked == null ? p : new Subscriber(p.id(), p.email(), asked.language(), asked.topicIds(),
                asked.leadTimes(), p.status(), p.createdAt(), p.confirmedAt(), p.confirmationSentAt(), p.feedTokenHash());
        List<String> rules = asked == null ? List.of() : asked.noticeIds().stream().map(FollowRule::notice).toList();
        return subscribers.confirm(token, confirming, now, rules).map(c -> {
            // The rules asked for replace any from before a leave (their memberships went with it; see unsubscribe).
            follows.replaceRules(c.subscriber().id(), asked == null ? List.of() : asked.followRules());
            planner.planSubscriber(c.subscriber());
            return new Confirmation(c.subscriber(), c.feedToken(), topicNames(c.subscriber().topicIds()));
        });
    }

    /**
     * The subscriber a MANAGE token (from an email) stands for: confirmed, and the token issued since
     * the latest confirmation. Tokens from before an unsubscribe stay dead after a new subscription.
     */
    public Optional<Subscriber> manageable(String token) {
        return holder(token).filter(s -> s.status() == Subscriber.Status.CONFIRMED);
    }

    /**
     * Like {@link #manageable}, but also finds a subscriber who already left, so that an unsubscribe
     * link followed twice (RFC 8058 clients may retry) answers "unsubscribed" again.
     */
    public Optional<Subscriber> leaving(String token) {
        return holder(token).filter(s -> s.status() == Subscriber.Status.CONFIRMED || s.status() == Subscriber.Status.UNSUBSCRIBED);
    }

    private Optional<Subscriber> holder(String token) {
        return tokens.grant(token, TokenStore.Kind.MANAGE, clock.instant())
                .flatMap(g -> subscribers.byId(g.subscriberId())
                        .filter(s -> s.confirmedAt() != null && !g.issuedAt().isBefore(s.confirmedAt())));
    }

    /**
     * Changes topics, lead times and language of a confirmed subscriber, and re-plans. What changed is recorded as the
     * person's own choice ({@link cutoff.subscriber.OwnChoices}), which a research office's later uploads keep.
     */
    public Subscriber update(Subscriber before, SubscriptionSettings settings) {
        Subscriber after = new Subscriber(before.id(), before.email(), settings.language(), settings.topicIds(),
                settings.leadTimes(), Subscriber.Status.CONFIRMED, before.createdAt(), before.confirmedAt(),
                before.confirmationSentAt(), before.feedTokenHash());
        cutoff.subscriber.OwnChoices was = choices.of(before.id());
        cutoff.subscriber.OwnChoices now = was.with(before, after);
        if (!now.equals(was)) {
            // Before the subscriber: an upload's staff-queue run in between then already keeps the person's choice.
            choices.save(before.id(), now);
        }
        subscribers.update(before, after);
        if (!before.topicIds().equals(after.topicIds())) {
            followed.touchSubscriber(before.id()); // a staff member's: their office's followed topics may change
        }
        follows.replaceRules(before.id(), settings.followRules());
        planner.planSubscriber(after);
        return after;
    }

    /** The follow rules a subscriber chose ({@code all}, {@code issuer:<name>}); empty for none. */
    public List<String> followRules(Subscriber s) {
        return follows.rulesOf(s.id());
    }

    /**
     * Unsubscribes at once: pending reminders cancelled, the personal feed ended. The address's other ways in (its own
     * subscription, research offices' registrations) end with it: the person saw one email per deadline for all of
     * them and said stop. Each office then lists the person as opted out, and its later uploads do not sign them up.
     */
    public void unsubscribe(Subscriber s) {
        if (s.status() == Subscriber.Status.UNSUBSCRIBED) {
            return;
        }
        leave(s);
        java.util.Set<String> others = new java.util.LinkedHashSet<>(addresses.ways(s.email()));
        others.remove(s.id());
        for (Subscriber other : subscribers.byIds(others).values()) {
            if (other.status() == Subscriber.Status.CONFIRMED && other.email().equals(s.email())) {
                leave(other);
            }
        }
    }

    private void leave(Subscriber s) {
        subscribers.leave(s, Subscriber.Status.UNSUBSCRIBED);
        follows.replaceRules(s.id(), List.of());
        planner.cancelAll(s.id(), "unsubscribed");
    }

    /**
     * A new personal feed token in place of the one {@code s} was read with; the old feed URL answers 404 from now on.
     * Of rotations at the same moment exactly one takes effect.
     *
     * @return the new token (to show once), or empty when another rotation (or a leave) changed the feed token
     *         since {@code s} was read: the URL that rotation showed is the one that answers
     */
    public Optional<String> rotateFeedToken(Subscriber s) {
        Subscriber read = s;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> token = subscribers.rotateFeedToken(read, clock.instant());
            if (token.isPresent()) {
                return token;
            }
            // Lost: to another rotation (the token changed), or only to a transaction conflict (nothing changed: again).
            Optional<Subscriber> again = subscribers.byId(s.id());
            if (again.isEmpty() || again.get().status() != Subscriber.Status.CONFIRMED
                    || !java.util.Objects.equals(again.get().feedTokenHash(), read.feedTokenHash())) {
                return Optional.empty();
            }
            read = again.get();
        }
        return Optional.empty();
    }

    /** The service's clock reading (UTC). */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Every stored notice with the topics one may still subscribe to, for the subscription pages (two {@code Query}s on
     * GSI1, as the calls page reads them): a withdrawn topic ({@link cutoff.store.NoticeStore.StoredNotice#withdrawn})
     * is left out, and a notice withdrawn whole with it.
     */
    public List<Notice> notices() {
        List<Notice> result = new java.util.ArrayList<>();
        for (cutoff.store.NoticeStore.StoredNotice stored : notices.storedNotices()) {
            List<cutoff.notice.Topic> live = stored.notice().topics().stream().filter(t -> !stored.withdrawn(t.id())).toList();
            if (live.size() == stored.notice().topics().size()) {
                result.add(stored.notice());
            } else if (!live.isEmpty()) {
                result.add(stored.notice().withTopics(live));
            }
        }
        return result;
    }

    /** Display names of topics ({@link Notice#topicLabel}: {@code 沪科指南〔2023〕4号 · 专题二 …}), in the given order; an unknown one as its id. */
    public List<String> topicNames(List<String> topicIds) {
        NoticeLookup lookup = new NoticeLookup(notices);
        return topicIds.stream().map(id -> lookup.topicLabel(id).orElse(id)).toList();
    }
}
