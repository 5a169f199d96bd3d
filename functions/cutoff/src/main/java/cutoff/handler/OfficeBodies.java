package cutoff.handler;

import cutoff.http.Bodies;
import cutoff.http.Forms;
import cutoff.http.Http;
import cutoff.http.HttpProblem;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.officeservice.Offices;
import cutoff.office.StaffCsv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an office request carries, bound to what {@link Offices} takes: a staff upload (CSV or JSON), a rule or an
 * override (JSON), a page of the staff list (query), a path segment. The office comes from the key alone: a body
 * with an {@code orgId} or {@code role} field or column is answered 404 as {@link OfficeRoutes} answers another
 * office, so nobody learns whether one exists. Every other bad value is 400 naming its field.
 */
final class OfficeBodies {
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
    /** Body fields and CSV columns answered 404: the office comes from the key. */
    private static final Set<String> HIDDEN = Set.of(OfficeRoutes.OFFICE_ID.toLowerCase(Locale.ROOT), "role");

    private OfficeBodies() {
    }

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

    /** A page of the staff list as asked: {@code cursor} ({@code null} for the first page) and {@code limit}. */
    record PageAsked(String cursor, int limit) {
    }

    /**
     * The rows of a staff upload: {@code text/csv} (columns {@link StaffCsv#COLUMNS}) or {@code application/json}; 415 for
     * another type, 413 over {@link #MAX_UPLOAD_BYTES} or {@link Offices#MAX_ROWS} rows, 400 for a file that cannot be read.
     */
    static List<Offices.StaffInput> staff(APIGatewayV2HTTPEvent e) throws HttpProblem {
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
        return rows;
    }

    /** {@code ?cursor=&limit=}: a limit from 1 to {@link #MAX_PAGE}, {@link #PAGE} when none is asked. */
    static PageAsked page(APIGatewayV2HTTPEvent e) throws HttpProblem {
        Map<String, List<String>> query = Forms.query(e);
        String cursor = Forms.first(query, "cursor");
        String limitText = Forms.first(query, "limit");
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
        return new PageAsked(cursor == null || cursor.isEmpty() ? null : cursor, limit);
    }

    /** A strict JSON body ({@code application/json}); an {@code orgId} or {@code role} field is 404, as on upload. */
    static <T> T json(APIGatewayV2HTTPEvent e, Class<T> type) throws HttpProblem {
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
                throw OfficeAnswers.notFound();
            }
            throw bad;
        }
    }

    private static List<Offices.StaffInput> csvRows(String body) throws HttpProblem {
        List<StaffCsv.Row> rows;
        try {
            rows = StaffCsv.read(body);
        } catch (StaffCsv.BadFileException bad) {
            if (bad.column() != null && HIDDEN.contains(bad.column().toLowerCase(Locale.ROOT))) {
                throw OfficeAnswers.notFound();
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
