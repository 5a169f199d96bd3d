package cutoff.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.stream.Collectors;

/**
 * A person's corrected reading read from the JSON they sent ({@code PUT /notices/drafts/{draftId}}), strictly
 * ({@link NoticeJson#read}: no field twice in one object, nothing after the value, no field a notice does not have),
 * and why not in their terms: where in the JSON (line, column and the field's path, {@code topics[0].window.closes}),
 * and what is wrong there, never a Java class or a library's name.
 */
final class ReadingJson {
    private ReadingJson() {
    }

    /**
     * @param json the body, UTF-8
     * @return the reading; never {@code null}
     * @throws NoticeUploads.BadReading {@code MALFORMED}, with a message naming the place and the problem
     */
    static Notice read(byte[] json) throws NoticeUploads.BadReading {
        Notice notice;
        try {
            notice = NoticeJson.read(json);
        } catch (JsonProcessingException e) {
            throw malformed(why(e) + where(e));
        } catch (IOException | RuntimeException e) {
            throw malformed("it could not be read");
        }
        if (notice == null) {
            throw malformed("it is null; send the draft's \"notice\" object");
        }
        if (notice.id() == null) {
            throw malformed("it has no \"id\"");
        }
        return notice;
    }

    private static NoticeUploads.BadReading malformed(String why) {
        return new NoticeUploads.BadReading(NoticeUploads.BadReading.Kind.MALFORMED, "the body is not a notice's JSON: " + why);
    }

    /** What is wrong, in words: never an exception's class name. */
    static String why(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m, 0) : "";
        String at = path.isEmpty() ? "" : path + ": ";
        if (e instanceof StreamConstraintsException) {
            return "it is nested, or holds a number or text, beyond what a notice's JSON needs";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path(u, 1);
            return "\"" + u.getPropertyName() + "\" is not a field a notice has" + (parent.isEmpty() ? "" : " in " + parent);
        }
        if (e instanceof InvalidFormatException f) {
            return at + "\"" + oneLine(String.valueOf(f.getValue())) + "\" is not " + expected(f.getTargetType());
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            if (cause instanceof DateTimeException || cause instanceof IllegalArgumentException) {
                return at + oneLine(cause.getMessage());
            }
            return at + "a value it needs is missing or empty";
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getMessage() != null && m.getMessage().contains("Trailing token")) {
                return "there is more after the notice's closing brace";
            }
            if (m.getMessage() != null && m.getMessage().contains("No content")) {
                return "the body is empty";
            }
            if (path.isEmpty()) {
                return "it is not a JSON object holding a notice (send the draft's \"notice\", {…})";
            }
            return at + "not " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof DateTimeException d) {
            return at + oneLine(d.getMessage());
        }
        String message = oneLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "a field is named twice in one object (" + message.substring("Duplicate field".length()).strip() + ")";
        }
        if (e instanceof JsonMappingException) {
            return at + "a value is not what a notice holds there";
        }
        // The parser's own words (an unexpected character, an unclosed string): they name no class.
        return message.replaceAll("\\b(java|com|cutoff)\\.[\\w.$]+", "a value");
    }

    /** The JSON path of a mapping problem, less its last {@code drop} steps: {@code topics[0].window.closes}; empty at the top. */
    private static String path(JsonMappingException m, int drop) {
        var steps = m.getPath();
        return steps.subList(0, Math.max(0, steps.size() - drop)).stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value a notice holds there";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "LocalDateTime" -> "a date and time (YYYY-MM-DDTHH:MM)";
            case "OffsetDateTime", "ZonedDateTime" -> "a date and time with its offset (2026-06-30T16:30:00+08:00)";
            case "ZoneId" -> "a time zone's IANA id (Asia/Shanghai)";
            case "String" -> "text";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "List", "ArrayList" -> "a list ([…])";
            default -> type.isEnum() ? "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "))
                    : "what a notice holds there";
        };
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String oneLine(String message) {
        String m = String.valueOf(message);
        int cut = m.indexOf('\n');
        String line = (cut < 0 ? m : m.substring(0, cut)).strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
