package cutoff.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds request bodies into records with Jackson, strictly: a JSON object whose fields are the record's
 * components, each of its own type (a string is a string: no number, list or object in its place), no
 * unknown field; or a form ({@code application/x-www-form-urlencoded}) whose single-valued fields appear
 * once. Every failure is a 400 naming the field.
 */
public final class Bodies {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    static {
        // Jackson turns 1, 1.5 and true into "1", "1.5" and "true" for a String field unless told not to.
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            JSON.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private Bodies() {
    }

    /** A JSON object into {@code type}. */
    public static <T> T json(String body, Class<T> type) throws HttpProblem {
        if (body.isBlank()) {
            throw new HttpProblem(400, "body", "send a JSON object");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new HttpProblem(400, "body", "send a JSON object, not null");
            }
            return value;
        } catch (StreamReadException e) {
            throw notJson(e);
        } catch (UnrecognizedPropertyException e) {
            throw new HttpProblem(400, e.getPropertyName(), "unknown field " + e.getPropertyName() + "; the fields are "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException parse) {
                throw notJson(parse);
            }
            String field = field(e);
            throw new HttpProblem(400, field, field.equals("body") ? "send a JSON object"
                    : field + " has the wrong type: it takes " + expected(e));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /** A body that does not parse: where, and the one reason a person can act on (no parser internals). */
    private static HttpProblem notJson(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(m);
        if (duplicate.find()) {
            return new HttpProblem(400, duplicate.group(1), duplicate.group(1) + " is given twice; give it once");
        }
        String why = m.contains("nesting depth") || m.contains("NestingDepth") ? "it is nested too deeply"
                : m.contains("end-of-input") ? "it ends too early"
                : m.contains("CTRL-CHAR") ? "a string holds a control character; escape it (\\u0000)"
                : "it is not a JSON object";
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return new HttpProblem(400, "body", "the body is not valid JSON: " + why + where);
    }

    /**
     * A decoded form into {@code type}: fields in {@code lists} take every value, others exactly one.
     *
     * @param ignored form fields a browser may send that are not part of the record (submit buttons)
     */
    public static <T> T form(Map<String, List<String>> form, Set<String> lists, Set<String> ignored, Class<T> type) throws HttpProblem {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> f : form.entrySet()) {
            if (ignored.contains(f.getKey())) {
                continue;
            }
            if (lists.contains(f.getKey())) {
                values.put(f.getKey(), f.getValue());
            } else if (f.getValue().size() > 1) {
                throw new HttpProblem(400, f.getKey(), f.getKey() + " is given " + f.getValue().size() + " times; give it once");
            } else {
                values.put(f.getKey(), f.getValue().get(0));
            }
        }
        try {
            return JSON.convertValue(values, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnrecognizedPropertyException u) {
                throw new HttpProblem(400, u.getPropertyName(), "unknown field " + u.getPropertyName());
            }
            if (e.getCause() instanceof JsonMappingException m && !field(m).equals("body")) {
                throw new HttpProblem(400, field(m), field(m) + " has the wrong type: it takes " + expected(m));
            }
            throw new HttpProblem(400, "body", "the form does not fit this page's fields");
        }
    }

    private static String field(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return "body";
    }

    /**
     * What the field takes, in words ({@code a string}, {@code a list of strings}, {@code a list of objects}, {@code an
     * object}), from the record component's declared type; never the parser's message (it names our classes).
     */
    private static String expected(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            JsonMappingException.Reference r = path.get(i);
            if (r.getFieldName() == null || r.getFrom() == null) {
                continue;
            }
            Class<?> owner = r.getFrom() instanceof Class<?> c ? c : r.getFrom().getClass();
            if (owner.isRecord()) {
                for (java.lang.reflect.RecordComponent component : owner.getRecordComponents()) {
                    if (component.getName().equals(r.getFieldName())) {
                        return describe(component.getGenericType());
                    }
                }
            }
            break;
        }
        return "another type";
    }

    private static String describe(java.lang.reflect.Type type) {
        if (type == String.class) {
            return "a string";
        }
        if (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && java.util.Collection.class.isAssignableFrom(raw)) {
            return p.getActualTypeArguments()[0] == String.class ? "a list of strings" : "a list of objects";
        }
        return type instanceof Class<?> c && c.isRecord() ? "an object" : "another type";
    }
}
