package cutoff.http;

import java.util.Map;

/**
 * A request that cannot be taken, answered as a problem (never a 500): the status (400, 404, 405, 413, 415, 429), the
 * field concerned and why, with any {@code Allow} or {@code Retry-After} header.
 */
public final class HttpProblem extends Exception {
    public final int status;
    public final String field;
    public final String allow;
    /** Headers the answer carries besides {@code Allow} (e.g. {@code Retry-After}). */
    public final Map<String, String> headers;
    /** Fields the JSON answer carries besides {@code error} and {@code field}. */
    public final Map<String, String> fields;

    public HttpProblem(int status, String field, String message) {
        this(status, field, message, null, Map.of(), Map.of());
    }

    public HttpProblem(int status, String field, String message, Map<String, String> headers, Map<String, String> fields) {
        this(status, field, message, null, headers, fields);
    }

    private HttpProblem(int status, String field, String message, String allow, Map<String, String> headers,
                       Map<String, String> fields) {
        super(message);
        this.status = status;
        this.field = field;
        this.allow = allow;
        this.headers = headers;
        this.fields = fields;
    }

    /** 405 with the methods the route takes (RFC 9110 §15.5.6). */
    static HttpProblem methodNotAllowed(String method, String allow) {
        return new HttpProblem(405, "method", method + " is not served here; use " + allow, allow, Map.of(), Map.of());
    }

    /** 429 with {@code Retry-After} in whole seconds (RFC 6585 §4, RFC 9110 §10.2.3). */
    public static HttpProblem tooManyRequests(long seconds, String message) {
        return new HttpProblem(429, "source", message, null, Map.of("Retry-After", Long.toString(seconds)),
                Map.of("retryAfter", Long.toString(seconds)));
    }
}
