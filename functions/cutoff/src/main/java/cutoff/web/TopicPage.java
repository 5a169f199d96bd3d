package cutoff.web;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.CallDeadline;
import cutoff.notice.DeadlineKind;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.store.NoticeStore.StoredNotice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A topic's page ({@code /calls/<topicId>}, template {@code topic.html.mustache}): the topic ({@link CallItem}), every
 * deadline of the call on a {@link Timeline} and in a table, the call's facts, the calendar links and the reminder
 * link. Built from the stored notice and its stored deadlines (no I/O of its own); times in each deadline's own zone.
 */
public final class TopicPage {
    private TopicPage() {
    }

    /**
     * A topic's page: status and cutoff, the timeline and the same facts as a table, the call's facts, the
     * calendar links and the reminder link.
     *
     * @param base the public base URL ({@code https://cutoff.example}), for the feed links
     */
    public static Map<String, Object> view(String language, StoredNotice sn, Topic t, Instant now, String base) {
        Notice n = sn.notice();
        Map<String, Object> view = Layout.view(language, t.displayName(), "/calls/" + t.id(), "calls", now);
        Map<String, Object> item = CallItem.item(language, sn, t, now);
        view.put("topic", item);
        putWithdrawn(language, view, sn, t.id());
        view.put("signedOn", n.signedOn() == null ? null : n.signedOn().toString());
        view.put("caveat", n.caveat());
        view.put("applicationSite", CallItem.link(n.applicationSite()));
        if (t.fundingCapWan() != null) {
            view.put("fundingCap", Messages.text(language, "fact_cap_value", t.fundingCapWan().toString(),
                    String.format(Locale.ROOT, "%,d", t.fundingCapWan() * 10_000L)));
        }
        if (t.projectPeriod() != null) {
            view.put("projectPeriod", t.projectPeriod().from() != null && t.projectPeriod().to() != null
                    ? t.projectPeriod().from() + " – " + t.projectPeriod().to() : t.projectPeriod().asWritten());
        }
        view.put("directions", t.directions().stream().map(d -> (d.key() == null ? "" : d.key() + " ") + d.title()).toList());
        view.put("hasDirections", !t.directions().isEmpty());
        view.put("fields", t.fields().isEmpty() ? null : String.join(language.equals("zh") ? "、" : ", ", t.fields()));

        List<Deadline> deadlines = new ArrayList<>(CallItem.ofTopic(sn, t));
        deadlines.sort(Comparator.comparing(Deadline::earliest));
        Map<String, ForeignDeadline> foreignByUid = Deadlines.foreignByUid(t);
        Map<DeadlineKind, List<CallDeadline>> steps = new HashMap<>();
        t.deadlines().forEach(s -> steps.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s));
        List<Timeline.Marker> markers = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (Deadline d : deadlines) {
            String label = kindLabel(language, d.kind());
            String note = null;
            if (d.kind() == DeadlineKind.FOREIGN) {
                ForeignDeadline fd = foreignByUid.get(d.uid());
                String agency = fd == null ? null : fd.agency() != null ? fd.agency() : fd.partner();
                label = agency == null ? label : agency;
                if (fd != null) {
                    note = fd.sameAsOurs() ? Messages.text(language, "foreign_same_as_ours") : fd.asWritten();
                }
            } else if (steps.containsKey(d.kind()) && !steps.get(d.kind()).isEmpty()) {
                CallDeadline s = steps.get(d.kind()).remove(0);
                note = s.who() == null ? s.asWritten() : s.who() + (s.asWritten() == null ? "" : " · " + s.asWritten());
            }
            String when = Timeline.when(language, d);
            markers.add(new Timeline.Marker(Timeline.kind(d.kind()), Timeline.at(d), label, when));
            Map<String, Object> row = new HashMap<>();
            row.put("kind", Timeline.kind(d.kind()));
            row.put("at", Timeline.at(d).toEpochMilli());
            row.put("what", d.kind() == DeadlineKind.FOREIGN ? kindLabel(language, d.kind()) + " · " + label : label);
            row.put("when", when);
            if (!d.zone().equals(Window.BEIJING)) {
                row.put("beijing", d.timed() ? Timeline.when(language, d.at(), null, Window.BEIJING) : null);
            }
            row.put("note", note);
            rows.add(row);
            facts.add((d.kind() == DeadlineKind.FOREIGN ? kindLabel(language, d.kind()) + " " + label : label) + " " + when);
        }
        if (!markers.isEmpty()) {
            Timeline.Drawing drawing = Timeline.draw(markers, now);
            Map<String, Object> tl = new HashMap<>();
            tl.put("d", drawing);
            tl.put("title", Messages.text(language, "timeline_title", t.displayName()));
            tl.put("desc", String.join(language.equals("zh") ? "；" : "; ", facts));
            tl.put("nowLabel", Messages.text(language, "timeline_now"));
            tl.put("nowOff", drawing.nowOnAxis() ? null : Messages.text(language, drawing.nowAfter() ? "timeline_now_after" : "timeline_now_before"));
            view.put("timeline", tl);
        }
        view.put("rows", rows);

