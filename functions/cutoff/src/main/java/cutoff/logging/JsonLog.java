package cutoff.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Cutoff's log lines on Lambda: every {@code java.util.logging} record as one JSON object on one line of
 * standard output, {@code {"timestamp", "level", "logger", "message", "AWSRequestId", …fields}}.
 *
 * <p>Why not the runtime's {@code LambdaLogger}: with the function's log format set to JSON
 * ({@code LoggingConfig: LogFormat: JSON}), the Java runtime turns a {@code LambdaLogger.log(message, level)}
 * into JSON with the request id, but the message stays one string, so a run id cannot be a field of its
 * own; and plain {@code System.out}/{@code System.err} lines pass through as text. A line that is
 * already a JSON object with a {@code "level"} key is taken as it is, and Lambda's application log-level
 * filter reads that key (Lambda Developer Guide, "Log-level filtering"). So the lines are written here,
 * with the same request-id key the runtime uses for its own lines ({@code AWSRequestId}), and what is
 * written is exactly what a test can read back.
 *
 * <p>Fields of the current invocation ({@link #invocation}, {@link #with}) are kept per thread; a record
 * whose only parameter is a {@code Map} adds that map's entries as fields of its line
 * ({@code LOG.log(Level.INFO, "feed", Map.of("status", 200))}). A record's exception is written as its
 * class name only: SES's messages may quote an address. No Jackson here: the feed function writes a line
 * per response and does not load Jackson.
 */
public final class JsonLog {
    /** The request-id key, as the Lambda Java runtime names it in its own JSON lines. */
    public static final String REQUEST_ID = "AWSRequestId";
    private static final ThreadLocal<Map<String, Object>> FIELDS = ThreadLocal.withInitial(LinkedHashMap::new);
    private static volatile Consumer<String> sink = line -> System.out.println(line);
    private static volatile boolean installed;

    private JsonLog() {
    }

    /**
     * On Lambda (the handlers' no-argument constructors): every record at INFO and above, of every logger,
     * as a JSON line on standard output, which the runtime sends to CloudWatch Logs. Idempotent.
     */
    public static void install() {
        // System.out as it is when a line is written: the runtime replaces it with its own stream at start.
        install(line -> System.out.println(line));
    }

    /** As {@link #install()}, with the lines going to {@code lines} (tests read them back). */
    public static synchronized void install(Consumer<String> lines) {
        sink = lines;
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new JsonHandler());
        root.setLevel(Level.INFO);
        installed = true;
    }

    /** True once {@link #install} ran in this process. */
    public static boolean installed() {
        return installed;
    }

    /**
     * The fields of one invocation: its request id ({@code null} outside Lambda: no such field) until
     * {@link Scope#close()}, which clears every field of this thread.
     */
    public static Scope invocation(String requestId) {
        FIELDS.get().clear();
        if (requestId != null) {
            FIELDS.get().put(REQUEST_ID, requestId);
        }
        return () -> FIELDS.get().clear();
    }

    /** One more field on this thread's lines until {@link Scope#close()}, which puts back what it replaced. */
    public static Scope with(String key, Object value) {
        Map<String, Object> fields = FIELDS.get();
        boolean had = fields.containsKey(key);
        Object before = fields.put(key, value);
        return () -> {
            if (had) {
                fields.put(key, before);
            } else {
                fields.remove(key);
            }
        };
    }

    /** This thread's fields as they are now (a copy), to carry over to a worker thread with {@link #adopt}. */
    public static Map<String, Object> fields() {
        return new LinkedHashMap<>(FIELDS.get());
    }

    /**
     * A worker thread's lines carry {@code fields} (another thread's, from {@link #fields()}) until
     * {@link Scope#close()}, which clears every field of this thread.
     */
    public static Scope adopt(Map<String, Object> fields) {
        FIELDS.get().clear();
        FIELDS.get().putAll(fields);
        return () -> FIELDS.get().clear();
    }

    /** Closes without an exception. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The level names Lambda's log-level filter reads (TRACE, DEBUG, INFO, WARN, ERROR). */
    static String level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    /** One record as one JSON line (no line break inside: every control character is escaped). */
    static String line(LogRecord r, Map<String, Object> context) {
        StringBuilder b = new StringBuilder(160).append('{');
        field(b, "timestamp", Instant.ofEpochMilli(r.getMillis()).toString());
        field(b, "level", level(r.getLevel()));
        String logger = r.getLoggerName();
        if (logger != null) {
            field(b, "logger", logger.substring(logger.lastIndexOf('.') + 1));
        }
        field(b, "message", r.getMessage());
        for (Map.Entry<String, Object> f : context.entrySet()) {
            field(b, f.getKey(), f.getValue());
        }
        Object[] params = r.getParameters();
        if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> extra) {
            for (Map.Entry<?, ?> f : extra.entrySet()) {
                field(b, String.valueOf(f.getKey()), f.getValue());
            }
        }
        if (r.getThrown() != null) {
            field(b, "error", r.getThrown().getClass().getName());
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String key, Object value) {
        if (b.length() > 1) {
            b.append(',');
        }
        string(b, key);
        b.append(':');
        if (value == null) {
            b.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else {
            string(b, value.toString());
        }
    }

    /**
     * A JSON string (RFC 8259 §7): quote and backslash escaped, and every character {@link LogText} escapes
     * (controls, C1, line separators, bidirectional and zero-width characters) as {@code \}{@code uXXXX}, so
     * no value can break the line or hide what it says in a log viewer; the rest as it is.
     */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (LogText.escaped(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static final class JsonHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                sink.accept(line(record, FIELDS.get()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
