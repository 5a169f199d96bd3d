package cutoff.web;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.deadline.Deadline;
import cutoff.notice.DeadlineKind;
import cutoff.deadline.Deadlines;
import cutoff.notice.CallDeadline;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.store.NoticeStore.StoredNotice;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The views of the calls page and a topic's page, built from stored notices and their stored deadlines
 * (no I/O of their own). Times are written in each deadline's own zone; "now" is the caller's clock.
 */
public final class WebViews {
    /** How many closed calls the calls page lists without {@code past=1}. */
    public static final int RECENTLY_CLOSED = 5;
    /** The longest search text taken. */
    static final int MAX_SEARCH = 100;

    private WebViews() {
    }

    /**
     * The calls page's filters, from its query ({@code GET} form: {@code issuer}, {@code year},
     * {@code country}, {@code q}, {@code past=1}); empty values are no filter.
     */
    public record Filters(String issuer, Integer year, String country, String q, boolean past) {
        public static Filters from(Map<String, List<String>> query) throws HttpProblem {
            String year = blankToNull(Http.first(query, "year"));
            Integer y = null;
            if (year != null) {
                if (!year.matches("[0-9]{4}")) {
                    throw new HttpProblem(400, "year", "year: a year such as 2026, not " + shorten(year));
                }
                y = Integer.valueOf(year);
            }
            String q = blankToNull(Http.first(query, "q"));
            if (q != null && q.length() > MAX_SEARCH) {
                throw new HttpProblem(400, "q", "q: the search text is longer than " + MAX_SEARCH + " characters");
            }
            return new Filters(blankToNull(Http.first(query, "issuer")), y, blankToNull(Http.first(query, "country")),
                    q == null ? null : q.strip(), "1".equals(Http.first(query, "past")));
        }

        boolean any() {
            return issuer != null || year != null || country != null || q != null;
        }

        /** The filters as a query string ({@code issuer=…&year=2026}), without {@code past} and {@code lang}. */
        String query() {
            List<String> parts = new ArrayList<>();
            add(parts, "issuer", issuer);
            add(parts, "year", year == null ? null : year.toString());
            add(parts, "country", country);
            add(parts, "q", q);
            return String.join("&", parts);
        }

        private static void add(List<String> parts, String name, String value) {
            if (value != null) {
                parts.add(name + "=" + encode(value));
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
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
    private static Instant cutoff(Topic t) {
        return t.window() == null ? Instant.MAX : t.window().closes().earliest(t.window().zone());
    }

    private static int cutoffYear(Topic t) {
        return t.window() == null ? 0 : t.window().closes().date().getYear();
    }

    // ------------------------------------------------------------------ the calls page

    /**
     * The calls page: open and upcoming topics first (soonest cutoff first), then closed ones (latest
     * first; the {@link #RECENTLY_CLOSED} latest unless {@code past}), each filtered.
     */
    public static Map<String, Object> calls(String language, List<StoredNotice> stored, Instant now, Filters f) {
        String path = "/" + (f.query().isEmpty() ? "" : "?" + f.query()) + (f.past() ? (f.query().isEmpty() ? "?" : "&") + "past=1" : "");
        Map<String, Object> view = Web.view(language, Web.text(language, "calls_title"), path, "calls", now);
        TreeSet<String> issuers = new TreeSet<>();
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        TreeSet<String> countries = new TreeSet<>();
        record Row(Topic topic, StoredNotice notice) {
        }
        List<Row> open = new ArrayList<>();
        List<Row> closed = new ArrayList<>();
        for (StoredNotice sn : stored) {
            Notice n = sn.notice();
            if (n.issuer() != null) {
                issuers.add(n.issuer());
            }
            for (Topic t : n.topics()) {
                if (t.window() != null) {
                    years.add(cutoffYear(t));
                }
                t.foreignDeadlines().forEach(fd -> countries.add(fd.partner()));
                if (!matches(n, t, f)) {
                    continue;
                }
                (t.closedBy(now) ? closed : open).add(new Row(t, sn));
            }
        }
        open.sort(Comparator.comparing((Row r) -> cutoff(r.topic())));
        closed.sort(Comparator.comparing((Row r) -> cutoff(r.topic())).reversed());
        int closedCount = closed.size();
        List<Row> closedShown = f.past() ? closed : closed.subList(0, Math.min(RECENTLY_CLOSED, closed.size()));
        view.put("open", open.stream().map(r -> item(language, r.notice(), r.topic(), now)).toList());
        view.put("closed", closedShown.stream().map(r -> item(language, r.notice(), r.topic(), now)).toList());
        view.put("noOpen", open.isEmpty());
        view.put("anyClosed", closedCount > 0);
        view.put("closedHeading", Web.text(language, f.past() ? "calls_closed_all" : "calls_closed_recent", closedCount));
        if (!f.past() && closedCount > closedShown.size()) {
            view.put("allClosedHref", "/?" + (f.query().isEmpty() ? "" : f.query() + "&") + "past=1&lang=" + language);
            view.put("allClosedLabel", Web.text(language, "calls_show_all_closed", closedCount));
        }
        view.put("issuers", options(issuers.stream().toList(), f.issuer()));
        view.put("years", options(years.stream().map(String::valueOf).toList(), f.year() == null ? null : f.year().toString()));
        view.put("countries", options(countries.stream().toList(), f.country()));
        view.put("q", f.q() == null ? "" : f.q());
        view.put("past", f.past());
        view.put("filtered", f.any());
        view.put("nowIso", now.toString());
        return view;
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String v : values) {
            result.add(Map.of("value", v, "selected", v.equals(selected)));
        }
        return result;
    }

    private static boolean matches(Notice n, Topic t, Filters f) {
        if (f.issuer() != null && !f.issuer().equals(n.issuer())) {
            return false;
        }
        if (f.year() != null && cutoffYear(t) != f.year()) {
            return false;
        }
        if (f.country() != null && t.foreignDeadlines().stream().noneMatch(fd -> f.country().equals(fd.partner()))) {
            return false;
        }
        if (f.q() != null) {
            String q = f.q().toLowerCase(Locale.ROOT);
            return java.util.stream.Stream.of(n.title(), n.documentNumber(), t.title(), t.programme())
                    .filter(Objects::nonNull).anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(q));
        }
        return true;
    }

