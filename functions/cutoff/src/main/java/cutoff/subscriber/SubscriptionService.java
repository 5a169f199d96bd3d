package cutoff.subscriber;

import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.reminder.ReminderPlanner;
import cutoff.store.NoticeStore;
import cutoff.store.SubscriberStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Subscribing, confirming (double opt-in), changing settings and leaving.
 *
 * <p>Nothing is sent to an unconfirmed address except its confirmation, at most once an hour. A
 * request for an address that is already confirmed, or suppressed, is answered exactly like any other
 * (no one learns who subscribes); a confirmed one gets a link to its settings instead, at most once an
 * hour. Confirmation links work once and for {@link #CONFIRMATION_VALIDITY}; pending records expire
 * then by TTL. Addresses and tokens are never logged.
 */
public final class SubscriptionService {
    private static final Logger LOG = Logger.getLogger(SubscriptionService.class.getName());
    /** How long a confirmation link works, and a pending subscriber is kept. */
    public static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(48);
    /** The least time between two confirmation emails to one address. */
    public static final Duration CONFIRMATION_INTERVAL = Duration.ofHours(1);
    static final int MAX_TOPICS = 200;

    private final NoticeStore notices;
    private final SubscriberStore subscribers;
    private final ReminderPlanner planner;
    private final MailSender mail;
    private final Clock clock;

    public SubscriptionService(NoticeStore notices, SubscriberStore subscribers, ReminderPlanner planner,
                               MailSender mail, Clock clock) {
        this.notices = notices;
        this.subscribers = subscribers;
        this.planner = planner;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * A subscription request as the API takes it.
     *
     * @param email     the address
     * @param topics    topic ids ({@code 2023-4-82277d-t2})
     * @param notices   notice ids: every topic of the notice
     * @param language  {@code zh} (default) or {@code en}
     * @param leadTimes lead times ({@code P7D}, {@code MORNING}); empty for the defaults
     */
    public record Request(String email, List<String> topics, List<String> notices, String language, List<String> leadTimes) {
    }

    /** A request that cannot be taken, with the field to fix. */
    public static final class InvalidRequestException extends Exception {
        private final String field;

        public InvalidRequestException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Settings checked and resolved: topic ids, lead times, language. */
    public record Settings(List<String> topicIds, List<LeadTime> leadTimes, String language) {
    }

    /** Checks a request's settings: every topic and notice exists, lead times parse, language known. */
    public Settings validate(List<String> topicIds, List<String> noticeIds, String language, List<String> leadTimes)
            throws InvalidRequestException {
        Set<String> topics = new LinkedHashSet<>();
        for (String noticeId : noticeIds == null ? List.<String>of() : noticeIds) {
            Notice n = notices.notice(noticeId).map(NoticeStore.StoredNotice::notice)
                    .orElseThrow(() -> new InvalidRequestException("notices", "no notice " + noticeId));
            n.topics().forEach(t -> topics.add(t.id()));
        }
        for (String topicId : topicIds == null ? List.<String>of() : topicIds) {
            if (topicName(topicId).isEmpty()) {
                throw new InvalidRequestException("topics", "no topic " + topicId);
            }
            topics.add(topicId);
        }
        if (topics.isEmpty()) {
            throw new InvalidRequestException("topics", "name at least one topic (topics) or notice (notices)");
        }
        if (topics.size() > MAX_TOPICS) {
            throw new InvalidRequestException("topics", "at most " + MAX_TOPICS + " topics per subscriber");
        }
        String lang = language == null || language.isBlank() ? "zh" : language.strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("zh") && !lang.equals("en")) {
            throw new InvalidRequestException("language", "language is zh (Chinese with English) or en, not " + language);
        }
        List<LeadTime> leads = new ArrayList<>();
        try {
            for (String l : leadTimes == null ? List.<String>of() : leadTimes) {
                LeadTime lead = LeadTime.parse(l);
                if (!leads.contains(lead)) {
                    leads.add(lead);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("leadTimes", e.getMessage());
        }
        return new Settings(List.copyOf(topics), leads.isEmpty() ? LeadTime.DEFAULTS : leads, lang);
    }

    /**
     * Takes a subscription request. The answer is the same whatever the address's state; what is sent
     * depends on it (see the class comment).
     *
     * @param baseUrl the public https base of the API, for the links in the email
     * @throws InvalidRequestException for a bad address, unknown topic or notice, bad lead time or language
     */
    public void subscribe(Request request, String baseUrl) throws InvalidRequestException {
        MailComposer composer = new MailComposer(baseUrl);
        String email = request.email() == null ? "" : Subscriber.normalise(request.email());
        if (!EmailValidator.getInstance().isValid(email)) {
            throw new InvalidRequestException("email", "not an email address");
        }
        Settings settings = validate(request.topics(), request.notices(), request.language(), request.leadTimes());
        Instant now = clock.instant();
        if (subscribers.suppressed(email)) {
            LOG.info("subscribe: address suppressed earlier; nothing sent");
            return;
        }
        Optional<Subscriber> existing = subscribers.byEmail(email);
        boolean recentlySent = existing.map(Subscriber::confirmationSentAt)
                .map(t -> t.plus(CONFIRMATION_INTERVAL).isAfter(now)).orElse(false);
        if (existing.isPresent() && existing.get().status() == Subscriber.Status.CONFIRMED) {
            if (!recentlySent) {
                Subscriber s = existing.get();
                Subscriber stamped = new Subscriber(s.id(), s.email(), s.language(), s.topicIds(), s.leadTimes(), s.status(),
                        s.createdAt(), s.confirmedAt(), now, s.feedTokenHash());
                subscribers.update(s, stamped);
                String token = subscribers.issueManageToken(s.id(), now, CONFIRMATION_VALIDITY);
                sendQuietly(composer.alreadySubscribed(stamped, token, CONFIRMATION_VALIDITY));
            }
            return;
        }
        String id = existing.map(Subscriber::id).orElseGet(() -> Tokens.newToken().substring(0, 22));
        Subscriber pending = new Subscriber(id, email, settings.language(), settings.topicIds(), settings.leadTimes(),
                Subscriber.Status.PENDING, existing.map(Subscriber::createdAt).orElse(now), null,
                recentlySent ? existing.get().confirmationSentAt() : now, null);
        String token = Tokens.newToken();
        subscribers.savePending(pending, token, now.plus(CONFIRMATION_VALIDITY));
        if (recentlySent) {
            LOG.info("subscribe: confirmation sent less than an hour ago; settings kept, nothing sent");
            return;
        }
        sendQuietly(composer.confirmation(pending, topicNames(pending.topicIds()), token, CONFIRMATION_VALIDITY));
    }

    /** The outcome of following a confirmation link. */
    public record Confirmation(Subscriber subscriber, String feedToken, List<String> topicNames) {
    }

    /**
     * Confirms with a token from a confirmation email: once, before it expires. Plans the reminders.
     *
     * @return empty for an unknown, used or expired token
     */
    public Optional<Confirmation> confirm(String token) {
        Instant now = clock.instant();
        Optional<SubscriberStore.TokenGrant> grant = subscribers.grant(token, SubscriberStore.TokenKind.CONFIRM, now);
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subscriber> pending = subscribers.byId(grant.get().subscriberId())
                .filter(s -> s.status() == Subscriber.Status.PENDING);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        return subscribers.confirm(token, pending.get(), now).map(c -> {
            planner.planSubscriber(c.subscriber());
            return new Confirmation(c.subscriber(), c.feedToken(), topicNames(c.subscriber().topicIds()));
        });
    }

    /** The subscriber a MANAGE token (from an email) stands for, if it is valid and still subscribed. */
    public Optional<Subscriber> manageable(String token) {
        return subscribers.grant(token, SubscriberStore.TokenKind.MANAGE, clock.instant())
                .flatMap(g -> subscribers.byId(g.subscriberId()))
                .filter(s -> s.status() == Subscriber.Status.CONFIRMED || s.status() == Subscriber.Status.UNSUBSCRIBED);
    }

    /** Changes topics, lead times and language, and re-plans. */
    public Subscriber update(Subscriber before, Settings settings) {
        Subscriber after = new Subscriber(before.id(), before.email(), settings.language(), settings.topicIds(),
                settings.leadTimes(), Subscriber.Status.CONFIRMED, before.createdAt(),
                before.confirmedAt() == null ? clock.instant() : before.confirmedAt(), before.confirmationSentAt(),
                before.feedTokenHash());
        subscribers.update(before, after);
        planner.planSubscriber(after);
        return after;
    }

    /** Unsubscribes at once and cancels pending reminders. */
    public void unsubscribe(Subscriber s) {
        if (s.status() == Subscriber.Status.UNSUBSCRIBED) {
            return;
        }
        subscribers.update(s, s.with(Subscriber.Status.UNSUBSCRIBED));
        planner.cancelAll(s.id(), "unsubscribed");
    }

    /** A new personal feed token; the old feed URL answers 404 from now on. */
    public String rotateFeedToken(Subscriber s) {
        return subscribers.rotateFeedToken(s);
    }

    /** The service's clock reading (UTC). */
    public Instant now() {
        return clock.instant();
    }

    /** Every stored notice, for the subscription page (one {@code Query}). */
    public List<Notice> notices() {
        return notices.notices();
    }

    /** Display names of topics ({@code 沪科指南〔2023〕4号 · 专题二 …}), in the given order. */
    public List<String> topicNames(List<String> topicIds) {
        List<String> names = new ArrayList<>();
        for (String id : topicIds) {
            names.add(topicName(id).orElse(id));
        }
        return names;
    }

    private Optional<String> topicName(String topicId) {
        return NoticeIds.noticeIdOf(topicId).flatMap(notices::notice).flatMap(s -> {
            Notice n = s.notice();
            for (Topic t : n.topics()) {
                if (t.id().equals(topicId)) {
                    return Optional.of((n.documentNumber() != null ? n.documentNumber() : n.title()) + " · " + t.displayName());
                }
            }
            return Optional.empty();
        });
    }

    private void sendQuietly(cutoff.mail.OutgoingEmail email) {
        try {
            mail.send(email);
        } catch (MailSender.ThrottledException | MailSender.RejectedException e) {
            // The person can ask again. SES's message may quote the address, so only its kind is logged.
            LOG.warning("confirmation email not sent: " + (e instanceof MailSender.ThrottledException ? "throttled" : "rejected"));
        }
    }
}