        String name = "Cutoff · " + (n.documentNumber() != null ? n.documentNumber() + " · " : "") + t.displayName();
        Map<String, Object> calendar = CalendarLinks.view(base + "/feeds/topics/" + t.id() + ".ics", name, "feed-url",
                Messages.text(language, "calendar_webcal"), Messages.text(language, "calendar_url_label"));
        calendar.put("icsHref", "/calls/" + t.id() + "/event.ics");
        view.put("calendar", calendar);
        view.put("remindHref", "/subscriptions?topic=" + Layout.encode(t.id()) + "&lang=" + language);
        return view;
    }

    /**
     * The page of a topic a later ingest dropped from its notice (its deadlines kept, cancelled): it still answers a
     * bookmarked link, saying the topic was withdrawn; its name is its cutoff's ({@link Deadlines#topicNameOf}).
     *
     * @return empty when the notice never had such a topic (no stored deadline of it)
     */
    public static java.util.Optional<Map<String, Object>> dropped(String language, StoredNotice sn, String topicId, Instant now) {
        java.util.Optional<Deadline> closes = sn.deadlines().stream()
                .filter(d -> d.topicId().equals(topicId) && d.kind() == DeadlineKind.CLOSES).findFirst();
        if (closes.isEmpty() || !sn.withdrawn(topicId)) {
            return java.util.Optional.empty();
        }
        Notice n = sn.notice();
        String name = Deadlines.topicNameOf(closes.get());
        Map<String, Object> view = Layout.view(language, name, "/calls/" + topicId, "calls", now);
        Map<String, Object> item = new HashMap<>();
        item.put("id", topicId);
        item.put("name", name);
        item.put("notice", n.title());
        item.put("documentNumber", n.documentNumber());
        item.put("issuer", n.issuer());
        item.put("relayedBy", n.relayedBy());
        item.put("status", CallItem.WITHDRAWN);
        item.put("statusLabel", Messages.text(language, "status_" + CallItem.WITHDRAWN));
        item.put("cutoffText", Timeline.when(language, closes.get()));
        item.put("cutoffAt", closes.get().earliest().toString());
        view.put("topic", item);
        view.put("signedOn", n.signedOn() == null ? null : n.signedOn().toString());
        putWithdrawn(language, view, sn, topicId);
        return java.util.Optional.of(view);
    }

    /**
     * {@code withdrawn} and its sentence ({@code withdrawnText}, with the day it was withdrawn in Beijing time) for a
     * withdrawn topic: the page then leaves out the calendar and reminder links (a subscribed calendar has the events
     * cancelled; nothing is reminded).
     */
    private static void putWithdrawn(String language, Map<String, Object> view, StoredNotice sn, String topicId) {
        if (sn.withdrawn(topicId)) {
            view.put("withdrawn", true);
            view.put("withdrawnText", Messages.text(language, "topic_withdrawn", sn.withdrawnAt(topicId)
                    .map(at -> at.atZone(Window.BEIJING).toLocalDate().toString()).orElse("")));
        }
    }

    /** A deadline kind's name in the page's language. */
    private static String kindLabel(String language, DeadlineKind k) {
        return language.equals("en") ? k.english() : k.chinese();
    }

}