    /** One topic on the calls page. */
    private static Map<String, Object> item(String language, StoredNotice sn, Topic t, Instant now) {
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
        putStatus(language, item, t, now);
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

    /** status, statusLabel, the cutoff's instant ({@code cutoffAt}, UTC) and, unless closed, the countdown's ({@code cutoffIso}). */
    private static void putStatus(String language, Map<String, Object> item, Topic t, Instant now) {
        String status = status(t, now);
        item.put("status", status);
        item.put("statusLabel", Web.text(language, "status_" + status));
        item.put("closed", status.equals("closed"));
        if (t.window() != null) {
            item.put("cutoffAt", cutoff(t).toString());
            if (!status.equals("closed")) {
                item.put("cutoffIso", cutoff(t).toString());
            }
        }
    }

    private static List<Deadline> ofTopic(StoredNotice sn, Topic t) {
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
            m.put("zone", fd.zone() == null ? Web.text(language, "zone_unknown") : fd.zone().getId());
            Deadline d = dated.get(fd);
            m.put("when", d != null ? Timeline.when(language, d) : Web.text(language, "foreign_not_stated"));
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

    // ------------------------------------------------------------------ a topic's page

    /**
     * A topic's page: status and cutoff, the timeline and the same facts as a table, the call's facts, the
     * calendar links and the reminder link.
     *
     * @param base the public base URL ({@code https://cutoff.example}), for the feed links
     */
    public static Map<String, Object> topic(String language, StoredNotice sn, Topic t, Instant now, String base) {
        Notice n = sn.notice();
        Map<String, Object> view = Web.view(language, t.displayName(), "/calls/" + t.id(), "calls", now);
        Map<String, Object> item = item(language, sn, t, now);
        view.put("topic", item);
        view.put("signedOn", n.signedOn() == null ? null : n.signedOn().toString());
        view.put("caveat", n.caveat());
        view.put("applicationSite", link(n.applicationSite()));
        if (t.fundingCapWan() != null) {
            view.put("fundingCap", Web.text(language, "fact_cap_value", t.fundingCapWan().toString(),
                    String.format(Locale.ROOT, "%,d", t.fundingCapWan() * 10_000L)));
        }
        if (t.projectPeriod() != null) {
            view.put("projectPeriod", t.projectPeriod().from() != null && t.projectPeriod().to() != null
                    ? t.projectPeriod().from() + " – " + t.projectPeriod().to() : t.projectPeriod().asWritten());
        }
        view.put("directions", t.directions().stream().map(d -> (d.key() == null ? "" : d.key() + " ") + d.title()).toList());
        view.put("hasDirections", !t.directions().isEmpty());
        view.put("fields", t.fields().isEmpty() ? null : String.join(language.equals("zh") ? "、" : ", ", t.fields()));

        List<Deadline> deadlines = new ArrayList<>(ofTopic(sn, t));
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
                    note = fd.sameAsOurs() ? Web.text(language, "foreign_same_as_ours") : fd.asWritten();
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
            tl.put("title", Web.text(language, "timeline_title", t.displayName()));
            tl.put("desc", String.join(language.equals("zh") ? "；" : "; ", facts));
            tl.put("nowLabel", Web.text(language, "timeline_now"));
            tl.put("nowOff", drawing.nowOnAxis() ? null : Web.text(language, drawing.nowAfter() ? "timeline_now_after" : "timeline_now_before"));
            view.put("timeline", tl);
        }
        view.put("rows", rows);

        String name = "Cutoff · " + (n.documentNumber() != null ? n.documentNumber() + " · " : "") + t.displayName();
        Map<String, Object> calendar = calendar(base + "/feeds/topics/" + t.id() + ".ics", name, "feed-url",
                Web.text(language, "calendar_webcal"), Web.text(language, "calendar_url_label"));
        calendar.put("icsHref", "/calls/" + t.id() + "/event.ics");
        view.put("calendar", calendar);
        view.put("remindHref", "/subscriptions?topic=" + encode(t.id()) + "&lang=" + language);
        return view;
    }

    /**
     * The "add to calendar" links of a feed (the partial {@code calendar-links.mustache}): {@code webcal://},
     * Google Calendar's and Outlook's subscribe links, and the https URL in a read-only field with a copy
     * button. The personal feed's page and a topic's page use it alike.
     *
     * @param https       the feed's https (or, locally, http) URL
     * @param name        the calendar's name Outlook shows
     * @param fieldId     the {@code id} of the field holding the URL
     * @param webcalLabel the webcal link's text; {@code fieldLabel} the field's label
     */
    static Map<String, Object> calendar(String https, String name, String fieldId, String webcalLabel, String fieldLabel) {
        String webcal = "webcal://" + https.replaceFirst("^https?://", "");
        Map<String, Object> calendar = new HashMap<>();
        calendar.put("feedUrl", https);
        calendar.put("webcalUrl", webcal);
        calendar.put("webcalLabel", webcalLabel);
        calendar.put("googleUrl", "https://calendar.google.com/calendar/r?cid=" + encode(webcal));
        calendar.put("outlookUrl", "https://outlook.live.com/calendar/0/addfromweb?url=" + encode(https) + "&name=" + encode(name));
        calendar.put("feedFieldId", fieldId);
        calendar.put("feedFieldLabel", fieldLabel);
        return calendar;
    }

    /** A deadline kind's name in the page's language. */
    static String kindLabel(String language, DeadlineKind k) {
        return language.equals("en") ? k.english() : k.chinese();
    }

    /**
     * An error page's view (template {@code error}): its title and, with a {@code bodyKey}, its message, both from
     * the bundles; a link home in the same language.
     *
     * @param status the HTTP status the page is sent with (shown on it)
     */
    public static Map<String, Object> error(String language, int status, String titleKey, String bodyKey, Instant now) {
        Map<String, Object> view = Web.view(language, Web.text(language, titleKey), "/", null, now);
        view.put("status", status);
        if (bodyKey != null) {
            view.put("message", Web.text(language, bodyKey));
        }
        view.put("homeHref", "/?lang=" + language);
        return view;
    }

    /** The page for a malformed query: its status (400) and the field it names, in the bundle's words. */
    public static Map<String, Object> invalid(String language, HttpProblem bad, Instant now) {
        Map<String, Object> view = error(language, bad.status, "invalid_title", null, now);
        view.put("message", Web.text(language, "invalid_field", bad.field, bad.getMessage()));
        return view;
    }

    /**
     * The office page's view: office.html.mustache's markup, which the module {@code /assets/office.mjs} drives (the layout loads
     * it with the flag {@code officeScript}); its texts are the {@code office_*} messages the template writes into
     * {@code #office-messages}.
     */
    public static Map<String, Object> office(String language, Instant now) {
        Map<String, Object> view = Web.view(language, Web.text(language, "office_title"), "/office", "office", now);
        view.put("officeScript", true);
        return view;
    }
}
