package cutoff.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading API Gateway HTTP API (v2) requests and writing responses. */
final class Http {
    private Http() {
    }

    static String method(APIGatewayV2HTTPEvent e) {
        return e.getRequestContext() != null && e.getRequestContext().getHttp() != null
                ? e.getRequestContext().getHttp().getMethod() : "GET";
    }

    static String header(APIGatewayV2HTTPEvent e, String name) {
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

    /** The body as text (API Gateway base64-encodes some bodies). */
    static String body(APIGatewayV2HTTPEvent e) {
        if (e.getBody() == null) {
            return "";
        }
        return e.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(e.getBody()), StandardCharsets.UTF_8) : e.getBody();
    }

    /** {@code a=1&b=2&b=3} (query string or form body) → name → values, in order. */
    static Map<String, List<String>> form(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static APIGatewayV2HTTPResponse respond(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType, "Cache-Control", "no-store",
                        "Referrer-Policy", "no-referrer"))
                .withBody(body).build();
    }

    /** The public base URL: {@code PUBLIC_BASE_URL} when set, else the API's own domain. */
    static String baseUrl(APIGatewayV2HTTPEvent e, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String host = e.getRequestContext() != null ? e.getRequestContext().getDomainName() : null;
        if (host == null) {
            host = header(e, "host");
        }
        return "https://" + host;
    }
}
