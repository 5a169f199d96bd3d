package cutoff.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Form and query decoding ({@code application/x-www-form-urlencoded}, WHATWG URL §5), strictly: percent-escapes whole
 * and UTF-8 (RFC 3629), each query parameter once unless it is a list; anything else is a 400 {@link HttpProblem}
 * naming the field, never a guess.
 */
public final class Forms {
    private Forms() {
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

    /** Bytes that must be UTF-8 (RFC 3629) as text; 400 naming {@code field} otherwise. */
    static String utf8(byte[] bytes, String field) throws HttpProblem {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpProblem(400, field, field + " is not valid UTF-8");
        }
    }
}
