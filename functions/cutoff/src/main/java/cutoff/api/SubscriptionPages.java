package cutoff.api;

import cutoff.app.SubscriptionService;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The views of the subscription pages, built from what the service answers (no I/O of their own). */
final class SubscriptionPages {
    /** The lead times the manage page offers, besides whatever the subscriber has. */
    static final List<String> OFFERED_LEADS = List.of("P14D", "P7D", "P3D", "P1D", "MORNING");

    private SubscriptionPages() {
    }

    /**
     * Every notice's topics, calls still open first, with a subscription form posting to {@code action};
     * with {@code challenge} (may be {@code null}), the form carries it and the page's script solves it on submit.
     */
    static Map<String, Object> subscribe(String language, List<Notice> notices, Instant now, String action,
                                         cutoff.app.Challenges.Challenge challenge) {
        return subscribe(language, notices, now, action, challenge, Set.of());
    }

    /**
     * As above, with some topics ticked already ({@code /subscriptions?topic=<topicId>}, the topic page's
     * "Email me reminders"); a closed or unknown one is not.
     */
    static Map<String, Object> subscribe(String language, List<Notice> notices, Instant now, String action,
                                         cutoff.app.Challenges.Challenge challenge, Set<String> ticked) {
        Map<String, Object> view = Pages.view(language, "subscribe_title", List.of(Pages.text(language, "subscribe_intro")));
        List<Map<String, Object>> noticeViews = new ArrayList<>();
        for (Notice n : notices) {
            List<Map<String, Object>> topics = new ArrayList<>();
            boolean anyOpen = false;
            for (Topic t : n.topics()) {
                boolean closed = t.closedBy(now);
                anyOpen |= !closed;
                topics.add(Map.of("id", t.id(), "name", t.displayName(), "closed", closed, "checked", !closed && ticked.contains(t.id()),
                        "closes", t.window() == null ? ""
                        : Pages.text(language, closed ? "subscribe_closed" : "subscribe_closes",
                        Deadlines.wall(t.window().closes(), t.window().zone()))));
            }
            noticeViews.add(Map.of("name", (n.documentNumber() != null ? n.documentNumber() + " " : "") + n.title(),
                    "topics", topics, "open", anyOpen));
        }
        // Open calls first; within each group, as stored (by issuing date). The sort is stable.
        noticeViews.sort(Comparator.comparing(v -> !(Boolean) v.get("open")));
        Map<String, Object> form = new java.util.HashMap<>(Map.of("action", action, "notices", noticeViews));
        if (challenge != null) {
            form.put("challenge", Map.of("token", challenge.token(), "bits", challenge.bits()));
        }
        view.put("subscribeForm", form);
        return view;
    }

    /** The confirmation page: what is followed, and the personal feed URL (shown once). */
    static Map<String, Object> confirmed(SubscriptionService.Confirmation c, String feedUrl) {
        String language = c.subscriber().language();
        Map<String, Object> view = Pages.view(language, "confirmed_title",
                List.of(Pages.text(language, "confirmed_topics", String.join(language.equals("en") ? "; " : "；", c.topicNames()))));
        view.put("feedUrl", feedUrl);
        return view;
    }

    /**
     * The settings page: every topic of a call still open and whatever the subscriber follows (tick to
     * add, untick to drop), the lead times, the language.
     *
     * @param followedNames display names of the subscriber's topics, in {@link Subscriber#topicIds()} order
     */
    static Map<String, Object> manage(Subscriber s, List<Notice> notices, List<String> followedNames, Instant now,
                                      String action, List<String> paragraphs) {
        String language = s.language();
        Map<String, Object> view = Pages.view(language, "manage_title", paragraphs);
        Set<String> following = new LinkedHashSet<>(s.topicIds());
        Set<String> listed = new LinkedHashSet<>();
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Notice n : notices) {
            for (Topic t : n.topics()) {
                if (!t.closedBy(now) || following.contains(t.id())) {
                    listed.add(t.id());
                    topics.add(Map.of("id", t.id(), "checked", following.contains(t.id()),
                            "name", (n.documentNumber() != null ? n.documentNumber() : n.title()) + " · " + t.displayName()));
                }
            }
        }
        for (int i = 0; i < s.topicIds().size(); i++) {
            if (!listed.contains(s.topicIds().get(i))) {
                topics.add(Map.of("id", s.topicIds().get(i), "name", followedNames.get(i), "checked", true));
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        s.leadTimes().forEach(l -> chosen.add(l.code()));
        Set<String> codes = new LinkedHashSet<>(OFFERED_LEADS);
        codes.addAll(chosen);
        List<Map<String, Object>> leads = new ArrayList<>();
        for (String code : codes) {
            leads.add(Map.of("code", code, "label", new LeadTime(code).describe(language), "checked", chosen.contains(code)));
        }
        view.put("manageForm", Map.of("action", action, "topics", topics, "leads", leads));
        return view;
    }
}
