package cutoff.subscription;

import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.office.FollowRule;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A subscriber's settings, checked and resolved: topic ids, lead times, language, the notices asked for whole (their
 * topics are among the topic ids; a confirmed subscription follows the topics a corrected notice adds) and the follow
 * rules. {@link #check} holds the rules a request's settings must keep, without a store.
 *
 * @param topicIds    topic ids, each once: every topic of the notices asked for (in the notices' order), then the
 *                    topics named
 * @param leadTimes   each once, in the order given; {@link LeadTime#DEFAULTS} when none was given
 * @param language    {@code zh} or {@code en}
 * @param noticeIds   the notices asked for whole, each once; empty for none
 * @param followRules canonical follow rules ({@code all}, {@code issuer:<name>}), each once; empty for none
 */
public record SubscriptionSettings(List<String> topicIds, List<LeadTime> leadTimes, String language, List<String> noticeIds,
                                   List<String> followRules) {
    /** At most this many topics per subscriber, after duplicates are removed. */
    public static final int MAX_TOPICS = 200;
    /** At most this many notices named in one request. */
    public static final int MAX_NOTICES = 50;
    /** At most this many lead times per subscriber, after duplicates are removed. */
    public static final int MAX_LEAD_TIMES = 8;
    /** At most this many follow rules per subscriber, after duplicates are removed. */
    public static final int MAX_FOLLOW_RULES = 20;

    public SubscriptionSettings {
        noticeIds = noticeIds == null ? List.of() : List.copyOf(noticeIds);
        followRules = followRules == null ? List.of() : List.copyOf(followRules);
    }

    /**
     * Checks a request's settings: every notice exists and every topic is a topic its notice has now
     * ({@code noticeById}: notice id to the notice, empty when there is none); lead times parse ({@link LeadTime#parse});
     * the language is {@code zh} or {@code en} ({@link Subscriber#language}); follow rules parse ({@link FollowRule#parse});
     * no value is null or blank; at most {@link #MAX_FOLLOW_RULES} rules, {@link #MAX_NOTICES} notices,
     * {@link #MAX_TOPICS} topics (named, and once the notices are expanded) and {@link #MAX_LEAD_TIMES} lead times,
     * counted once duplicates (after stripping) are removed; a request needs a topic, a notice or a rule. A null list
     * is an empty one.
     *
     * @throws InvalidRequestException naming the first field that breaks a rule, in the order follow, notices, topics,
     *                                 language, leadTimes
     */
    public static SubscriptionSettings check(List<String> topicIds, List<String> noticeIds, List<String> followRules, String language,
                                             List<String> leadTimes, Function<String, Optional<Notice>> noticeById)
            throws InvalidRequestException {
        return check(topicIds, noticeIds, followRules, language, leadTimes, noticeById, topicId -> false);
    }

    /** What a request naming a withdrawn call is told, after the topic or notice id. */
    public static final String WITHDRAWN = "this call was withdrawn";

    /**
     * As {@link #check(List, List, List, String, List, Function)}, and a withdrawn call may not be taken: a topic named
     * that {@code withdrawn} says is withdrawn is refused as an unknown one is, saying so ({@code topics}: "topic … :
     * this call was withdrawn"); a notice named whole gives only its topics not withdrawn, and one whose every topic is
     * withdrawn is refused ({@code notices}), as the subscription pages no longer offer them.
     *
     * @param withdrawn topic id → true when it may not be taken: withdrawn (every deadline cancelled: its notice withdrawn,
     *                  or a later ingest dropped it) and not already held by the subscriber who asks, who may keep it
     */
    public static SubscriptionSettings check(List<String> topicIds, List<String> noticeIds, List<String> followRules, String language,
                                             List<String> leadTimes, Function<String, Optional<Notice>> noticeById,
                                             Predicate<String> withdrawn) throws InvalidRequestException {
        Set<String> rules = new LinkedHashSet<>();
        for (String value : distinct("follow", followRules, MAX_FOLLOW_RULES)) {
            try {
                rules.add(FollowRule.parse(value).orElseThrow(() -> new IllegalArgumentException(
                        "a follow rule is all or issuer:<name>, not " + value)));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("follow", e.getMessage());
            }
        }
        Set<String> wantedNotices = distinct("notices", noticeIds, MAX_NOTICES);
        Set<String> wantedTopics = distinct("topics", topicIds, MAX_TOPICS);
        Set<String> topics = new LinkedHashSet<>();
        for (String noticeId : wantedNotices) {
            Notice n = noticeById.apply(noticeId).orElseThrow(() -> new InvalidRequestException("notices", "no notice " + noticeId));
            List<String> live = n.topics().stream().map(Topic::id).filter(withdrawn.negate()).toList();
            if (live.isEmpty() && !n.topics().isEmpty()) {
                throw new InvalidRequestException("notices", "notice " + noticeId + ": " + WITHDRAWN);
            }
            topics.addAll(live);
        }
        for (String topicId : wantedTopics) {
            if (NoticeIds.noticeIdOf(topicId).flatMap(noticeById)
                    .filter(n -> n.topics().stream().anyMatch(t -> t.id().equals(topicId))).isEmpty()) {
                throw new InvalidRequestException("topics", "no topic " + topicId);
            }
            if (withdrawn.test(topicId)) {
                throw new InvalidRequestException("topics", "topic " + topicId + ": " + WITHDRAWN);
            }
            topics.add(topicId);
        }
        if (topics.isEmpty() && rules.isEmpty()) {
            throw new InvalidRequestException("topics", "name at least one topic (topics), notice (notices) or follow rule (follow)");
        }
        if (topics.size() > MAX_TOPICS) {
            throw new InvalidRequestException("topics", "at most " + MAX_TOPICS + " topics per subscriber; these notices have "
                    + topics.size());
        }
        String lang = Subscriber.language(language).orElseThrow(() -> new InvalidRequestException("language",
                "language is zh (Chinese with English) or en, not " + language));
        List<LeadTime> leads = new ArrayList<>();
        try {
            for (String l : distinct("leadTimes", leadTimes, MAX_LEAD_TIMES)) {
                LeadTime lead = LeadTime.parse(l);
                if (!leads.contains(lead)) {
                    leads.add(lead);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("leadTimes", e.getMessage());
        }
        return new SubscriptionSettings(List.copyOf(topics), leads.isEmpty() ? LeadTime.DEFAULTS : leads, lang,
                List.copyOf(wantedNotices), List.copyOf(rules));
    }

    /** The distinct, stripped, non-blank values of a list field, at most {@code max} of them. */
    private static Set<String> distinct(String field, List<String> values, int max) throws InvalidRequestException {
        Set<String> result = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (v == null || v.isBlank()) {
                throw new InvalidRequestException(field, field + " holds an empty value");
            }
            result.add(v.strip());
            if (result.size() > max) {
                throw new InvalidRequestException(field, "at most " + max + " different " + field + " in one request");
            }
        }
        return result;
    }
}
