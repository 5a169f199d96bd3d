package cutoff.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading API Gateway HTTP API (payload 2.0) requests strictly, and writing responses.
 *
 * <p>Requests are routed on the event's {@code routeKey} ({@code "GET /feeds/topics/{file}"}, or
 * {@code "ANY /subscriptions"}) and {@code pathParameters}, as API Gateway matched them. Bodies and
 * percent-escapes must be UTF-8 (RFC 3629): anything else is a {@link HttpProblem}, never a guess. Query strings and
 * form bodies are {@link Forms}'s to decode; whom a request comes from, {@link RequestSource}'s.
 */
public final class Http {
    /** The largest request body taken (bytes after base64 decoding): a subscription is well under 16 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private Http() {
    }

    /** The path template API Gateway matched ({@code /feeds/topics/{file}}), without the method; {@code ""} for none. */
    public static String route(APIGatewayV2HTTPEvent e) {
        String key = e.getRouteKey();
        if (key == null || key.equals("$default")) {
            return "";
        }
        int space = key.indexOf(' ');
        return space < 0 ? key : key.substring(space + 1);
    }

    /** A path parameter ({@code file} of {@code /feeds/topics/{file}}), or {@code ""}. */
    public static String pathParameter(APIGatewayV2HTTPEvent e, String name) {
        Map<String, String> p = e.getPathParameters();
        String v = p == null ? null : p.get(name);
        return v == null ? "" : v;
    }

    /**
     * The request's method as sent: methods are case-sensitive (RFC 9110 §9.1), so {@code get} is not GET
     * but a method no route takes (405 with {@code Allow}, as for any other).
     */
    public static String method(APIGatewayV2HTTPEvent e) {
        return e.getRequestContext() != null && e.getRequestContext().getHttp() != null
                && e.getRequestContext().getHttp().getMethod() != null ? e.getRequestContext().getHttp().getMethod() : "GET";
    }

    /** Fails with 405 unless the method is one of {@code allowed} (HEAD is allowed wherever GET is). */
    public static void allow(APIGatewayV2HTTPEvent e, String... allowed) throws HttpProblem {
        List<String> all = new ArrayList<>(List.of(allowed));
        if (all.contains("GET")) {
            all.add(1 + all.indexOf("GET"), "HEAD");
        }
        allowExactly(e, all.toArray(String[]::new));
    }

    /** Fails with 405 unless the method is one of {@code allowed}, HEAD only if listed. */
    public static void allowExactly(APIGatewayV2HTTPEvent e, String... allowed) throws HttpProblem {
        String m = method(e);
        List<String> all = List.of(allowed);
        if (!all.contains(m)) {
            throw HttpProblem.methodNotAllowed(m, String.join(", ", all));
        }
    }

    public static String header(APIGatewayV2HTTPEvent e, String name) {
        if (e.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : e.getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * True when the client prefers a page: {@code Accept} gives text/html (or application/xhtml+xml) a
     * quality above 0 and at least that of application/json (RFC 9110 §12.5.1), as a browser does.
     * Otherwise JSON, as for a request without {@code Accept}, which is also how an {@code Accept} that is
     * not the RFC's grammar is taken ({@link MediaTypes#accept}).
     */
    public static boolean wantsHtml(APIGatewayV2HTTPEvent e) {
        int html = 0;
        int json = 0;
        for (MediaTypes.MediaType range : MediaTypes.accept(header(e, "accept")).orElse(List.of())) {
            switch (range.essence()) {
                case "text/html", "application/xhtml+xml" -> html = Math.max(html, range.quality());
                case "application/json" -> json = Math.max(json, range.quality());
                default -> { }
            }
        }
        return html > 0 && html >= json;
    }

    /**
     * The media type of the body ({@code type/subtype}, lower case, without parameters); {@code ""} when
     * not given, or when the value is not a media type (RFC 9110 §8.3.1, {@link MediaTypes#contentType}),
     * which the routes answer as a missing type: 415.
     *
     * @throws HttpProblem 415 for a {@code Content-Encoding} other than identity, or a charset other than UTF-8
     */
    public static String mediaType(APIGatewayV2HTTPEvent e) throws HttpProblem {
        String coding = header(e, "content-encoding");
        if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
            throw new HttpProblem(415, "content-encoding", "send the body uncompressed, not as " + coding.strip());
        }
        MediaTypes.MediaType type = MediaTypes.contentType(header(e, "content-type")).orElse(null);
        if (type == null) {
            return "";
        }
        String charset = type.parameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new HttpProblem(415, "content-type", "bodies are UTF-8; not " + charset);
        }
        return type.essence();
    }

    /** 415 naming what the route takes; {@code type} as {@link #mediaType} gave it. */
    public static HttpProblem unsupportedType(String type, String accepted) {
        return new HttpProblem(415, "content-type", "send " + accepted + ", not "
                + (type.isEmpty() ? "no type (a Content-Type missing or not type/subtype, RFC 9110 §8.3.1)" : type));
    }

