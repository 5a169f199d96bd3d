package cutoff.web;

import cutoff.subscription.SubscriptionService;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.office.FollowRule;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The views of the subscription pages, built from what the service answers (no I/O of their own). */
public final class SubscriptionPages {
    /** The lead times the pages offer, besides whatever the subscriber has. */
    static final List<String> OFFERED_LEADS = List.of("P14D", "P7D", "P3D", "P1D", "MORNING");
    /** The form fields an error can name, in the order the form shows them (the summary links to each). */
    private static final List<String> FIELDS = List.of("email", "topics", "follow", "language", "leadTimes");

    private SubscriptionPages() {
    }

    /**
     * What a form holds: as posted (kept on an error, so nothing typed is lost), or the defaults.
     *
     * @param topics    topic ids ticked
     * @param follow    follow rules ticked ({@code all}, {@code issuer:<name>}), as posted
     * @param language  {@code zh} or {@code en}
     * @param leadTimes lead time codes ticked; empty: the defaults
     */
    public record Values(String email, List<String> topics, List<String> follow, String language, List<String> leadTimes) {
        public Values {
            email = email == null ? "" : email;
            topics = present(topics);
            follow = present(follow);
            leadTimes = present(leadTimes);
        }

        /** The list without its nulls (a JSON body's {@code [null]}, already answered 400): the form shows what was typed. */
        private static List<String> present(List<String> values) {
            return values == null ? List.of() : values.stream().filter(java.util.Objects::nonNull).toList();
        }

        /** An empty form in a language, with these topics ticked ({@code ?topic=} from a topic page). */
        public static Values fresh(String language, List<String> topics) {
            return new Values("", topics, List.of(), language, List.of());
        }
    }

    /**
     * A form error: the field it names ({@link #FIELDS}). The page words it from the bundles alone; the
     * service's own (English, technical) detail stays in JSON answers.
     */
    public record Problem(String field) {
    }

    /** The subscription page with an empty form (no topic ticked). */
    public static Map<String, Object> subscribe(String language, List<Notice> notices, Instant now, String action,
                                         cutoff.subscription.Challenges.Challenge challenge) {
        return subscribe(language, notices, now, action, challenge, Values.fresh(language, List.of()), null);
    }

    /**
     * Every notice's topics, calls still open first, the follow rules ({@code all}, one {@code issuer:} per issuer
     * of a stored notice), language and lead times, in a form posting to {@code action}; with {@code challenge}
     * (may be {@code null}), the form carries it and the page's script solves it on submit.
     *
     * @param values  what the form holds (ticks, typed address)
     * @param problem the error to show beside its field; {@code null} for none
     */
    public static Map<String, Object> subscribe(String language, List<Notice> notices, Instant now, String action,
                                         cutoff.subscription.Challenges.Challenge challenge, Values values, Problem problem) {
        Map<String, Object> view = SubscriptionLayout.view(language, "subscribe_title", List.of(Messages.text(language, "subscribe_intro")));
        Set<String> ticked = new LinkedHashSet<>(values.topics());
        List<Map<String, Object>> noticeViews = new ArrayList<>();
        for (Notice n : notices) {
            List<Map<String, Object>> topics = new ArrayList<>();
            boolean anyOpen = false;
            for (Topic t : n.topics()) {
                boolean closed = t.closedBy(now);
                anyOpen |= !closed;
                topics.add(Map.of("id", t.id(), "name", t.displayName(), "closed", closed, "checked", !closed && ticked.contains(t.id()),
                        "closes", t.window() == null ? "" : Messages.text(language, closed ? "subscribe_closed" : "subscribe_closes",
                        Deadlines.wall(t.window().closes(), t.window().zone()))));
            }
            noticeViews.add(Map.of("name", (n.documentNumber() != null ? n.documentNumber() + " " : "") + n.title(),
                    "topics", topics, "open", anyOpen));
        }
        // Open calls first; within each group, as stored (by issuing date). The sort is stable.
        noticeViews.sort(Comparator.comparing(v -> !(Boolean) v.get("open")));
        Map<String, Object> form = new HashMap<>(Map.of("action", action, "notices", noticeViews, "email", values.email()));
        if (challenge != null) {
            form.put("challenge", Map.of("token", challenge.token(), "bits", challenge.bits()));
            view.put("challengeScript", true); // /assets/challenge.js solves it on submit
        }
        form.putAll(choices(language, issuers(notices), values.follow(), values.language(), values.leadTimes(), List.of()));
        view.put("subscribeForm", form);
        problem(view, language, problem);
        return view;
    }

