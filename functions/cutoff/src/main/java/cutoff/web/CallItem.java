package cutoff.web;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.DeadlineKind;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.store.NoticeStore.StoredNotice;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One topic as the calls page lists it and a topic's page heads it (the partial {@code call-item.html.mustache}): its
 * name, notice, issuer, status at "now" with the countdown's instant, cutoff and opening in their own zone, and its
 * foreign sides. Built from a stored notice and its stored deadlines (no I/O of its own).
 */
final class CallItem {
    /** The status of a withdrawn topic ({@link StoredNotice#withdrawn}): its notice withdrawn, or the topic dropped. */
    static final String WITHDRAWN = "withdrawn";

    private CallItem() {
    }

    /** A topic's state at {@code now}: {@code upcoming} (not yet open), {@code open} or {@code closed}. */
    static String status(Topic t, Instant now) {
        if (t.closedBy(now)) {
            return "closed";
        }
        Window w = t.window();
        return w != null && w.opens() != null && w.opens().earliest(w.zone()).isAfter(now) ? "upcoming" : "open";
    }

    /** The cutoff's instant for sorting and the countdown: its time, or the start of its day in Beijing. */
    static Instant cutoff(Topic t) {
        return t.window() == null ? Instant.MAX : t.window().closes().earliest(t.window().zone());
    }

    static int cutoffYear(Topic t) {
        return t.window() == null ? 0 : t.window().closes().date().getYear();
    }

    /** One topic's view. */
    static Map<String, Object> item(String language, StoredNotice sn, Topic t, Instant now) {
        Notice n = sn.notice();
        Map<String, Object> item = new HashMap<>();
        item.put("id", t.id());
        item.put("href", "/calls/" + t.id() + "?lang=" + language);
        item.put("name", t.displayName());
        item.put("programme", t.programme());
        item.put("notice", n.title());
        item.put("documentNumber", n.documentNumber());
        item.put("issuer", n.issuer());
        item.put("relayedBy", n.relayedBy());
        putStatus(language, item, t, now, sn.withdrawn(t.id()));
        Window w = t.window();
        if (w != null) {
            item.put("cutoffText", Timeline.when(language, w.closes().dateTime() == null ? null : w.closes().dateTime().toInstant(),
                    w.closes().date(), w.zone()));
            if (w.opens() != null) {
                item.put("opensText", Timeline.when(language, w.opens().dateTime() == null ? null : w.opens().dateTime().toInstant(),
                        w.opens().date(), w.zone()));
            }
            item.put("includesReview", w.includesReview());
            item.put("reviewReasons", w.reasons().isEmpty() ? null : String.join("; ", w.reasons()));
        }
        List<Map<String, Object>> foreign = foreign(language, t, ofTopic(sn, t));
        item.put("foreign", foreign);
        item.put("hasForeign", !foreign.isEmpty());
        return item;
    }

    /**
     * status, statusLabel, the cutoff's instant ({@code cutoffAt}, UTC) and, unless closed or withdrawn, the countdown's
     * ({@code cutoffIso}).
     */
    private static void putStatus(String language, Map<String, Object> item, Topic t, Instant now, boolean withdrawn) {
        String status = withdrawn ? WITHDRAWN : status(t, now);
        item.put("status", status);
        item.put("statusLabel", Messages.text(language, "status_" + status));
        item.put("closed", status.equals("closed") || withdrawn);
        if (t.window() != null) {
            item.put("cutoffAt", cutoff(t).toString());
            if (!status.equals("closed") && !withdrawn) {
                item.put("cutoffIso", cutoff(t).toString());
            }
        }
    }

    /** The topic's stored deadlines, withdrawn ones left out. */
    static List<Deadline> ofTopic(StoredNotice sn, Topic t) {
        return sn.deadlines().stream().filter(d -> d.topicId().equals(t.id()) && !d.cancelled()).toList();
    }

    /** The topic's foreign sides: partner, agency, zone and deadline in the agency's zone (or why none). */
    private static List<Map<String, Object>> foreign(String language, Topic t, List<Deadline> deadlines) {
        Map<ForeignDeadline, Deadline> dated = new java.util.IdentityHashMap<>();
        Map<String, ForeignDeadline> byUid = Deadlines.foreignByUid(t);
        for (Deadline d : deadlines) {
            if (d.kind() == DeadlineKind.FOREIGN && byUid.containsKey(d.uid())) {
                dated.put(byUid.get(d.uid()), d);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (ForeignDeadline fd : t.foreignDeadlines()) {
            Map<String, Object> m = new HashMap<>();
            m.put("partner", fd.partner());
            m.put("agency", fd.agency() != null ? fd.agency() : fd.partner());
            m.put("zone", fd.zone() == null ? Messages.text(language, "zone_unknown") : fd.zone().getId());
            Deadline d = dated.get(fd);
            m.put("when", d != null ? Timeline.when(language, d) : Messages.text(language, "foreign_not_stated"));
            m.put("sameAsOurs", fd.sameAsOurs());
            m.put("condition", fd.condition());
            m.put("contact", fd.contact());
            m.put("site", link(fd.site()));
            result.add(m);
        }
        return result;
    }

    /**
     * A web address as the page shows it: {@code href} only for an absolute http or https URL (a
     * {@code javascript:} or other scheme is shown as text, never a link); {@code null} for none.
     */
    static Map<String, Object> link(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("text", url);
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                m.put("href", u.toASCIIString());
            }
        } catch (java.net.URISyntaxException notAUrl) {
            // shown as text
        }
        return m;
    }

}
