package cutoff.notice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of a {@link Notice}: what {@code ./cutoff parse} prints and what the reviewed records
 * in {@code infra/local/notices/} hold. Times are ISO 8601 with their offset
 * ({@code 2023-04-18T16:30:00+08:00}), kept as written (never shifted to UTC on reading); dates are
 * {@code YYYY-MM-DD}; zones are IANA ids.
 */
public final class NoticeJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Strict types: "from": "100" is not a number and "title": 100 is not text (Jackson coerces both by
            // default), so a corrected reading says which field is wrong instead of storing what was not meant.
            // and a date is never a number (java.time's readers take 100 as an epoch day or second when lenient).
            .defaultLeniency(false)
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private NoticeJson() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed JSON, UTF-8 characters unescaped. */
    public static String write(Notice notice) {
        try {
            return MAPPER.writeValueAsString(notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a notice record.
     *
     * @throws IOException with Jackson's line and column when the JSON is malformed, names a field twice in one
     *                     object, has anything after its value, or has a field a notice does not have
     */
    public static Notice read(byte[] json) throws IOException {
        return MAPPER.readValue(json, Notice.class);
    }
}
