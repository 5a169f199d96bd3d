package cutoff.web;

import cutoff.http.Forms;
import cutoff.http.HttpProblem;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.store.NoticeStore.StoredNotice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The calls page ({@code /}, template {@code calls.html.mustache}): every stored topic but the withdrawn ones
 * ({@link StoredNotice#withdrawn}) ({@link CallItem}), open and upcoming first, then the latest closed ones, filtered by issuer, year, partner country and search text. Built from
 * stored notices (no I/O of its own); times in each deadline's own zone; "now" is the caller's clock.
 */
public final class CallsPage {
    /** How many closed calls the calls page lists without {@code past=1}. */
    public static final int RECENTLY_CLOSED = 5;
    /** The longest search text taken. */
    static final int MAX_SEARCH = 100;

    private CallsPage() {
    }

    /**
     * The calls page's filters, from its query ({@code GET} form: {@code issuer}, {@code year},
     * {@code country}, {@code q}, {@code past=1}); empty values are no filter.
     */
    public record Filters(String issuer, Integer year, String country, String q, boolean past) {
        public static Filters from(Map<String, List<String>> query) throws HttpProblem {
            String year = blankToNull(Forms.first(query, "year"));
            Integer y = null;
            if (year != null) {
                if (!year.matches("[0-9]{4}")) {
                    throw new HttpProblem(400, "year", "year: a year such as 2026, not " + shorten(year));
                }
                y = Integer.valueOf(year);
            }
            String q = blankToNull(Forms.first(query, "q"));
            if (q != null && q.length() > MAX_SEARCH) {
                throw new HttpProblem(400, "q", "q: the search text is longer than " + MAX_SEARCH + " characters");
            }
            return new Filters(blankToNull(Forms.first(query, "issuer")), y, blankToNull(Forms.first(query, "country")),
                    q == null ? null : q.strip(), "1".equals(Forms.first(query, "past")));
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
                parts.add(name + "=" + Layout.encode(value));
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    /**
     * The calls page: open and upcoming topics first (soonest cutoff first), then closed ones (latest
     * first; the {@link #RECENTLY_CLOSED} latest unless {@code past}), each filtered.
     */
    public static Map<String, Object> view(String language, List<StoredNotice> stored, Instant now, Filters f) {
        String path = "/" + (f.query().isEmpty() ? "" : "?" + f.query()) + (f.past() ? (f.query().isEmpty() ? "?" : "&") + "past=1" : "");
        Map<String, Object> view = Layout.view(language, Messages.text(language, "calls_title"), path, "calls", now);
        TreeSet<String> issuers = new TreeSet<>();
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        TreeSet<String> countries = new TreeSet<>();
        record Row(Topic topic, StoredNotice notice) {
        }
        List<Row> open = new ArrayList<>();
        List<Row> closed = new ArrayList<>();
        for (StoredNotice sn : stored) {
            Notice n = sn.notice();
            // A withdrawn topic is not listed (there is nothing to apply to); its own page says it was withdrawn.
            List<Topic> live = n.topics().stream().filter(t -> !sn.withdrawn(t.id())).toList();
            if (n.issuer() != null && !live.isEmpty()) {
                issuers.add(n.issuer());
            }
            for (Topic t : live) {
                if (t.window() != null) {
                    years.add(CallItem.cutoffYear(t));
                }
                t.foreignDeadlines().forEach(fd -> countries.add(fd.partner()));
                if (!matches(n, t, f)) {
                    continue;
                }
                (t.closedBy(now) ? closed : open).add(new Row(t, sn));
            }
        }
        open.sort(Comparator.comparing((Row r) -> CallItem.cutoff(r.topic())));
        closed.sort(Comparator.comparing((Row r) -> CallItem.cutoff(r.topic())).reversed());
        int closedCount = closed.size();
        List<Row> closedShown = f.past() ? closed : closed.subList(0, Math.min(RECENTLY_CLOSED, closed.size()));
        view.put("open", open.stream().map(r -> CallItem.item(language, r.notice(), r.topic(), now)).toList());
        view.put("closed", closedShown.stream().map(r -> CallItem.item(language, r.notice(), r.topic(), now)).toList());
        view.put("noOpen", open.isEmpty());
        view.put("anyClosed", closedCount > 0);
        view.put("closedHeading", Messages.text(language, f.past() ? "calls_closed_all" : "calls_closed_recent", closedCount));
        if (!f.past() && closedCount > closedShown.size()) {
            view.put("allClosedHref", "/?" + (f.query().isEmpty() ? "" : f.query() + "&") + "past=1&lang=" + language);
            view.put("allClosedLabel", Messages.text(language, "calls_show_all_closed", closedCount));
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
        if (f.year() != null && CallItem.cutoffYear(t) != f.year()) {
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

}
