package cutoff.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Content negotiation for feeds: conditional requests (RFC 9110 §13.1.2) and gzip (RFC 9110 §8.4.1.3). */
public final class Negotiation {
    private Negotiation() {
    }

    /** True when the header lists the tag, its weak form, or {@code *}: the client's copy is current. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code Accept-Encoding} lists gzip (or x-gzip) with a q-value above 0 (RFC 9110 §12.5.3);
     * false without the header or when it is not the RFC's grammar ({@link MediaTypes#acceptEncoding}).
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        for (MediaTypes.Coding c : MediaTypes.acceptEncoding(acceptEncoding).orElse(java.util.List.of())) {
            if (c.coding().equals("gzip") || c.coding().equals("x-gzip")) {
                return c.quality() > 0;
            }
        }
        return false;
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 6 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entity tag of the gzip representation: the identity tag with {@code -gzip} inside the quotes. */
    public static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }
}
