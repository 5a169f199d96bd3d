package cutoff.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.chat.ChatComposer;
import cutoff.chat.ChatPost;
import cutoff.chat.ChatSender;
import cutoff.chat.ChatService;
import cutoff.chat.ChatWebhook;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.Office;
import cutoff.reminder.Sleeper;
import cutoff.store.ChatStore;
import cutoff.store.NoticeStore;
import cutoff.store.OfficeRecords;
import cutoff.subscriber.LeadTime;
import cutoff.util.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * A research office's group chat (issue 19): connecting it, what is queued for it, and the dispatcher run's posting.
 *
 * <ul>
 *   <li><b>Queued</b> ({@link ChatStore}): a relay the office published ({@link #relayPublished}: first time, or what
 *       changed since the chat was last told; nothing when nothing changed), withdrawn ({@link #relayWithdrawn}), and
 *       a reminder before each of the relay's office dates at the leads staff emails use ({@link LeadTime#DEFAULTS}),
 *       moved when the date moves and dropped when the relay is withdrawn; reminders of its internal deadlines on the
 *       public topics its staff follow, and a post for each public call they follow that the chat was not told of
 *       ({@link #refresh}). Only the office's own relays, in the office's own partition: never another office's, never
 *       a draft (a draft is not published).</li>
 *   <li><b>Posted</b> ({@link #run}, each dispatcher run): the due posts, oldest first, each claimed with a lease (a
 *       run retried finds it claimed or sent: never posted twice); per robot at most its service's
 *       {@link ChatService#perMinute()} a run (runs are five minutes apart, so no minute has more) and, for Feishu/Lark,
 *       {@value #FEISHU_SPACING_MILLIS} ms apart (5 a second). A throttled or unanswered post stays due for the next run,
 *       with the robot's other posts; a refusal for good marks the post FAILED and the connection failed (the office
 *       page says why), and the office's other posts are held off the due index, pending, until it connects its chat
 *       again ({@link ChatStore#hold}); then they are due again. A post past its expiry (a reminder whose office
 *       deadline passed, a new call whose cutoff passed: the dispatcher was down, the chat throttled or failed) is
 *       marked EXPIRED, never posted.</li>
 * </ul>
 */
public final class ChatPosts {
    private static final Logger LOG = Logger.getLogger(ChatPosts.class.getName());
    static final long FEISHU_SPACING_MILLIS = 250;
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** The most posts a run sends to chats (sent, throttled or refused), by default. */
    static final int MOST_POSTED_A_RUN = 500;
    /** The due posts one read of the due index returns, by default. */
    static final int PAGE = 100;
    /** The most reads of the due index a run makes, by default: with {@link #PAGE}, at most 2,000 due posts looked at. */
    static final int MOST_PAGES_A_RUN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatStore store;
    private final OfficeRecords offices;
    private final NoticeStore notices;
    private final ChatSender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String publicBaseUrl;
    private final java.util.function.Function<Office, Own> ownDeadlines;
    private final int mostPosted;
    private final int page;
    private final int mostPages;
    /** How long a chat's reminders stand before a run works them out again (new calls, changed rules). */
    static final Duration REFRESH = Duration.ofHours(1);
    /** The most chats a run refreshes. */
    static final int REFRESHES_A_RUN = 20;

    /**
     * One of the office's own deadlines on a topic its staff follow ({@code officeservice.InternalDeadlines}), to be
     * reminded of.
     *
     * @param topic    the topic's name
     * @param internal the office's deadline
     */
    public record Reminded(String noticeId, String topicId, String topic, Instant internal, Deadline cutoff) {
    }

    /**
     * A topic the office's staff follow, with its live cutoff ({@code officeservice.InternalDeadlines.Followed}).
     *
     * @param topic the topic's name
     */
    public record Call(String noticeId, String topicId, String topic, Deadline cutoff) {
    }

    /** What the office has now: its own deadlines to remind of, and the calls its staff follow. */
    public record Own(List<Reminded> deadlines, List<Call> calls) {
    }

    /**
     * @param publicBaseUrl the public base of links ({@code PUBLIC_BASE_URL}); {@code null}: posts carry no link
     * @param ownDeadlines  an office's internal deadlines on its followed topics (relays' office dates included) and the
     *                      calls its staff follow, from
     *                      {@code officeservice.InternalDeadlines#view}; {@code null}: reminders of relays only
     */
    public ChatPosts(ChatStore store, OfficeRecords offices, NoticeStore notices, ChatSender sender, Clock clock, Sleeper sleeper,
                     String publicBaseUrl, java.util.function.Function<Office, Own> ownDeadlines) {
        this(store, offices, notices, sender, clock, sleeper, publicBaseUrl, ownDeadlines, MOST_POSTED_A_RUN, PAGE, MOST_PAGES_A_RUN);
    }

    private ChatPosts(ChatStore store, OfficeRecords offices, NoticeStore notices, ChatSender sender, Clock clock, Sleeper sleeper,
                      String publicBaseUrl, java.util.function.Function<Office, Own> ownDeadlines, int mostPosted, int page,
                      int mostPages) {
        if (mostPosted < 1 || page < 1 || mostPages < 1) {
            throw new IllegalArgumentException("a run's limits are at least 1");
        }
        this.mostPosted = mostPosted;
        this.page = page;
        this.mostPages = mostPages;
        this.ownDeadlines = ownDeadlines;
        this.publicBaseUrl = publicBaseUrl;
        this.store = store;
        this.offices = offices;
        this.notices = notices;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * This office chat poster with other limits per run (the defaults: {@value #MOST_POSTED_A_RUN}, {@value #PAGE},
     * {@value #MOST_PAGES_A_RUN}).
     *
     * @param mostPosted the most posts a run sends to chats (sent, throttled or refused)
     * @param page       the due posts one read of the due index returns
     * @param mostPages  the most reads of the due index a run makes
     * @throws IllegalArgumentException when one is below 1
     */
    public ChatPosts withLimits(int mostPosted, int page, int mostPages) {
        return new ChatPosts(store, offices, notices, sender, clock, sleeper, publicBaseUrl, ownDeadlines, mostPosted, page, mostPages);
    }

    // ------------------------------------------------------------------ connecting

    /** Connects the office's robot (replacing any); nothing is posted now, and posts held while it had failed are due again. */
    public void connect(Office office, ChatWebhook robot) {
        int due = store.connect(office.id(), robot, clock.instant());
        LOG.info(() -> "office " + office.id() + " connected a " + robot.service().id() + " chat; " + due + " held posts due again");
    }

    public Optional<ChatStore.Connection> connection(Office office) {
        return store.connection(office.id());
    }

    public boolean disconnect(Office office) {
        return store.disconnect(office.id(), clock.instant());
    }

    /** How many of the office's posts are pending (held ones included), sent, failed and expired. */
    public Map<String, Integer> counts(Office office) {
        return store.counts(office.id());
    }

    /**
     * Posts the test message now (not queued).
     *
     * @return empty when there is no chat connected
     * @throws ChatSender.Throttled too many messages or no answer: try again in a minute
     * @throws ChatSender.Refused   the chat refuses: recorded on the connection, as a queued post's would be
     * @throws TestedRecently       the office's last test was less than {@link #TEST_GAP} ago (nothing posted)
     */
    public Optional<ChatWebhook> test(Office office) throws ChatSender.Throttled, ChatSender.Refused, TestedRecently {
        Optional<ChatStore.Connection> c = store.connection(office.id());
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> wait = store.mayTest(office.id(), clock.instant(), TEST_GAP);
        if (wait.isPresent()) {
            throw new TestedRecently(wait.get());
        }
        ChatWebhook robot = c.get().robot();
        try {
            sender.post(robot, ChatComposer.test(office.name(), "zh"));
        } catch (ChatSender.Refused refused) {
            store.failed(office.id(), robot.token(), refused.reason().name(), refused.getMessage(), clock.instant());
            throw refused;
        }
        // Only if the office's robot is still this one: a DELETE or PUT while the test was on its way stands.
        store.answered(office.id(), robot.token());
        return Optional.of(robot);
    }

    /**
     * The least time between two test messages of one office: 20 s, so a key posts at most 3 a minute, whoever's robot
     * it connected (WeCom's and DingTalk's robots take 20 a minute, and DingTalk stops one for 10 minutes past that: a
     * test must not use up the queued posts' minute).
     */
    public static final Duration TEST_GAP = Duration.ofSeconds(20);

    /** A test message asked for within {@link #TEST_GAP} of the office's last. */
    public static final class TestedRecently extends Exception {
        private final Duration wait;

        TestedRecently(Duration wait) {
            super("a test message was posted less than " + TEST_GAP.toSeconds() + " seconds ago");
            this.wait = wait;
        }

        /** How long until the next test may be posted (more than zero). */
        public Duration waitFor() {
            return wait;
        }
    }

    // ------------------------------------------------------------------ queueing

    /**
     * Queues what a relay's publication tells the office's chat: the first publication's post, or what changed since the
     * chat was last told; and the reminders before each office date. Nothing when the office has no chat connected.
     *
     * @param noticeId the relay's own id, or the public notice's it was attached to
     * @param dates    the office's date for each topic ({@code upload.OfficeDates.OfficeDate}: topic id → instant)
     * @return how many posts were queued
     */
    public int relayPublished(String officeId, String noticeId, Map<String, Instant> dates) {
        Optional<Office> office = offices.office(officeId);
        Optional<NoticeStore.StoredNotice> stored = notices.notice(noticeId);
        if (office.isEmpty() || stored.isEmpty() || store.connection(officeId).isEmpty()) {
            return 0;
        }
        NoticeStore.StoredNotice s = stored.get();
        boolean relay = NoticeIds.isRelay(noticeId);
        if (relay && !NoticeIds.isRelayOf(noticeId, officeId)) {
            return 0;
        }
        List<ChatComposer.Item> items = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Topic t : s.notice().topics()) {
            Instant date = dates.get(t.id());
            Optional<Deadline> cutoff = s.cutoff(t.id());
            if (date != null && cutoff.isPresent()) {
                items.add(new ChatComposer.Item(named(s.notice(), t), ChatComposer.When.at(date, ChatComposer.BEIJING),
                        ChatComposer.When.of(cutoff.get())));
                names.put(t.id(), named(s.notice(), t));
            }
        }
        if (items.isEmpty()) {
            return 0;
        }
        // A public call's topic page is linked; a relay is on no page, and the office feed's URL is a capability no chat
        // should hold: no link.
        String link = relay || publicBaseUrl == null ? null : publicBaseUrl + "/calls/" + s.notice().topics().get(0).id();
        String title = named(s.notice());
        Instant now = clock.instant();
        List<ChatComposer.Item> before = store.relayState(officeId, noticeId).map(ChatPosts::readItems).orElse(null);
        int queued = 0;
        if (before == null || !before.equals(items)) {
            ChatPost post = before == null ? ChatComposer.published(office.get().name(), title, items, link, "zh")
                    : ChatComposer.changed(office.get().name(), title, before, items, link, "zh");
            String id = "relay#" + noticeId + "#" + Sha256.hex(writeItems(items)).substring(0, 16);
            queued += store.enqueue(officeId, id, now, post) ? 1 : 0;
            store.relayState(officeId, noticeId, writeItems(items));
        }
        int i = 0;
        for (Topic t : s.notice().topics()) {
            Instant date = dates.get(t.id());
            if (date == null || !names.containsKey(t.id())) {
                continue;
            }
            queued += remind(office.get(), noticeId, t.id(), title, items.get(i++), date, link, now);
        }
        return queued;
    }

    /**
     * What the chat calls a notice: its title, else its document number (a publication has one or the other:
     * {@code NoticeUploads}), else its id.
     */
    static String named(cutoff.notice.Notice notice) {
        return notice.title() != null ? notice.title() : notice.documentNumber() != null ? notice.documentNumber() : notice.id();
    }

    /** A topic as the chat names it: its key and title, else the notice's name (a notice of one unnamed topic). */
    static String named(cutoff.notice.Notice notice, Topic topic) {
        String name = java.util.stream.Stream.of(topic.key(), topic.title()).filter(p -> p != null && !p.isBlank())
                .collect(java.util.stream.Collectors.joining(" "));
        return name.isEmpty() ? named(notice) : name;
    }

    /** Queues the post saying the office withdrew its relay, and drops the relay's reminders still pending. */
    public int relayWithdrawn(String officeId, String noticeId, String reason) {
        if (!NoticeIds.isRelayOf(noticeId, officeId) || store.connection(officeId).isEmpty()) {
            return 0;
        }
        Optional<Office> office = offices.office(officeId);
        Optional<NoticeStore.StoredNotice> stored = notices.notice(noticeId);
        if (office.isEmpty() || stored.isEmpty()) {
            return 0;
        }
        store.dropPending(officeId, reminderPrefix(noticeId));
        ChatPost post = ChatComposer.withdrawn(office.get().name(), named(stored.get().notice()), reason, "zh");
        return store.enqueue(officeId, "withdrawn#" + noticeId, clock.instant(), post) ? 1 : 0;
    }

    /**
     * Works out the office's reminders of public calls again from its own deadlines now ({@code ownDeadlines}; its relays'
     * reminders are their publications'): the pending ones are dropped, and one is queued at each lead ({@link LeadTime#DEFAULTS}) still ahead before each deadline; one already
     * sent is not queued again (its id stays). Run on connecting, after the office changes an internal deadline, and by
     * the dispatcher run for chats not refreshed for {@link #REFRESH} (new calls its follow rules took, a rule's dates).
     * A failed chat's are not worked out (they would only be held): connecting it again works them out.
     *
     * @return how many reminders are pending now
     */
    public int refresh(Office office) {
        Optional<ChatStore.Connection> connection = store.connection(office.id());
        if (ownDeadlines == null || connection.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        if (connection.get().failedAt() != null) {
            store.refreshed(office.id(), now);
            return 0;
        }
        Own own = ownDeadlines.apply(office);
        int queued = newCalls(office, own.calls(), now);
        store.dropPending(office.id(), "remind#");
        for (Reminded r : own.deadlines()) {
            if (NoticeIds.isRelay(r.noticeId())) {
                // A relay's reminders are its publication's ({@link #relayPublished}), another office's relay none.
                continue;
            }
            ChatComposer.Item item = new ChatComposer.Item(r.topic(), ChatComposer.When.at(r.internal(), ChatComposer.BEIJING),
                    ChatComposer.When.of(r.cutoff()));
            String link = NoticeIds.isRelay(r.noticeId()) || publicBaseUrl == null ? null : publicBaseUrl + "/calls/" + r.topicId();
            queued += remind(office, r.noticeId(), r.topicId(), r.topic(), item, r.internal(), link, now);
        }
        store.refreshed(office.id(), now);
        return queued;
    }

    /**
     * Queues one post for each public call the office's staff follow that the chat was not told of yet (a call a follow
     * rule took since, say), still open; the calls followed when the chat was connected are taken as told, so
     * connecting posts no backlog.
     */
    private int newCalls(Office office, List<Call> calls, Instant now) {
        Optional<java.util.Set<String>> told = store.toldCalls(office.id());
        java.util.Set<String> current = new java.util.TreeSet<>();
        int queued = 0;
        for (Call c : calls) {
            if (NoticeIds.isRelay(c.noticeId()) || c.cutoff().cancelled() || !RelayedToStaff.ends(c.cutoff()).isAfter(now)) {
                continue;
            }
            current.add(c.topicId());
            if (told.isPresent() && !told.get().contains(c.topicId())) {
                String link = publicBaseUrl == null ? null : publicBaseUrl + "/calls/" + c.topicId();
                ChatPost post = ChatComposer.newCall(office.name(), c.topic(), ChatComposer.When.of(c.cutoff()), link, "zh");
                // Never posted after its cutoff.
                queued += store.enqueue(office.id(), "call#" + c.topicId(), now, RelayedToStaff.ends(c.cutoff()), post) ? 1 : 0;
            }
        }
        if (told.isEmpty() || !told.get().equals(current)) {
            store.toldCalls(office.id(), current);
        }
        return queued;
    }

    /**
     * The post ids of a notice's reminders start with this: {@code relayremind#<noticeId>#} for an office's own relay
     * (queued by its publication, dropped by its withdrawal), {@code remind#<noticeId>#} for a public call's (worked out
     * again by {@link #refresh}).
     */
    private static String reminderPrefix(String noticeId) {
        return (NoticeIds.isRelay(noticeId) ? "relayremind#" : "remind#") + noticeId + "#";
    }

    /** Queues (or moves) the reminders of one office deadline at the default leads still ahead, each expiring at the deadline. */
    private int remind(Office office, String noticeId, String topicId, String title, ChatComposer.Item item, Instant date,
                       String link, Instant now) {
        Deadline own = new Deadline(topicId + "-chat@cutoff", noticeId, topicId, DeadlineKind.INTERNAL, date,
                date.atZone(ChatComposer.BEIJING).toLocalDate(), ChatComposer.BEIJING, item.topic(), "", null, 0, now, false);
        int queued = 0;
        List<Instant> dues = LeadTime.DEFAULTS.stream().map(l -> l.dueFor(own)).flatMap(Optional::stream).toList();
        for (LeadTime lead : LeadTime.DEFAULTS) {
            Optional<Instant> due = lead.dueFor(own);
            if (due.isPresent() && due.get().isAfter(now)) {
                ChatPost post = ChatComposer.reminder(office.name(), title, item, lead, link, "zh");
                queued += store.replacePending(office.id(), reminderPrefix(noticeId) + topicId + "#" + lead.code(), due.get(),
                        expiry(due.get(), dues, date), post) ? 1 : 0;
            }
        }
        return queued;
    }

    /**
     * When a reminder due at {@code due} stops being true: at the next lead's moment (a "7 days before" post sent two
     * days before would say what is no longer so; the next lead's post says it rightly), else at the deadline itself.
     *
     * @param dues every lead's moment for this deadline
     */
    static Instant expiry(Instant due, List<Instant> dues, Instant deadline) {
        Instant until = deadline;
        for (Instant other : dues) {
            if (other.isAfter(due) && other.isBefore(until)) {
                until = other;
            }
        }
        return until;
    }

    // ------------------------------------------------------------------ posting

    /**
     * What a run did.
     *
     * @param sent      posted
     * @param throttled throttled or unanswered: due again next run
     * @param failed    refused for good, or of an office with no chat connected
     * @param waiting   left due for a later run: its robot throttled or at its allowance this run
     * @param held      of a failed chat: held off the due index until the office connects again
     * @param expired   past their expiry: marked EXPIRED, never posted
     */
    public record Report(int sent, int throttled, int failed, int waiting, int held, int expired) {
        public static final Report NONE = new Report(0, 0, 0, 0, 0, 0);
    }

    /**
     * Posts what is due, oldest first, while {@code keepGoing} says so. A post it skips (its robot throttled or at its
     * allowance) does not end the run: it reads the due index page after page until it has sent its most posts to
     * chats ({@value #MOST_POSTED_A_RUN} by default: sent, throttled or refused), the index ends, or it has made its
     * most reads ({@value #MOST_PAGES_A_RUN} pages of {@value #PAGE} by default: at most 2,000 due posts looked at, so
     * one robot's backlog of more than that, past its allowance, still keeps later posts to the next runs). Holding,
     * expiring and failing posts of a disconnected office call no chat and count only as reads.
     *
     * @throws InterruptedException when a wait between two Feishu posts is interrupted (nothing is lost: claimed posts
     *                              are due again after their lease)
     */
    public Report run(String runId, BooleanSupplier keepGoing) throws InterruptedException {
        Instant now = clock.instant();
        if (ownDeadlines != null) {
            for (String officeId : store.stale(now.minus(REFRESH), REFRESHES_A_RUN)) {
                if (!keepGoing.getAsBoolean()) {
                    break;
                }
                offices.office(officeId).ifPresent(this::refresh);
            }
        }
        Map<String, Integer> postedTo = new HashMap<>();
        Map<String, Optional<ChatStore.Connection>> connections = new HashMap<>();
        java.util.Set<String> stopped = new java.util.HashSet<>();
        int sent = 0;
        int throttled = 0;
        int failed = 0;
        int waiting = 0;
        int held = 0;
        int expired = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> after = null;
        reading:
        for (int read = 0; read < mostPages; read++) {
            ChatStore.DuePage due = store.due(now, page, after);
            for (ChatStore.Queued q : due.posts()) {
                if (sent + throttled + failed >= mostPosted || !keepGoing.getAsBoolean()) {
                    break reading;
                }
                if (q.expired(now)) {
                    expired += store.expire(q.officeId(), q.postId(), now) ? 1 : 0;
                    continue;
                }
                Optional<ChatStore.Connection> c = connections.computeIfAbsent(q.officeId(), store::connection);
                if (c.isEmpty()) {
                    // Disconnected: the post has nowhere to go.
                    if (store.claim(q.officeId(), q.postId(), now, LEASE).isPresent()) {
                        store.failedPost(q.officeId(), q.postId(), now);
                        failed++;
                    }
                    continue;
                }
                if (c.get().failedAt() != null) {
                    // Queued after the chat failed (or missed when it failed): held until the office connects again.
                    held += store.hold(q.officeId(), q.postId()) ? 1 : 0;
                    continue;
                }
                ChatWebhook robot = c.get().robot();
                String key = robot.service().id() + ":" + robot.token();
                int already = postedTo.getOrDefault(key, 0);
                if (stopped.contains(key) || already >= robot.service().perMinute()) {
                    waiting++;
                    continue;
                }
                Optional<ChatStore.Queued> claimed = store.claim(q.officeId(), q.postId(), now, LEASE);
                if (claimed.isEmpty()) {
                    continue;
                }
                if (claimed.get().expired(now)) {
                    // Its expiry moved (a reminder queued again) since the page was read.
                    store.release(q.officeId(), q.postId());
                    expired += store.expire(q.officeId(), q.postId(), now) ? 1 : 0;
                    continue;
                }
                if (already > 0 && (robot.service() == ChatService.FEISHU || robot.service() == ChatService.LARK)) {
                    sleeper.sleep(Duration.ofMillis(FEISHU_SPACING_MILLIS));
                }
                try {
                    sender.post(robot, claimed.get().post());
                    store.sent(q.officeId(), q.postId(), clock.instant());
                    postedTo.put(key, already + 1);
                    sent++;
                } catch (ChatSender.Throttled t) {
                    store.release(q.officeId(), q.postId());
                    stopped.add(key);
                    throttled++;
                    LOG.info(() -> "run " + runId + ": office " + q.officeId() + "'s " + robot.service().id() + " chat throttled ("
                            + t.code() + "); its posts wait for the next run");
                } catch (ChatSender.Refused r) {
                    store.failedPost(q.officeId(), q.postId(), clock.instant());
                    store.failed(q.officeId(), robot.token(), r.reason().name(), r.getMessage(), clock.instant());
                    connections.put(q.officeId(), store.connection(q.officeId()));
                    failed++;
                    LOG.warning(() -> "run " + runId + ": office " + q.officeId() + "'s " + robot.service().id() + " chat refused a post: "
                            + r.reason() + " (" + r.code() + ")");
                }
            }
            after = due.next();
            if (after == null) {
                break;
            }
        }
        return new Report(sent, throttled, failed, waiting, held, expired);
    }

    private static String writeItems(List<ChatComposer.Item> items) {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ChatComposer.Item i : items) {
                out.add(Map.of("topic", i.topic(), "office", when(i.office()), "cutoff", when(i.cutoff())));
            }
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> when(ChatComposer.When w) {
        Map<String, String> m = new HashMap<>();
        m.put("date", w.date().toString());
        m.put("zone", w.zone().getId());
        if (w.at() != null) {
            m.put("at", w.at().toString());
        }
        return m;
    }

    private static List<ChatComposer.Item> readItems(String json) {
        try {
            List<ChatComposer.Item> out = new ArrayList<>();
            for (var n : JSON.readTree(json)) {
                out.add(new ChatComposer.Item(n.get("topic").asText(), when(n.get("office")), when(n.get("cutoff"))));
            }
            return out;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ChatComposer.When when(com.fasterxml.jackson.databind.JsonNode n) {
        return new ChatComposer.When(n.has("at") ? Instant.parse(n.get("at").asText()) : null,
                java.time.LocalDate.parse(n.get("date").asText()), java.time.ZoneId.of(n.get("zone").asText()));
    }
}
