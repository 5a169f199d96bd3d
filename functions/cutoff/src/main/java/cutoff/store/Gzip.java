package cutoff.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Texts kept gzip-compressed (RFC 1952) in binary attributes: a draft's text and reading, a large notice's reading. */
final class Gzip {
    private Gzip() {
    }

    /** The text as UTF-8, gzip-compressed. */
    static byte[] of(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The text a binary attribute made by {@link #of} holds.
     *
     * @throws IOException when the bytes are not gzip
     */
    static String text(AttributeValue value) throws IOException {
        try (GZIPInputStream z = new GZIPInputStream(value.b().asInputStream())) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
