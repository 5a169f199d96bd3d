package cutoff.app;

import cutoff.mail.MailComposer;
import cutoff.mail.MailSender;
import cutoff.mail.OutgoingEmail;
import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.FollowRule;
import cutoff.office.Organisation;
import cutoff.reminder.Pacer;
import cutoff.reminder.Sleeper;
import cutoff.store.NoticeStore;
import cutoff.store.OrgStore;
import cutoff.store.OrgStore.StaffRow;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code MaxSendRate}, run after run, until the queue is empty. Welcomes do not count against the
 * subscription form's daily cap, which exists for anonymous requests; an office is authenticated and
 * sends only to its own domains.
 *
 * <p>At least once, as the reminders: a row is claimed with a conditional write, worked, then taken off
 * the queue with its {@code welcomedAt}; a run that dies after SES took the email and before that can
 * cause the one duplicate. Opted-out and bounced people get nothing. Nothing logged names a person.
 */
public final class Welcomes {
    private static final Logger LOG = Logger.getLogger(Welcomes.class.getName());
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration MANAGE_LINK = Duration.ofDays(180);

    /** What a run did. */
    public record Report(int welcomed, int replanned, int skipped, int failed, String accountStopped) {
    }

    private final OrgStore orgs;
    private final SubscriberStore subscribers;
    private final TokenStore tokens;
    private final NoticeStore notices;
    private final ReminderPlanner planner;
    private final MailSender mail;
    private final MailComposer composer;
    private final DoubleSupplier rate;
    private final Clock clock;
    private final Sleeper sleeper;

