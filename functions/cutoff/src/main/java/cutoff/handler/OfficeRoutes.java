package cutoff.handler;

import cutoff.http.Bodies;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import cutoff.office.InternalDeadline;
import cutoff.office.OfficeKeys;
import cutoff.office.Office;
import cutoff.office.StaffCsv;
import cutoff.store.OfficeStore.StaffStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each office route does: authenticates the key, holds the office to its own id, binds the request,
 * calls {@link Offices}. The office comes from the key alone: a path naming another office, or a body with
 * an {@code orgId} or {@code role} field, is answered 404 exactly as an office that does not exist, so
 * nobody learns whether another office exists or what it holds.
 */
final class OfficeRoutes {
    /**
     * The largest upload: 4 MiB, about 40,000 rows of 100 bytes (10,000 rows at up to 400 bytes each).
     * Lambda takes at most 6 MB in a synchronous request, event included; API Gateway base64-encodes a body
     * it does not treat as text (4 MiB → 5.6 MB), so 4 MiB is the most that always arrives.
     */
    static final int MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
    static final String MAX_UPLOAD_TEXT = "4 MiB (4,194,304 bytes)";
    /** Staff per page: default and most. */
    static final int PAGE = 100;
    static final int MAX_PAGE = 500;
    /** The path parameter and JSON field of the office id: the /orgs routes' name, kept for API compatibility. */
    static final String OFFICE_ID = "orgId";
    private static final Set<String> HIDDEN = Set.of(OFFICE_ID.toLowerCase(Locale.ROOT), "role");
    static final String CHALLENGE = "Bearer realm=\"cutoff\"";

    /** A staff entry of a JSON upload. */
    record StaffJson(String email, String name, String department, List<String> topics, String language, List<String> leadTimes) {
    }

    /** A JSON upload: {@code {"staff": [...]}}. */
    record UploadJson(List<StaffJson> staff) {
    }

    /** A rule as PUT takes it: {@code {"before": "P3D", "at": "16:30"}}. */
    record RuleJson(String before, String at) {
    }

    /** A topic's explicit internal deadline as PUT takes it: {@code {"at": "2026-06-10T12:00:00+08:00"}}. */
    record OverrideJson(String at) {
    }

    private final Offices offices;
    private final InternalDeadlines internal;
    private final String configuredBaseUrl;

    /**
     * @param internal          internal deadlines and the office feed
     * @param configuredBaseUrl the public base of feed URLs; {@code null} for the API's own domain
     */
    OfficeRoutes(Offices offices, InternalDeadlines internal, String configuredBaseUrl) {
        this.offices = offices;
        this.internal = internal;
        this.configuredBaseUrl = configuredBaseUrl;
    }

    /** Loads the CSV reader, JSON writer and a DynamoDB round trip (SnapStart priming). */
    void prime() {
        try {
            StaffCsv.read(String.join(",", StaffCsv.COLUMNS) + "\r\npriming@example.invalid,,,all,,\r\n");
        } catch (StaffCsv.BadFileException e) {
            throw new IllegalStateException(e);
        }
        Json.write(Map.of("received", 0));
        offices.authenticate("cutoff_" + "A".repeat(43));
    }

    APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String route = Http.route(e);
        if (!Routes.OFFICES.contains(route)) {
            throw notFound();
        }
        Office office = authenticate(e);
        if (route.equals("/orgs")) {
            Http.allow(e, "GET");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(OFFICE_ID, office.id());
            answer.put("name", office.name());
            answer.put("emailDomains", office.emailDomains());
            answer.put("feedUrl", feedUrl(e, internal.feedSecret(office).orElseThrow(OfficeRoutes::notFound)));
            return json(200, answer);
        }
        if (!office.id().equals(Http.pathParameter(e, OFFICE_ID))) {
            throw notFound();
        }
        switch (route) {
            case "/orgs/{orgId}/feed" -> {
                Http.allow(e, "GET", "POST");
                String secret = (Http.method(e).equals("POST") ? internal.rotateFeedSecret(office) : internal.feedSecret(office))
                        .orElseThrow(OfficeRoutes::notFound);
                return json(200, Map.of("feedUrl", feedUrl(e, secret)));
            }
            case "/orgs/{orgId}/internal-deadlines" -> {
                Http.allow(e, "GET", "PUT", "DELETE");
                switch (Http.method(e)) {
                    case "PUT" -> {
                        RuleJson body = jsonBody(e, RuleJson.class);
                        try {
                            internal.setRule(office, InternalDeadline.Rule.parse(body.before(), body.at()));
                        } catch (InternalDeadline.BadValue bad) {
                            throw badRequest(bad);
                        }
                    }
                    case "DELETE" -> {
                        internal.deleteRule(office);
                        return noContent();
                    }
                    default -> {
                        // GET, HEAD: the view below.
                    }
                }
                return json(200, view(internal.view(office)));
            }
            case "/orgs/{orgId}/topics/{topicId}/internal-deadline" -> {
                Http.allowExactly(e, "PUT", "DELETE");
                String topicId = pathDecode(Http.pathParameter(e, "topicId"));
                try {
                    if (Http.method(e).equals("DELETE")) {
                        internal.deleteOverride(office, topicId);
                        return noContent();
                    }
                    OverrideJson body = jsonBody(e, OverrideJson.class);
                    internal.setOverride(office, topicId, InternalDeadline.parseOverride(body.at()));
                } catch (InternalDeadline.BadValue bad) {
                    throw badRequest(bad);
                } catch (InternalDeadlines.UnknownTopic unknown) {
                    throw new HttpProblem(404, "topicId", unknown.getMessage(), Map.of(), Map.of("code", "unknown_topic"));
                }
                return json(200, view(internal.view(office)));
            }
            case "/orgs/{orgId}/staff" -> {
                Http.allow(e, "GET", "POST");
                return Http.method(e).equals("POST") ? upload(office, e) : list(office, e);
            }
            case "/orgs/{orgId}/staff.csv" -> {
                Http.allow(e, "GET");
                return export(office);
            }
            case "/orgs/{orgId}/staff/{email}" -> {
                Http.allowExactly(e, "DELETE");
                String email = pathDecode(Http.pathParameter(e, "email"));
                if (!offices.remove(office, email)) {
                    throw new HttpProblem(404, "email", "no such address on this office's list");
                }
                return noContent();
            }
            default -> throw notFound();
        }
    }

    /** A rejected value of the body: 400 naming the field, with the value's stable {@code code}. */
    private static HttpProblem badRequest(InternalDeadline.BadValue bad) {
        return new HttpProblem(400, bad.field(), bad.getMessage(), Map.of(), Map.of("code", bad.code()));
    }

    /** A strict JSON body ({@code application/json}); an {@code orgId} or {@code role} field is 404, as on upload. */
    private static <T> T jsonBody(APIGatewayV2HTTPEvent e, Class<T> type) throws HttpProblem {
        String mediaType = Http.mediaType(e);
        if (!mediaType.equals("application/json")) {
            throw Http.unsupportedType(mediaType, "application/json");
        }
        return strictJson(Http.body(e), type);
    }

    /** {@link Bodies#json}, with an {@code orgId} or {@code role} field answered 404 (the office comes from the key). */
    private static <T> T strictJson(String body, Class<T> type) throws HttpProblem {
        try {
            return Bodies.json(body, type);
        } catch (HttpProblem bad) {
            if (bad.status == 400 && bad.field != null && HIDDEN.contains(bad.field.toLowerCase(Locale.ROOT))) {
                throw notFound();
            }
            throw bad;
        }
    }

    /** {@code <base>/feeds/orgs/<secret>.ics}. */
    private String feedUrl(APIGatewayV2HTTPEvent e, String secret) {
        return Http.baseUrl(e, configuredBaseUrl) + "/feeds/orgs/" + secret + ".ics";
    }

    /**
     * The internal-deadline answer: {@code {"rule": {"before","at","zone"} | null, "overrides": [{"topicId","at"}],
     * "deadlines": [{"topicId","noticeId","title","cutoff","internal","source"}],
     * "topics": [{"topicId","noticeId","title","cutoff"}]}} (every followed topic, so an override can be set on one
     * that has no internal deadline yet); instants with Beijing's
     * offset, a date-only cutoff as a date.
     */
    static Map<String, Object> view(InternalDeadlines.View v) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (v.rule() == null) {
            answer.put("rule", null);
        } else {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("before", v.rule().before());
            rule.put("at", v.rule().atText());
            rule.put("zone", InternalDeadline.ZONE.getId());
            answer.put("rule", rule);
        }
        List<Map<String, Object>> overrides = new ArrayList<>();
        v.overrides().forEach((topicId, at) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("topicId", topicId);
            o.put("at", InternalDeadline.iso(at));
            overrides.add(o);
        });
        answer.put("overrides", overrides);
        List<Map<String, Object>> deadlines = new ArrayList<>();
        for (InternalDeadlines.Listed l : v.deadlines()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("topicId", l.topicId());
            d.put("noticeId", l.noticeId());
            d.put("title", l.title());
            d.put("cutoff", cutoffText(l.cutoff()));
            d.put("internal", InternalDeadline.iso(l.internal()));
            d.put("source", l.source());
            deadlines.add(d);
        }
        answer.put("deadlines", deadlines);
        List<Map<String, Object>> topics = new ArrayList<>();
        for (InternalDeadlines.Followed f : v.topics()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("topicId", f.topicId());
            t.put("noticeId", f.noticeId());
            t.put("title", f.title());
            t.put("cutoff", cutoffText(f.cutoff()));
            topics.add(t);
        }
        answer.put("topics", topics);
        return answer;
    }

    /** A cutoff as the API writes it: an offset date-time in its own zone, or a date for one with no time of day. */
    private static String cutoffText(cutoff.deadline.Deadline cutoff) {
        return cutoff.timed() ? java.time.OffsetDateTime.ofInstant(cutoff.at(), cutoff.zone())
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) : cutoff.date().toString();
    }

    private static APIGatewayV2HTTPResponse json(int status, Map<String, Object> answer) {
        return Http.respond(status, "application/json", Json.write(answer), Map.of("Cache-Control", "no-store"));
    }

    private static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"))
                .withBody("").build();
    }

    private static HttpProblem notFound() {
        return new HttpProblem(404, OFFICE_ID, "no such office");
    }

    /**
     * The caller's office. Deployed, API Gateway's {@link OfficeAuthorizer} has checked the key and vouches for the
     * office's id in the request context: the office is read by that id (the caller still cannot name another:
     * the path's id is held to this one). Without that context (a test, a direct invocation) the key is checked
     * here. 401 with {@code WWW-Authenticate} (RFC 6750 §3) unless the request carries a live key.
     */
    private Office authenticate(APIGatewayV2HTTPEvent e) throws HttpProblem {
        if (OfficeAuthorizer.vouchedEditorId(e) != null) {
            throw notFound(); // an editor's key opens no office (issue 19): as an office that does not exist
        }
        String vouched = OfficeAuthorizer.vouchedOfficeId(e);
        if (vouched != null) {
            return offices.office(vouched).orElseThrow(OfficeRoutes::invalidKey);
        }
        String header = Http.header(e, "authorization");
        if (header == null || header.isBlank()) {
            throw new HttpProblem(401, "authorization", "send the office's key as Authorization: Bearer <key>",
                    Map.of("WWW-Authenticate", CHALLENGE), Map.of());
        }
        String key = OfficeKeys.bearer(header.strip());
        Optional<Office> office = key == null ? Optional.empty() : offices.authenticate(key);
        return office.orElseThrow(OfficeRoutes::invalidKey);
    }

    private static HttpProblem invalidKey() {
        return new HttpProblem(401, "authorization", "the key is not valid (unknown, rotated or revoked)",
                Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""), Map.of());
    }

    private APIGatewayV2HTTPResponse upload(Office office, APIGatewayV2HTTPEvent e) throws HttpProblem {
        String type = Http.mediaType(e);
        if (!type.equals("text/csv") && !type.equals("application/json")) {
            throw Http.unsupportedType(type, "the staff list as text/csv (columns " + String.join(",", StaffCsv.COLUMNS)
                    + ") or application/json");
        }
        String body = Http.body(e, MAX_UPLOAD_BYTES, MAX_UPLOAD_TEXT);
        List<Offices.StaffInput> rows = type.equals("text/csv") ? csvRows(body) : jsonRows(body);
        if (rows.size() > Offices.MAX_ROWS) {
            throw new HttpProblem(413, "body", "at most " + String.format(Locale.ROOT, "%,d", Offices.MAX_ROWS)
                    + " rows per upload; this one has " + rows.size() + ": split the list");
        }
        Offices.UploadResult r = offices.upload(office, rows);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", r.received());
        answer.put("added", r.added());
        answer.put("updated", r.updated());
        answer.put("unchanged", r.unchanged());
        answer.put("rejected", r.rejected());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Offices.RowError err : r.errors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", err.line());
            m.put("email", err.email());
            m.put("field", err.field());
            m.put("code", err.code());
            m.put("reason", err.reason());
            errors.add(m);
        }
        answer.put("errors", errors);
        return json(200, answer);
    }

    private static List<Offices.StaffInput> csvRows(String body) throws HttpProblem {
        List<StaffCsv.Row> rows;
        try {
            rows = StaffCsv.read(body);
        } catch (StaffCsv.BadFileException bad) {
            if (bad.column() != null && HIDDEN.contains(bad.column().toLowerCase(Locale.ROOT))) {
                throw notFound();
            }
            throw new HttpProblem(400, bad.column() == null ? "body" : bad.column(), bad.getMessage());
        }
        List<Offices.StaffInput> result = new ArrayList<>();
        for (StaffCsv.Row row : rows) {
            result.add(new Offices.StaffInput(row.line(), row.get("email"), row.get("name"), row.get("department"),
                    StaffCsv.list(row.get("topics")), row.get("language"), StaffCsv.list(row.get("leadTimes")),
                    row.values().containsKey("") ? Offices.Broken.TOO_MANY_CELLS : null));
        }
        return result;
    }

    private static List<Offices.StaffInput> jsonRows(String body) throws HttpProblem {
        UploadJson upload = strictJson(body, UploadJson.class);
        if (upload.staff() == null) {
            throw new HttpProblem(400, "staff", "send {\"staff\": [{\"email\": …, \"topics\": […]}, …]}");
        }
        List<Offices.StaffInput> result = new ArrayList<>();
        int position = 0;
        for (StaffJson s : upload.staff()) {
            position++;
            if (s == null) {
                result.add(new Offices.StaffInput(position, "", null, null, List.of(), null, List.of(), Offices.Broken.NULL_ENTRY));
                continue;
            }
            result.add(new Offices.StaffInput(position, s.email(), s.name(), s.department(), s.topics(), s.language(),
                    s.leadTimes(), null));
        }
        return result;
    }

    private APIGatewayV2HTTPResponse list(Office office, APIGatewayV2HTTPEvent e) throws HttpProblem {
        Map<String, List<String>> query = Http.query(e);
        String cursor = Http.first(query, "cursor");
        String limitText = Http.first(query, "limit");
        int limit = PAGE;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException bad) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw new HttpProblem(400, "limit", "limit is a whole number from 1 to " + MAX_PAGE);
            }
        }
        Offices.StaffPage page;
        try {
            page = offices.list(office, cursor == null || cursor.isEmpty() ? null : cursor, limit);
        } catch (IllegalArgumentException bad) {
            throw new HttpProblem(400, "cursor", "cursor is not one this API gave; start without it");
        }
        List<Map<String, Object>> staff = new ArrayList<>();
        for (Offices.StaffView v : page.staff()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("email", v.member().email());
            m.put("name", v.member().name());
            m.put("department", v.member().department());
            List<String> topics = new ArrayList<>(v.member().topics());
            topics.addAll(v.member().rules());
            m.put("topics", topics);
            m.put("language", v.member().language());
            m.put("leadTimes", v.member().leadTimes());
            m.put("status", status(v.status()));
            m.put("welcomed", v.welcomedAt() != null);
            m.put("ownChoices", v.ownChoices());
            staff.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("staff", staff);
        answer.put("next", page.next());
        return json(200, answer);
    }

    private APIGatewayV2HTTPResponse export(Office office) {
        // A BOM so that spreadsheet programs read the file as UTF-8 (Chinese names).
        StringBuilder csv = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(StaffCsv.COLUMNS);
        header.add("status");
        header.add("ownChoices");
        csv.append(StaffCsv.line(header));
        for (Offices.StaffView v : offices.all(office)) {
            List<String> topics = new ArrayList<>(v.member().topics());
            topics.addAll(v.member().rules());
            csv.append(StaffCsv.line(List.of(v.member().email(), v.member().name(), v.member().department(), String.join(";", topics),
                    v.member().language(), String.join(";", v.member().leadTimes()), status(v.status()),
                    String.join(";", v.ownChoices()))));
        }
        return Http.respond(200, "text/csv; charset=utf-8", csv.toString(), Map.of("Cache-Control", "no-store",
                "Content-Disposition", "attachment; filename=\"staff.csv\""));
    }

    /** The status as the API and the export write it. */
    static String status(StaffStatus s) {
        return switch (s) {
            case ACTIVE -> "active";
            case OPTED_OUT -> "opted_out";
            case BOUNCED -> "bounced";
        };
    }

    /**
     * A path segment's percent-escapes decoded ({@code %40} → {@code @}); {@code +} stays {@code +} (it is
     * part of addresses). A bad escape or non-UTF-8 gives text no address matches.
     */
    static String pathDecode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return "";
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return "";
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }
}
