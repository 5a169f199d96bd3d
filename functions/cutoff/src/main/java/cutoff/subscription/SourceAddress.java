package cutoff.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who a subscription request comes from, for its rate limit: the address API Gateway saw
 * ({@code requestContext.http.sourceIp}), or behind the CDN the viewer's address CloudFront gives (chosen
 * by {@code cutoff.http.Http#sourceIp}); never a header the client writes ({@code X-Forwarded-For}).
 * An IPv6 source counts by its /64 (one subscriber line or host gets a whole /64, RFC 6177, so
 * addresses within it cost an attacker nothing); an IPv4-mapped IPv6 address counts as its IPv4
 * address. A missing or unparseable source shares one bucket, {@value #UNKNOWN}, so that leaving it
 * out buys nothing.
 */
public final class SourceAddress {
    /** The bucket of every request whose source is missing or not an IP address. */
    static final String UNKNOWN = "unknown";
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    // Hex digits, colons and (for a trailing IPv4 part) dots only: InetAddress then parses a literal and
    // never asks DNS (it would for a name such as "zz::1" that is not a literal).
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private SourceAddress() {
    }

    /**
     * True when {@code s} is an IPv4 or IPv6 address literal (as {@link #of} reads it; never a name, so
     * never a DNS query): what a header claiming an address must hold before it is used.
     */
    public static boolean isAddress(String s) {
        return !of(s).equals(UNKNOWN);
    }

    /**
     * The rate-limit identity of a source: {@code v4:1.2.3.4}, {@code v6:20010db8000000a1/64}, or
     * {@value #UNKNOWN}. Same identity for every spelling of an address ({@code 2001:DB8::1} =
     * {@code 2001:0db8:0:0::1}).
     */
    static String of(String sourceIp) {
        if (sourceIp == null) {
            return UNKNOWN;
        }
        String s = sourceIp.strip();
        try {
            if (V4.matcher(s).matches()) {
                return "v4:" + InetAddress.getByName(s).getHostAddress();
            }
            if (s.indexOf(':') >= 0 && V6.matcher(s).matches()) {
                InetAddress a = InetAddress.getByName(s);
                if (a instanceof Inet4Address) {
                    return "v4:" + a.getHostAddress();
                }
                if (a instanceof Inet6Address) {
                    return "v6:" + HexFormat.of().formatHex(Arrays.copyOf(a.getAddress(), 8)) + "/64";
                }
            }
        } catch (UnknownHostException notAnAddress) {
            // fall through
        }
        return UNKNOWN;
    }
}
