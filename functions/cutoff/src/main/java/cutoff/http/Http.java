package cutoff.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.subscription.SourceAddress;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading API Gateway HTTP API (payload 2.0) requests strictly, and writing responses.
 *
 * <p>Requests are routed on the event's {@code routeKey} ({@code "GET /feeds/topics/{file}"}, or
 * {@code "ANY /subscriptions"}) and {@code pathParameters}, as API Gateway matched them. Bodies and
 * percent-escapes must be UTF-8 (RFC 3629): anything else is a {@link HttpProblem}, never a guess.
 */
public final class Http {
    /** The largest request body taken (bytes after base64 decoding): a subscription is well under 16 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private Http() {
    }

    /** The header CloudFront adds to every request it sends the API (its origin custom header); lower case, as API Gateway gives it. */
    public static final String ORIGIN_VERIFY_HEADER = "x-cutoff-origin-verify";
    /** The viewer's address and source port, which CloudFront sets (never the viewer) when a policy forwards it. */
    public static final String VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address";

    /**
     * The address API Gateway saw the request come from ({@code requestContext.http.sourceIp}); never a
     * header, which the client writes ({@code X-Forwarded-For}). {@code null} when the event has none.
     */
    public static String sourceIp(APIGatewayV2HTTPEvent e) {
        return e.getRequestContext() != null && e.getRequestContext().getHttp() != null
                ? e.getRequestContext().getHttp().getSourceIp() : null;
    }

    /**
     * Whom a request comes from, for its rate limit. Through the CDN, API Gateway's {@code sourceIp} is a
     * CloudFront edge that many people share, so a request that carries {@value #ORIGIN_VERIFY_HEADER}
     * equal to {@code originVerify} (compared in constant time; only CloudFront has the value, and it
     * overwrites a viewer's header of that name) counts by the viewer's address in
     * {@value #VIEWER_ADDRESS_HEADER}. Anything else counts by {@link #sourceIp(APIGatewayV2HTTPEvent)}:
     * no value configured (no CDN, local runs), the verify header missing or wrong (a request straight
     * to the API, whatever it claims), or a viewer address that is not {@code IP:port}.
     *
     * @param originVerify the configured value ({@code Config.originVerify()}, UTF-8); {@code null} to trust no header
     */
    public static String sourceIp(APIGatewayV2HTTPEvent e, byte[] originVerify) {
        String gateway = sourceIp(e);
        if (originVerify == null || originVerify.length == 0) {
            return gateway;
        }
        String verify = header(e, ORIGIN_VERIFY_HEADER);
        if (verify == null || !MessageDigest.isEqual(verify.getBytes(StandardCharsets.UTF_8), originVerify)) {
            return gateway;
        }
        String viewer = viewerIp(header(e, VIEWER_ADDRESS_HEADER));
        return viewer != null ? viewer : gateway;
    }

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * The address in a {@code CloudFront-Viewer-Address} value: {@code IP:port}, the port after the last
     * colon ({@code 198.51.100.10:46532}; IPv6 unbracketed, {@code 2001:db8::1:443}; {@code [2001:db8::1]:443}
     * is taken too). {@code null} unless it is an address literal with a port (0-65535).
     */
    static String viewerIp(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || !PORT.matcher(v.substring(colon + 1)).matches() || Integer.parseInt(v.substring(colon + 1)) > 65535) {
            return null;
        }
        String ip = v.substring(0, colon);
        if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        return SourceAddress.isAddress(ip) ? ip : null;
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
        if (e.getBody() == null) {
            return "";
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
        return utf8(bytes, "body");
    }

    private static HttpProblem tooLarge(String limitText) {
        return new HttpProblem(413, "body", "the body is larger than " + limitText);
    }

    /**
     * {@code a=1&b=2&b=3} (query string or form body, {@code application/x-www-form-urlencoded}) →
     * name → values, in order. Percent-escapes must be whole ({@code %XX}) and decode to UTF-8.
     *
     * @throws HttpProblem 400 naming the field whose name or value does not decode
     */
    public static Map<String, List<String>> form(String encoded) throws HttpProblem {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = percentDecode(rawName, rawName);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), name);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** The first value of a form or query field, or {@code null}. */
    public static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The query parameters that may be given more than once: the subscription page's ticked topics ({@code ?topic=a&topic=b}). */
    static final Set<String> LIST_PARAMETERS = Set.of("topic");

    /**
     * The query string of the request, decoded strictly; each parameter but {@link #LIST_PARAMETERS} at
     * most once, as a form's fields are ({@code ?token=a&token=b} would otherwise leave it to chance which
     * one is used).
     *
     * @throws HttpProblem 400 naming a parameter given twice, or one whose escapes do not decode
     */
    public static Map<String, List<String>> query(APIGatewayV2HTTPEvent e) throws HttpProblem {
        Map<String, List<String>> query = form(e.getRawQueryString());
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (p.getValue().size() > 1 && !LIST_PARAMETERS.contains(p.getKey())) {
                throw new HttpProblem(400, p.getKey(), p.getKey() + " is given " + p.getValue().size() + " times; give it once");
            }
        }
        return query;
    }

    /** Form decoding ({@code +} is a space), strict: a bad escape names {@code field}. */
    static String percentDecode(String s, String field) throws HttpProblem {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new HttpProblem(400, field, "a percent-escape in " + field + " is not %XX with two hex digits");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return utf8(out.toByteArray(), field);
    }

    private static String utf8(byte[] bytes, String field) throws HttpProblem {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpProblem(400, field, field + " is not valid UTF-8");
        }
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
