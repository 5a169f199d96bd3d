package cutoff.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Content negotiation for feeds: conditional requests (RFC 9110 §13.1.2) and gzip (RFC 9110 §8.4.1.3). */
final class Negotiation {
    private Negotiation() {
    }

    /** True when the header lists the tag, its weak form, or {@code *}: the client's copy is current. */
    static boolean matches(String ifNoneMatch, String etag) {
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

    /** True when {@code Accept-Encoding} lists gzip with a q-value above 0 (RFC 9110 §12.5.3). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(java.util.Locale.ROOT).split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equals("gzip") || parts[0].strip().equals("x-gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip();
                    if (p.startsWith("q=")) {
                        try {
                            return Double.parseDouble(p.substring(2)) > 0;
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 6 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entity tag of the gzip representation: the identity tag with {@code -gzip} inside the quotes. */
    static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }
}
