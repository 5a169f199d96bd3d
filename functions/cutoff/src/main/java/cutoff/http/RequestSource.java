package cutoff.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.subscription.SourceAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Whom a request comes from, for rate limits: the address API Gateway saw, or, through the CDN, the viewer's address
 * CloudFront vouches for. Never a header the client writes ({@code X-Forwarded-For}).
 */
public final class RequestSource {
    private RequestSource() {
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
        String verify = Http.header(e, ORIGIN_VERIFY_HEADER);
        if (verify == null || !MessageDigest.isEqual(verify.getBytes(StandardCharsets.UTF_8), originVerify)) {
            return gateway;
        }
        String viewer = viewerIp(Http.header(e, VIEWER_ADDRESS_HEADER));
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
}
