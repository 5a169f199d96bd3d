package cutoff.handler;

import cutoff.http.Http;
import cutoff.http.HttpProblem;
import cutoff.http.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.InternalDeadlines;
import cutoff.officeservice.Offices;
import cutoff.office.InternalDeadline;
import cutoff.store.OfficeStore.StaffStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The office API's JSON answers: what {@link Offices} and {@link InternalDeadlines} return, written with the API's
 * field names, never stored by a cache ({@code Cache-Control: no-store}); the 404 every other office gets.
 */
final class OfficeAnswers {
    private OfficeAnswers() {
    }

    /** 404 naming {@code orgId}: no office, another office, or a body that names one. */
    static HttpProblem notFound() {
        return new HttpProblem(404, OfficeRoutes.OFFICE_ID, "no such office");
    }

    /** A rejected value of the body: 400 naming the field, with the value's stable {@code code}. */
    static HttpProblem badRequest(InternalDeadline.BadValue bad) {
        return new HttpProblem(400, bad.field(), bad.getMessage(), Map.of(), Map.of("code", bad.code()));
    }

    static APIGatewayV2HTTPResponse json(int status, Map<String, Object> answer) {
        return Http.respond(status, "application/json", Json.write(answer), Map.of("Cache-Control", "no-store"));
    }

    static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"))
                .withBody("").build();
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
            Map<String, Object> d = topic(l.topicId(), l.noticeId(), l.title(), l.cutoff());
            d.put("internal", InternalDeadline.iso(l.internal()));
            d.put("source", l.source());
            deadlines.add(d);
        }
        answer.put("deadlines", deadlines);
        List<Map<String, Object>> topics = new ArrayList<>();
        for (InternalDeadlines.Followed f : v.topics()) {
            topics.add(topic(f.topicId(), f.noticeId(), f.title(), f.cutoff()));
        }
        answer.put("topics", topics);
        return answer;
    }

    /** A topic's fields in the answer: {@code {"topicId","noticeId","title","cutoff"}}, in that order. */
    private static Map<String, Object> topic(String topicId, String noticeId, String title, cutoff.deadline.Deadline cutoff) {
        return fields("topicId", topicId, "noticeId", noticeId, "title", title, "cutoff", cutoffText(cutoff));
    }

    /** A cutoff as the API writes it: an offset date-time in its own zone, or a date for one with no time of day. */
    private static String cutoffText(cutoff.deadline.Deadline cutoff) {
        return cutoff.timed() ? java.time.OffsetDateTime.ofInstant(cutoff.at(), cutoff.zone())
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) : cutoff.date().toString();
    }

    /**
     * An upload's outcome: {@code {"received","added","updated","unchanged","rejected",
     * "errors": [{"line","email","field","code","reason"}]}}.
     */
    static Map<String, Object> upload(Offices.UploadResult r) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Offices.RowError err : r.errors()) {
            errors.add(fields("line", err.line(), "email", err.email(), "field", err.field(), "code", err.code(), "reason", err.reason()));
        }
        return fields("received", r.received(), "added", r.added(), "updated", r.updated(), "unchanged", r.unchanged(),
                "rejected", r.rejected(), "errors", errors);
    }

    /** Names and values, alternately, as a JSON object in that order (a value may be null). */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /**
     * A page of the staff list: {@code {"staff": [{"email","name","department","topics","language","leadTimes",
     * "status","welcomed","ownChoices"}], "next"}} (topics followed by the follow rules; {@code next} null on the last page).
     */
    static Map<String, Object> staff(Offices.StaffPage page) {
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
        return answer;
    }

    /** The status as the API and the export write it. */
    static String status(StaffStatus s) {
        return switch (s) {
            case ACTIVE -> "active";
            case OPTED_OUT -> "opted_out";
            case BOUNCED -> "bounced";
        };
    }
}
