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
        staffQueue = new StaffQueue(table, table, table, table, table, table, table, table, planner, followed, mail,
                new MailComposer(BASE_URL), () -> 1000.0, clock, d -> clock.advance(d), Dispatcher.Settings.DEFAULT.sending());
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