    /**
     * The body as text: base64-decoded when API Gateway encoded it, at most {@link #MAX_BODY_BYTES},
     * strictly UTF-8.
     *
     * @throws HttpProblem 413 when too large, 400 when not UTF-8 or not base64
     */
    public static String body(APIGatewayV2HTTPEvent e) throws HttpProblem {
        return body(e, MAX_BODY_BYTES, MAX_BODY_BYTES / 1024 + " KiB");
    }

    /**
     * As {@link #body(APIGatewayV2HTTPEvent)}, with another limit.
     *
     * @param maxBytes  the largest body taken, bytes after base64 decoding
     * @param limitText the limit as the 413 answer names it ({@code 4 MiB})
     */
    public static String body(APIGatewayV2HTTPEvent e, int maxBytes, String limitText) throws HttpProblem {
        return Forms.utf8(bytes(e, maxBytes, limitText), "body");
    }

    /**
     * The body's bytes as sent, for a body that need not be text (a notice file): base64-decoded when API Gateway
     * encoded it, at most {@code maxBytes}; empty when there is none.
     *
     * @param limitText the limit as the 413 answer names it ({@code 10 MiB})
     * @throws HttpProblem 413 when too large, 400 when marked base64 but not
     */
    public static byte[] bytes(APIGatewayV2HTTPEvent e, int maxBytes, String limitText) throws HttpProblem {
        if (e.getBody() == null) {
            return new byte[0];
        }
        byte[] bytes;
        if (e.getIsBase64Encoded()) {
            if (e.getBody().length() > maxBytes / 3 * 4 + 4) {
                throw tooLarge(limitText);
            }
            try {
                bytes = Base64.getDecoder().decode(e.getBody());
            } catch (IllegalArgumentException bad) {
                throw new HttpProblem(400, "body", "the body is marked base64 but is not");
            }
        } else {
            // A char is at least one UTF-8 byte: longer in chars is longer in bytes.
            if (e.getBody().length() > maxBytes) {
                throw tooLarge(limitText);
            }
            bytes = e.getBody().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(limitText);
        }
        return bytes;
    }

    /**
     * A problem as the JSON APIs answer it: its status, {@code {"error", "field", …its fields}}, its headers, {@code
     * Allow} for a 405, and {@code Cache-Control: no-store}.
     */
    public static APIGatewayV2HTTPResponse json(HttpProblem p) {
        Map<String, String> headers = new LinkedHashMap<>(p.headers);
        if (p.allow != null) {
            headers.put("Allow", p.allow);
        }
        headers.put("Cache-Control", "no-store");
        List<String> body = new ArrayList<>(List.of("error", p.getMessage(), "field", p.field));
        p.fields.forEach((k, v) -> {
            body.add(k);
            body.add(v);
        });
        return respond(p.status, "application/json", Json.object(body.toArray(String[]::new)), headers);
    }

    private static HttpProblem tooLarge(String limitText) {
        return new HttpProblem(413, "body", "the body is larger than " + limitText);
    }

    public static APIGatewayV2HTTPResponse respond(int status, String contentType, String body) {
        return respond(status, contentType, body, Map.of());
    }

    /** A response that no cache keeps and that sends no referrer, with extra headers. */
    public static APIGatewayV2HTTPResponse respond(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    /** HEAD: the GET response's headers with its Content-Length, and no body (RFC 9110 §9.3.2). */
    public static APIGatewayV2HTTPResponse headOf(APIGatewayV2HTTPResponse get, int contentLength) {
        Map<String, String> headers = new LinkedHashMap<>(get.getHeaders() == null ? Map.of() : get.getHeaders());
        headers.put("Content-Length", Integer.toString(contentLength));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(get.getStatusCode()).withHeaders(headers).withBody("").build();
    }

    /**
     * The answer as the request's method takes it: for HEAD, any answer with a body (errors included) as
     * {@link #headOf(APIGatewayV2HTTPResponse)}; otherwise, or a 304 or an empty body, {@code r} itself.
     */
    public static APIGatewayV2HTTPResponse forMethod(APIGatewayV2HTTPEvent e, APIGatewayV2HTTPResponse r) {
        return "HEAD".equals(method(e)) && r.getStatusCode() != 304 && r.getBody() != null && !r.getBody().isEmpty() ? headOf(r) : r;
    }

    /** HEAD of a text response: Content-Length is the UTF-8 length of its body. */
    public static APIGatewayV2HTTPResponse headOf(APIGatewayV2HTTPResponse get) {
        String body = get.getBody() == null ? "" : get.getBody();
        int length = get.getIsBase64Encoded() ? Base64.getDecoder().decode(body).length : body.getBytes(StandardCharsets.UTF_8).length;
        return headOf(get, length);
    }

    /**
     * The public base URL: {@code configured} when set, else the API's own domain (over https).
     */
    public static String baseUrl(APIGatewayV2HTTPEvent e, String configured) {
        if (configured != null) {
            return configured;
        }
        String host = e.getRequestContext() != null ? e.getRequestContext().getDomainName() : null;
        if (host == null) {
            host = header(e, "host");
        }
        // Links in emails must not follow a forged Host header to someone else's site.
        if (host == null || !host.matches("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?")) {
            throw new IllegalStateException("no public base URL: set PUBLIC_BASE_URL (API Gateway gives the domain name)");
        }
        return "https://" + host;
    }
}