    public Welcomes(OrgStore orgs, SubscriberStore subscribers, TokenStore tokens, NoticeStore notices, ReminderPlanner planner,
                    MailSender mail, MailComposer composer, DoubleSupplier rate, Clock clock, Sleeper sleeper) {
        this.orgs = orgs;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.notices = notices;
        this.planner = planner;
        this.mail = mail;
        this.composer = composer;
        this.rate = rate;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Works the queue while {@code timeLeft} says so.
     *
     * @param runId marks this run's claims
     */
    public Report run(String runId, BooleanSupplier timeLeft) throws InterruptedException {
        Pacer pacer = null;
        int welcomed = 0;
        int replanned = 0;
        int skipped = 0;
        int failed = 0;
        Map<String, Optional<Organisation>> offices = new HashMap<>();
        Map<String, Optional<Notice>> read = new HashMap<>();
        for (int shard = 0; shard < OrgStore.QUEUE_SHARDS; shard++) {
            // Page through the shard once (not from the top again: the index lags the rows it has just
            // finished, and rows another run holds would be read again and again).
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> after = null;
            Instant listedAt = clock.instant();
            do {
                if (!timeLeft.getAsBoolean()) {
                    break;
                }
                OrgStore.Queued page = orgs.queued(shard, listedAt, BATCH, after);
                after = page.next();
                for (StaffRow row : page.rows()) {
                    Instant now = clock.instant();
                    if (!timeLeft.getAsBoolean()) {
                        break;
                    }
                    if (!orgs.claim(row, runId, now, LEASE)) {
                        continue;
                    }
                    Optional<Organisation> office = offices.computeIfAbsent(row.orgId(), orgs::org);
                    List<String> rules = rules(row, read);
                    Optional<Subscriber> sub = office.isEmpty() || subscribers.suppressed(row.member().email()) ? Optional.empty()
                            : apply(row, rules, now, read);
                    if (sub.isEmpty()) {
                        // Opted out, bounced, or the office is gone: nothing is sent and nothing changes.
                        orgs.finish(row, runId, null, row.appliedRules());
                        skipped++;
                        continue;
                    }
                    planner.planSubscriber(sub.get());
                    if (row.welcomedAt() != null) {
                        orgs.finish(row, runId, null, rules);
                        replanned++;
                        continue;
                    }
                    String feedToken = subscribers.issueFeedToken(sub.get(), now);
                    String manageToken = tokens.issueManageToken(sub.get().id(), now, MANAGE_LINK);
                    OutgoingEmail email = composer.welcome(sub.get(), office.get().name(), topicNames(sub.get().topicIds(), read),
                            row.member().rules(), feedToken, manageToken);
                    if (pacer == null) {
                        pacer = new Pacer(rate.getAsDouble(), clock, sleeper);
                    }
                    pacer.acquire();
                    try {
                        mail.send(email);
                        orgs.finish(row, runId, clock.instant(), rules);
                        welcomed++;
                    } catch (MailSender.RejectedException e) {
                        // SES's message may quote the address: the code only. Not retried; the row leaves the queue.
                        LOG.warning("welcome email rejected: SES " + e.code());
                        orgs.finish(row, runId, null, rules);
                        failed++;
                    } catch (MailSender.ThrottledException e) {
                        orgs.release(row, runId);
                        LOG.warning("welcome emails throttled (SES " + e.code() + "); the rest wait for the next run");
                        return report(welcomed, replanned, skipped, failed, null);
                    } catch (MailSender.AccountStoppedException e) {
                        orgs.release(row, runId);
                        LOG.severe("welcome emails stopped: SES refuses the account (" + e.code() + "); they stay queued");
                        return report(welcomed, replanned, skipped, failed, e.code());
                    } catch (RuntimeException e) {
                        orgs.release(row, runId);
                        LOG.warning("welcome email not sent: " + e.getClass().getSimpleName() + "; it stays queued");
                        return report(welcomed, replanned, skipped, failed, null);
                    }
                }
            } while (after != null);
        }
        return report(welcomed, replanned, skipped, failed, null);
    }

    /**
     * Makes the staff row's subscriber what the row says: a new one CONFIRMED by the office's registration,
     * or a confirmed one's topics, lead times and language; topic and follow-rule memberships follow (one
     * {@code BatchWriteItem} pass). An opted-out or suppressed subscriber is left as it is.
     *
     * @return the subscriber as it now is, or empty when it is not (or no longer) confirmed
     */
    private Optional<Subscriber> apply(StaffRow row, List<String> rules, Instant now, Map<String, Optional<Notice>> read) {
        List<String> topicIds = new ArrayList<>(expand(row.member().topics(), read));
        List<LeadTime> leads = row.member().leadTimes().isEmpty() ? LeadTime.DEFAULTS
                : row.member().leadTimes().stream().map(LeadTime::new).toList();
        String id = row.subscriberId();
        Optional<Subscriber> existing = subscribers.byId(id);
        List<String> before;
        Subscriber now_;
        if (existing.isEmpty()) {
            now_ = new Subscriber(id, row.member().email(), row.member().language(), topicIds, leads, Subscriber.Status.CONFIRMED,
                    now, now, null, null);
            before = List.of();
        } else if (existing.get().status() != Subscriber.Status.CONFIRMED) {
            return Optional.empty();
        } else {
            Subscriber s = existing.get();
            before = s.topicIds();
            for (String t : before) {
                // Given by a follow rule at an ingest (FollowExpansion), and the row still holds that rule: kept.
                if (!topicIds.contains(t) && followedBy(t, rules, read)) {
                    topicIds.add(t);
                }
            }
            now_ = new Subscriber(id, s.email(), row.member().language(), topicIds, leads, s.status(), s.createdAt(), s.confirmedAt(),
                    s.confirmationSentAt(), s.feedTokenHash());
            if (!s.equals(now_) && !orgs.updateStaffSubscriber(id, topicIds, leads.stream().map(LeadTime::code).toList(),
                    row.member().language())) {
                return Optional.empty(); // opted out meanwhile
            }
        }
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        List<Map<String, AttributeValue>> deletes = new ArrayList<>();
        if (existing.isEmpty()) {
            // With its memberships, in the same BatchWriteItem.
            puts.add(OrgStore.subscriberItem(now_));
            puts.add(cutoff.store.InternalDeadlineStore.subscriberOrgItem(id, row.orgId())); // its office: internal deadlines
        }
        for (String t : before) {
            if (!topicIds.contains(t)) {
                deletes.add(OrgStore.membershipKey(t, id));
            }
        }
        for (String t : topicIds) {
            if (!before.contains(t)) {
                puts.add(OrgStore.membershipItem(OrgStore.membershipKey(t, id), id, null));
            }
        }
        for (String rule : row.appliedRules()) {
            if (!rules.contains(rule)) {
                deletes.add(OrgStore.followKey(rule, id));
            }
        }
        for (String rule : rules) {
            if (!row.appliedRules().contains(rule)) {
                puts.add(OrgStore.membershipItem(OrgStore.followKey(rule, id), id, row.orgId()));
            }
        }
        orgs.writeAll(puts, deletes);
        return Optional.of(now_);
    }

    /**
     * The follow rules a row stands for: its own ({@code all}, {@code issuer:<name>}) and {@code notice:<id>} for
     * each notice id it names, so that a corrected notice's new topics reach the person ({@link FollowExpansion}).
     */
    private List<String> rules(StaffRow row, Map<String, Optional<Notice>> read) {
        List<String> rules = new ArrayList<>(row.member().rules());
        for (String id : row.member().topics()) {
            if (NoticeIds.wellFormed(id) && read.computeIfAbsent(id, k -> notices.notice(k).map(NoticeStore.StoredNotice::notice)).isPresent()) {
                String rule = FollowRule.notice(id);
                if (!rules.contains(rule)) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    /** True when a topic's notice matches one of the rules. */
    private boolean followedBy(String topicId, List<String> rules, Map<String, Optional<Notice>> read) {
        Optional<Notice> n = NoticeIds.noticeIdOf(topicId)
                .flatMap(nid -> read.computeIfAbsent(nid, k -> notices.notice(k).map(NoticeStore.StoredNotice::notice)));
        return n.isPresent() && FollowRule.matching(n.get().id(), n.get().issuer()).stream().anyMatch(rules::contains);
    }

    /** Topic ids and notice ids → topic ids (a notice: all its topics as stored now), without duplicates. */
    private List<String> expand(List<String> ids, Map<String, Optional<Notice>> read) {
        java.util.Set<String> result = new java.util.LinkedHashSet<>();
        for (String id : ids) {
            Optional<Notice> n = NoticeIds.wellFormed(id)
                    ? read.computeIfAbsent(id, k -> notices.notice(k).map(NoticeStore.StoredNotice::notice)) : Optional.empty();
            if (n.isPresent()) {
                n.get().topics().forEach(t -> result.add(t.id()));
            } else {
                result.add(id);
            }
        }
        return List.copyOf(result);
    }

    private static Report report(int welcomed, int replanned, int skipped, int failed, String stopped) {
        Report r = new Report(welcomed, replanned, skipped, failed, stopped);
        if (welcomed + replanned + skipped + failed > 0 || stopped != null) {
            LOG.info(() -> "staff queue: " + r);
        }
        return r;
    }

    private List<String> topicNames(List<String> topicIds, Map<String, Optional<Notice>> read) {
        List<String> names = new ArrayList<>();
        for (String id : topicIds) {
            Optional<Notice> n = NoticeIds.noticeIdOf(id)
                    .flatMap(nid -> read.computeIfAbsent(nid, k -> notices.notice(k).map(NoticeStore.StoredNotice::notice)));
            String name = id;
            if (n.isPresent()) {
                for (Topic t : n.get().topics()) {
                    if (t.id().equals(id)) {
                        name = (n.get().documentNumber() != null ? n.get().documentNumber() : n.get().title()) + " · " + t.displayName();
                    }
                }
            }
            names.add(name);
        }
        return names;
    }
}
