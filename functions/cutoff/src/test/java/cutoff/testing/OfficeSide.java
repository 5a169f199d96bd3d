package cutoff.testing;

import cutoff.dispatch.Dispatcher;
import cutoff.dispatch.FollowedTopics;
import cutoff.dispatch.InternalDeadlineSource;
import cutoff.dispatch.ReminderPlanner;
import cutoff.dispatch.StaffQueue;
import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.notice.Notice;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The office side's services wired as {@code app.Wiring} wires them, over a {@link MemoryTable}, a
 * {@link MutableClock} (the staff queue's pacer waits by moving it) and a mail service that keeps what it is given:
 * for fast tests of their rules.
 */
public final class OfficeSide {
    /** The public base URL the emails' links start with. */
    public static final String BASE_URL = "https://cutoff.example.org";
    /** Before the shipped 2026 notice's cutoffs (2026-06-03 16:30 Beijing) and after its opening. */
    public static final Instant BEFORE_CUTOFFS = Instant.parse("2026-05-20T01:00:00Z");
    /** The mail domain of {@link #office()}'s staff. */
    public static final String DOMAIN = "example.edu.cn";
    /** The name of {@link #office()}. */
    public static final String OFFICE_NAME = "理工大学科研处 Research Office";

    public final MutableClock clock;
    public final MemoryTable table = new MemoryTable();
    /** Emails the mail service took, in order. */
    public final List<OutgoingEmail> sent = Collections.synchronizedList(new ArrayList<>());
    /** Addresses the mail service refuses for good (SES's MessageRejected). */
    public final Set<String> rejected = Collections.synchronizedSet(new HashSet<>());
    public final ReminderPlanner planner;
    public final FollowedTopics followed;
    public final InternalDeadlineSource internalSource;
    public final Offices offices;
    public final InternalDeadlines internalDeadlines;
    public final StaffQueue staffQueue;
    /** The office {@link #overShippedNotices()} made ({@link #OFFICE_NAME}, staff at {@link #DOMAIN}); else {@code null}. */
    public cutoff.office.Office office;
    private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

    public OfficeSide(Instant now) {
        clock = new MutableClock(now);
        MailSender mail = email -> {
            if (rejected.contains(email.to())) {
                throw new MailSender.RejectedException("MessageRejected", "Email address is not verified.", null);
            }
            sent.add(email);
            return "message-" + sent.size();
        };
        internalSource = new InternalDeadlineSource(table, table, table);
        planner = new ReminderPlanner(table, table, table, clock, internalSource);
        followed = new FollowedTopics(table, table, table, table, clock);
        offices = new Offices(table, table, table, table, table, planner, table, table, followed, clock);
        internalDeadlines = new InternalDeadlines(internalSource, followed, table, table, table, table, planner, table, clock);
        staffQueue = new StaffQueue(table, table, table, table, table, table, table, table, table, planner, followed, mail,
                new MailComposer(BASE_URL), () -> 1000.0, clock, d -> clock.advance(d), Dispatcher.Settings.DEFAULT.sending());
    }

    /**
     * The side at {@link #BEFORE_CUTOFFS} with the shipped notices stored ({@code infra/local/notices}; call it from a
     * test or {@code @BeforeEach}, not a static initializer, so that a lone copy skips rather than fails).
     */
    public static OfficeSide overShippedNotices() {
        OfficeSide side = new OfficeSide(BEFORE_CUTOFFS).withNotices(Project.shippedNotices());
        side.office = side.offices.create(OFFICE_NAME, List.of(DOMAIN)).office();
        return side;
    }

    /** The {@code i}th topic of the shipped notice with two topics or more whose calls are open at {@link #BEFORE_CUTOFFS}. */
    public String openTopic(int i) {
        return table.notices().stream().filter(n -> n.id().startsWith("2026-") && n.topics().size() >= 2).findFirst().orElseThrow()
                .topics().get(i).id();
    }

    /** Stores notices as an ingest at the clock's now gives them. */
    public OfficeSide withNotices(List<Notice> notices) {
        notices.forEach(n -> table.putNotice(n, clock.instant()));
        return this;
    }

    /** One run of the staff queue with all the time it wants. */
    public StaffQueue.Report runQueue() {
        try {
            return staffQueue.run("run-" + runs.incrementAndGet(), () -> true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
