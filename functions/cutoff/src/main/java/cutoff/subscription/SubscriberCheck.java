package cutoff.subscription;

import cutoff.dispatch.ReminderPlanner;
import cutoff.store.FollowStore;
import cutoff.store.SubscriberScan;
import cutoff.store.SubscriberStore;
import cutoff.store.TokenStore;
import cutoff.subscriber.Subscriber;
import cutoff.util.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./cutoff subscribers check [--fix]}: finds the addresses that have more than one subscriber of their own, which
 * concurrent subscription requests could store before the address's own item ({@code EMAIL#<sha256>}) was made the
 * arbiter (see {@link SubscriptionService}), and with {@code fix} merges each into one. Reads every subscriber with a
 * {@code Scan} ({@link SubscriberScan}): an operator's command, never a function's.
 *
 * <p>An address is a duplicate when it has two or more subscribers that are PENDING or CONFIRMED, or a CONFIRMED one
 * beside one that left (UNSUBSCRIBED, SUPPRESSED): that person unsubscribed through one email and still gets the
 * other's reminders. Fixing:
 * <ul>
 *   <li>one left: the person said stop through one of its emails, so every PENDING and CONFIRMED one leaves too
 *       (reminders cancelled, feed URLs ended); they can subscribe again, as one subscriber;</li>
 *   <li>none left: the CONFIRMED one confirmed first is kept (else the PENDING one the address names, else the first
 *       created). It gains the others' topics and follow rules; the others leave, and the manage links in their
 *       emails are moved to the kept one (every such link was issued after the kept one's confirmation, so it works
 *       for it); their personal feed URLs end (one feed URL a subscriber). The address's item names the kept one, and
 *       the others are marked {@code mergedInto} it (no longer counted as the address's).</li>
 * </ul>
 * Addresses are never printed: a line names the address by its item's key ({@code EMAIL#} and the first 16 hex digits).
 */
public final class SubscriberCheck {
    private final SubscriberScan scan;
    private final SubscriberStore subscribers;
    private final TokenStore tokens;
    private final FollowStore follows;
    private final ReminderPlanner planner;

    public SubscriberCheck(SubscriberScan scan, SubscriberStore subscribers, TokenStore tokens, FollowStore follows,
                           ReminderPlanner planner) {
        this.scan = scan;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.follows = follows;
        this.planner = planner;
    }

    /**
     * One address with more than one subscriber of its own.
     *
     * @param address its item's key, shortened ({@code EMAIL#} and 16 hex digits)
     * @param found   its subscribers, with their status ({@code id CONFIRMED})
     * @param kept    the one kept ({@code null} when every one ended, or nothing was fixed)
     * @param ended   the ones that left (merged into the kept one, or ended with it)
     * @param moved   manage links moved to the kept one
     * @param why     what was (or would be) done, in words
     */
    public record Duplicate(String address, List<String> found, String kept, List<String> ended, int moved, String why) {
        /** One line for the operator. */
        public String line(boolean fixed) {
            return address + ": " + found.size() + " subscribers (" + String.join(", ", found) + "); " + (fixed ? "" : "would: ")
                    + why + (kept == null ? "" : ", kept " + kept) + (ended.isEmpty() ? "" : ", ended " + String.join(" ", ended))
                    + (fixed && moved > 0 ? ", " + moved + " manage links moved" : "");
        }
    }

    /**
     * What a check found and did.
     *
     * @param addresses  addresses with a subscriber of their own
     * @param duplicates the addresses with more than one (see the class comment)
     * @param fixed      whether they were merged
     */
    public record Report(int addresses, List<Duplicate> duplicates, boolean fixed) {
        /** The lines for the operator: one an address, then a summary. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(duplicates.stream().map(d -> d.line(fixed)).toList());
            lines.add(addresses + " addresses with a subscriber of their own; " + duplicates.size()
                    + (duplicates.size() == 1 ? " has" : " have") + " more than one" + (duplicates.isEmpty() ? ""
                    : fixed ? "; merged" : "; run again with --fix to merge them"));
            return lines;
        }
    }

    /** Finds the duplicates and, if {@code fix}, merges them. One Scan, and one more for the manage links when fixing. */
    public Report run(boolean fix) {
        Map<String, List<Subscriber>> byAddress = scan.individualsByAddress();
        List<Plan> plans = new ArrayList<>();
        for (Map.Entry<String, List<Subscriber>> e : byAddress.entrySet()) {
            plan(e.getKey(), e.getValue()).ifPresent(plans::add);
        }
        plans.sort(Comparator.comparing(Plan::address));
        Map<String, List<String>> links = Map.of();
        if (fix && !plans.isEmpty()) {
            Set<String> merged = new HashSet<>();
            plans.forEach(p -> p.merged().forEach(s -> merged.add(s.id())));
            links = scan.manageTokensOf(merged);
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (Plan p : plans) {
            int moved = fix ? apply(p, links) : 0;
            duplicates.add(new Duplicate(p.address(), p.members().stream().map(s -> s.id() + " " + s.status()).toList(),
                    p.kept() == null ? null : p.kept().id(), p.ended().stream().map(Subscriber::id).toList(), moved, p.why()));
        }
        return new Report(byAddress.size(), duplicates, fix);
    }

    /** What to do with one address's subscribers: kept, the ones merged into it, the ones ended without it. */
    private record Plan(String address, List<Subscriber> members, Subscriber kept, List<Subscriber> merged,
                        List<Subscriber> ended, String why) {
    }

    private static boolean live(Subscriber s) {
        return s.status() == Subscriber.Status.PENDING || s.status() == Subscriber.Status.CONFIRMED;
    }

    /** The order a duplicate's subscribers are listed in: confirmed first, then unconfirmed, each by time, then by id. */
    private static final Comparator<Subscriber> LISTED = Comparator.comparing(Subscriber::confirmedAt,
            Comparator.nullsLast(Comparator.<Instant>naturalOrder())).thenComparing(Subscriber::createdAt).thenComparing(Subscriber::id);

    private Optional<Plan> plan(String email, List<Subscriber> found) {
        List<Subscriber> members = found.stream().sorted(LISTED).toList();
        List<Subscriber> live = members.stream().filter(SubscriberCheck::live).toList();
        List<Subscriber> confirmed = live.stream().filter(s -> s.status() == Subscriber.Status.CONFIRMED).toList();
        boolean left = members.size() > live.size();
        if (live.size() < 2 && !(left && !confirmed.isEmpty())) {
            return Optional.empty();
        }
        String address = "EMAIL#" + Sha256.hex(email).substring(0, 16);
        if (left && !confirmed.isEmpty()) {
            return Optional.of(new Plan(address, members, null, List.of(), live,
                    "unsubscribed through one of its emails: every one ends"));
        }
        Subscriber kept = confirmed.stream().min(Comparator.comparing(Subscriber::confirmedAt)).orElseGet(() -> {
            String named = subscribers.address(email).indexedId();
            return live.stream().filter(s -> s.id().equals(named)).findFirst()
                    .orElseGet(() -> live.stream().min(Comparator.comparing(Subscriber::createdAt)).orElseThrow());
        });
        List<Subscriber> others = live.stream().filter(s -> !s.id().equals(kept.id())).toList();
        return Optional.of(new Plan(address, members, kept, others.stream().filter(s -> s.status() == Subscriber.Status.CONFIRMED)
                .toList(), others.stream().filter(s -> s.status() != Subscriber.Status.CONFIRMED).toList(),
                "merged into the one " + (confirmed.isEmpty() ? "its address names" : "confirmed first")));
    }

    /** Merges or ends as planned; returns how many manage links moved. */
    private int apply(Plan p, Map<String, List<String>> links) {
        int moved = 0;
        if (p.kept() != null) {
            Subscriber kept = p.kept();
            Set<String> topics = new LinkedHashSet<>(kept.topicIds());
            Set<String> rules = new LinkedHashSet<>(follows.rulesOf(kept.id()));
            for (Subscriber m : p.merged()) {
                topics.addAll(m.topicIds());
                rules.addAll(follows.rulesOf(m.id()));
            }
            List<String> topicIds = List.copyOf(topics).subList(0, Math.min(topics.size(), SubscriptionSettings.MAX_TOPICS));
            Subscriber after = new Subscriber(kept.id(), kept.email(), kept.language(), topicIds, kept.leadTimes(), kept.status(),
                    kept.createdAt(), kept.confirmedAt(), kept.confirmationSentAt(), kept.feedTokenHash());
            if (!topicIds.equals(kept.topicIds())) {
                subscribers.update(kept, after);
            }
            subscribers.nameAtAddress(after);
            for (Subscriber m : p.merged()) {
                end(m, "merged into " + kept.id());
                subscribers.markMerged(m.id(), kept.id());
                for (String hash : links.getOrDefault(m.id(), List.of())) {
                    moved += tokens.reassign(hash, m.id(), kept.id()) ? 1 : 0;
                }
            }
            if (kept.status() == Subscriber.Status.CONFIRMED) {
                follows.replaceRules(kept.id(), List.copyOf(rules).subList(0, Math.min(rules.size(), SubscriptionSettings.MAX_FOLLOW_RULES)));
                planner.planSubscriber(after);
            }
        }
        for (Subscriber m : p.ended()) {
            end(m, p.kept() == null ? "unsubscribed through another subscriber of its address" : "merged into " + p.kept().id());
            if (p.kept() != null) {
                subscribers.markMerged(m.id(), p.kept().id());
            }
        }
        return moved;
    }

    /** As an unsubscribe: the subscriber leaves, its own follow rules go, its reminders are cancelled. */
    private void end(Subscriber s, String reason) {
        subscribers.leave(s, Subscriber.Status.UNSUBSCRIBED);
        follows.replaceRules(s.id(), List.of());
        planner.cancelAll(s.id(), reason);
    }
}