    /** The issuers of the notices, each once, in their order: what an {@code issuer:} rule can name. */
    static List<String> issuers(List<Notice> notices) {
        return notices.stream().map(Notice::issuer).filter(i -> i != null && !i.isBlank()).distinct().toList();
    }

    /**
     * The follow-rule, language and lead-time choices shared by both forms: {@code rules} (the {@code all} rule,
     * one per issuer, and any rule ticked that is neither), {@code languages}, {@code leads}.
     *
     * @param leadTimes codes ticked; empty: the defaults ({@link LeadTime#DEFAULTS})
     * @param more      further lead codes to offer (a subscriber's own)
     */
    private static Map<String, Object> choices(String language, List<String> issuers, List<String> follow, String chosenLanguage,
                                               List<String> leadTimes, List<String> more) {
        Set<String> rulesTicked = new LinkedHashSet<>();
        for (String f : follow) {
            try {
                rulesTicked.add(FollowRule.parse(f).orElse(f));
            } catch (IllegalArgumentException e) {
                rulesTicked.add(f); // shown as ticked, so the error beside it is about something visible
            }
        }
        Set<String> offered = new LinkedHashSet<>();
        offered.add(FollowRule.ALL);
        for (String issuer : issuers) {
            FollowRule.parse("issuer:" + issuer).ifPresent(offered::add);
        }
        offered.addAll(rulesTicked);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String rule : offered) {
            rules.add(Map.of("value", rule, "checked", rulesTicked.contains(rule), "label", ruleLabel(language, rule)));
        }
        Set<String> chosen = new LinkedHashSet<>();
        if (leadTimes.isEmpty()) {
            LeadTime.DEFAULTS.forEach(l -> chosen.add(l.code()));
        } else {
            for (String l : leadTimes) {
                chosen.add(l.strip().toUpperCase(java.util.Locale.ROOT));
            }
        }
        Set<String> codes = new LinkedHashSet<>(OFFERED_LEADS);
        codes.addAll(more);
        codes.addAll(chosen);
        List<Map<String, Object>> leads = new ArrayList<>();
        for (String code : codes) {
            String label;
            try {
                label = LeadTime.parse(code).describe(language);
            } catch (RuntimeException e) {
                label = code; // a bad code as posted: shown as typed, beside its error
            }
            leads.add(Map.of("code", code, "label", label, "checked", chosen.contains(code)));
        }
        boolean en = "en".equals(chosenLanguage);
        return Map.of("rules", rules, "leads", leads, "zhChosen", !en, "enChosen", en);
    }

    /** A follow rule in words: every new call, or every new call from an issuer; another text as it is. */
    private static String ruleLabel(String language, String rule) {
        return rule.equals(FollowRule.ALL) ? Messages.text(language, "follow_all") : rule.startsWith("issuer:")
                ? Messages.text(language, "follow_issuer", rule.substring("issuer:".length())) : rule;
    }

    /** Puts an error on the view: the summary at the top, the field's {@code <label>} and its message. */
    private static void problem(Map<String, Object> view, String language, Problem problem) {
        if (problem == null) {
            return;
        }
        String field = FIELDS.contains(problem.field()) ? problem.field() : "topics";
        String message = Messages.text(language, "form_invalid_field", Messages.text(language, "field_" + field),
                Messages.text(language, "hint_" + field));
        view.put("problem", Map.of("field", field, "message", message));
        view.put("error_" + field, message);
    }

    /** The page after a request was taken: an email is on its way to the address typed, shown so a typo can be seen. */
    public static Map<String, Object> pending(String language, String email, String again) {
        Map<String, Object> view = SubscriptionLayout.view(language, "pending_title", List.of(Messages.text(language, "pending_body", email)));
        view.put("againLink", Map.of("href", again, "text", Messages.text(language, "pending_again")));
        return view;
    }

    /**
     * The confirmation page: what is followed, and the personal feed (shown once) with its calendar links.
     *
     * @param language the page's language ({@code ?lang=}, else the subscriber's)
     */
    public static Map<String, Object> confirmed(String language, SubscriptionService.Confirmation c, List<String> rules, String feedUrl) {
        String separator = language.equals("en") ? "; " : "；";
        List<String> paragraphs = new ArrayList<>();
        if (!c.topicNames().isEmpty()) {
            paragraphs.add(Messages.text(language, "confirmed_topics", String.join(separator, c.topicNames())));
        }
        if (!rules.isEmpty()) {
            paragraphs.add(Messages.text(language, "confirmed_rules", String.join(separator, rules.stream().map(r -> ruleLabel(language, r)).toList())));
        }
        Map<String, Object> view = SubscriptionLayout.view(language, "confirmed_title", paragraphs);
        feed(view, feedUrl);
        return view;
    }

    /**
     * The personal feed, shown once (on confirming, or on asking for a new address): the topic page's "add to
     * calendar" links ({@code webcal://}, Google, Outlook) and the https URL with a copy button
     * ({@code #feed-https}).
     */
    public static void feed(Map<String, Object> view, String feedUrl) {
        String language = (String) view.get("lang");
        view.put("calendar", CalendarLinks.view(feedUrl, "Cutoff · " + Messages.text(language, "manage_feed"), "feed-https",
                Messages.text(language, "feed_webcal"), Messages.text(language, "feed_https")));
    }

    /**
     * The preferences page: every topic of a call still open and whatever the subscriber follows (tick to
     * add, untick to drop), the follow rules, the lead times, the language.
     *
     * @param language      the page's language ({@code ?lang=}, else the subscriber's; the form's language radio
     *                      shows the subscriber's own)
     * @param followedNames display names of the subscriber's topics, in {@link Subscriber#topicIds()} order
     * @param rules         the subscriber's follow rules
     * @param values        the form as posted when it had an error ({@code null}: the subscriber's settings)
     */
    public static Map<String, Object> manage(String language, Subscriber s, List<Notice> notices, List<String> followedNames, List<String> rules,
                                      Instant now, String action, List<String> paragraphs, Values values, Problem problem) {
        Map<String, Object> view = SubscriptionLayout.view(language, "manage_title", paragraphs);
        Set<String> following = new LinkedHashSet<>(s.topicIds());
        Set<String> ticked = new LinkedHashSet<>(values == null ? s.topicIds() : values.topics());
        Set<String> listed = new LinkedHashSet<>();
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Notice n : notices) {
            for (Topic t : n.topics()) {
                if (!t.closedBy(now) || following.contains(t.id())) {
                    listed.add(t.id());
                    topics.add(Map.of("id", t.id(), "checked", ticked.contains(t.id()),
                            "name", n.topicLabel(t)));
                }
            }
        }
        for (int i = 0; i < s.topicIds().size(); i++) {
            if (!listed.contains(s.topicIds().get(i))) {
                topics.add(Map.of("id", s.topicIds().get(i), "name", followedNames.get(i), "checked", ticked.contains(s.topicIds().get(i))));
            }
        }
        List<String> own = s.leadTimes().stream().map(LeadTime::code).toList();
        Map<String, Object> form = new HashMap<>(Map.of("action", action, "topics", topics));
        form.putAll(values == null ? choices(language, issuers(notices), rules, s.language(), own, own)
                : choices(language, issuers(notices), values.follow(), values.language(), values.leadTimes(), own));
        view.put("manageForm", form);
        problem(view, language, problem);
        return view;
    }
}
