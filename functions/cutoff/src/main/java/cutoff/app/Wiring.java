package cutoff.app;

import cutoff.dispatch.Dispatcher;
import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.InternalDeadlineSource;
import cutoff.dispatch.PacedSends;
import cutoff.dispatch.Redrive;
import cutoff.dispatch.ReminderPlanner;
import cutoff.dispatch.Status;
import cutoff.dispatch.StaffQueue;
import cutoff.feed.Feeds;
import cutoff.ingest.FollowExpansion;
import cutoff.ingest.Ingestion;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import cutoff.subscription.Challenges;
import cutoff.subscription.DailyCap;
import cutoff.subscription.RateLimit;
import cutoff.subscription.SubscriberCheck;
import cutoff.subscription.SubscriptionService;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.SesMailSender;
import cutoff.metrics.EmfMetrics;
import cutoff.metrics.Metrics;
import cutoff.reminder.Sleeper;
import cutoff.store.AbuseStore;
import cutoff.store.Dynamo;
import cutoff.store.NoticeStore;
import cutoff.store.ReminderStore;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds Cutoff's clients, stores and services from a {@link Config}, once each.
 * Every Lambda handler's no-argument constructor, the CLI, the demo stack, the tests' stack and the
 * benchmarks build their parts here, so there is one way to put Cutoff together.
 *
 * <p>Clients are built lazily: the feed function never builds an SES client. Not thread-safe while
 * building; build from one thread (a handler's constructor), then share.
 *
 * <p>Long (about 440 lines) because it is the composition root: one short builder per client, store and service
 * (most built once and kept), and nothing else; split, Cutoff would be put together in more than one place.
 */
public final class Wiring {
    private final Config config;
    private final Clock clock;
    private final DynamoDbClient dynamo;
    private final Supplier<MailSender> mailFactory;
    private final Sleeper sleeper;
    private Supplier<Metrics> metricsSource = () -> Metrics.NONE;
    private Metrics metrics;
    private MailSender mail;
    private NoticeStore notices;
    private java.time.Duration noticeReadStaleness = java.time.Duration.ZERO;
    private SubscriberStore subscribers;
    private TokenStore tokens;
    private ReminderStore reminders;
    private cutoff.store.AddressStore addresses;
    private cutoff.store.ChoiceStore choices;
    private ReminderPlanner planner;
    private SubscriptionService subscriptions;
    private Feeds feeds;
    private Ingestion ingestion;
    private cutoff.store.FollowStore follows;
    private FollowExpansion followExpansion;
    private AbuseStore abuse;
    private byte[] secret;
    private RateLimit rateLimit;
    private DailyCap dailyCap;
    private Challenges challenges;
    private cutoff.store.OfficeStore officeStore;
    private cutoff.store.StaffStore staffStore;
    private cutoff.store.StaffSubscriberStore staffSubscribers;
    private Offices offices;
    private InternalDeadlineSource internalSource;
    private cutoff.store.InternalDeadlineStore internalStore;
    private InternalDeadlines internalDeadlines;
    private FollowedTopics followedTopics;

    /**
     * Parts from a configuration, with an explicit DynamoDB client and mail sender (tests, the demo,
     * benchmarks).
     *
     * @param mail the sender; {@code null} to build the SES sender from the configuration when first needed
     */
    public Wiring(Config config, Clock clock, DynamoDbClient dynamo, MailSender mail) {
        this(config, clock, dynamo, mail, Sleeper.THREAD);
    }

    /**
     * As above, with the waits (dispatcher pacing and backoff, the subscription response floor) going
     * through {@code sleeper}: tests move their clock instead of sleeping.
     */
    public Wiring(Config config, Clock clock, DynamoDbClient dynamo, MailSender mail, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.config = config;
        this.clock = clock;
        this.dynamo = dynamo;
        this.mail = mail;
        this.mailFactory = () -> sesSender(config);
    }

    /** What a Lambda container uses: the environment, the system clock (UTC) and real clients. */
    public static Wiring fromEnvironment() {
        Config config = Config.fromEnvironment();
        return new Wiring(config, Clock.systemUTC(), Dynamo.client(config.region(), config.dynamoDbEndpoint()), null)
                .withMetrics(EmfMetrics::new).withNoticeReadCache(NoticeStore.READ_STALENESS);
    }

    /**
     * The feeds' and pages' notice reads kept for up to {@code staleness} in this process
     * ({@link NoticeStore#cachingReads}); {@link java.time.Duration#ZERO} (the default here) keeps none. Set before
     * building services.
     */
    public Wiring withNoticeReadCache(java.time.Duration staleness) {
        this.noticeReadStaleness = staleness;
        this.notices = null;
        return this;
    }

    /** Where the services' figures go ({@link Metrics#NONE} unless set); set before building services. */
    public Wiring withMetrics(Metrics m) {
        return withMetrics(() -> m);
    }

    /**
     * As above, built when a service first needs it: the feed function, which records no metrics, never
     * loads the metrics library (its cold start).
     */
    public Wiring withMetrics(Supplier<Metrics> source) {
        this.metricsSource = source;
        this.metrics = null;
        return this;
    }

    private Metrics metrics() {
        if (metrics == null) {
            metrics = metricsSource.get();
        }
        return metrics;
    }

    /** The SES v2 sender of a configuration (endpoint override and dummy credentials when local). */
    public static SesMailSender sesSender(Config config) {
        return new SesMailSender(SesMailSender.client(config.region(), config.sesEndpoint()), config.requireMailFrom(),
                config.sesConfigurationSet());
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public MailSender mail() {
        if (mail == null) {
            mail = mailFactory.get();
        }
        return mail;
    }

    public NoticeStore notices() {
        if (notices == null) {
            notices = new NoticeStore(dynamo, config.requireTable(), clock).cachingReads(noticeReadStaleness);
        }
        return notices;
    }

    public SubscriberStore subscribers() {
        if (subscribers == null) {
            subscribers = new SubscriberStore(dynamo, config.requireTable());
        }
        return subscribers;
    }

    public TokenStore tokens() {
        if (tokens == null) {
            tokens = new TokenStore(dynamo, config.requireTable());
        }
        return tokens;
    }

    /** Settings people registered by an office chose themselves. */
    public cutoff.store.ChoiceStore choices() {
        if (choices == null) {
            choices = new cutoff.store.ChoiceStore(dynamo, config.requireTable());
        }
        return choices;
    }

    /** The ways in of an address, and which of its subscribers carries a reminder to it. */
    public cutoff.store.AddressStore addresses() {
        if (addresses == null) {
            addresses = new cutoff.store.AddressStore(dynamo, config.requireTable());
        }
        return addresses;
    }

    public ReminderStore reminders() {
        if (reminders == null) {
            reminders = new ReminderStore(dynamo, config.requireTable());
        }
        return reminders;
    }

    public ReminderPlanner planner() {
        if (planner == null) {
            planner = new ReminderPlanner(notices(), subscribers(), reminders(), clock, internalSource());
        }
        return planner;
    }

    public SubscriptionService subscriptions() {
        if (subscriptions == null) {
            subscriptions = new SubscriptionService(notices(), subscribers(), tokens(), planner(), mail(), clock, sleeper, metrics(),
                    dailyCap(), follows(), addresses(), choices(), followedTopics());
        }
        return subscriptions;
    }

    public AbuseStore abuse() {
        if (abuse == null) {
            abuse = new AbuseStore(dynamo, config.requireTable());
        }
        return abuse;
    }

    /**
     * The key of the HMACs over source addresses and challenges: {@link Config#abuseSecret()}, or 32
     * random bytes for this process when it is unset (local use).
     */
    private byte[] secret() {
        if (secret == null) {
            if (config.abuseSecret() != null) {
                secret = config.abuseSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else {
                secret = new byte[32];
                new java.security.SecureRandom().nextBytes(secret);
            }
        }
        return secret;
    }

    /** The per-source limit on subscription requests. */
    public RateLimit rateLimit() {
        if (rateLimit == null) {
            rateLimit = new RateLimit(abuse(), clock, secret(), config.subscribeBurst(), config.subscribePerHour(), metrics());
        }
        return rateLimit;
    }

    /** The service-wide daily cap on the emails subscription requests send. */
    public DailyCap dailyCap() {
        if (dailyCap == null) {
            dailyCap = new DailyCap(abuse(), clock, config.confirmationsPerDay(), metrics());
        }
        return dailyCap;
    }

    /** The optional proof-of-work on subscription requests ({@link Config#challengeBits()}). */
    public Challenges challenges() {
        if (challenges == null) {
            challenges = new Challenges(abuse(), clock, secret(), config.challengeBits());
        }
        return challenges;
    }

    public Feeds feeds() {
        if (feeds == null) {
            feeds = new Feeds(notices(), subscribers(), tokens(), clock, internalSource(), internalDeadlines());
        }
        return feeds;
    }

    public Ingestion ingestion() {
        if (ingestion == null) {
            ingestion = new Ingestion(notices(), planner(), followExpansion());
        }
        return ingestion;
    }

    /** Withdrawing a published notice ({@code POST /notices/{noticeId}/withdraw}, {@code ./cutoff withdraw}). */
    public cutoff.ingest.Withdrawal withdrawal() {
        return new cutoff.ingest.Withdrawal(notices(), planner(), subscribers(),
                new cutoff.store.AuditStore(dynamo, config.requireTable()), clock);
    }

    /** Follow rules and what ingests gave their followers. */
    public cutoff.store.FollowStore follows() {
        if (follows == null) {
            follows = new cutoff.store.FollowStore(dynamo, config.requireTable());
        }
        return follows;
    }

    /** Gives the topics an ingest brings to the followers of matching rules. */
    public FollowExpansion followExpansion() {
        if (followExpansion == null) {
            followExpansion = new FollowExpansion(follows(), subscribers(), planner(), followedTopics(), clock);
        }
        return followExpansion;
    }

    /** Research offices and their keys. */
    public cutoff.store.OfficeStore officeStore() {
        if (officeStore == null) {
            officeStore = new cutoff.store.OfficeStore(dynamo, config.requireTable());
        }
        return officeStore;
    }

    /** Research offices' staff rows. */
    public cutoff.store.StaffStore staffStore() {
        if (staffStore == null) {
            staffStore = new cutoff.store.StaffStore(dynamo, config.requireTable());
        }
        return staffStore;
    }

    /** The items of research offices' staff subscribers (the subscriber, its topic and follow-rule memberships). */
    public cutoff.store.StaffSubscriberStore staffSubscribers() {
        if (staffSubscribers == null) {
            staffSubscribers = new cutoff.store.StaffSubscriberStore(dynamo, config.requireTable());
        }
        return staffSubscribers;
    }

    /** Research offices' internal deadlines as feeds and reminders read them. */
    public InternalDeadlineSource internalSource() {
        if (internalSource == null) {
            internalSource = new InternalDeadlineSource(internalStore(), officeStore(), notices());
        }
        return internalSource;
    }

    /** Research offices' internal deadlines, feed secrets and staff subscribers' offices. */
    public cutoff.store.InternalDeadlineStore internalStore() {
        if (internalStore == null) {
            internalStore = new cutoff.store.InternalDeadlineStore(dynamo, config.requireTable());
        }
        return internalStore;
    }

    /** Research offices' internal deadlines (the office API) and office feeds. */
    public InternalDeadlines internalDeadlines() {
        if (internalDeadlines == null) {
            internalDeadlines = new InternalDeadlines(internalSource(), followedTopics(), internalStore(), officeStore(), staffStore(), subscribers(),
                    planner(), reminders(), clock);
        }
        return internalDeadlines;
    }

    /** Research offices' followed topics, kept as an item of their own. */
    public FollowedTopics followedTopics() {
        if (followedTopics == null) {
            followedTopics = new FollowedTopics(new cutoff.store.FollowedTopicsStore(dynamo, config.requireTable()), staffStore(), subscribers(),
                    internalStore(), clock);
        }
        return followedTopics;
    }

    /** Research offices' relayed topics, kept as an item of their own (written by relays, read by the staff queue). */
    public cutoff.store.RelayedTopicsStore relayedTopics() {
        return new cutoff.store.RelayedTopicsStore(dynamo, config.requireTable());
    }

    /** Offices and their staff lists (the office API and {@code ./cutoff org}). */
    public Offices offices() {
        if (offices == null) {
            offices = new Offices(officeStore(), staffStore(), staffSubscribers(), notices(), subscribers(), planner(), addresses(), choices(),
                    followedTopics(), clock);
        }
        return offices;
    }

    /** The staff work queue (welcome emails, re-plans), at the dispatcher's share of SES's rate. */
    public StaffQueue staffQueue() {
        MailSender sender = mail();
        return staffQueue(() -> (sender instanceof SesMailSender ses ? ses.maxSendRate().orElse(config.maxSendRate())
                : config.maxSendRate()) * config.sendRateShare());
    }

    /**
     * The staff work queue at a rate asked for at the start of every run (messages per second), through the
     * dispatcher's sending machinery ({@link PacedSends}) with at most {@link Config#dispatchConcurrency()} in flight.
     */
    public StaffQueue staffQueue(java.util.function.DoubleSupplier ratePerSecond) {
        return new StaffQueue(new cutoff.store.StaffQueueStore(dynamo, config.requireTable()), officeStore(), relayedTopics(), staffSubscribers(),
                subscribers(), addresses(), choices(), tokens(), notices(), planner(), followedTopics(), mail(),
                new MailComposer(config.requirePublicBaseUrl()), ratePerSecond, clock, sleeper,
                Dispatcher.Settings.DEFAULT.withConcurrency(config.dispatchConcurrency(), Dispatcher.Settings.DEFAULT.firstLatency())
                        .sending());
    }

    /**
     * The dispatcher at {@link Config#sendRateShare()} of SES's {@code MaxSendRate}, from
     * {@code GetAccount} at the start of every run (so a SnapStart snapshot holds no stale rate), or
     * {@link Config#maxSendRate()} when SES does not say.
     */
    public Dispatcher dispatcher() {
        MailSender sender = mail();
        return dispatcher(() -> (sender instanceof SesMailSender ses ? ses.maxSendRate().orElse(config.maxSendRate())
                : config.maxSendRate()) * config.sendRateShare());
    }

    /** The deployment's status (the dispatcher's last run). */
    public Status status() {
        return new Status(reminders(), clock);
    }

    /** {@code ./cutoff subscribers check}: the addresses with more than one subscriber of their own (one Scan). */
    public SubscriberCheck subscriberCheck() {
        return new SubscriberCheck(new cutoff.store.SubscriberScan(dynamo, config.requireTable()), subscribers(), tokens(), follows(),
                planner());
    }

    /** The re-drive of FAILED and stuck reminders, with the dispatcher's lease. */
    public Redrive redrive() {
        return new Redrive(reminders(), clock, Dispatcher.Settings.DEFAULT.lease());
    }

    /** A dispatcher at a given rate (messages per second). */
    public Dispatcher dispatcher(double ratePerSecond) {
        return dispatcher(() -> ratePerSecond);
    }

    /**
     * A dispatcher whose rate (messages per second) is asked for at the start of every run, with at most
     * {@link Config#dispatchConcurrency()} recipients in flight.
     */
    public Dispatcher dispatcher(java.util.function.DoubleSupplier ratePerSecond) {
        return dispatcher(ratePerSecond, Dispatcher.Settings.DEFAULT.withConcurrency(config.dispatchConcurrency(),
                Dispatcher.Settings.DEFAULT.firstLatency()));
    }

    /** As above, with settings of its own (tests, benchmarks). */
    public Dispatcher dispatcher(java.util.function.DoubleSupplier ratePerSecond, Dispatcher.Settings settings) {
        return new Dispatcher(reminders(), subscribers(), addresses(), tokens(), mail(), new MailComposer(config.requirePublicBaseUrl()),
                ratePerSecond, clock, sleeper, settings, metrics());
    }

    private cutoff.chat.ChatSender chatSender;
    private cutoff.dispatch.ChatPosts chatPosts;

    /**
     * The group-chat sender: the JDK's HttpClient to each chat service (or {@link Config#chatEndpoint()}, the stand-in).
     * Signatures carry the real time, not this wiring's clock: the chat services check them against theirs.
     */
    public cutoff.chat.ChatSender chatSender() {
        if (chatSender == null) {
            chatSender = new cutoff.chat.WebhookSender(config.chatEndpoint(), Clock.systemUTC());
        }
        return chatSender;
    }

    /** Research offices' group chats: connecting, queued posts, the dispatcher run's posting ({@link cutoff.dispatch.ChatPosts}). */
    public cutoff.dispatch.ChatPosts chatPosts() {
        if (chatPosts == null) {
            chatPosts = new cutoff.dispatch.ChatPosts(new cutoff.store.ChatStore(dynamo, config.requireTable()), officeStore(), notices(),
                    chatSender(), clock, sleeper, config.publicBaseUrl(), office -> {
                        InternalDeadlines.View v = internalDeadlines().view(office);
                        return new cutoff.dispatch.ChatPosts.Own(v.deadlines().stream().map(d -> new cutoff.dispatch.ChatPosts.Reminded(
                                d.noticeId(), d.topicId(), d.title(), d.internal(), d.cutoff())).toList(),
                                v.topics().stream().map(t -> new cutoff.dispatch.ChatPosts.Call(t.noticeId(), t.topicId(), t.title(),
                                        t.cutoff())).toList());
                    });
        }
        return chatPosts;
    }
}
